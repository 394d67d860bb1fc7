"""Visibility, parsing of answers, missing answers, navigation."""

import pytest

import questionnaires
from questionnaires import engine
from questionnaires.model import Question
from tests.questionnaires.test_golden import CANNOT_WORK, SELF_STARTER

ENTREE = questionnaires.load("entreevragenlijst", 1)


def test_health_details_page_only_shows_when_health_limits_work():
    ids = [s.id for s in engine.visible_steps(ENTREE, SELF_STARTER)]
    assert "health_details" not in ids and len(ids) == 8
    ids = [s.id for s in engine.visible_steps(ENTREE, CANNOT_WORK)]
    assert "health_details" in ids and len(ids) == 9


def test_the_page_count_does_not_grow_while_answering_in_order():
    """It went from 8 to 9 when "health problems" opened the health details page; now a page
    that may still appear is counted until the answer it depends on is given."""
    for answers in (SELF_STARTER, CANNOT_WORK):
        counts, given = [], {}
        for step in engine.visible_steps(ENTREE, answers):
            counts.append(len(engine.possible_steps(ENTREE, given)))
            given.update({q.id: answers[q.id] for q in step.questions if q.id in answers})
        counts.append(len(engine.possible_steps(ENTREE, given)))
        assert counts == sorted(counts, reverse=True), counts
        assert counts[0] == 9 and counts[-1] == len(engine.visible_steps(ENTREE, answers))


def test_hidden_answers_are_dropped():
    cleaned = engine.clean(ENTREE, {**SELF_STARTER, "health_kind": ["mental"]})
    assert "health_kind" not in cleaned


def test_missing_required_lists_visible_required_questions_only():
    missing = engine.missing_required(ENTREE, {"health_limits": "no"})
    assert "work_last" in missing and "health_kind" not in missing
    assert "gender" not in missing  # optional
    missing = engine.missing_required(ENTREE, {"health_limits": "a_lot"})
    assert "health_kind" in missing


def test_neighbours_skip_hidden_pages():
    previous, following = engine.neighbours(ENTREE, "health", SELF_STARTER)
    assert previous.id == "network" and following.id == "situation"
    previous, following = engine.neighbours(ENTREE, "health", CANNOT_WORK)
    assert following.id == "health_details"
    assert engine.neighbours(ENTREE, "about", SELF_STARTER)[1] is None


@pytest.mark.parametrize(
    ("question_id", "raw", "expected"),
    [
        ("work_last", "never", ("never", None)),
        ("work_last", "sometimes", ("sometimes", engine.INVALID_CHOICE)),
        ("work_last", "", (None, engine.REQUIRED)),
        ("gender", "", (None, None)),
        ("want_work", "5", (5, None)),
        ("want_work", "6", ("6", engine.OUT_OF_RANGE)),
        ("want_work", "2.5", ("2.5", engine.OUT_OF_RANGE)),
        ("hours_available", "12,5", (12.5, None)),
        ("hours_available", "veel", ("veel", engine.NOT_A_NUMBER)),
        ("hours_available", "nan", ("nan", engine.NOT_A_NUMBER)),
        ("hours_available", "41", ("41", engine.OUT_OF_RANGE)),
        ("health_kind", ["mental", "physical"], (["physical", "mental"], None)),
        ("health_kind", ["x"], (["x"], engine.INVALID_CHOICE)),
        ("health_kind", [], ([], engine.REQUIRED)),
    ],
)
def test_parse_answer(question_id, raw, expected):
    assert engine.parse_answer(ENTREE.question(question_id), raw) == expected


def test_parse_text_and_date():
    mp = questionnaires.load("aanvullend_mp", 1)
    limits = mp.question("limits")
    assert engine.parse_answer(limits, "  rustig  ") == ("rustig", None)
    assert engine.parse_answer(limits, "x" * 2001)[1] == engine.TOO_LONG
    when = Question(id="d", type="date", text="When?")
    assert engine.parse_answer(when, "2026-02-29") == ("2026-02-29", engine.INVALID_DATE)
    assert engine.parse_answer(when, "2028-02-29") == ("2028-02-29", None)
