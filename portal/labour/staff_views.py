"""Staff: the municipality's competence list and the import of occupations in demand and
vacancies (team lead, functional administrator); job hunting among the profiles people chose
to show (consultant, team lead: only those, every look audited)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import audit
from portal.authz import Permission, require
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.labour import import_services as imports
from portal.labour import invite_services as invites
from portal.labour import services
from portal.labour.models import Competence, Occupation, Scan, Vacancy
from portal.labour.staff_forms import CompetenceForm, ImportForm
from portal.people import User
from portal.web import get_or_404, handle

bp = Blueprint("labour_staff", __name__, url_prefix="/labour-market")


@bp.route("/")
@require(Permission.MANAGE_LABOUR_MARKET)
def index():
    return render_template(
        "labour/staff/index.html",
        competences=db.session.scalars(
            select(Competence).order_by(Competence.group, Competence.name)
        ).all(),
        occupations=db.session.scalars(select(Occupation).order_by(Occupation.name)).all(),
        vacancies=db.session.scalars(select(Vacancy).order_by(Vacancy.title)).all(),
        sectors=dict(services.definition_of(None).sectors),
    )


@bp.route("/competences/new", methods=["GET", "POST"])
@bp.route("/competences/<int:competence_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_LABOUR_MARKET)
def competence(competence_id: int | None = None):
    item = get_or_404(Competence, competence_id) if competence_id is not None else None
    form = CompetenceForm(obj=item)

    def save() -> Competence:
        return imports.save_competence(
            current_user,
            item,
            form.code.data or "",
            form.name.data or "",
            form.group.data or "",
            form.how_to_learn.data or "",
            bool(form.active.data),
            utcnow(),
        )

    return handle(
        form, save, success=url_for("labour_staff.index"), flash_message=_("Saved.")
    ) or render_template("labour/staff/competence.html", form=form, item=item)


@bp.route("/import", methods=["GET", "POST"])
@require(Permission.MANAGE_LABOUR_MARKET)
def import_():
    form = ImportForm()

    def load() -> int:
        sent = request.files.get("file")
        if sent is None or not sent.filename:
            raise DomainError(_("Choose a file."), field="file")
        return imports.load(
            current_user, form.kind.data or "", sent.read(), sent.filename, utcnow()
        )

    return handle(
        form,
        load,
        success=url_for("labour_staff.index"),
        flash_message=lambda count: _("Imported: %(count)s rows.", count=count),
    ) or render_template("labour/staff/import.html", form=form)


@bp.route("/candidates")
@require(Permission.FIND_CANDIDATES)
def candidates():
    rows = db.session.execute(
        select(Scan, User)
        .join(User, User.id == Scan.owner_id)
        .where(Scan.visible.is_(True), User.active.is_(True))
        .order_by(Scan.visible_since.desc(), Scan.id)
    ).all()
    definition = services.definition_of(None)
    return render_template(
        "labour/staff/candidates.html",
        rows=rows,
        sectors=dict(definition.sectors),
        sector_question=definition.sectors_question,
    )


@bp.route("/candidates/<int:scan_id>")
@require(Permission.FIND_CANDIDATES)
def candidate(scan_id: int):
    scan = get_or_404(Scan, scan_id, Scan.visible.is_(True))
    person = get_or_404(User, scan.owner_id, User.active.is_(True))
    with unit_of_work():
        audit.record(current_user, "scan.profile_read", "user", person.id)
    definition = services.definition_of(scan)
    answered, table = invites.side_by_side(scan)
    return render_template(
        "labour/staff/candidate.html",
        scan=scan,
        person=person,
        definition=definition,
        answered=answered,
        table=table,
        competences=services.grouped(services.competences()),
        sectors=dict(definition.sectors),
    )
