"""Matching a person's own ratings and wishes to occupations and vacancies: pure, deterministic
and explained. There is no hidden score: what counts is shown, and the order is the same rule
for everyone, in words on the page:

1. more of the required competences the person has (rated at the scan's `counts_from` level or
   higher, by themselves: the ratings of others are shown beside them, never mixed in);
2. in a sector the person wishes before one that is not;
3. higher demand in the region first (occupations; vacancies are equal here);
4. by name, then by id (so equal names keep one order).

An occupation or vacancy is shown when at least one required competence matches or its sector
is one the person wishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEMAND_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Need:
    """A required competence."""

    id: int
    name: str
    how_to_learn: str = ""


@dataclass(frozen=True)
class Offer:
    """An occupation or a vacancy, as far as the matching reads it."""

    id: int
    name: str
    sector: str
    needs: tuple[Need, ...]
    demand: str | None = None  # occupations only
    hours: int | None = None  # vacancies only


@dataclass(frozen=True)
class Match:
    offer: Offer
    have: tuple[Need, ...]  # required competences the person has
    missing: tuple[Need, ...]  # required competences the person does not have (yet)
    sector_fits: bool
    hours_fit: bool | None  # None: the vacancy or the person says no hours

    def order(self) -> tuple:
        return (
            -len(self.have),
            not self.sector_fits,
            DEMAND_RANK.get(self.offer.demand or "", 0),
            self.offer.name.casefold(),
            self.offer.id,
        )


def has(levels: Mapping[int, int], competence_id: int, counts_from: int) -> bool:
    return levels.get(competence_id, 0) >= counts_from


def match(
    offers: Iterable[Offer],
    levels: Mapping[int, int],
    counts_from: int,
    sectors: Iterable[str] = (),
    hours: int | float | None = None,
) -> list[Match]:
    """Every offer that fits at least in one way, in the explained order."""
    wished = set(sectors)
    found = []
    for offer in offers:
        have = tuple(n for n in offer.needs if has(levels, n.id, counts_from))
        missing = tuple(n for n in offer.needs if not has(levels, n.id, counts_from))
        sector_fits = offer.sector in wished
        if not have and not sector_fits:
            continue
        hours_fit = None if offer.hours is None or hours is None else offer.hours <= hours
        found.append(Match(offer, have, missing, sector_fits, hours_fit))
    return sorted(found, key=Match.order)
