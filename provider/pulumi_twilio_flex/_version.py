"""The package version, kept here only: pyproject.toml reads it, CHANGELOG.md's latest release must match it."""

__version__ = "0.1.0"
