"""The team lead's oversight: fairness per group (small groups hidden, large differences
marked) and a questionnaire version compared on everyone's stored answers, also on the CLI."""

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db, unit_of_work
from portal.intake import oversight_services as oversight
from portal.roles import Role
from questionnaires import load
from questionnaires.loader import DEFINITIONS
from tests.questionnaires.test_golden import NEWCOMER, SELF_STARTER

ACTIVE = load(*MAIN_QUESTIONNAIRE)


def _people(make_user, make_response, count, answers, **about):
    for _ in range(count):
        make_response(make_user(Role.APPLICANT), answers={**answers, **about})


def _audited(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def _group(table, value):
    return next(g for g in table.groups if g.value == value)


def test_fairness_per_group_hides_small_groups_and_marks_large_differences(
    make_user, make_response
):
    _people(make_user, make_response, 8, SELF_STARTER, gender="woman")
    _people(make_user, make_response, 2, NEWCOMER, gender="woman")
    _people(make_user, make_response, 2, SELF_STARTER, gender="man")
    _people(make_user, make_response, 8, NEWCOMER, gender="man")
    _people(make_user, make_response, 3, SELF_STARTER, gender="other")
    _people(make_user, make_response, 4, NEWCOMER)  # no answer
    lead = make_user(Role.TEAM_LEAD)
    with unit_of_work():  # the audit row is written when the transaction commits
        tables = oversight.fairness(lead, ACTIVE, min_group=10, ratio=0.8)
    gender = next(t for t in tables if t.question.id == "gender" and t.scheme == "drie_lijnen")
    women, men = _group(gender, "woman"), _group(gender, "man")
    assert (women.size, men.size) == (10, 10)
    assert (women.advice["zelfdoeners"].share, men.advice["zelfdoeners"].share) == (80, 20)
    assert women.advice["zelfdoeners"].flagged and men.advice["klantondersteuning"].flagged
    assert _group(gender, "other").suppressed and _group(gender, None).suppressed
    assert not women.suppressed and gender.flagged
    # Nobody answered 'country of birth': one group, no answer, and nothing to compare.
    country = next(t for t in tables if t.question.id == "country_of_birth")
    assert [g.size for g in country.groups if g.size] == [27]
    assert not country.flagged
    assert len(_audited("fairness.view")) == 1


def test_one_small_group_hides_the_next_smallest_too(make_user, make_response):
    _people(make_user, make_response, 10, SELF_STARTER, gender="woman")
    _people(make_user, make_response, 12, SELF_STARTER, gender="man")
    _people(make_user, make_response, 3, SELF_STARTER, gender="other")
    tables = oversight.fairness(make_user(Role.TEAM_LEAD), ACTIVE, min_group=10, ratio=0.8)
    gender = next(t for t in tables if t.question.id == "gender")
    # total minus the shown groups would give the small group away
    assert _group(gender, "other").suppressed and _group(gender, "woman").suppressed
    assert not _group(gender, "man").suppressed


def test_the_fairness_page(client, login_as, make_user, make_response):
    _people(make_user, make_response, 10, SELF_STARTER, gender="woman")
    _people(make_user, make_response, 10, NEWCOMER, gender="man")
    _people(make_user, make_response, 2, NEWCOMER, gender="other")
    login_as(Role.TEAM_LEAD)
    html = client.get("/advice/fairness").get_data(as_text=True)
    assert "Is het advies eerlijk?" in html and "Wat is uw geslacht?" in html
    assert "(groot verschil)" in html and "minder dan 10" in html
    assert "Vrouw" in html and "Man" in html


def test_the_versions_page_compares_on_stored_answers(client, login_as, make_user, make_response):
    lonely_graduate = {
        **SELF_STARTER,
        "education": "hbo_wo",
        "driving_licence": "yes",
        "network_help": "no",
        "network_asked": "no",
        "social_support": 2,
    }
    make_response(make_user(Role.APPLICANT), answers=lonely_graduate, scheme="clientprofielen")
    make_response(make_user(Role.APPLICANT), answers=SELF_STARTER, scheme="clientprofielen")
    lead = login_as(Role.TEAM_LEAD)
    html = client.get("/advice/versions").get_data(as_text=True)
    assert "versie 2" in html and '<option value="1"' in html
    html = client.get("/advice/versions?version=1").get_data(as_text=True)
    assert "2 mensen hebben de vragenlijst verstuurd." in html
    assert "Van hen zou 1 persoon ander advies krijgen." in html  # profile 1 under version 1
    assert "Profiel 1: betaald werk binnen 4 maanden" in html
    [event] = _audited("questionnaire.compare")
    assert event.actor_id == lead.id and event.detail == "entreevragenlijst v2 v1: 2"
    assert client.get("/advice/versions?version=2").status_code == 404  # the active one


def test_cli_compare_reports_moves_per_route_for_a_changed_weight(
    app, make_user, make_response, tmp_path
):
    middling = {
        **SELF_STARTER,
        "work_years": "under_one",
        "education": "vmbo_mbo1",
        "digital": "with_help",
    }
    first = make_response(make_user(Role.APPLICANT), answers=middling)
    make_response(make_user(Role.APPLICANT), answers=NEWCOMER)
    draft = tmp_path / "entreevragenlijst.v3.toml"
    old = '{ value = "within_year", label = "Less than 1 year ago", weights = { kunnen = 3 } }'
    text = (DEFINITIONS / "entreevragenlijst.v2.toml").read_text()
    draft.write_text(
        text.replace(old, old.replace("kunnen = 3", "kunnen = 0")).replace(
            "version = 2", "version = 3", 1
        )
    )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["questionnaires", "compare", "v2", "v3", "--file", str(draft)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "entreevragenlijst v2 -> v3: 2 responses, 1 would get other advice"
    assert "drie_lijnen self_starter (zelfdoeners): 1 responses, 0 stay, 1 move" in lines
    assert f"    -> support_to_work (klantondersteuning): 1, e.g. #{first.id}" in lines
    assert "drie_lijnen support_to_work (klantondersteuning): 1 responses, 1 stay, 0 move" in lines
    same = runner.invoke(args=["questionnaires", "compare", "v2", "v2"])
    assert same.output.splitlines()[0].endswith("2 responses, 0 would get other advice")
    wrong = runner.invoke(args=["questionnaires", "compare", "v2", "v9"])
    assert wrong.exit_code != 0 and "entreevragenlijst.v9.toml" in wrong.output
    bad = runner.invoke(args=["questionnaires", "compare", "two", "v2"])
    assert bad.exit_code != 0 and "is not a version" in bad.output
