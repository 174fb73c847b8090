"""REST endpoints for Django's account system: a drop-in for djoser 2.x."""

__version__ = "2.4.0"
