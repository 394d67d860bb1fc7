"""Small-cell suppression: every count under 5 is "< 5", and no hidden count can be worked out
from the totals shown — checked against a reader who tries every table that fits."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portal.figures import suppression_rules as sr

SEED_004 = {  # "Status deelnemer" of seed 004
    "education": 21,
    "practical_training": 11,
    "follow_up_trajectory": 27,
    "sheltered_job": 44,
    "afspraakbaan": 2,
    "regular_job": 8,
    "drop_out": 19,
    "temporary_drop_out": 6,
}


def values_a_reader_allows(tables, suppression, key, slack=6):
    """Every value of `key` in tables that show what these show: the shown counts, "< 5" for
    1–4, "x" for 5 or more (up to the real value + slack), and every line's sum. Found by
    search with propagation, so small tables are checked exhaustively."""
    values = {}
    for table in tables:
        values.update(table.values)
    hidden = [k for k, mark in suppression.marks.items() if mark != sr.SHOWN]
    lines = [(list(line.parts), line.total) for t in tables for line in t.lines]

    def options(k):
        if suppression.marks[k] == sr.WITHHELD:  # the reader knows nothing of it
            return range(values[k] + slack + 1)
        return range(1, 5) if values[k] < 5 else range(5, values[k] + slack + 1)

    found = set()

    def search(assigned):
        assigned = dict(assigned)
        changed = True
        while changed:
            changed = False
            for parts, total in lines:
                unknown = [k for k in (*parts, total) if k not in assigned]
                if not unknown:
                    if sum(assigned[p] for p in parts) != assigned[total]:
                        return
                elif len(unknown) == 1:
                    k = unknown[0]
                    value = (
                        sum(assigned[p] for p in parts)
                        if k == total
                        else assigned[total] - sum(assigned[p] for p in parts if p != k)
                    )
                    if value not in options(k):
                        return
                    assigned[k] = value
                    changed = True
        free = [k for k in hidden if k not in assigned]
        if not free:
            found.add(assigned[key])
            return
        pick = min(free, key=lambda k: len(options(k)))
        for value in options(pick):
            search({**assigned, pick: value})
            if len(found) > 1:
                return

    search({k: v for k, v in values.items() if k not in hidden})
    return found


def assert_safe(tables, suppression):
    for key, mark in suppression.marks.items():
        if mark != sr.SHOWN:
            assert len(values_a_reader_allows(tables, suppression, key)) > 1, key


def test_seed_004_hides_the_small_count_and_one_more_so_the_total_can_stay():
    table = sr.one_way("status", SEED_004)
    suppression = sr.protect([table])
    hidden = {k[1]: m for k, m in suppression.marks.items() if m != sr.SHOWN}
    # Afspraakbaan (2) is "< 5"; without a second hidden count, 138 minus the rest would give 2.
    assert hidden == {"afspraakbaan": sr.SMALL, "temporary_drop_out": sr.HIDDEN}
    assert suppression.shown(("status", "all"))
    assert_safe([table], suppression)


def test_the_total_alone_would_give_the_small_count_away():
    """What differencing means: with only the primary suppression, the total recovers it."""
    table = sr.one_way("status", SEED_004)
    only_primary = sr.Suppression(
        {k: sr.SMALL if v < 5 else sr.SHOWN for k, v in table.values.items()}
    )
    assert values_a_reader_allows([table], only_primary, ("status", "afspraakbaan")) == {2}
    assert not sr.possible_values_differ([table], only_primary, ("status", "afspraakbaan"))


def test_every_count_from_1_to_4_is_small_also_totals_and_zero_is_shown():
    table = sr.two_way(
        "t", ["a", "b"], ["m", "w"], {("a", "m"): 0, ("a", "w"): 3, ("b", "m"): 9, ("b", "w"): 12}
    )
    suppression = sr.protect([table])
    assert suppression.mark(("t", "a", "m")) == sr.SHOWN  # nobody: describes no one
    assert suppression.mark(("t", "a", "w")) == sr.SMALL
    assert suppression.mark(("t", "row", "a")) == sr.SMALL  # a row total of 3
    assert_safe([table], suppression)


def test_a_cross_table_hides_a_rectangle_not_everything():
    counts = {
        ("a", "y"): 6,
        ("a", "o"): 7,
        ("b", "y"): 30,
        ("b", "o"): 6,
        ("c", "y"): 2,
        ("c", "o"): 13,
    }
    table = sr.two_way("age", ["a", "b", "c"], ["y", "o"], counts)
    suppression = sr.protect([table])
    assert_safe([table], suppression)
    assert suppression.shown(("age", "all"))
    assert sum(m != sr.SHOWN for m in suppression.marks.values()) <= 4


def test_tables_that_share_totals_hide_them_together():
    """Two cross tables of the same people (by gender, by age) share the line totals: a total
    hidden in one is hidden in both, and neither lets the other's hidden counts out."""
    rows = ["zelf", "klant", "mp"]
    gender = sr.two_way(
        "gender",
        rows,
        ["w", "m"],
        {
            ("zelf", "w"): 3,
            ("zelf", "m"): 1,
            ("klant", "w"): 20,
            ("klant", "m"): 15,
            ("mp", "w"): 9,
            ("mp", "m"): 8,
        },
        shared_rows="file",
    )
    age = sr.two_way(
        "age",
        rows,
        ["young", "old"],
        {
            ("zelf", "young"): 2,
            ("zelf", "old"): 2,
            ("klant", "young"): 5,
            ("klant", "old"): 30,
            ("mp", "young"): 6,
            ("mp", "old"): 11,
        },
        shared_rows="file",
    )
    suppression = sr.protect([gender, age])
    assert suppression.mark(("file", "row", "zelf")) == sr.SMALL  # 4 people: in both tables
    assert_safe([gender, age], suppression)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 15), min_size=1, max_size=7))
@example([1, 1, 1, 1])  # found by CI: a total of 4 over four cells pins each one to 1
def test_any_list_with_its_total_is_safe(counts):
    table = sr.one_way("o", dict(enumerate(counts)))
    suppression = sr.protect([table])
    assert_safe([table], suppression)
    if set(suppression.marks.values()) == {sr.WITHHELD}:  # no count of it is published
        return
    assert all(suppression.mark(k) == sr.SMALL for k, v in table.values.items() if 0 < v < 5)
    assert all(suppression.mark(k) == sr.SHOWN for k, v in table.values.items() if v == 0)


def test_a_list_whose_small_total_gives_its_cells_away_is_withheld():
    """Four cells of 1 and their total of 4: "< 5" everywhere still says each cell is 1."""
    table = sr.one_way("o", dict(enumerate([1, 1, 1, 1])))
    assert set(sr.protect([table]).marks.values()) == {sr.WITHHELD}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_any_small_cross_table_is_safe(rows, columns, data):
    counts = {(r, c): data.draw(st.integers(0, 12)) for r in range(rows) for c in range(columns)}
    table = sr.two_way("t", list(range(rows)), list(range(columns)), counts)
    suppression = sr.protect([table])
    assert_safe([table], suppression)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 3), st.data())
def test_any_two_linked_tables_are_safe(rows, data):
    first = {(r, c): data.draw(st.integers(0, 12)) for r in range(rows) for c in range(2)}
    second = {}
    for r in range(rows):
        total = first[r, 0] + first[r, 1]
        second[r, 0] = data.draw(st.integers(0, total))
        second[r, 1] = total - second[r, 0]
    tables = [
        sr.two_way("a", list(range(rows)), [0, 1], first, shared_rows="f"),
        sr.two_way("b", list(range(rows)), [0, 1], second, shared_rows="f"),
    ]
    suppression = sr.protect(tables)
    assert_safe(tables, suppression)
    for key, value in tables[0].values.items():
        if 0 < value < 5:
            assert suppression.mark(key) in (sr.SMALL, sr.WITHHELD)


def test_tables_that_cannot_be_protected_are_withheld_whole():
    """Found by the property test below: four people, one in each cell of a 2 × 2 table, and
    a linked table by another split with zeros. Even with every non-zero count "< 5", the
    sums pin each one down (each row holds two people of at least 1, and the grand total is
    at most 4), so no count of either table is published, zeros included."""
    first = {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 1}
    second = {(0, 0): 0, (0, 1): 2, (1, 0): 0, (1, 1): 2}
    tables = [
        sr.two_way("a", [0, 1], [0, 1], first, shared_rows="f"),
        sr.two_way("b", [0, 1], [0, 1], second, shared_rows="f"),
    ]
    everything_small = sr.Suppression(
        {k: sr.SMALL if v else sr.SHOWN for t in tables for k, v in t.values.items()}
    )
    assert values_a_reader_allows(tables, everything_small, ("a", 0, 0)) == {1}

    suppression = sr.protect(tables)
    assert set(suppression.marks.values()) == {sr.WITHHELD}
    assert_safe(tables, suppression)


def test_linked_tables_must_agree():
    first = sr.one_way("a", {"x": 3}, total=("shared", "all"))
    second = sr.one_way("b", {"y": 4}, total=("shared", "all"))
    with pytest.raises(ValueError, match="disagree"):
        sr.protect([first, second])
