"""Survey exports to workshop themes, honest figures, charts and summaries."""
__version__ = "0.1.0"
