"""Analysis stages: shared statistics (``stats``), the WP1 needs tables (``needs``), WP3 evaluation (``feedback``)."""
