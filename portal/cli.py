"""The `portal` command: database, demo data, mail worker, translations."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app

import questionnaires
from portal.coaching import signal_services as signals
from portal.config import MAIN_QUESTIONNAIRE, PROJECT_ROOT
from portal.db import advisory_lock, db, unit_of_work, utcnow
from portal.demo import DEMO_PASSWORD
from portal.demo import seed_demo as seed
from portal.intake import oversight_services as oversight
from portal.mail import send_due
from portal.migrate import upgrade
from portal.searchperiod import jobs as reminders
from questionnaires import DefinitionError
from questionnaires.compare import Comparison
from questionnaires.loader import definition_files, load_file
from questionnaires.semantics import check_links


def register_commands(app: Flask) -> None:
    for command in (
        init_db,
        seed_demo,
        send_mail,
        run_scheduled,
        translations,
        questionnaires_group,
    ):
        app.cli.add_command(command)


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database to the newest migration."""
    upgrade(current_app.config["SQLALCHEMY_URL"])
    click.echo(f"Database is up to date; caseload signals computed for {_refresh_signals()}.")


def _refresh_signals() -> int:
    """Compute the caseload signals that are missing or were computed with another norm."""
    done = 0
    while people := signals.stale():
        with unit_of_work():
            signals.refresh(people, utcnow())
        done += len(people)
    return done


@click.command("seed-demo")
def seed_demo() -> None:
    """Create the demo accounts (idempotent) and print their logins."""
    with unit_of_work():
        accounts = seed(current_app.config["PORTAL_ROUTING_SCHEME"])
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for role, email, _name in accounts:
        click.echo(f"  {role.value:<11} {email}")


@click.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running and send new mail as it comes.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
def send_mail(loop: bool, interval: float) -> None:
    """Send the mail that is waiting in the outbox."""
    while True:
        counts = send_due()
        if counts["sent"] or counts["failed"] or not loop:
            click.echo(f"mail: {counts['sent']} sent, {counts['failed']} to retry")
        if not loop:
            return
        time.sleep(interval)


@click.command("run-scheduled")
def run_scheduled() -> None:
    """Daily work: reminder mails about open search-period items, and caseload signals that
    need computing anew. Safe to run twice, and from cron on every host: on PostgreSQL one
    host at a time holds a lock, the others skip."""
    with advisory_lock(db.engine, "portal run-scheduled") as mine:
        if not mine:
            click.echo("run-scheduled: another host is running it now; nothing done here.")
            return
        click.echo(f"reminders: {reminders.run(utcnow())} queued")
        click.echo(f"caseload signals: {_refresh_signals()} computed")


@click.command("translations")
@click.argument("action", type=click.Choice(["extract", "update", "compile"]))
def translations(action: str) -> None:
    """Extract messages, update the catalogues, or compile them."""
    root = str(PROJECT_ROOT)
    pybabel = [str(Path(sys.executable).parent / "pybabel")]
    pot = "translations/messages.pot"
    steps = {
        "extract": [
            [
                *pybabel,
                "extract",
                "-F",
                "babel.cfg",
                "-k",
                "_l",
                "--no-location",
                "--sort-output",
                "--no-wrap",
                "-o",
                pot,
                ".",
            ]
        ],
        # One line per message, sorted, no source locations: branches merge without conflicts
        # unless they change the same message.
        "update": [
            [
                *pybabel,
                "update",
                "-i",
                pot,
                "-d",
                "translations",
                "--no-fuzzy-matching",
                "--no-wrap",
                "--ignore-obsolete",
            ]
        ],
        "compile": [[*pybabel, "compile", "-d", "translations"]],
    }
    for step in steps[action]:
        subprocess.run(step, cwd=root, check=True)  # noqa: S603 -- our own fixed command


@click.group("questionnaires")
def questionnaires_group() -> None:
    """Questionnaire definitions."""


@questionnaires_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def check_questionnaires(paths: tuple[str, ...]) -> None:
    """Check definition files (default: every shipped one); exit 1 on the first problem."""
    failed, loaded = 0, []
    for path in paths or [str(p) for p in definition_files()]:
        try:
            definition = load_file(path)
        except DefinitionError as exc:
            click.echo(f"FAIL {exc}", err=True)
            failed += 1
        else:
            loaded.append(definition)
            click.echo(
                f"ok   {Path(path).name}: {definition.id} v{definition.version}, "
                f"{len(definition.steps)} pages, {len(definition.questions)} questions"
            )
    if not paths:
        try:
            check_links(loaded)
        except DefinitionError as exc:
            click.echo(f"FAIL {exc}", err=True)
            failed += 1
    if failed:
        raise SystemExit(1)


def _version(raw: str) -> int:
    try:
        return int(raw.lower().removeprefix("v"))
    except ValueError:
        raise click.BadParameter(f"'{raw}' is not a version such as v2") from None


@questionnaires_group.command("compare")
@click.argument("old")
@click.argument("new")
@click.option(
    "--questionnaire", "questionnaire_id", default=MAIN_QUESTIONNAIRE[0], show_default=True
)
@click.option(
    "--file",
    "new_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the new version from this file instead of the shipped one (a draft).",
)
@click.option("--examples", default=3, show_default=True, help="Answer numbers shown per move.")
def compare_questionnaires(
    old: str, new: str, questionnaire_id: str, new_file: str | None, examples: int
) -> None:
    """Re-score every sent response with versions OLD and NEW (e.g. v1 v2): how many people
    per rule would get other advice. Nothing is changed."""
    try:
        before = questionnaires.load(questionnaire_id, _version(old))
        after = (
            load_file(new_file)
            if new_file
            else questionnaires.load(questionnaire_id, _version(new))
        )
    except (DefinitionError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    if after.id != before.id or (new_file and after.version != _version(new)):
        raise click.ClickException(f"{new_file} is not version {new} of {questionnaire_id}")
    report = oversight.compare_stored(before, after, examples)
    for line in _report_lines(report):
        click.echo(line)


def _report_lines(report: Comparison) -> list[str]:
    head = f"{report.questionnaire} v{report.old_version} -> v{report.new_version}"
    lines = [f"{head}: {report.total} responses, {report.moved} would get other advice"]
    if report.new_questions:
        lines.append(
            f"new questions, unanswered in older responses ({report.incomplete} incomplete): "
            + ", ".join(report.new_questions)
        )
    if report.skipped:
        lines.append(f"skipped (scheme not in v{report.new_version}): {report.skipped}")
    for row in report.routes:
        lines.append(
            f"{row.scheme} {row.route} ({row.outcome}): {row.total} responses, "
            f"{row.stay} stay, {row.moved} move"
        )
        for move in row.moves:
            shown = ", ".join(f"#{e}" for e in move.examples)
            lines.append(f"    -> {move.to_route} ({move.to_outcome}): {move.count}, e.g. {shown}")
    return lines
