"""What the applicant and the consultant read: reasons, help on offer, the ladder step, the
next steps of the line that was decided, the supplementary questions and when they open."""

from datetime import date

from sqlalchemy import select

from portal import clock
from portal.db import db, unit_of_work, utcnow
from portal.intake import services
from portal.intake.models import QuestionnaireResponse
from portal.mail import OutboxMessage
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.searchperiod.models import Application
from tests.questionnaires.test_golden import CANNOT_WORK, NEWCOMER, SELF_STARTER

RESULT = "/questions/entreevragenlijst/result"


def _registered(make_user, born: date, name: str = "Sanne Smit"):
    """An applicant with an application (so the questionnaire knows the age on its date)."""
    applicant = make_user(Role.APPLICANT, name=name)
    today = clock.today(utcnow())
    with unit_of_work():
        periods.register(
            periods.Registration(
                name=name,
                born_on=born,
                applied_on=today,
                email=applicant.email,
                uwv_registered_on=today,
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )
    return applicant


def test_the_applicant_reads_help_on_offer_and_their_ladder_step(
    client, login, make_user, make_response
):
    applicant = make_user(Role.APPLICANT)
    make_response(applicant, answers={**NEWCOMER, "debts": "yes_no_help", "digital": "no"})
    login(applicant)
    html = client.get(RESULT).get_data(as_text=True)
    assert "Hulp die u kunt krijgen" in html
    assert "De gemeente helpt mensen met schulden, gratis." in html
    assert 'href="https://www.geldfit.nl"' in html and 'rel="noopener noreferrer"' in html
    assert "Een vrijwilliger bij een hulppunt (STIP) helpt u met de computer" in html
    assert "Trede 2 van 6 op de participatieladder." in html and 'aria-current="step"' in html
    # The default route names what stands between the person and work.
    assert "U spreekt of leest nog maar een beetje Nederlands." in html
    assert "U heeft schulden die u niet kunt betalen." in html


def test_school_signal_only_under_27_on_the_application_date(make_user, make_response):
    no_diploma = {**SELF_STARTER, "education": "none"}
    forty = _registered(make_user, date(1986, 1, 1), "Veertig Jaar")
    young = _registered(make_user, date(2004, 1, 1), "Jong Mens")
    unknown = make_user(Role.APPLICANT)
    # Version 1 called it no_startkwalificatie and gave it at every age.
    assert not {"school_first", "no_startkwalificatie"} & set(
        make_response(forty, answers=no_diploma).signals
    )
    assert "school_first" in make_response(young, answers=no_diploma).signals
    assert "school_first" not in make_response(unknown, answers=no_diploma).signals


def test_eight_hours_a_week_is_not_a_16_to_20_hours_programme(
    client, login, make_user, make_response
):
    applicant = make_user(Role.APPLICANT)
    make_response(applicant, answers={**NEWCOMER, "hours_available": 8})
    login(applicant)
    html = client.get(RESULT).get_data(as_text=True)
    assert "16 tot 20 uur" not in html
    assert "Het programma past bij de uren die u kunt werken." in html
    assert "U kunt minder dan 16 uur per week werken." in html


def test_after_an_override_the_result_shows_the_decided_line_and_its_next_steps(
    client, make_client, login, make_user, make_response
):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant, answers={**SELF_STARTER, "care": "no"})
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    desk.submit(
        f"/advice/{response.id}/decide",
        {"outcome": "klantondersteuning", "reason": "Wil eerst begeleiding."},
    )
    login(applicant)
    html = client.get(RESULT).get_data(as_text=True)
    assert "U begint bij het Centrum voor werk" in html
    assert "informatiebijeenkomst" not in html  # the next steps of the overruled advice
    assert "Waarom we eerst adviseerden: U zoekt zelf werk, met hulp van een e-coach" in html
    assert "Wil eerst begeleiding." in html


def test_participation_advice_says_when_the_questions_open_and_mails_then(
    client, make_client, login, make_user, make_response
):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant, answers=CANNOT_WORK)
    login(applicant)
    html = client.get(RESULT).get_data(as_text=True)
    assert "We sturen u een e-mail als die vragen klaarstaan." in html
    assert "Beantwoord de volgende vragen" not in html
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    desk.submit(f"/advice/{response.id}/decide", {"outcome": "maatschappelijke_participatie"})
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == applicant.email)
    ).all()
    assert [m.subject for m in mails] == ["Er staan nieuwe vragen voor u klaar in het portaal"]
    assert "gezondheid" not in mails[0].body_text.lower()  # nothing sensitive in a mail
    html = client.get(RESULT).get_data(as_text=True)
    assert "Beantwoord de volgende vragen" in html


def test_the_decision_page_does_not_show_gender_or_country_of_birth(
    client, login_as, make_user, make_response
):
    response = make_response(
        make_user(Role.APPLICANT),
        answers={**SELF_STARTER, "gender": "woman", "country_of_birth": "abroad"},
    )
    login_as(Role.CONSULTANT)
    html = client.get(f"/advice/{response.id}").get_data(as_text=True)
    assert "Wat is uw geslacht?" not in html and "Waar bent u geboren?" not in html
    assert "In een ander land" not in html
    assert "Participatieladder: trede 6 van 6" in html


def test_the_supplementary_questionnaire_hands_back_to_profile_2_in_the_profile_scheme(
    make_app, make_user, make_response, login
):
    app = make_app(PORTAL_ROUTING_SCHEME="clientprofielen")
    applicant = make_user(Role.APPLICANT)
    consultant = make_user(Role.CONSULTANT)
    response = make_response(applicant, answers=CANNOT_WORK, scheme="clientprofielen")
    assert response.advised_outcome == "profile_4"
    with unit_of_work():
        services.decide(consultant, db.session.merge(response), "profile_4", "", utcnow())
    assert services.available(applicant) == ["entreevragenlijst", "aanvullend_mp"]
    supplementary = make_response(
        applicant,
        questionnaire_id="aanvullend_mp",
        answers={
            "activities": ["paid_work"],
            "motivation": 4,
            "hours": 20,
            "guidance": "no",
            "travel_alone": "yes",
            "work_within_year": "yes",
        },
    )
    web = app.test_client()
    login(consultant, target=web)  # with the second factor
    html = web.get(f"/advice/{supplementary.id}").get_data(as_text=True)
    assert "Profiel 2: betaald werk binnen 12 maanden, met hulp" in html
    assert "Klantondersteuning: toch begeleiding naar werk" not in html
    with unit_of_work():
        services.decide(
            consultant, db.session.merge(supplementary), "klantondersteuning", "", utcnow()
        )
    db.session.expire_all()
    line = services.service_line(applicant)
    assert (line.scheme, line.outcome, line.activity) == ("clientprofielen", "profile_2", None)


def test_sending_the_questionnaire_ticks_the_search_period_item(make_user, make_response):
    applicant = _registered(make_user, date(1980, 1, 1))
    [application] = db.session.scalars(select(Application)).all()
    assert application.questionnaire_sent_at is None
    response = make_response(applicant)
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.questionnaire_sent_at == response.submitted_at
    stored = db.session.get(QuestionnaireResponse, response.id)
    assert stored.ladder_step == 6 and stored.version == 2


def test_applying_again_keeps_the_sent_questionnaire(make_user, make_response):
    applicant = _registered(make_user, date(1980, 1, 1), name="Eva Opnieuw")
    make_response(applicant)
    with unit_of_work():
        first = periods.open_application(db.session.merge(applicant))
        periods.end_early(first, "found_work", utcnow())
    with unit_of_work():
        again = periods.register(
            periods.Registration(
                name="Eva Opnieuw",
                born_on=date(1980, 1, 1),
                applied_on=clock.today(utcnow()),
                email=applicant.email,
            ),
            "self",
            None,
            utcnow(),
            "nl",
        ).application
    assert again.id != first.id and again.questionnaire_sent_at == first.questionnaire_sent_at
