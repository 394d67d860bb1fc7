"""Registering applications, the activeringsmail or letter, and the applicant's checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, SQLColumnExpression, bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from portal import audit, clock, events, scope
from portal.auth import token_services as tokens
from portal.auth.services import create_account, find_by_email
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.people import User, normalise_email
from portal.roles import Role
from portal.searchperiod import rules
from portal.searchperiod.models import END_REASONS, ENDED, OPEN, Application
from portal.urls import external_url
from portal.werkmap import services as werkmap

LETTER_TTL_SECONDS = 60 * 24 * 3600


@dataclass
class Registration:
    name: str
    born_on: date
    applied_on: date
    email: str | None = None
    phone: str | None = None
    uwv_registered_on: date | None = None


@dataclass
class Registered:
    application: Application
    letter_code: str | None  # set when there is no email: print the letter now


def person_key(name: str, born_on: date) -> str:
    """The same person: date of birth plus the name without case, accents of spacing."""
    return f"{born_on.isoformat()}|{' '.join(name.lower().split())}"[:240]


# Built once: the checklist and every search-period page ask them.
_OPEN = select(Application).where(
    Application.applicant_id == bindparam("applicant_id"), Application.status == OPEN
)
_LAST = (
    select(Application)
    .where(Application.applicant_id == bindparam("applicant_id"))
    .order_by(Application.id.desc())
    .limit(1)
)
_OPEN_OR_LATEST = _LAST.order_by(None).order_by(
    (Application.status == OPEN).desc(), Application.id.desc()
)


def open_application(applicant: User) -> Application | None:
    return db.session.scalar(_OPEN, {"applicant_id": applicant.id})


def last_application(applicant: User) -> Application | None:
    return db.session.scalar(_LAST, {"applicant_id": applicant.id})


def _duplicate(key: str) -> Application | None:
    return db.session.scalar(
        select(Application).where(Application.person_key == key, Application.status == OPEN)
    )


def _refuse_duplicate(existing: Application, actor: User | None) -> DomainError:
    """The dates of the other application only for someone who may open that person's file."""
    if actor is not None and scope.person_for(actor, existing.applicant_id) is not None:
        return DomainError(
            _(
                "There is already an open application for this person, registered "
                "on %(date)s. Its search period ends on %(end)s.",
                date=format_date(existing.created_at, "long"),
                end=format_date(existing.period_last_day, "full"),
            )
        )
    return DomainError(
        _(
            "There is already an open application for this person, in a file you may not "
            "open. A consultant of the team that handles it can help."
        )
    )


def _account(data: Registration, actor: User | None, locale: str) -> User:
    """The applicant's account: a new one, or an existing one only when that is safe: the
    confirmed owner of the address (self-registration, actor None), or a person the staff
    member may see. Staff never attach an application to a file outside their scope."""
    if data.email:
        existing = find_by_email(data.email)
        if existing is not None:
            mine = actor is None or scope.person_for(actor, existing.id) is not None
            if existing.role is Role.APPLICANT and mine:
                return existing
            if existing.role is not Role.APPLICANT and (
                actor is None or actor.role is Role.CONSULTANT
            ):  # the owner, or a colleague: may know it is a staff account
                raise DomainError(
                    _(
                        "This email address belongs to a staff account. Use the "
                        "applicant's own email address."
                    ),
                    field="email",
                )
            # A STIP volunteer, or a consultant outside the person's team: one answer for a
            # staff address and for anyone's file they may not open.
            raise DomainError(
                _(
                    "There is already an account with this email address, of someone whose "
                    "file you may not open. The person can apply with this address on the "
                    "page 'Apply for social assistance', or a consultant of their team can "
                    "register the application."
                ),
                field="email",
            )
        return create_account(
            data.name, data.email, Role.APPLICANT, locale=locale, invited_by=actor
        )
    user = User(
        name=data.name.strip(),
        email=None,
        role=Role.APPLICANT,
        locale=locale,
        invited_by_id=getattr(actor, "id", None),
    )
    db.session.add(user)
    db.session.flush()
    return user


def _team(applicant: User, actor: User | None) -> int | None:
    """The team of the person's file if it has one, else that of the staff member."""
    in_team = db.session.scalar(
        select(Application.team_id)
        .where(Application.applicant_id == applicant.id, Application.team_id.is_not(None))
        .order_by(Application.id.desc())
        .limit(1)
    )
    return in_team if in_team is not None else getattr(actor, "team_id", None)


def _same_person(applicant: User, data: Registration) -> None:
    """A registration never changes the date of birth a file already has (the STIP check and
    the duplicate check rely on it)."""
    known = last_application(applicant)
    if known is not None and known.born_on != data.born_on:
        raise DomainError(
            _("The date of birth is not the one in this person's file. Check it."),
            field="born_on",
        )


def check_period(data: Registration, now: datetime) -> rules.Period:
    """The search period of these dates; DomainError at the field when a date is missing or
    in the future (checks of the input only)."""
    if data.uwv_registered_on is not None and data.uwv_registered_on > clock.today(now):
        raise DomainError(_("This date is in the future."), field="uwv_registered_on")
    try:
        return rules.period(data.applied_on, data.born_on, data.uwv_registered_on)
    except rules.MissingUWVDate:
        raise DomainError(
            _("Under 27: fill in the date of the registration at UWV."), field="uwv_registered_on"
        ) from None


def register(
    data: Registration, channel: str, actor: User | None, now: datetime, locale: str
) -> Registered:
    """Register an application; mail the activeringsmail, or give a letter code.

    Self-registration (actor None) reaches this only after the owner of the email address
    confirmed it (portal.searchperiod.apply_services). Nothing is written before the checks
    have passed."""
    if actor is not None:
        ensure(actor, Permission.REGISTER_APPLICATIONS)
    span = check_period(data, now)
    key = person_key(data.name, data.born_on)
    existing = _duplicate(key)
    if existing is not None:
        raise _refuse_duplicate(existing, actor)
    applicant = _account(data, actor, locale)
    _same_person(applicant, data)
    before = last_application(applicant)
    application = Application(
        applicant_id=applicant.id,
        name=data.name.strip(),
        born_on=data.born_on,
        email=normalise_email(data.email) if data.email else None,
        phone=data.phone or None,
        applied_on=data.applied_on,
        uwv_registered_on=data.uwv_registered_on,
        under_27=span.under_27,
        period_start=span.start,
        period_last_day=span.last_day,
        channel=channel,
        registered_by_id=getattr(actor, "id", None),
        created_at=now,
        team_id=_team(applicant, actor),
        status=OPEN,
        person_key=key,
        # Someone who applies again keeps what they did: the Entreevragenlijst is sent once.
        questionnaire_sent_at=before.questionnaire_sent_at if before else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(application)
            db.session.flush()
    except IntegrityError:  # a second request for the same person at the same moment
        existing = _duplicate(key)
        assert existing is not None  # noqa: S101 -- the other request's application
        raise _refuse_duplicate(existing, actor) from None
    audit.record(
        actor or applicant, "application.register", "application", application.id, detail=channel
    )
    events.application_registered.send(None, application=application)
    code = None
    if applicant.email:
        _activeringsmail(application, applicant, now, locale)
    else:
        code = tokens.letter_code()
        tokens.issue(applicant, tokens.LETTER, LETTER_TTL_SECONDS, now, token=code)
    return Registered(application, code)


def _activeringsmail(application: Application, applicant: User, now: datetime, locale: str) -> None:
    login_link, secret = None, {}
    if applicant.is_activated:
        login_link = external_url("auth.login")
    else:  # the activation link is kept encrypted until the mail is sent
        token = tokens.issue(
            applicant, tokens.ACTIVATE, current_app.config["ACTIVATION_TTL_SECONDS"], now
        )
        secret = {"link": external_url("auth.activate", token=token)}
    mail_locale = applicant.locale or locale
    assert applicant.email is not None  # noqa: S101 -- only called for an applicant with email
    queue_mail(
        applicant.email,
        "activeringsmail",
        mail_locale,
        application=application,
        user=applicant,
        secret=secret,
        link=login_link,
        info_link=external_url("searchperiod.info"),
    )


def facts(application: Application, norm: int) -> rules.Facts:
    """The checklist facts of one application (one count query)."""
    return facts_from(application, norm, applications_in(application))


def facts_from(application: Application, norm: int, applications: int) -> rules.Facts:
    """The checklist facts from numbers already counted (one or many applications)."""
    return rules.Facts(
        uwv_stated=application.uwv_stated_on is not None
        or application.uwv_registered_on is not None,
        cv_done=application.cv_done_at is not None,
        applications=applications,
        norm=norm,
        questionnaire_sent=application.questionnaire_sent_at is not None,
        under_27=application.under_27,
        school_settled=bool(
            application.has_startkwalificatie
            or application.school_looked_into_at
            or application.school_not_feasible
        ),
    )


def applications_in(application: Application) -> int:
    """Job applications in the applicant's Werkmap log during the period."""
    return werkmap.applications_between(
        application.applicant_id, application.period_start, application.period_last_day
    )


def _open(application: Application) -> None:
    if application.status != OPEN:
        raise DomainError(_("Your search period has ended. This can no longer be changed."))


def state_uwv(application: Application, registered_on: date, on: date) -> None:
    _open(application)
    if registered_on > on:
        raise DomainError(_("This date is in the future."), field="registered_on")
    application.uwv_stated_on = registered_on
    db.session.flush()


def settle_school(
    application: Application,
    has_startkwalificatie: bool,
    looked_into: bool,
    not_feasible: str,
    now: datetime,
) -> None:
    """Under 27: a startkwalificatie settles it; without one, looking into school or
    saying why school is not feasible now (the consultant assesses that later)."""
    _open(application)
    application.has_startkwalificatie = has_startkwalificatie
    if not has_startkwalificatie:
        reason = (not_feasible or "").strip()
        if not looked_into and not reason:
            raise DomainError(
                _(
                    "Say that you looked into going back to school, or explain "
                    "why school is not possible for you now."
                ),
                field="plan",
            )
        application.school_looked_into_at = now if looked_into else None
        application.school_not_feasible = reason or None
    db.session.flush()


def end_early(application: Application, reason: str, now: datetime) -> None:
    """Found work, started a study, or withdrew: the period ends (outflow at the gate)."""
    _open(application)
    if reason not in END_REASONS:
        raise DomainError(_("Choose a reason."), field="reason")
    application.status = ENDED
    application.end_reason = reason
    application.ended_at = now
    audit.record(
        application.applicant, "application.end", "application", application.id, detail=reason
    )
    db.session.flush()
    events.search_period_ended.send(None, application=application)


def note_cv_done(applicant_id: int, now: datetime) -> None:
    """The Werkmap CV became complete: the CV item of an open period is done."""
    application = db.session.scalar(_OPEN, {"applicant_id": applicant_id})
    if application is not None and application.cv_done_at is None:
        application.cv_done_at = now
        db.session.flush()


def note_questionnaire_sent(applicant_id: int, now: datetime) -> None:
    """The applicant sent the Entreevragenlijst: the questionnaire item of their open (or
    else latest) application is done."""
    application = db.session.scalar(_OPEN_OR_LATEST, {"applicant_id": applicant_id})
    if application is not None and application.questionnaire_sent_at is None:
        application.questionnaire_sent_at = now
        db.session.flush()


def applicant_facts(person_id: int) -> dict[str, int] | None:
    """Facts the questionnaire's signals may use: the age on the application date of the
    open (or else latest) application; None without an application."""
    application = db.session.scalar(_OPEN_OR_LATEST, {"applicant_id": person_id})
    if application is None:
        return None
    return {"age": clock.age_on(application.born_on, application.applied_on)}


def log_period(person: User, on: date) -> tuple[date, date] | None:
    """The search period of the person's open (or else latest) application, up to `on`: the
    period their job-search log is shown for by default."""
    application = open_application(person) or last_application(person)
    if application is None:
        return None
    return application.period_start, min(application.period_last_day, on)


def visible_to_consultant(
    consultant: User, applicant_id: SQLColumnExpression[int]
) -> ColumnElement[bool]:
    """The scope rule of consultants (see portal.scope): applicants of their own team and
    applicants not (yet) in any team; an application of another team puts a person outside
    the consultant's need to know."""
    return ~exists().where(
        Application.applicant_id == applicant_id,
        ~scope.team_clause(consultant, Application.team_id),
    )
