"""The `portal` command: database, demo data, mail worker, translations."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app

from portal.config import PROJECT_ROOT
from portal.db import unit_of_work, utcnow
from portal.demo import DEMO_PASSWORD
from portal.demo import seed_demo as seed
from portal.figures import count_services as counts
from portal.figures import facts_services as figures
from portal.mail import send_due
from portal.migrate import upgrade
from portal.searchperiod import jobs as reminders
from questionnaires import DefinitionError
from questionnaires.loader import definition_files, load_file


def register_commands(app: Flask) -> None:
    for command in (
        init_db,
        seed_demo,
        send_mail,
        run_scheduled,
        translations,
        questionnaires_group,
        figures_group,
    ):
        app.cli.add_command(command)


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database to the newest migration."""
    upgrade(current_app.config["SQLALCHEMY_URL"])
    with unit_of_work():
        if figures.missing():  # a database from before the figures: fill them once
            click.echo(f"figures: {figures.rebuild(utcnow())} people in the file")
            click.echo(f"figures: {counts.rebuild()} monthly counts")
    click.echo("Database is up to date.")


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
    """Daily work: reminder mails about open search-period items. Safe to run twice."""
    click.echo(f"reminders: {reminders.run(utcnow())} queued")


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
    failed = 0
    for path in paths or [str(p) for p in definition_files()]:
        try:
            definition = load_file(path)
        except DefinitionError as exc:
            click.echo(f"FAIL {exc}", err=True)
            failed += 1
        else:
            click.echo(
                f"ok   {Path(path).name}: {definition.id} v{definition.version}, "
                f"{len(definition.steps)} pages, {len(definition.questions)} questions"
            )
    if failed:
        raise SystemExit(1)


@click.group("figures")
def figures_group() -> None:
    """The management figures."""


@figures_group.command("rebuild")
def rebuild_figures() -> None:
    """Write the figures' rows per person and monthly counts again from the records (safe at
    any time; takes a lock on them only for its own transaction)."""
    with unit_of_work():
        people = figures.rebuild(utcnow())
        rows = counts.rebuild()
    click.echo(f"figures: {people} people in the file, {rows} monthly counts")
