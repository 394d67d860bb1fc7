"""Example answer sets for the Entreevragenlijst and the advice each routing scheme gives them.

They document the routing (the golden tests check them), and the benches and browser tests
answer with them. Plain data: importing this module needs nothing but the standard library.
"""

from __future__ import annotations

from typing import Any

Answers = dict[str, Any]

HEALTH_8: Answers = dict.fromkeys(
    ("ph_body", "ph_mind", "ph_meaning", "ph_quality", "ph_participation", "ph_daily"), 8
)
HEALTH_5: Answers = dict.fromkeys(HEALTH_8, 5)
HEALTH_2: Answers = dict.fromkeys(HEALTH_8, 2)
# Version 2 asks what a person does now (the participation ladder); version 1 drops these.
DAILY_LIFE: Answers = {
    "paid_work_now": "no",
    "volunteer_now": "no",
    "activities_now": "no",
    "contacts_outside": "weekly",
    "leave_home": "most_days",
}

SELF_STARTER: Answers = {
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
NEWCOMER: Answers = {
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
CANNOT_WORK: Answers = {
    **SELF_STARTER,
    "health_limits": "cannot_work_now",
    "health_kind": ["mental"],
    "health_general": "poor",
}
MANY_BARRIERS: Answers = {
    **NEWCOMER,
    "health_general": "poor",
    "health_limits": "a_lot",
    "health_kind": ["physical"],
    "debts": "yes_no_help",
    "housing": "temporary",
    **HEALTH_5,
}
BARRIERS_LOW_WELLBEING: Answers = {
    **SELF_STARTER,
    "health_general": "poor",
    "health_limits": "a_lot",
    "health_kind": ["physical", "mental"],
    "addiction": "yes",
    **HEALTH_2,
}
SKILLED_SOME_BARRIERS: Answers = {
    **SELF_STARTER,
    "education": "hbo_wo",
    "driving_licence": "yes",
    "care": "yes",
    "health_general": "fair",
    "search_activity": "once_twice",
    "confidence": 3,
    "expected_time": "six_months",
}

CASES: dict[str, tuple[Answers, str, str, str, str]] = {
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
