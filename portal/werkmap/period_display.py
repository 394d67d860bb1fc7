"""The log of a period, printable and as a PDF: proof for the consultant (owner and staff)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import DateField
from wtforms.validators import DataRequired

from portal import events
from portal.clock import today
from portal.db import utcnow
from portal.validation import QueryForm
from portal.werkmap import overview_services as overview
from portal.werkmap import pdf_display as pdf
from portal.werkmap.forms import LABELS


class PeriodForm(QueryForm):
    """A GET form (it changes nothing, so it carries no CSRF token)."""

    first = DateField(_l("From"), validators=[DataRequired(_l("Enter the date."))])
    last = DateField(_l("Until"), validators=[DataRequired(_l("Enter the date."))])


def _default(person) -> tuple[date, date]:
    """The person's search period (up to today) when they have one, else the last 4 weeks."""
    on = today(utcnow())
    usual = events.ask(events.usual_log_period, person=person, on=on)
    return usual if usual is not None else (on - timedelta(days=27), on)


def _chosen(person) -> tuple[PeriodForm, date, date]:
    form = PeriodForm(request.args)
    first, last = _default(person)
    if not request.args:
        form.first.data, form.last.data = first, last
    elif form.validate():
        assert form.first.data is not None and form.last.data is not None  # noqa: S101 -- required fields of a validated form
        if form.last.data < form.first.data:
            form.last.errors = [_("The end date is before the start date.")]
        else:
            first, last = form.first.data, form.last.data
    return form, first, last


def _summary(applied: int, total: int) -> str:
    return (
        ngettext("%(num)d job application", "%(num)d job applications", applied)
        + ", "
        + ngettext("%(num)d activity in all", "%(num)d activities in all", total)
    )


def page(person, endpoint: str, pdf_url: str, **url_args) -> str:
    form, first, last = _chosen(person)
    rows, applied = overview.period(person.id, first, last, LABELS)
    return render_template(
        "werkmap/period.html",
        form=form,
        person=person,
        first=first,
        last=last,
        rows=rows,
        summary=_summary(applied, len(rows)),
        endpoint=endpoint,
        pdf_url=pdf_url,
        url_args=url_args,
    )


def pdf_download(person) -> Response:
    _form, first, last = _chosen(person)
    rows, applied = overview.period(person.id, first, last, LABELS)
    body = pdf.log_pdf(person.name, first, last, rows, _summary(applied, len(rows)))
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename=logboek-{first}-{last}.pdf"},
    )
