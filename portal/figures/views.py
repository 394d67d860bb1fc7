"""Management figures for team leads and management: counts only, every count under 5
suppressed; tables as CSV; the team lead's goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal import clock
from portal.authz import Permission, can, require
from portal.db import unit_of_work, utcnow
from portal.figures import display, file_services, goal_services, rules, services
from portal.figures import file_display as files
from portal.figures import snapshot_services as snapshots
from portal.figures import table_display as td
from portal.figures.forms import ALL_TEAMS, NO_TEAM, PART_LABELS, GoalForm, PeriodForm
from portal.figures.models import Goal
from portal.validation import as_id
from portal.web import get_or_404, handle

bp = Blueprint("figures", __name__, url_prefix="/figures")
SECTIONS = ("index", "advice", "file", "coaching")
YEARS_BACK = 10


@dataclass(frozen=True)
class Choice:
    form: PeriodForm
    period: rules.Period
    team: int | None
    text: str  # the period and team in words, for headings and CSV files
    on: date  # the day the file is counted on


def _team_choices() -> list[SelectChoice]:
    return [
        SelectChoice(ALL_TEAMS, _("All teams")),
        SelectChoice(NO_TEAM, _("Without a team")),
        *(SelectChoice(str(team.id), team.name) for team in services.teams()),
    ]


def _choice() -> Choice:
    today = clock.today(utcnow())
    form = PeriodForm(request.args)
    form.year.choices = [
        SelectChoice(str(y), str(y)) for y in range(today.year, today.year - YEARS_BACK, -1)
    ]
    # Labels translated once here: WTForms would look each lazy label up again per option.
    form.part.choices = [SelectChoice(k, str(v)) for k, v in PART_LABELS.items()]
    form.team.choices = _team_choices()
    if not request.args:
        form.year.data, form.part.data, form.team.data = str(today.year), "year", ALL_TEAMS
    valid = form.validate()
    year = int(form.year.data) if valid else today.year
    part = form.part.data if valid and form.part.data else "year"
    team_value = (form.team.data or ALL_TEAMS) if valid else ALL_TEAMS
    team = (
        None
        if team_value == ALL_TEAMS
        else (services.NO_TEAM if team_value == NO_TEAM else int(team_value))
    )
    period = rules.period(year, part)
    team_name = {c.value: c.label for c in form.team.choices}[team_value]
    text = _(
        "%(first)s to %(last)s, %(team)s",
        first=format_date(period.first, "long"),
        last=format_date(period.last, "long"),
        team=team_name,
    )
    return Choice(form, period, team, text, period.reference(today))


def _section(section: str, choice: Choice) -> display.Page:
    if section == "index":
        return display.gate_page(services.gate(choice.period, choice.team))
    if section == "advice":
        return display.advice_page(services.advice(choice.period, choice.team))
    if section == "file":
        return files.file_page(snapshots.file_counts(choice.on, choice.team))
    coaching = file_services.coaching(choice.period, choice.on, choice.team)
    return files.coaching_page(coaching, can(current_user, Permission.VIEW_FIGURES_BY_NAME))


def _render(section: str):
    choice = _choice()
    page = _section(section, choice)
    return render_template(
        f"figures/{section}.html",
        page=page,
        choice=choice,
        section=section,
        norm=current_app.config["PORTAL_FIGURES_OUTFLOW_NORM"],
    )


@bp.route("/")
@require(Permission.VIEW_FIGURES)
def index():
    return _render("index")


@bp.route("/advice")
@require(Permission.VIEW_FIGURES)
def advice():
    return _render("advice")


@bp.route("/file")
@require(Permission.VIEW_FIGURES)
def file():
    return _render("file")


@bp.route("/coaching")
@require(Permission.VIEW_FIGURES)
def coaching():
    return _render("coaching")


@bp.route("/<section>/<table>.csv")
@require(Permission.VIEW_FIGURES)
def csv(section: str, table: str):
    if section not in SECTIONS:
        abort(404)
    choice = _choice()
    grid = _section(section, choice).grids.get(table)
    if grid is None:
        abort(404)
    name = f"{table}-{choice.period.year}-{choice.period.part}.csv"
    return Response(
        td.csv_document(grid, choice.text),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


def _goals_page(form: GoalForm | None, status: int = 200):
    today = clock.today(utcnow())
    goals = goal_services.goals()
    pages = {
        team: files.file_page(snapshots.file_counts(today, team))
        for team in {goal.team_id for goal in goals}
    }
    teams = {team.id: team.name for team in services.teams()}
    return (
        render_template(
            "figures/goals.html",
            views=files.goal_views(goals, pages),
            teams=teams,
            form=form,
            today=today,
            section="goals",
            measures=files.MEASURES,
            comparisons=files.COMPARISONS,
            statuses=files.STATUSES,
            has_errors=bool(form and form.errors),
        ),
        status,
    )


def _goal_form() -> GoalForm:
    form = GoalForm()
    form.team.choices = [SelectChoice("", _("All teams"))] + [
        SelectChoice(str(t.id), t.name) for t in services.teams()
    ]
    return form


@bp.route("/goals")
@require(Permission.VIEW_FIGURES)
def goals():
    form = _goal_form() if can(current_user, Permission.MANAGE_GOALS) else None
    return _goals_page(form)


@bp.route("/goals", methods=["POST"])
@require(Permission.MANAGE_GOALS)
def add_goal():
    form = _goal_form()

    def add() -> Goal:
        data = goal_services.NewGoal(
            name=form.name.data or "",
            measure=form.measure.data or "",
            comparison=form.comparison.data or "",
            target=int(form.target.data or 0),
            due_on=form.due_on.data,  # type: ignore[arg-type]  # required by the form
            team_id=as_id(form.team.data),
        )
        return goal_services.add(current_user, data, utcnow())

    done = handle(
        form, add, success=url_for("figures.goals"), flash_message=_("The goal has been added.")
    )
    return done if done is not None else _goals_page(form, 400)


@bp.route("/goals/<int:goal_id>/remove", methods=["POST"])
@require(Permission.MANAGE_GOALS)
def remove_goal(goal_id: int):
    goal = get_or_404(Goal, goal_id)
    with unit_of_work():
        goal_services.remove(current_user, goal)
    flash(_("The goal has been removed."), "ok")
    return redirect(url_for("figures.goals"))
