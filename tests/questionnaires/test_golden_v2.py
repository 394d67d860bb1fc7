"""Version 2 of the Entreevragenlijst: reasons that name the person's situation, signals that
know the age on the application date, the programme that fits the hours, the ladder step."""

import pytest

import questionnaires
from tests.questionnaires.test_golden import (
    BARRIERS_LOW_WELLBEING,
    CANNOT_WORK,
    HEALTH_5,
    MANY_BARRIERS,
    NEWCOMER,
    SELF_STARTER,
    SKILLED_SOME_BARRIERS,
)

V2 = questionnaires.load("entreevragenlijst", 2)


def texts(*factor_ids: str) -> set[str]:
    return {V2.factor(f).text for f in factor_ids}


NO_DIPLOMA_DEBTS_CHILDREN = {
    **SELF_STARTER,
    "education": "vmbo_mbo1",
    "debts": "yes_with_help",
    "care": "yes",
}
FEW_SKILLS_LITTLE_DRIVE = {
    **NEWCOMER,
    "want_work": 2,
    "search_activity": "not",
    "confidence": 1,
    "expected_time": "later",
    **HEALTH_5,
}

# name: (answers, drie_lijnen route, clientprofielen route, factors the reasons must name)
CASES = {
    "self-starter": (
        SELF_STARTER,
        "self_starter",
        "ready_for_work",
        {"recent_work", "qualified", "searching", "network", "no_obstacles"},
    ),
    "newcomer: language, diploma, network": (
        NEWCOMER,
        "support_to_work",
        "work_with_support",
        {"little_dutch", "foreign_diploma", "no_recent_work", "small_network"},
    ),
    "no diploma, debts and children": (
        NO_DIPLOMA_DEBTS_CHILDREN,
        "support_to_work",
        "work_with_support",
        {"no_diploma", "debts", "care"},
    ),
    "skilled, health and care": (
        SKILLED_SOME_BARRIERS,
        "support_to_work",
        "work_with_support",
        {"health_limits", "care", "not_searching", "not_confident"},
    ),
    "cannot work now": (
        CANNOT_WORK,
        "cannot_work_now",
        "care_first",
        {"cannot_work_now", "health_limits"},
    ),
    "many barriers, few skills": (
        MANY_BARRIERS,
        "many_barriers_few_skills",
        "activation_first",
        {"health_limits", "debts", "housing", "little_dutch", "no_recent_work"},
    ),
    "barriers and low wellbeing": (
        BARRIERS_LOW_WELLBEING,
        "cannot_work_now",
        "care_first",
        {"addiction", "low_mood", "low_fitness"},
    ),
    "few skills and little drive": (
        FEW_SKILLS_LITTLE_DRIVE,
        "support_to_work",
        "activation_first",
        {"not_sure_about_work", "not_searching", "not_confident", "little_dutch"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_route_names_the_factors_of_the_situation(name):
    answers, route_3, route_p, factors = CASES[name]
    three = questionnaires.evaluate(V2, answers, "drie_lijnen")
    profiles = questionnaires.evaluate(V2, answers, "clientprofielen")
    assert three.complete and profiles.complete
    assert (three.route_id, profiles.route_id) == (route_3, route_p)
    for result in (three, profiles):
        assert factors <= set(result.factors), result.factors
        assert texts(*factors) <= set(result.reasons)


def test_every_route_of_version_2_is_reached_by_a_golden_case():
    reached = {
        (scheme, case[1 if scheme == "drie_lijnen" else 2])
        for case in CASES.values()
        for scheme in V2.schemes
    }
    for scheme in V2.schemes.values():
        assert {(scheme.id, r.id) for r in scheme.all_routes} <= reached


def test_the_default_route_names_what_stands_between_the_person_and_work():
    result = questionnaires.evaluate(V2, NO_DIPLOMA_DEBTS_CHILDREN)
    assert result.reasons == (
        "You can work, but some things still stand between you and a job.",
        "You do not have a diploma of MBO level 2, HAVO or VWO.",
        "You have debts that you cannot pay.",
        "You take care of children or a family member.",
    )


@pytest.mark.parametrize(
    ("age", "expected"),
    [(19, True), (26, True), (27, False), (39, False), (40, False), (58, False), (62, False)],
)
def test_the_school_signal_holds_only_under_27(age, expected):
    answers = {**SELF_STARTER, "education": "none"}
    result = questionnaires.evaluate(V2, answers, facts={"age": age})
    assert ("school_first" in result.signals) is expected
    # Age reaches signals only: scores, route and reasons are the same at every age.
    young = questionnaires.evaluate(V2, answers, facts={"age": 19})
    assert (result.route_id, result.scores, result.reasons) == (
        young.route_id,
        young.scores,
        young.reasons,
    )


def test_without_a_known_age_there_is_no_school_signal():
    assert (
        "school_first"
        not in questionnaires.evaluate(V2, {**SELF_STARTER, "education": "none"}).signals
    )


@pytest.mark.parametrize("scheme", ["drie_lijnen", "clientprofielen"])
def test_eight_hours_a_week_is_never_a_16_to_20_hours_programme(scheme):
    for answers in (NEWCOMER, NO_DIPLOMA_DEBTS_CHILDREN, SKILLED_SOME_BARRIERS, SELF_STARTER):
        result = questionnaires.evaluate(V2, {**answers, "hours_available": 8}, scheme)
        assert "16 to 20" not in result.next_steps
        assert "few_hours" in result.signals
    full_time = questionnaires.evaluate(V2, {**NEWCOMER, "hours_available": 36})
    assert "16 to 20 hours a week" in full_time.next_steps


def test_the_next_steps_of_another_outcome_fit_the_hours_too():
    answers = {**SELF_STARTER, "hours_available": 8, "care": "yes"}
    steps = questionnaires.next_steps(V2, "drie_lijnen", "klantondersteuning", answers)
    assert "fits the hours you can work and your care" in steps


@pytest.mark.parametrize(
    ("daily", "step"),
    [
        ({"paid_work_now": "yes", "paid_hours": 24}, 6),
        ({"paid_work_now": "yes", "paid_hours": 8}, 5),
        ({"paid_work_now": "yes_supported", "paid_hours": 20}, 5),
        ({"volunteer_now": "yes"}, 4),
        ({"activities_now": "yes"}, 3),
        ({"contacts_outside": "monthly"}, 2),
        ({"contacts_outside": "rarely", "leave_home": "rarely"}, 1),
    ],
)
def test_the_ladder_step_comes_from_the_facts(daily, step):
    answers = {**NEWCOMER, **daily}  # no paid work for more than 3 years
    result = questionnaires.evaluate(V2, answers)
    assert result.complete and result.ladder == step
    assert result.ladder_text


def test_recent_paid_work_counts_as_step_6_only_when_health_allows_work():
    assert questionnaires.evaluate(V2, SELF_STARTER).ladder == 6
    assert questionnaires.evaluate(V2, CANNOT_WORK).ladder == 2


def test_hidden_hours_do_not_count_for_the_ladder():
    result = questionnaires.evaluate(V2, {**NEWCOMER, "paid_hours": 30})
    assert "paid_hours" not in result.answers and result.ladder == 2


def test_applicant_help_on_signals():
    result = questionnaires.evaluate(
        V2, {**MANY_BARRIERS, "housing": "no", "digital": "no", "care": "yes"}, facts={"age": 24}
    )
    shown = {s.id: s for s in V2.signals if s.id in result.signals and s.help}
    assert {"debt_help", "language_support", "digital_help", "housing", "care_duties"} <= set(shown)
    assert shown["debt_help"].link.startswith("https://")
    staff_only = [s.id for s in V2.signals if not s.help]
    assert staff_only == ["few_hours"]


def test_schemes_say_what_their_outcomes_mean():
    three, profiles = V2.scheme("drie_lijnen"), V2.scheme("clientprofielen")
    assert [o.id for o in three.outcomes if o.self_reliant] == ["zelfdoeners"]
    assert [o.id for o in profiles.outcomes if o.self_reliant] == ["profile_1"]
    assert [o.id for o in three.outcomes if o.supplementary] == ["maatschappelijke_participatie"]
    assert [o.id for o in profiles.outcomes if o.supplementary] == ["profile_3", "profile_4"]
    assert [o.id for o in profiles.outcomes if o.receives_hand_back] == ["profile_2"]
    assert profiles.outcome("profile_3").ladder == (3, 4)


def test_someone_sent_to_klantondersteuning_is_not_profile_1():
    """Version 1 gave profile 1 ("paid work within 4 months, with little help") to people
    whom the three service lines send to Klantondersteuning; version 2 does not."""
    lonely_graduate = {
        **SELF_STARTER,
        "education": "hbo_wo",
        "driving_licence": "yes",
        "network_help": "no",
        "network_asked": "no",
        "social_support": 2,
    }
    v1 = questionnaires.load("entreevragenlijst", 1)
    assert questionnaires.evaluate(v1, lonely_graduate, "clientprofielen").outcome.id == "profile_1"
    three = questionnaires.evaluate(V2, lonely_graduate, "drie_lijnen")
    profiles = questionnaires.evaluate(V2, lonely_graduate, "clientprofielen")
    assert (three.outcome.id, profiles.outcome.id) == ("klantondersteuning", "profile_2")
    assert texts("small_network", "little_support") <= set(profiles.reasons)
