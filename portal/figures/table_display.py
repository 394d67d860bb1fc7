"""Tables of counts as the page, the CSV file and the chart show them: suppressed counts as
"< 5" or "x" everywhere, numbers in the reader's language (Babel)."""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from portal.figures import suppression_rules as sr
from portal.spreadsheets import safe_cell

SMALL_TEXT = "< 5"
HIDDEN_TEXT = "x"
WITHHELD_TEXT = "."
CHART_WIDTH, BAR_SPACE, ROW_HEIGHT, LABEL_CHARS = 320, 250, 44, 44


@dataclass(frozen=True)
class Cell:
    text: str
    state: str  # sr.SHOWN, sr.SMALL, sr.HIDDEN or sr.WITHHELD
    value: int | None = None  # the count, only when it is shown


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    text: str


@dataclass(frozen=True)
class Grid:
    name: str
    title: str
    head: tuple[str, ...]  # the row header's column first
    rows: tuple[Row, ...]
    bars: tuple[Bar, ...] = ()
    chart_height: int = 0

    @property
    def has_hidden(self) -> bool:
        return any(cell.state == sr.HIDDEN for row in self.rows for cell in row.cells)

    @property
    def has_withheld(self) -> bool:
        return any(cell.state == sr.WITHHELD for row in self.rows for cell in row.cells)

    @property
    def has_small(self) -> bool:
        return any(cell.state == sr.SMALL for row in self.rows for cell in row.cells)


def count_cell(suppression: sr.Suppression, key: sr.Key, value: int) -> Cell:
    state = suppression.mark(key)
    if state == sr.SMALL:
        return Cell(SMALL_TEXT, state)
    if state == sr.HIDDEN:
        return Cell(HIDDEN_TEXT, state)
    if state == sr.WITHHELD:
        return Cell(WITHHELD_TEXT, state)
    return Cell(format_decimal(value), state, value)


def share_cell(part: Cell, whole: Cell) -> Cell:
    """A percentage with one decimal ("15,2%"), shown only when both counts are."""
    if part.value is None or whole.value is None or whole.value == 0:
        state = sr.SHOWN if part.state == sr.SHOWN and whole.state == sr.SHOWN else sr.HIDDEN
        return Cell("–" if state == sr.SHOWN else HIDDEN_TEXT, state)
    return Cell(format_percent(part.value / whole.value, "#,##0.0%"), sr.SHOWN)


def one_way(
    name: str,
    title: str,
    head: Sequence[str],
    labels: Mapping[str, str],
    table: sr.Table,
    suppression: sr.Suppression,
    total_label: str,
    total_key: sr.Key | None = None,
    percent: bool = True,
    chart: bool = True,
    keys: Mapping[str, sr.Key] | None = None,
) -> Grid:
    """Rows in the order of `labels` (their keys are (name, row) in `table`, or as `keys`
    says), a total row, and a percentage of the total when asked."""
    total_key = total_key if total_key is not None else (name, "all")
    total = count_cell(suppression, total_key, table.values[total_key])
    rows = []
    for row, label in labels.items():
        key = keys[row] if keys is not None else (name, row)
        cell = count_cell(suppression, key, table.values[key])
        cells = (cell, share_cell(cell, total)) if percent else (cell,)
        rows.append(Row(label, cells))
    last = (total, share_cell(total, total)) if percent else (total,)
    rows.append(Row(total_label, last, total=True))
    grid = Grid(name, title, tuple(head), tuple(rows))
    return with_chart(grid) if chart else grid


def two_way(
    name: str,
    title: str,
    corner: str,
    row_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    table: sr.Table,
    suppression: sr.Suppression,
    total_label: str,
    rows_name: Hashable | None = None,
    grand_key: sr.Key | None = None,
) -> Grid:
    """A cross table with its row totals, column totals and grand total (keys as made by
    suppression_rules.two_way; `grand_key` when the grand total was given another)."""
    rows_name = rows_name if rows_name is not None else name
    grand_key = grand_key if grand_key is not None else (rows_name, "all")
    values = table.values

    def cell(key: sr.Key) -> Cell:
        return count_cell(suppression, key, values[key])

    rows = [
        Row(
            label,
            (
                *(cell((name, r, c)) for c in column_labels),
                cell((rows_name, "row", r)),
            ),
        )
        for r, label in row_labels.items()
    ]
    totals = (*(cell((name, "column", c)) for c in column_labels), cell(grand_key))
    rows.append(Row(total_label, totals, total=True))
    head = (corner, *column_labels.values(), total_label)
    return Grid(name, title, head, tuple(rows))


def with_chart(grid: Grid) -> Grid:
    """Horizontal bars of the first column (not the total); a suppressed count has no bar,
    only its "< 5" or "x", so the chart shows no more than the table."""
    body = [row for row in grid.rows if not row.total]
    shown = [row.cells[0].value for row in body if row.cells[0].value is not None]
    top = max(shown, default=0) or 1
    bars = []
    for n, row in enumerate(body):
        value = row.cells[0].value
        label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
        width = round(BAR_SPACE * value / top, 1) if value else 0
        bars.append(Bar(label, n * ROW_HEIGHT, width, row.cells[0].text))
    return Grid(grid.name, grid.title, grid.head, grid.rows, tuple(bars), len(body) * ROW_HEIGHT)


def csv_document(grid: Grid, period_text: str) -> str:
    """The table as on the page (semicolons, for Dutch spreadsheet programs), the period on
    the first line and what "< 5" and "x" mean at the end."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(grid.title), safe_cell(period_text)])
    writer.writerow([safe_cell(h) for h in grid.head])
    for row in grid.rows:
        writer.writerow([safe_cell(row.label), *(_csv_text(cell) for cell in row.cells)])
    if grid.has_small:
        writer.writerow([_("< 5: fewer than 5 people (1 to 4).")])
    if grid.has_hidden:
        writer.writerow([_("x: hidden, so that a number under 5 cannot be worked out.")])
    return out.getvalue()


def _csv_text(cell: Cell) -> str:
    """Counts without thousands separators, so every spreadsheet reads them as numbers."""
    return str(cell.value) if cell.value is not None else safe_cell(cell.text)
