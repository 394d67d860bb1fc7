"""The municipal theme: colours from configuration, checked for WCAG contrast."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
TEXT = "#1a1a1a"
MINIMUM = 4.5  # WCAG 2.1 AA for normal text
# What sits on each colour: white text on the primary colours, dark text on the accent.
AGAINST = {
    "PORTAL_THEME_PRIMARY": WHITE,
    "PORTAL_THEME_PRIMARY_DARK": WHITE,
    "PORTAL_THEME_ACCENT_BG": TEXT,
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """Contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_theme(config: dict) -> None:
    """Refuse theme colours that are not #rrggbb or fail 4.5:1 contrast where text sits on them."""
    for key, against in AGAINST.items():
        value = str(config[key])
        if not HEX.match(value):
            raise RuntimeError(f"{key} must be a colour written as #rrggbb, not {value!r}.")
        if contrast(value, against) < MINIMUM:
            raise RuntimeError(
                f"{key} {value} has too little contrast with {against} (WCAG 2.1 AA needs 4.5:1)."
            )


def theme_css(config: dict, selector: str = ".portal-theme") -> str:
    """The custom properties that carry the configured colours."""
    return (
        f"{selector} {{\n"
        f"  --portal-primary: {config['PORTAL_THEME_PRIMARY']};\n"
        f"  --portal-primary-dark: {config['PORTAL_THEME_PRIMARY_DARK']};\n"
        f"  --portal-accent-bg: {config['PORTAL_THEME_ACCENT_BG']};\n"
        "}\n"
    )
