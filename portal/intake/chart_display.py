"""Geometry of the Positieve Gezondheid spider web, for a server-rendered SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZE, CENTRE, RADIUS = 320, 160, 110


@dataclass(frozen=True)
class Spider:
    rings: list[str]  # polygon points of the 2, 4, 6, 8, 10 rings
    axes: list[tuple[float, float]]  # end point of each axis
    labels: list[tuple[float, float, str, str]]  # x, y, text-anchor, label number
    shape: str  # polygon points of the scores


def _point(index: int, count: int, fraction: float, mirrored: bool = False) -> tuple[float, float]:
    turn = 2 * math.pi * index / count
    angle = -math.pi / 2 + (-turn if mirrored else turn)
    return (
        round(CENTRE + RADIUS * fraction * math.cos(angle), 1),
        round(CENTRE + RADIUS * fraction * math.sin(angle), 1),
    )


def _points(values: list[float], mirrored: bool = False) -> str:
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, len(values), v, mirrored) for i, v in enumerate(values))
    )


def spider(scores: list[float | None], maximum: float = 10, mirrored: bool = False) -> Spider:
    """Rings, axes, label anchors (numbered 1..n) and the score polygon; no answer counts 0.
    Mirrored (right-to-left languages): the numbers run counter-clockwise from the top."""
    count = len(scores)
    fractions = [max(0.0, min(1.0, (s or 0) / maximum)) for s in scores]
    rings = [_points([step / 5] * count) for step in range(1, 6)]
    axes = [_point(i, count, 1, mirrored) for i in range(count)]
    labels = []
    for i in range(count):
        x, y = _point(i, count, 1.18, mirrored)
        anchor = "middle" if abs(x - CENTRE) < 5 else ("start" if x > CENTRE else "end")
        labels.append((x, y + 5, anchor, str(i + 1)))
    return Spider(rings=rings, axes=axes, labels=labels, shape=_points(fractions, mirrored))
