"""Small-cell suppression: no table lets a reader find out a number of fewer than 5 people.

The rule (README, "Figures"):

1. *Primary*: every count from 1 to 4 (a cell, a subtotal or a total) is shown as "< 5". A zero
   is shown: it describes no one. (Hiding zeros too would hide far more: a line of zeros
   next to a shown total pins them all, so a count of 5 or more would have to go as well.)
2. *Secondary*: a reader knows that each line of a table adds up (the cells of a row to the
   row total, the row totals to the grand total, …). Where a small count could be worked out
   from what is shown, more cells are hidden (shown as "x": a number of 5 or more, hidden so
   that a small number cannot be calculated). Totals are hidden only when hiding cells does not
   suffice.
3. *Withheld*: when even hiding every count leaves one that a reader can work out (tiny
   tables: four people in cells of "< 5" whose sums pin each of them down), no count of the
   tables is published at all: every one, zeros included, is WITHHELD (".").
4. *Linked tables*: tables of one page and their CSV files that share a total (the file by
   line × gender and by line × age share the line totals) are protected together: a shared
   count is hidden in all of them or in none, and no hidden count relies on a shared one.

A hidden count counts as protected when a reader who knows everything shown — the shown
counts, that "< 5" means 1–4 and "x" means 5 or more, and every line's sum — still finds at
least two possible values for it. That is checked exactly: the possible tables differ from the
real one by moves that keep every line's sum, and a count can take another value exactly when
an elementary move (a cycle of +1/−1 through hidden cells, alternating between the lines they
are in) changes it while every cell stays within what the reader knows. Tables here are small
(a few rows and columns), so the search is cheap; it is capped, and a search that hits the
cap counts as "not protected", which only hides more.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

THRESHOLD = 5  # counts from 1 up to this are never shown
SHOWN, SMALL, HIDDEN, WITHHELD = "shown", "small", "hidden", "withheld"
_FREE = -1  # the node of cells that are in one line only: it asks for no sum
_MAX_STEPS = 20_000

Key = Hashable


@dataclass(frozen=True)
class Line:
    """The reader knows: sum(parts) == total."""

    parts: tuple[Key, ...]
    total: Key


@dataclass
class Table:
    """Counts by key and the sums a reader can check. Keys are global: a key used by two
    tables is the same number, shown or hidden in both."""

    values: dict[Key, int]
    lines: list[Line] = field(default_factory=list)


def one_way(prefix: Hashable, counts: Mapping[str, int], total: Key | None = None) -> Table:
    """A list of counts and their total: keys (prefix, name) and the total's key."""
    total_key = total if total is not None else (prefix, "all")
    values: dict[Key, int] = {(prefix, name): count for name, count in counts.items()}
    values[total_key] = sum(counts.values())
    lines = [Line(tuple((prefix, name) for name in counts), total_key)] if counts else []
    return Table(values, lines)


def two_way(
    prefix: Hashable,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    shared_rows: Hashable | None = None,
) -> Table:
    """A cross table with row totals, column totals and a grand total. With `shared_rows`, the
    row totals and the grand total get keys of that name, shared with other tables by rows.

    Keys: (prefix, row, column), (rows_name, "row", row), (prefix, "column", column),
    (rows_name, "all")."""
    rows_name = shared_rows if shared_rows is not None else prefix
    cell = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    values: dict[Key, int] = {(prefix, r, c): n for (r, c), n in cell.items()}
    lines = []
    for r in rows:
        values[(rows_name, "row", r)] = sum(cell[r, c] for c in columns)
        lines.append(Line(tuple((prefix, r, c) for c in columns), (rows_name, "row", r)))
    for c in columns:
        values[(prefix, "column", c)] = sum(cell[r, c] for r in rows)
        lines.append(Line(tuple((prefix, r, c) for r in rows), (prefix, "column", c)))
    values[(rows_name, "all")] = sum(cell.values())
    lines.append(Line(tuple((rows_name, "row", r) for r in rows), (rows_name, "all")))
    lines.append(Line(tuple((prefix, "column", c) for c in columns), (rows_name, "all")))
    return Table(values, lines)


@dataclass(frozen=True)
class Suppression:
    """How each count is shown: SHOWN, SMALL ("< 5"), HIDDEN ("x") or WITHHELD (".")."""

    marks: dict[Key, str]

    def mark(self, key: Key) -> str:
        return self.marks[key]

    def shown(self, key: Key) -> bool:
        return self.marks[key] == SHOWN


def protect(tables: Iterable[Table]) -> Suppression:
    """Primary and secondary suppression over tables that are published together."""
    system = _System(list(tables))
    hidden = {k for k, v in system.values.items() if small(v)}
    weak: list[Key] = []
    for _ in range(len(system.values) + 1):
        system.close_lines(hidden)
        weak = system.weak(hidden)
        if not weak:
            break
        added = {c for key in weak if (c := system.partner(key, hidden)) is not None}
        if not added:  # nothing left to hide: everything is hidden
            hidden = set(system.values)
            weak = system.weak(hidden)
            break
        hidden |= added
    else:
        weak = system.weak(hidden)
    if weak:  # even hiding everything left a count to work out: publish none of them
        return Suppression(dict.fromkeys(system.values, WITHHELD))
    marks = {
        key: SHOWN if key not in hidden else (SMALL if small(value) else HIDDEN)
        for key, value in system.values.items()
    }
    return Suppression(marks)


def small(value: int) -> bool:
    """1 to 4 people: never shown."""
    return 0 < value < THRESHOLD


def possible_values_differ(tables: Iterable[Table], suppression: Suppression, key: Key) -> bool:
    """For tests and checks: can a reader who sees this suppression not pin `key` down?"""
    system = _System(list(tables))
    if suppression.marks.get(key) == WITHHELD:
        return True
    hidden = {k for k, m in suppression.marks.items() if m != SHOWN}
    return key not in hidden or system.protected(key, hidden)


class _System:
    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables
        self.values: dict[Key, int] = {}
        self.owners: dict[Key, list[int]] = {}
        for index, table in enumerate(tables):
            for key, value in table.values.items():
                if self.values.setdefault(key, value) != value:
                    raise ValueError(f"tables disagree about {key!r}")
                self.owners.setdefault(key, []).append(index)
        self.shared = {key for key, owners in self.owners.items() if len(owners) > 1}
        self.totals = {line.total for table in tables for line in table.lines}
        self.graphs = [_Graph(table) for table in tables]

    # Secondary suppression -------------------------------------------------------------

    def _lines_with(self, key: Key) -> list[Line]:
        return [
            line
            for table in self.tables
            for line in table.lines
            if key in line.parts or key == line.total
        ]

    def _cost(self, key: Key, line: Line, hidden: set[Key]) -> tuple[bool, bool, int, int]:
        """To hide in `line`: its parts before its total, counts of one table before shared
        ones, a count whose other lines have one hidden count already (hiding it helps there
        too), then the smallest."""
        lonely = sum(
            1
            for other in self._lines_with(key)
            if sum(k in hidden for k in (*other.parts, other.total)) == 1
        )
        return (key == line.total, key in self.shared, -lonely, self.values[key])

    def _cheapest(self, lines: list[Line], hidden: set[Key]) -> Key | None:
        options = [
            (self._cost(k, line, hidden), repr(k), k)
            for line in lines
            for k in (*line.parts, line.total)
            if k not in hidden and self.values[k] > 0  # a zero describes no one: never hidden
        ]
        return min(options)[2] if options else None

    def close_lines(self, hidden: set[Key]) -> None:
        """No line with exactly one hidden count: hide the cheapest other count of it."""
        changed = True
        while changed:
            changed = False
            for table in self.tables:
                for line in table.lines:
                    members = (*line.parts, line.total)
                    inside = sum(k in hidden for k in members)
                    if inside == 1 and inside < len(members):
                        choice = self._cheapest([line], hidden)
                        if choice is not None:
                            hidden.add(choice)
                            changed = True

    def partner(self, key: Key, hidden: set[Key]) -> Key | None:
        """The cheapest shown count in a line with `key`, to hide next; when those lines are
        all hidden, the cheapest shown count anywhere."""
        choice = self._cheapest(self._lines_with(key), hidden)
        if choice is None:
            rest = [k for k in self.values if k not in hidden and self.values[k] > 0]
            choice = min(
                rest, key=lambda k: (k in self.totals, self.values[k], repr(k)), default=None
            )
        return choice

    # The reader's view -----------------------------------------------------------------

    def weak(self, hidden: set[Key]) -> list[Key]:
        """The hidden counts a reader can still work out."""
        return [key for key in sorted(hidden, key=repr) if not self.protected(key, hidden)]

    def protected(self, key: Key, hidden: set[Key]) -> bool:
        """Can `key` take another value in some set of tables the reader cannot tell apart?

        A move in the first table with `key` may change shared counts; every other table
        with one of those must then have a move that changes them in the same way."""
        if key not in hidden:
            return False
        if not self._lines_with(key):  # in no sum: nothing pins it down
            return True
        budget = [_MAX_STEPS]
        first = self.owners[key][0]
        for sign in (1, -1):
            for delta in self.graphs[first].moves(key, sign, self, hidden, None, budget):
                wanted = {k: d for k, d in delta.items() if k in self.shared}
                if all(
                    self._matched(index, wanted, hidden, budget)
                    for index in {i for k in wanted for i in self.owners[k]} - {first}
                ):
                    return True
        return False

    def _matched(self, index: int, wanted: dict[Key, int], hidden: set[Key], budget) -> bool:
        here = {k: d for k, d in wanted.items() if index in self.owners[k]}
        start = next(iter(here))
        moves = self.graphs[index].moves(start, here[start], self, hidden, here, budget)
        return next(moves, None) is not None

    def fits(self, key: Key, step: int) -> bool:
        value = self.values[key]
        low, high = (1, THRESHOLD - 1) if small(value) else (THRESHOLD, float("inf"))
        return low <= value + step <= high


class _Graph:
    """A table as a graph: its lines are nodes, its counts edges between the (one or two)
    lines they are in; a count in one line hangs from the free node, which asks no sum."""

    def __init__(self, table: Table) -> None:
        self.weight: dict[Key, dict[int, int]] = {}
        for index, line in enumerate(table.lines):
            for part in line.parts:
                self.weight.setdefault(part, {})[index] = 1
            self.weight.setdefault(line.total, {})[index] = -1
        self.ends: dict[Key, tuple[int, int]] = {}
        for key, lines in self.weight.items():
            if len(lines) > 2:
                raise ValueError(f"{key!r} is in more than two lines of one table")
            ordered = sorted(lines)
            self.ends[key] = (ordered[0], ordered[1] if len(ordered) == 2 else _FREE)

    def moves(
        self,
        start: Key,
        sign: int,
        system: _System,
        hidden: set[Key],
        wanted: dict[Key, int] | None,
        budget: list[int],
    ) -> Iterator[dict[Key, int]]:
        """Cycles of +1/−1 through hidden counts, starting with `sign` on `start`, that keep
        every line's sum and every count within what the reader knows. With `wanted`, shared
        counts move exactly as it says (and all of them do)."""

        def allowed(key: Key, step: int) -> bool:
            if key not in hidden or not system.fits(key, step):
                return False
            if wanted is not None and key in system.shared:
                return wanted.get(key) == step
            return True

        if start not in self.ends or not allowed(start, sign):
            return
        home, away = self.ends[start]
        adjacent: dict[int, list[Key]] = {}
        for key, (a, b) in self.ends.items():
            if key in hidden and key != start:
                adjacent.setdefault(a, []).append(key)
                adjacent.setdefault(b, []).append(key)

        def closed(delta: dict[Key, int]) -> bool:
            if wanted is None:
                return True
            return {k for k in delta if k in system.shared} == set(wanted)

        def walk(node: int, came: Key, delta: dict[Key, int], nodes: set[int]):
            budget[0] -= 1
            if budget[0] < 0:
                return
            for key in adjacent.get(node, ()):
                if key in delta:
                    continue
                if node == _FREE:
                    steps: tuple[int, ...] = (1, -1)
                else:
                    steps = (-self.weight[came][node] * delta[came] * self.weight[key][node],)
                for step in steps:
                    if not allowed(key, step):
                        continue
                    a, b = self.ends[key]
                    other = b if a == node else a
                    moved = {**delta, key: step}
                    if other == home:
                        balanced = (
                            self.weight[start][home] * sign + self.weight[key][home] * step == 0
                        )
                        if balanced and closed(moved):
                            yield moved
                    elif other not in nodes:
                        yield from walk(other, key, moved, nodes | {other})

        yield from walk(away, start, {start: sign}, {home, away})
