"""The matching: competences and wishes → occupations and vacancies, with reasons; explained
and deterministic. And the scan's definition file: loaded, checked, refused when wrong."""

import copy
import random
import tomllib

import pytest

from portal.labour import rules
from portal.labour.rules import Need, Offer
from questionnaires.checks import DefinitionError
from questionnaires.marketscan import CURRENT, SCANS, load_scan, parse_scan

CARE, DUTCH, TEAM, FORKLIFT, HEAVY = (
    Need(i, n)
    for i, n in enumerate(("zorg", "nederlands", "samenwerken", "heftruck", "zwaar werk"), start=1)
)
HELPER = Offer(1, "Helpende zorg", "care", (CARE, DUTCH, TEAM), demand="high")
NURSERY = Offer(2, "Kinderopvang", "education", (CARE, DUTCH, TEAM), demand="medium")
PICKER = Offer(3, "Orderpicker", "logistics", (FORKLIFT, HEAVY), demand="high")
GARDEN = Offer(4, "Hovenier", "green", (HEAVY,), demand="low")
OFFERS = [HELPER, NURSERY, PICKER, GARDEN]


def test_occupations_come_in_the_explained_order_with_their_reasons():
    levels = {CARE.id: 3, DUTCH.id: 2, TEAM.id: 1, HEAVY.id: 2}
    found = rules.match(OFFERS, levels, counts_from=2, sectors=["logistics"])
    assert [m.offer.name for m in found] == [
        "Helpende zorg",
        "Kinderopvang",
        "Orderpicker",
        "Hovenier",
    ]
    helper = found[0]
    assert helper.have == (CARE, DUTCH) and helper.missing == (TEAM,)  # level 1 is not enough
    assert not helper.sector_fits
    # Equal counts: the wished sector first, then demand.
    picker, garden = found[2], found[3]
    assert picker.have == (HEAVY,) and picker.sector_fits and picker.missing == (FORKLIFT,)
    assert garden.have == (HEAVY,) and not garden.sector_fits


def test_demand_then_name_break_ties_and_nothing_fitting_is_left_out():
    twin = Offer(5, "Aanvuller", "care", (CARE,), demand="high")
    found = rules.match([*OFFERS, twin], {CARE.id: 2}, counts_from=2)
    assert [m.offer.name for m in found] == ["Aanvuller", "Helpende zorg", "Kinderopvang"]
    assert rules.match(OFFERS, {}, counts_from=2) == []  # no competence, no wished sector


def test_the_same_input_in_any_order_gives_the_same_result():
    levels = {CARE.id: 2, HEAVY.id: 3}
    expected = rules.match(OFFERS, levels, 2, ["green"], 20)
    for seed in range(20):
        shuffled = OFFERS[:]
        random.Random(seed).shuffle(shuffled)
        assert rules.match(shuffled, levels, 2, ["green"], 20) == expected


def test_hours_are_a_reason_not_a_filter():
    long_job = Offer(6, "Fulltime", "care", (CARE,), hours=38)
    short_job = Offer(7, "Parttime", "care", (CARE,), hours=16)
    found = rules.match([long_job, short_job], {CARE.id: 2}, 2, [], 24)
    assert {m.offer.name: m.hours_fit for m in found} == {"Fulltime": False, "Parttime": True}
    assert rules.match([long_job], {CARE.id: 2}, 2, [], None)[0].hours_fit is None


def test_the_shipped_scan_loads_and_names_its_matching_questions():
    scan = load_scan(*CURRENT)
    assert scan.counts_from == 2 and [lv.value for lv in scan.levels] == [1, 2, 3]
    assert {r.value for r in scan.relations} >= {"coach", "employer", "volunteer"}
    assert ("care", "Care and welfare") in scan.sectors
    assert scan.question(scan.hours_question).type == "number"


def _raw():
    return tomllib.loads((SCANS / f"{CURRENT[0]}.v{CURRENT[1]}.toml").read_text())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["competences"].update(counts_from=7), "counts_from"),
        (lambda d: d["competences"]["levels"].reverse(), "lowest first"),
        (lambda d: d["matching"].update(sectors="hours"), "sectors must name"),
        (lambda d: d["matching"].update(hours="nope"), "hours must name"),
        (lambda d: d["relations"].append(dict(d["relations"][0])), "duplicate relation"),
        (lambda d: d["steps"][0].update(id="competences"), "municipality's list"),
        (lambda d: d["steps"][0]["questions"][1].update(weights={"x": 1}), "weight"),
    ],
)
def test_a_wrong_scan_definition_is_refused_precisely(change, message):
    data = copy.deepcopy(_raw())
    change(data)
    with pytest.raises(DefinitionError, match=message):
        parse_scan(data)
