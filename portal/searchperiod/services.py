"""Registering applications, the activeringsmail or letter, and the applicant's checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, SQLColumnExpression, exists, select
from sqlalchemy.exc import IntegrityError

from portal import audit, events, scope
from portal.auth import token_services as tokens
from portal.auth.services import complete_with_token, create_account, find_by_email, normalise_email
from portal.db import db
from portal.domain import DomainError
from portal.intake import services as intake
from portal.intake.models import SUBMITTED
from portal.mail import queue_mail
from portal.people import User
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


def open_application(applicant: User) -> Application | None:
    return db.session.scalar(
        select(Application).where(
            Application.applicant_id == applicant.id, Application.status == OPEN
        )
    )


def last_application(applicant: User) -> Application | None:
    return db.session.scalar(
        select(Application)
        .where(Application.applicant_id == applicant.id)
        .order_by(Application.id.desc())
        .limit(1)
    )


def _duplicate(key: str) -> Application | None:
    return db.session.scalar(
        select(Application).where(Application.person_key == key, Application.status == OPEN)
    )


def _refuse_duplicate(existing: Application) -> DomainError:
    return DomainError(
        _(
            "There is already an open application for this person, registered "
            "on %(date)s. Its search period ends on %(end)s.",
            date=format_date(existing.created_at, "long"),
            end=format_date(existing.period_last_day, "full"),
        )
    )


def _account(data: Registration, actor: User | None, locale: str) -> User:
    if data.email:
        existing = find_by_email(data.email)
        if existing is not None:
            if existing.role is not Role.APPLICANT:
                raise DomainError(
                    _(
                        "This email address belongs to a staff account. Use the "
                        "applicant's own email address."
                    ),
                    field="email",
                )
            return existing
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


def register(
    data: Registration, channel: str, actor: User | None, now: datetime, locale: str
) -> Registered:
    """Register an application; mail the activeringsmail, or give a letter code."""
    try:
        span = rules.period(data.applied_on, data.born_on, data.uwv_registered_on)
    except rules.MissingUWVDate:
        raise DomainError(
            _("Under 27: fill in the date of the registration at UWV."), field="uwv_registered_on"
        ) from None
    key = person_key(data.name, data.born_on)
    existing = _duplicate(key)
    if existing is not None:
        raise _refuse_duplicate(existing)
    applicant = _account(data, actor, locale)
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
        team_id=getattr(actor, "team_id", None),
        status=OPEN,
        person_key=key,
    )
    try:
        with db.session.begin_nested():
            db.session.add(application)
            db.session.flush()
    except IntegrityError:  # a second request for the same person at the same moment
        existing = _duplicate(key)
        assert existing is not None  # noqa: S101 -- the other request's application
        raise _refuse_duplicate(existing) from None
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
    if applicant.is_activated:
        link = external_url("auth.login")
    else:
        token = tokens.issue(
            applicant, tokens.ACTIVATE, current_app.config["ACTIVATION_TTL_SECONDS"], now
        )
        link = external_url("auth.activate", token=token)
    mail_locale = applicant.locale or locale
    assert applicant.email is not None  # noqa: S101 -- only called for an applicant with email
    queue_mail(
        applicant.email,
        "activeringsmail",
        mail_locale,
        application=application,
        user=applicant,
        link=link,
        info_link=external_url("searchperiod.info"),
    )


def activate_with_letter(
    code: str, born_on: date, email: str, password: str, now: datetime
) -> User:
    """A person without email activates with the letter code and their date of birth,
    choosing the email address and password they will sign in with."""
    token = tokens.find_valid(code, tokens.LETTER, now)
    application = open_application(token.user) if token else None
    if token is None or application is None or application.born_on != born_on:
        raise DomainError(_("The code or the date of birth is not correct."), field="code")
    if find_by_email(email) is not None:
        raise DomainError(_("There is already an account with this email address."), field="email")
    token.user.email = normalise_email(email)
    application.email = token.user.email
    db.session.flush()
    return complete_with_token(token, password, now)


def facts(application: Application, norm: int) -> rules.Facts:
    """The checklist facts of one application (one count query, one lookup)."""
    sent = intake.latest(application.applicant, "entreevragenlijst")
    return facts_from(
        application,
        norm,
        applications_in(application),
        sent is not None and sent.status == SUBMITTED,
    )


def facts_from(
    application: Application, norm: int, applications: int, questionnaire_sent: bool
) -> rules.Facts:
    """The checklist facts from numbers already counted (one or many applications)."""
    return rules.Facts(
        uwv_stated=application.uwv_stated_on is not None
        or application.uwv_registered_on is not None,
        cv_done=application.cv_done_at is not None,
        applications=applications,
        norm=norm,
        questionnaire_sent=questionnaire_sent,
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
    application = db.session.scalar(
        select(Application).where(
            Application.applicant_id == applicant_id, Application.status == OPEN
        )
    )
    if application is not None and application.cv_done_at is None:
        application.cv_done_at = now
        db.session.flush()


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
