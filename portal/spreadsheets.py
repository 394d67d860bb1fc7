"""Text for cells of files that people open in a spreadsheet program."""

from __future__ import annotations


def safe_cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
