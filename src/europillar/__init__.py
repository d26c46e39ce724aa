"""europillar: an open, reproducible planning model for a European pillar of defence."""

__version__ = "0.1.0"

__all__ = ["__version__"]
