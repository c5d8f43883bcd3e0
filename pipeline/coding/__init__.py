"""Theme coding: taxonomies (YAML), the seeded and self-training coder, emerging themes from `other`."""
from pipeline.coding.coder import ThemeCoder, coding_params
from pipeline.coding.emerging import emerging_themes
from pipeline.coding.taxonomy import OTHER, Taxonomy, Theme, load_taxonomy

__all__ = ["OTHER", "Taxonomy", "Theme", "ThemeCoder", "coding_params", "emerging_themes", "load_taxonomy"]
