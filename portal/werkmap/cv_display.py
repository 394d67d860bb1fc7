"""The CV as it is shown and printed, described once: its name and contact details, then the
sections in order with their headings and lines. The page (werkmap/_cv_document.html) and the
PDF (pdf_display.cv_pdf) both render this description; neither decides what goes in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from portal.werkmap.cv_models import Cv, CvItem, WorkProfile


@dataclass(frozen=True)
class Dated:
    """A job or a course: when, what, and the lines below it."""

    when: str
    title: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A heading and what comes under it: dated entries, a list, or lines of text."""

    heading: str
    dated: tuple[Dated, ...] = ()
    listed: tuple[str, ...] = ()
    text: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """The whole CV: the name, the contact details and the sections, in order."""

    name: str
    contact: tuple[str, ...]
    sections: tuple[Section, ...]


def _month(day: date) -> str:
    return format_date(day, "MMM yyyy")


def span(started: date | None, ended: date | None) -> str:
    """ "mrt. 2020 – jan. 2023", "mrt. 2020 – now", or the one month that is known."""
    if started and ended:
        return f"{_month(started)} – {_month(ended)}"
    if started:
        return _("%(date)s – now", date=_month(started))
    return _month(ended) if ended else ""


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _dated(item: CvItem, labels: dict) -> Dated:
    lines = [_joined(item.organisation, item.place)]
    if item.section == "education" and item.level:
        level = str(labels["levels"].get(item.level, item.level))
        lines.append(level + (" – " + _("diploma") if item.diploma else ""))
    lines.append(item.detail)
    return Dated(span(item.started, item.ended), item.title, tuple(line for line in lines if line))


def _line(item: CvItem, labels: dict) -> str:
    """One line for a skill, a language, a certificate or a reference."""
    if item.section == "language":
        return (
            f"{item.title}: {labels['cefr'].get(item.level, item.level)}"
            if item.level
            else item.title
        )
    if item.section == "certificate":
        return _joined(
            item.title, item.organisation, format_date(item.started, "yyyy") if item.started else ""
        )
    if item.section == "reference":
        return _joined(item.title, item.organisation, item.detail)
    return item.title


def _work_sought(profile: WorkProfile | None) -> tuple[str, ...]:
    if profile is None or not (profile.jobs or profile.hours_per_week):
        return ()
    hours = (
        _("%(hours)s hours a week", hours=profile.hours_per_week) if profile.hours_per_week else ""
    )
    return tuple(line for line in (profile.jobs, hours, profile.region) if line)


def cv_document(cv: Cv, profile: WorkProfile | None, labels: dict) -> Document:
    """What the CV shows, in order: profile, work and education (dated), skills, languages and
    certificates (listed), driving licences, the work sought, references. Empty parts are left
    out."""
    contact = [part for part in (cv.city, cv.phone, cv.email) if part]
    if cv.born_on:
        contact.append(_("Born on %(date)s", date=format_date(cv.born_on, "long")))

    def titled(section: str) -> str:
        return str(labels["sections"][section])

    sections = [
        Section(_("Profile"), text=(cv.profile_text,)) if cv.profile_text else None,
        *(
            Section(titled(name), dated=tuple(_dated(i, labels) for i in cv.section(name)))
            for name in ("experience", "education")
        ),
        *(
            Section(titled(name), listed=tuple(_line(i, labels) for i in cv.section(name)))
            for name in ("skill", "language", "certificate")
        ),
        Section(_("Driving licences"), text=(", ".join(cv.licences),)) if cv.licences else None,
        Section(_("The work I am looking for"), text=_work_sought(profile)),
        Section(titled("reference"), text=tuple(_line(i, labels) for i in cv.section("reference"))),
    ]
    return Document(
        name=cv.full_name,
        contact=tuple(contact),
        sections=tuple(s for s in sections if s and (s.dated or s.listed or s.text)),
    )
