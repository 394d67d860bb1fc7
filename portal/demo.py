"""Demo data for `make run`: one account per role and a handful of applicants (idempotent)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal import clock, mandates
from portal.acting import Location
from portal.auth.password_services import hash_password
from portal.caseload import services as caseload
from portal.catalogue.models import Service
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db, utcnow
from portal.figures.models import Goal
from portal.intake import services as intake
from portal.labour import import_services as labour
from portal.meetings.models import Meeting
from portal.messages.models import Template
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.stip.models import Volunteer
from portal.werkmap import services as werkmap

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 -- demo mode only, printed on purpose

# (role, email, name): the logins shown on the home page and in the terminal in demo mode.
DEMO_ACCOUNTS: tuple[tuple[Role, str, str], ...] = (
    (Role.APPLICANT, "aanvrager@demo.example", "Samira El Amrani"),
    (Role.ECOACH, "ecoach@demo.example", "Eva de Coach"),
    (Role.STIP, "stip@demo.example", "Stefan Vrijwilliger"),
    (Role.CONSULTANT, "consulent@demo.example", "Karin Klantondersteuner"),
    (Role.TEAM_LEAD, "teamleider@demo.example", "Tom Teamleider"),
    (Role.MANAGEMENT, "management@demo.example", "Maria Management"),
    (Role.FUNCTIONAL_ADMIN, "beheerder@demo.example", "Bea Beheerder"),
    (Role.REPRESENTATIVE, "bewindvoerder@demo.example", "Bram Bewindvoerder"),
)

_HEALTH = {
    f"ph_{part}": 7 for part in ("body", "mind", "meaning", "quality", "participation", "daily")
}
_READY = {
    "work_last": "within_year",
    "work_years": "over_five",
    "education": "mbo2_havo_vwo",
    "dutch_speaking": "well",
    "dutch_reading": "well",
    "digital": "alone",
    "driving_licence": "yes",
    "want_work": 5,
    "search_activity": "weekly",
    "confidence": 4,
    "expected_time": "three_months",
    "network_help": "several",
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
    "paid_work_now": "no",
    "volunteer_now": "no",
    "activities_now": "no",
    "contacts_outside": "weekly",
    "leave_home": "most_days",
    **_HEALTH,
}
# Submitted Entreevragenlijsten, so that a consultant has advice to confirm in the demo.
DEMO_ANSWERS = {
    "jan.jansen@demo.example": _READY,
    "fatma.yilmaz@demo.example": {
        **_READY,
        "work_last": "never",
        "work_years": "none",
        "education": "foreign",
        "dutch_speaking": "a_little",
        "dutch_reading": "a_little",
        "network_help": "no",
        "network_asked": "no",
        "debts": "yes_no_help",
    },
    "linda.bakker@demo.example": {
        **_READY,
        "health_general": "poor",
        "health_limits": "cannot_work_now",
        "health_kind": ["mental"],
    },
}

DEMO_APPLICANTS: tuple[tuple[str, str], ...] = (
    ("jan.jansen@demo.example", "Jan Jansen"),
    ("fatma.yilmaz@demo.example", "Fatma Yılmaz"),
    ("ahmad.haidari@demo.example", "Ahmad Haidari"),
    ("linda.bakker@demo.example", "Linda Bakker"),
    ("mohamed.diallo@demo.example", "Mohamed Diallo"),
)


def seed_demo(scheme: str = "drie_lijnen") -> list[tuple[Role, str, str]]:
    """Create the demo accounts and questionnaires that do not exist yet; return the logins."""
    now = utcnow()
    password_hash = hash_password(DEMO_PASSWORD)
    wanted = [*DEMO_ACCOUNTS, *((Role.APPLICANT, e, n) for e, n in DEMO_APPLICANTS)]
    existing = set(
        db.session.scalars(
            select(User.email).where(User.email.in_([email for _, email, _ in wanted]))
        )
    )
    for role, email, name in wanted:
        if email not in existing:
            db.session.add(
                User(
                    email=email, name=name, role=role, password_hash=password_hash, activated_at=now
                )
            )
    db.session.flush()
    _demo_team_and_period(now)
    for email, answers in DEMO_ANSWERS.items():
        applicant = db.session.scalar(select(User).where(User.email == email))
        if intake.latest(applicant, "entreevragenlijst") is None:
            response = intake.start(applicant, "entreevragenlijst", scheme, now)
            response.answers = dict(answers)
            intake.submit(response, now)
    _demo_coaching(now)
    _demo_caseload(now, scheme)
    _demo_help_point()
    _demo_goal(now)
    _demo_mandates(now)
    labour.seed_demo(clock.today(now), now)  # competences, occupations in demand, vacancies
    return list(DEMO_ACCOUNTS)


def _demo_goal(now) -> None:
    """A goal like seed 002 §6: no more than 45 people under 27 on 1 January next year."""
    if db.session.scalar(select(Goal.id).limit(1)) is not None:
        return
    lead = db.session.scalar(select(User).where(User.email == "teamleider@demo.example"))
    if lead is not None:
        db.session.add(
            Goal(
                name="Doel 1: jongeren onder 27",
                measure="under_27",
                comparison="at_most",
                target=45,
                due_on=date(clock.today(now).year + 1, 1, 1),
                created_by_id=lead.id,
                created_at=now,
            )
        )
        db.session.flush()


def _demo_mandates(now) -> None:
    """The demo bewindvoerder acts for two people (a court decision each), to switch between."""
    representative = db.session.scalar(
        select(User).where(User.email == "bewindvoerder@demo.example")
    )
    for n, email in enumerate(("aanvrager@demo.example", "fatma.yilmaz@demo.example"), 1):
        person = db.session.scalar(select(User).where(User.email == email))
        if representative is None or person is None or mandates.of_person(person.id):
            continue
        db.session.add(
            mandates.Mandate(
                person_id=person.id,
                representative_id=representative.id,
                kind=mandates.Kind.BEWIND.value,
                reference=f"C/16/2026000{n} BW",
                active_from=now,
            )
        )
    db.session.flush()


def _demo_coaching(now) -> None:
    """A few services in the catalogue, a ready text and an information meeting next week."""
    for name, kind, provider in (
        ("Workshop cv maken", "workshop", "Werkplein"),
        ("Workshop solliciteren", "workshop", "Werkplein"),
        ("Jobhunting", "coaching", "Gemeente"),
        ("Taalmaatje", "language", "Humanitas"),
    ):
        if db.session.scalar(select(Service.id).where(Service.name == name)) is None:
            db.session.add(Service(name=name, kind=kind, provider=provider))
    if db.session.scalar(select(Template.id)) is None:
        db.session.add(
            Template(
                title="Logboek bijhouden",
                body=(
                    "Dag {first_name},\n\nIk zie weinig sollicitaties in je logboek. Wil je bijhouden "
                    "wat je doet? Dan kan ik je beter helpen.\n\nGroet, {coach_name}"
                ),
            )
        )
    if db.session.scalar(select(Meeting.id)) is None:
        db.session.add(
            Meeting(
                starts_at=now + timedelta(days=7),
                place="Werkplein, zaal 2",
                capacity=30,
                created_at=now,
            )
        )
    db.session.flush()


def _demo_help_point() -> None:
    """A STIP location with the demo volunteer."""
    place = db.session.scalar(select(Location).where(Location.name == "Buurthuis De Wijkpost"))
    if place is None:
        place = Location(
            name="Buurthuis De Wijkpost",
            address="Dorpsstraat 1",
            opening_hours="Maandag tot en met donderdag, 9:00 tot 12:00",
        )
        db.session.add(place)
        db.session.flush()
    volunteer = db.session.scalar(select(User).where(User.email == "stip@demo.example"))
    if volunteer is not None and db.session.get(Volunteer, volunteer.id) is None:
        db.session.add(Volunteer(user_id=volunteer.id, location_id=place.id))
        db.session.flush()


def _demo_caseload(now, scheme: str) -> None:
    """Two confirmed Zelfdoeners: Ahmad with Eva de Coach and a few log entries, Mohamed still
    waiting for a coach (for the team lead's page)."""
    consultant = db.session.scalar(select(User).where(User.email == "consulent@demo.example"))
    coach = db.session.execute(select(User).where(User.email == "ecoach@demo.example")).scalar_one()
    outcome = next(
        o.id
        for o in intake.current_definition(MAIN_QUESTIONNAIRE[0]).scheme(scheme).outcomes
        if o.self_reliant
    )
    for email in ("ahmad.haidari@demo.example", "mohamed.diallo@demo.example"):
        person = db.session.execute(select(User).where(User.email == email)).scalar_one()
        if intake.latest(person, "entreevragenlijst") is not None:
            continue
        response = intake.start(person, "entreevragenlijst", scheme, now)
        response.answers = dict(_READY)
        intake.submit(response, now)
        intake.decide(consultant, response, outcome, "", now)
        if email.startswith("ahmad"):
            caseload.assign(person.id, coach.id, None, now)
            on = clock.today(now)
            for days, organisation, job in (
                (2, "Bol", "Orderpicker"),
                (6, "Jumbo", "Vakkenvuller"),
                (9, "PostNL", "Sorteerder"),
            ):
                werkmap.add(
                    person.id,
                    person,
                    werkmap.EntryData(
                        day=on - timedelta(days=days),
                        kind="application",
                        organisation=organisation,
                        job_title=job,
                        channel="online_form",
                    ),
                    on,
                    now,
                )


def _demo_team_and_period(now) -> None:
    """Team Noord for the demo staff, and a search period halfway for the demo applicant."""
    team = db.session.scalar(select(Team).where(Team.name == "Team Noord"))
    if team is None:
        team = Team(name="Team Noord")
        db.session.add(team)
        db.session.flush()
    staff = db.session.scalars(
        select(User).where(
            User.email.in_(["consulent@demo.example", "stip@demo.example", "ecoach@demo.example"])
        )
    ).all()
    for member in staff:
        member.team_id = member.team_id or team.id
    consultant = next((u for u in staff if u.email == "consulent@demo.example"), None)
    applicant = db.session.scalar(select(User).where(User.email == "aanvrager@demo.example"))
    if applicant is not None and periods.last_application(applicant) is None:
        periods.register(
            periods.Registration(
                name=applicant.name,
                born_on=date(1990, 4, 12),
                email=applicant.email,
                applied_on=clock.today(now) - timedelta(days=12),
            ),
            "consultant",
            consultant,
            now,
            "nl",
        )
