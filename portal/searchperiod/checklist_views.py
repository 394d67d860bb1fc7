"""The applicant's search-period checklist and the pages behind each item."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import acting, clock, policy
from portal.authz import Permission, require
from portal.db import utcnow
from portal.searchperiod import consult_services as consult
from portal.searchperiod import rules, services
from portal.searchperiod.forms import EndForm, SchoolForm, UWVForm
from portal.searchperiod.models import Application
from portal.web import handle

bp = Blueprint("searchperiod_checklist", __name__, url_prefix="/search-period")

ITEMS = {
    "uwv": (
        _l("Stay registered at UWV as a job seeker"),
        _l("Proof: the date of your registration on werk.nl."),
        "searchperiod_checklist.uwv",
    ),
    "cv": (
        _l("Make a CV"),
        _l("Proof: a complete CV in your job-search file, or your CV as a file."),
        "werkmap_cv.index",
    ),
    "applications": (
        _l("Apply for jobs"),
        _l("Proof: your job-search log: where and when you applied."),
        "werkmap.new",
    ),
    "questionnaire": (
        _l("Fill in the questions about you and work"),
        _l("Done when you have sent your answers."),
        "intake.index",
    ),
    "school": (
        _l("Look into going back to school"),
        _l("Done when you have a diploma, looked into school, or explained why not."),
        "searchperiod_checklist.school",
    ),
}


def _application():
    """The signed-in applicant's open (or last) application, or None."""
    person = acting.required_subject()
    return services.open_application(person) or services.last_application(person)


def _form_page(template: str, form, action, success: str, **context):
    """Shared POST handling of the item pages: act in one transaction, then the checklist."""
    application = _application()
    if application is None:
        return redirect(url_for("searchperiod_checklist.index"))

    def act() -> None:
        action(application)
        assert request.endpoint is not None  # noqa: S101 -- a view runs for a matched route
        acting.note("checklist", request.endpoint.split(".")[-1])

    return handle(
        form, act, success=url_for("searchperiod_checklist.index"), flash_message=success
    ) or render_template(template, form=form, application=application, **context)


@bp.route("/")
@require(Permission.OWN_SEARCH_PERIOD, assisted=True)
def index():
    application = _application()
    if application is None:
        return render_template("searchperiod/no_application.html")
    acting.audit_read("checklist")
    on = clock.today(utcnow())
    count = services.applications_in(application)
    statuses = consult.statuses(application, on, count)
    return render_template(
        "searchperiod/checklist.html",
        application=application,
        span=application.period,
        on=on,
        statuses=statuses,
        # each lazy text translated once for the page (the title shows twice per item)
        items={key: (str(title), str(proof), to) for key, (title, proof, to) in ITEMS.items()},
        count=count,
        norm=policy.number("PORTAL_APPLICATION_NORM"),
        invites=consult.invites(application),
        done=sum(s == rules.DONE for s in statuses.values()),
    )


@bp.route("/uwv", methods=["GET", "POST"])
@require(Permission.OWN_SEARCH_PERIOD, assisted=True)
def uwv():
    form = UWVForm()

    def action(a: Application) -> None:
        assert form.registered_on.data is not None  # noqa: S101 -- a required field of a validated form
        services.state_uwv(a, form.registered_on.data, clock.today(utcnow()))

    return _form_page("searchperiod/uwv.html", form, action, _("Saved: you are registered at UWV."))


@bp.route("/school", methods=["GET", "POST"])
@require(Permission.OWN_SEARCH_PERIOD, assisted=True)
def school():
    form = SchoolForm()
    return _form_page(
        "searchperiod/school.html",
        form,
        lambda a: services.settle_school(
            a,
            form.has_startkwalificatie.data == "yes",
            form.looked_into.data,
            form.not_feasible.data or "",
            utcnow(),
        ),
        _("Saved."),
    )


@bp.route("/end", methods=["GET", "POST"])
@require(Permission.OWN_SEARCH_PERIOD)
def end():
    form = EndForm()
    return _form_page(
        "searchperiod/end.html",
        form,
        lambda a: services.end_early(a, form.reason.data, utcnow()),
        _("Your search period has ended. Thank you for letting us know."),
    )
