"""Golden answer sets → the outcome each scheme must give. These document the routing."""

import pytest

import questionnaires
from questionnaires.examples import (  # noqa: F401 -- other tests import them from here
    BARRIERS_LOW_WELLBEING,
    CANNOT_WORK,
    CASES,
    DAILY_LIFE,
    HEALTH_2,
    HEALTH_5,
    HEALTH_8,
    MANY_BARRIERS,
    NEWCOMER,
    SELF_STARTER,
    SKILLED_SOME_BARRIERS,
)

ENTREE = questionnaires.load("entreevragenlijst", 1)
MP = questionnaires.load("aanvullend_mp", 1)


@pytest.mark.parametrize("name", sorted(CASES))
def test_entreevragenlijst_golden(name):
    answers, route_3, outcome_3, route_p, outcome_p = CASES[name]
    three = questionnaires.evaluate(ENTREE, answers, "drie_lijnen")
    profiles = questionnaires.evaluate(ENTREE, answers, "clientprofielen")
    assert three.complete and profiles.complete
    assert (three.route_id, three.outcome.id) == (route_3, outcome_3)
    assert (profiles.route_id, profiles.outcome.id) == (route_p, outcome_p)


def test_signals_besides_the_route():
    result = questionnaires.evaluate(
        ENTREE, {**MANY_BARRIERS, "education": "none", "digital": "no", "housing": "no"}
    )
    assert set(result.signals) >= {
        "debt_help",
        "no_startkwalificatie",
        "language_support",
        "digital_help",
        "housing",
    }
    assert questionnaires.evaluate(ENTREE, SELF_STARTER).signals == ()


MP_BASE = {"motivation": 4, "hours": 16, "limits": ""}
MP_CASES = {
    "can after all be guided to work": (
        {
            "activities": ["paid_work"],
            "guidance": "no",
            "travel_alone": "yes",
            "work_within_year": "yes",
        },
        "back_to_work",
        "klantondersteuning",
    ),
    "sheltered work": (
        {
            "activities": ["sheltered"],
            "guidance": "always",
            "travel_alone": "no",
            "work_within_year": "no",
        },
        "sheltered",
        "sheltered_work",
    ),
    "volunteer work": (
        {
            "activities": ["volunteer"],
            "guidance": "no",
            "travel_alone": "yes",
            "work_within_year": "no",
        },
        "volunteer",
        "volunteer_work",
    ),
    "day activities": (
        {
            "activities": ["day_activities"],
            "guidance": "always",
            "travel_alone": "no",
            "work_within_year": "no",
        },
        "day_activities",
        "day_activities",
    ),
}


@pytest.mark.parametrize("name", sorted(MP_CASES))
def test_supplementary_golden(name):
    answers, route_id, outcome = MP_CASES[name]
    result = questionnaires.evaluate(MP, {**MP_BASE, **answers})
    assert result.complete
    assert (result.route_id, result.outcome.id) == (route_id, outcome)
