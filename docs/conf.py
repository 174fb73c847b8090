"""Sphinx configuration for the djoser documentation."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION_RE = r'^__version__ = "([^"]+)"'
release = re.search(
    VERSION_RE, (ROOT / "djoser" / "__init__.py").read_text(), re.MULTILINE
).group(1)
version = release

project = "djoser"
author = "the djoser reimplementation authors"
copyright = f"2026, {author}"

extensions = []
templates_path = []
exclude_patterns = ["_build"]
html_theme = "alabaster"
