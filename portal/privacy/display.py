"""The words for the retention schedule (`rules.SCHEDULE`): what each kind of record is, why
it is kept, who receives it and the legal source of its period, for the applicant's page, the
download and the records of processing. The periods themselves come from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.privacy import rules
from portal.roles import Role


@dataclass(frozen=True)
class Words:
    label: object
    what: object
    why: object
    basis: object  # the legal ground of keeping it, and of the period
    recipients: object


TEXTS = {
    "account": Words(
        _l("Your account"),
        _l("Your name, email address, language and how you sign in."),
        _l("So that you can sign in and we can reach you."),
        _l(
            "AVG art. 6(1)(e): a public task (Participatiewet). Kept as long as the rest of your file."
        ),
        _l("Staff of Work and Income who help you."),
    ),
    "search_period": Words(
        _l("Your application and first four weeks"),
        _l("Your application, the list of what you had to do, the conversation and its outcome."),
        _l("To decide on your benefit."),
        _l(
            "Participatiewet art. 41 and 44a; Archiefwet 1995 and the municipality's selection list."
        ),
        _l("Consultants of Work and Income."),
    ),
    "questionnaire": Words(
        _l("Your answers to the questions"),
        _l(
            "Your answers, also about health, addiction and debts (kept encrypted), and the advice with its reasons."
        ),
        _l("To find the help that suits you."),
        _l(
            "AVG art. 9(2)(b) and (g) with the Participatiewet. Without a benefit: deleted soon after your file closes."
        ),
        _l("Your consultant and your e-coach."),
    ),
    "benefit_file": Words(
        _l("Decisions about you"),
        _l("Which kind of help you get, the three-month review and where you were sent."),
        _l("Decisions on your benefit must be kept."),
        _l(
            "Archiefwet 1995 art. 3 and 5 with the municipality's selection list; the same period as the benefit file."
        ),
        _l("Consultants and e-coaches; the municipality's archive."),
    ),
    "coaching": Words(
        _l("Your e-coach"),
        _l(
            "Who your e-coach is, your plan, notes of staff, invitations to meetings. What your e-coach's list shows about you, such as unread messages."
        ),
        _l("To help you find work."),
        _l("AVG art. 6(1)(e) with the Participatiewet art. 7."),
        _l("Your e-coach and consultant."),
    ),
    "werkmap": Words(
        _l("Your Werkmap and files"),
        _l("Your job applications, CV, work profile and the files you sent."),
        _l("To show what you did to find work, and to help you with it."),
        _l("AVG art. 6(1)(e) with the Participatiewet art. 9 (duty to look for work)."),
        _l("Your consultant and your e-coach."),
    ),
    "messages": Words(
        _l("Messages"),
        _l("Messages between you and your e-coach, with attachments."),
        _l("So that you and your e-coach can talk."),
        _l("AVG art. 6(1)(e) with the Participatiewet."),
        _l("Your e-coach."),
    ),
    "help_sessions": Words(
        _l("Help at a help point"),
        _l("When a volunteer helped you, where, and what they did."),
        _l("So that you can see who acted for you."),
        _l("AVG art. 6(1)(a): your consent for each session."),
        _l("Only you and the municipality."),
    ),
    "correction_requests": Words(
        _l("Your requests to correct data"),
        _l("What you asked us to correct, and our answer."),
        _l("To show that we handled your request."),
        _l("AVG art. 5(2) and 16: we must be able to show it."),
        _l("Team leads of Work and Income."),
    ),
    "audit_log": Words(
        _l("Who looked at your file"),
        _l("Who looked at or changed your file, and when."),
        _l("To check that nobody looks at your data without a reason."),
        _l("AVG art. 5(1)(f) and 32; BIO (Baseline Informatiebeveiliging Overheid) 12.4."),
        _l("Only the municipality's security and privacy officers."),
    ),
    "sign_in": Words(
        _l("Signing in"),
        _l("Your sessions and one-time codes."),
        _l("So that only you can sign in."),
        _l("AVG art. 32 (security). Deleted when they end."),
        _l("Nobody."),
    ),
    "mail": Words(
        _l("Mail we sent you"),
        _l("The emails the portal sent to you."),
        _l("So that you get our messages."),
        _l("AVG art. 6(1)(e). Deleted 30 days after sending."),
        _l("Our mail server."),
    ),
    "staff_work": Words(
        _l("Staff work"),
        _l("Help points of volunteers and stand-ins of e-coaches."),
        _l("To organise the work."),
        _l("AVG art. 6(1)(b) and (e)."),
        _l("Team leads."),
    ),
}

APPLICANT_CATEGORIES = tuple(c for c in rules.SCHEDULE if c.id != "staff_work")


def days(category: rules.Category) -> int:
    return int(current_app.config.get(category.setting, category.default_days))


def period(category: rules.Category) -> str:
    """How long, in words."""
    if category.clock == rules.JOB:
        return str(TEXTS[category.id].basis)
    count = days(category)
    years, rest = divmod(count, 365)
    span = (
        ngettext("%(num)d year", "%(num)d years", years)
        if years and not rest
        else ngettext("%(num)d day", "%(num)d days", count)
    )
    if category.clock == rules.ROW:
        return _("%(span)s after it happened", span=span)
    return _("%(span)s after your file closes", span=span)


ROLE_WORDS = {
    Role.ECOACH: _l("e-coach"),
    Role.CONSULTANT: _l("consultant"),
    Role.TEAM_LEAD: _l("team lead"),
    Role.STIP: _l("help point volunteer"),
    Role.APPLICANT: _l("applicant"),
    Role.FUNCTIONAL_ADMIN: _l("portal administrator"),
    Role.REPRESENTATIVE: _l("representative"),
}
SOMEONE_ON_STAFF = _l("staff member")  # a role without words of its own

# What someone did, in plain words: the audit action's first part(s).
ACTIONS = {
    "file.open": _l("opened your file"),
    "file.note": _l("wrote a note in your file"),
    "werkmap.read": _l("looked at your Werkmap"),
    "werkmap.norm": _l("set how many job applications you should make"),
    "messages.read": _l("read your messages"),
    "questionnaire.view": _l("looked at your answers to the questions"),
    "routing.confirm": _l("decided which help suits you"),
    "routing.override": _l("decided which help suits you"),
    "application.view": _l("looked at your application"),
    "application.register": _l("registered your application"),
    "application.assess": _l("assessed your first four weeks"),
    "application.correct": _l("corrected the assessment of your first four weeks"),
    "application.invite": _l("invited you for a conversation"),
    "application.letter_again": _l("printed your letter again"),
    "application.end": _l("ended your first four weeks"),
    "caseload.assign": _l("gave you an e-coach"),
    "caseload.view": _l("looked at who your e-coach is"),
    "review": _l("recorded your three-month review"),
    "referral": _l("sent you to a service"),
    "stip.read": _l("looked at your things while helping you"),
    "stip.start": _l("started helping you at a help point"),
    "stip.consent": _l("you agreed to help at a help point"),
    "stip.end": _l("help at a help point ended"),
    "stip.help_letter": _l("printed a letter with a help code"),
    "account": _l("changed your account"),
    "privacy.correction_answer": _l("answered your request to correct data"),
    "privacy.retention": _l("deleted data whose time had passed"),
    "privacy.erase_form": _l("opened the page to delete your data on request"),
    "privacy.erase": _l("deleted your data on request"),
}


def action_words(action: str) -> str:
    parts = action.split(".")
    for end in range(len(parts), 0, -1):
        words = ACTIONS.get(".".join(parts[:end]))
        if words is not None:
            return str(words)
    return str(_l("looked at or changed your file"))


def who_words(role: Role | None, name: str, location: str) -> str:
    if role is None:
        return str(_l("The portal itself"))
    if role is Role.STIP:
        return str(_l("A help point volunteer at %(location)s", location=location or "STIP"))
    return f"{name} ({ROLE_WORDS.get(role, SOMEONE_ON_STAFF)})"
