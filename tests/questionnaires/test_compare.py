"""Re-scoring stored answers with two versions: who would move, per route, with examples."""

import pytest

import questionnaires
from questionnaires.compare import compare
from questionnaires.loader import DEFINITIONS, load_file
from tests.questionnaires.test_golden import CANNOT_WORK, NEWCOMER, SELF_STARTER

V2 = questionnaires.load("entreevragenlijst", 2)


def changed_weight(tmp_path, old: str, new: str):
    """Version 2 with one weight changed, as a municipality would draft version 3."""
    text = (DEFINITIONS / "entreevragenlijst.v2.toml").read_text()
    assert text.count(old) == 1
    path = tmp_path / "entreevragenlijst.v3.toml"
    path.write_text(text.replace(old, new).replace("version = 2", "version = 3", 1))
    return load_file(path)


def test_a_changed_weight_moves_the_people_it_touches(tmp_path):
    # Recent work no longer counts for competences: a self-starter with a middling CV drops
    # from kunnen "mid" to "low" and needs support; others stay where they were.
    v3 = changed_weight(
        tmp_path,
        '{ value = "within_year", label = "Less than 1 year ago", weights = { kunnen = 3 } }',
        '{ value = "within_year", label = "Less than 1 year ago", weights = { kunnen = 0 } }',
    )
    middling = {
        **SELF_STARTER,
        "work_years": "under_one",
        "education": "vmbo_mbo1",
        "digital": "with_help",
    }
    responses = [
        (1, SELF_STARTER, "drie_lijnen"),
        (2, middling, "drie_lijnen"),
        (3, middling, "drie_lijnen"),
        (4, NEWCOMER, "drie_lijnen"),
        (5, CANNOT_WORK, "drie_lijnen"),
        (6, middling, "clientprofielen"),
    ]
    report = compare(V2, v3, responses, examples=1)
    assert (report.total, report.moved, report.skipped) == (6, 3, 0)
    by_route = {(r.scheme, r.route): r for r in report.routes}
    starters = by_route[("drie_lijnen", "self_starter")]
    assert (starters.total, starters.stay, starters.moved) == (3, 1, 2)
    [move] = starters.moves
    assert (move.to_route, move.to_outcome, move.count) == (
        "support_to_work",
        "klantondersteuning",
        2,
    )
    assert move.examples == (2,)  # at most `examples` references
    assert by_route[("drie_lijnen", "support_to_work")].moved == 0
    assert by_route[("drie_lijnen", "cannot_work_now")].moved == 0
    profile = by_route[("clientprofielen", "ready_for_work")]
    assert profile.moves[0].to_outcome == "profile_2"


def test_the_same_version_moves_nobody():
    responses = [(n, a, "drie_lijnen") for n, a in enumerate((SELF_STARTER, NEWCOMER))]
    report = compare(V2, V2, responses)
    assert report.moved == 0 and report.new_questions == () and report.incomplete == 0


def test_older_answers_lack_the_new_questions():
    v1 = questionnaires.load("entreevragenlijst", 1)
    old_answers = {k: v for k, v in SELF_STARTER.items() if k in {q.id for q in v1.questions}}
    report = compare(v1, V2, [(1, old_answers, "drie_lijnen"), (2, old_answers, "elsewhere")])
    assert "paid_work_now" in report.new_questions
    assert (report.incomplete, report.skipped) == (1, 1)


def test_versions_of_different_questionnaires_are_refused():
    with pytest.raises(ValueError, match="one questionnaire"):
        compare(V2, questionnaires.load("aanvullend_mp", 1), [])
