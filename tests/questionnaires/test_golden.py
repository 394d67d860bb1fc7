"""Golden answer sets → the outcome each scheme must give. These document the routing."""

import pytest

import questionnaires

ENTREE = questionnaires.load("entreevragenlijst", 1)
MP = questionnaires.load("aanvullend_mp", 1)
HEALTH_8 = dict.fromkeys(
    ("ph_body", "ph_mind", "ph_meaning", "ph_quality", "ph_participation", "ph_daily"), 8
)
HEALTH_5 = dict.fromkeys(HEALTH_8, 5)
HEALTH_2 = dict.fromkeys(HEALTH_8, 2)
# Version 2 asks what a person does now (the participation ladder); version 1 drops these.
DAILY_LIFE = {
    "paid_work_now": "no",
    "volunteer_now": "no",
    "activities_now": "no",
    "contacts_outside": "weekly",
    "leave_home": "most_days",
}

SELF_STARTER = {
    "work_last": "within_year",
    "work_years": "over_five",
    "education": "mbo2_havo_vwo",
    "dutch_speaking": "well",
    "dutch_reading": "well",
    "digital": "alone",
    "driving_licence": "no",
    "want_work": 5,
    "search_activity": "weekly",
    "confidence": 4,
    "expected_time": "three_months",
    "network_help": "one_or_two",
    "network_asked": "yes",
    "social_support": 4,
    "health_general": "good",
    "health_limits": "no",
    "addiction": "no",
    "debts": "no",
    "housing": "yes",
    "care": "no",
    "hours_available": 36,
    "transport": "bike",
    **DAILY_LIFE,
    **HEALTH_8,
}
NEWCOMER = {
    **SELF_STARTER,
    "work_last": "never",
    "work_years": "none",
    "education": "foreign",
    "dutch_speaking": "a_little",
    "dutch_reading": "a_little",
    "digital": "with_help",
    "network_help": "no",
    "network_asked": "no",
    "social_support": 2,
}
CANNOT_WORK = {
    **SELF_STARTER,
    "health_limits": "cannot_work_now",
    "health_kind": ["mental"],
    "health_general": "poor",
}
MANY_BARRIERS = {
    **NEWCOMER,
    "health_general": "poor",
    "health_limits": "a_lot",
    "health_kind": ["physical"],
    "debts": "yes_no_help",
    "housing": "temporary",
    **HEALTH_5,
}
BARRIERS_LOW_WELLBEING = {
    **SELF_STARTER,
    "health_general": "poor",
    "health_limits": "a_lot",
    "health_kind": ["physical", "mental"],
    "addiction": "yes",
    **HEALTH_2,
}
SKILLED_SOME_BARRIERS = {
    **SELF_STARTER,
    "education": "hbo_wo",
    "driving_licence": "yes",
    "care": "yes",
    "health_general": "fair",
    "search_activity": "once_twice",
    "confidence": 3,
    "expected_time": "six_months",
}

CASES = {
    # name: (answers, drie_lijnen route, outcome, clientprofielen route, outcome)
    "self-starter": (SELF_STARTER, "self_starter", "zelfdoeners", "ready_for_work", "profile_1"),
    "self-starter with less education": (
        {
            **SELF_STARTER,
            "work_last": "one_to_three",
            "work_years": "one_to_five",
            "education": "vmbo_mbo1",
            "dutch_speaking": "reasonably",
            "dutch_reading": "reasonably",
        },
        "self_starter",
        "zelfdoeners",
        "work_with_support",
        "profile_2",
    ),
    "newcomer who wants to work": (
        NEWCOMER,
        "support_to_work",
        "klantondersteuning",
        "work_with_support",
        "profile_2",
    ),
    "cannot work now": (
        CANNOT_WORK,
        "cannot_work_now",
        "maatschappelijke_participatie",
        "care_first",
        "profile_4",
    ),
    "many barriers, few skills": (
        MANY_BARRIERS,
        "many_barriers_few_skills",
        "maatschappelijke_participatie",
        "activation_first",
        "profile_3",
    ),
    "barriers and low wellbeing": (
        BARRIERS_LOW_WELLBEING,
        "cannot_work_now",
        "maatschappelijke_participatie",
        "care_first",
        "profile_4",
    ),
    "skilled with some barriers": (
        SKILLED_SOME_BARRIERS,
        "support_to_work",
        "klantondersteuning",
        "work_with_support",
        "profile_2",
    ),
}


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
