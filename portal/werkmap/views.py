"""The applicant's job-search log: list, add, change, delete."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal import acting, files, formkeys, i18n, policy
from portal.authz import Permission, require
from portal.clock import today
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.files import StoredFile
from portal.validation import as_id
from portal.web import get_or_404, handle, requested_page, show_error
from portal.werkmap import overview_services as overview
from portal.werkmap import period_display as period
from portal.werkmap import services
from portal.werkmap.forms import LABELS, EntryForm
from portal.werkmap.models import LogEntry
from portal.werkmap.services import Duplicate, EntryData

bp = Blueprint("werkmap", __name__, url_prefix="/werkmap")


def _data(form: EntryForm) -> EntryData:
    assert form.day.data is not None  # noqa: S101 -- a required field of a validated form
    return EntryData(
        day=form.day.data,
        kind=form.kind.data,
        organisation=form.organisation.data or "",
        job_title=form.job_title.data or "",
        vacancy=form.vacancy.data or "",
        channel=form.channel.data or None,
        contact=form.contact.data or "",
        status=form.status.data,
        follow_up_on=form.follow_up_on.data,
        notes=form.notes.data or "",
    )


def _proof(entry, form, now) -> None:
    """The proof file sent with the form (if any), in the same transaction as the entry."""
    sent = request.files.get("file")
    if sent is not None and sent.filename:
        services.attach_proof(entry, sent.filename, sent.read(), now)
    elif form.remove_proof.data:
        services.remove_proof(entry)


@bp.route("/")
@require(Permission.OWN_WERKMAP, assisted=True)
def log():
    found = services.entries(acting.required_subject().id, *requested_page())
    acting.audit_read("werkmap_log")
    return render_template(
        "werkmap/log.html",
        **found.context("entries"),
        helpers=acting.location_names(
            {e.assisted_session_id for e in found.items if e.assisted_session_id}
        ),
        **{name: i18n.Labels(labels) for name, labels in LABELS.items()},
    )


@bp.route("/weeks")
@require(Permission.OWN_WERKMAP)
def weeks():
    norm = services.weekly_norm(current_user.id, policy.number("PORTAL_WEEKLY_NORM"))
    data = overview.weeks_of(current_user, today(utcnow()))
    chart, norm_y = overview.bars(data, norm)
    return render_template("werkmap/weeks.html", weeks=data, chart=chart, norm=norm, norm_y=norm_y)


@bp.route("/export.csv")
@require(Permission.OWN_WERKMAP)
def export_csv():
    header = [
        _("Date"),
        _("What did you do?"),
        _("Company or organisation"),
        _("Job"),
        _("Link to the vacancy or its number"),
        _("How?"),
        _("Contact person"),
        _("Status"),
        _("Follow up on"),
        _("Notes"),
    ]
    body = overview.log_csv(current_user.id, {"header": header, **LABELS})
    return Response(
        "\ufeff" + body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=werkmap-logboek.csv"},
    )


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def new():
    form = EntryForm()
    if not form.is_submitted():
        form.day.data, form.kind.data, form.status.data = today(utcnow()), "application", "sent"
    duplicate = False
    if form.validate_on_submit():
        now = utcnow()
        try:
            with formkeys.once(form) as claim:
                entry = services.add(
                    acting.required_subject().id,
                    current_user,
                    _data(form),
                    today(now),
                    now,
                    allow_duplicate=form.allow_duplicate.data,
                    assisted_session_id=acting.session_id(),
                )
                _proof(entry, form, now)
                acting.note("werkmap", entry.organisation)
                claim.done(url_for("werkmap.log"))
        except formkeys.Repeated as repeated:
            return formkeys.follow(repeated, url_for("werkmap.log"))
        except DomainError as error:
            duplicate = isinstance(error, Duplicate)
            show_error(form, error)
        else:
            flash(_("Saved: it is in your log."), "ok")
            return redirect(url_for("werkmap.log"))
    return render_template("werkmap/entry.html", form=form, entry=None, duplicate=duplicate)


@bp.route("/<int:entry_id>", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP)
def edit(entry_id: int):
    entry = get_or_404(LogEntry, entry_id, LogEntry.owner_id == current_user.id)
    form = EntryForm(obj=entry)
    if not form.is_submitted():
        form.version.data = str(entry.version)

    def save() -> None:
        now = utcnow()
        seen = as_id(form.version.data) or -1
        services.change(entry, current_user, _data(form), seen, today(now), now)
        _proof(entry, form, now)

    return handle(
        form,
        save,
        success=url_for("werkmap.log"),
        flash_message=_("Saved: your changes are in your log."),
    ) or render_template(
        "werkmap/entry.html",
        form=form,
        entry=entry,
        duplicate=False,
        proof=services.proof_of(entry),
        **LABELS,
    )


@bp.route("/<int:entry_id>/proof")
@require(Permission.OWN_WERKMAP)
def proof(entry_id: int):
    entry = get_or_404(LogEntry, entry_id, LogEntry.owner_id == current_user.id)
    stored = get_or_404(StoredFile, entry.proof_file_id, StoredFile.owner_id == current_user.id)
    return files.download(stored, _("proof"))


@bp.route("/<int:entry_id>/delete", methods=["POST"])
@require(Permission.OWN_WERKMAP)
def delete(entry_id: int):
    entry = get_or_404(LogEntry, entry_id, LogEntry.owner_id == current_user.id)
    with unit_of_work():
        services.delete(entry)
    flash(_("Removed from your log."), "ok")
    return redirect(url_for("werkmap.log"))


@bp.route("/period")
@require(Permission.OWN_WERKMAP)
def period_page():
    return period.page(current_user, "werkmap.period_page", url_for("werkmap.period_pdf"))


@bp.route("/period.pdf")
@require(Permission.OWN_WERKMAP)
def period_pdf():
    return period.pdf_download(current_user)
