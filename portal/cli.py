"""The `portal` command: database, demo data, mail worker, translations."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask_babel import force_locale

from portal import audit, catalogues, formkeys, heartbeat, limits, policy, readability, security
from portal.auth import session_services as login_sessions
from portal.auth.services import create_team_lead
from portal.cli_questionnaires import questionnaires_group
from portal.clock import today
from portal.coaching import signal_services as signals
from portal.config import PROJECT_ROOT
from portal.db import advisory_lock, db, unit_of_work, utcnow
from portal.demo import DEMO_PASSWORD
from portal.demo import seed_demo as seed
from portal.domain import DomainError
from portal.figures import count_services as counts
from portal.figures import facts_services as figures
from portal.figures import snapshot_services as file_counts
from portal.i18n import DEFAULT_LOCALE
from portal.mail import purge_sent, send_due
from portal.migrate import upgrade
from portal.ops_commands import COMMANDS as OPS_COMMANDS
from portal.privacy import key_services as keys
from portal.privacy import retention_services as retention
from portal.searchperiod import apply_services
from portal.searchperiod import jobs as reminders


def register_commands(app: Flask) -> None:
    for command in (
        init_db,
        seed_demo,
        create_admin,
        send_mail,
        run_scheduled,
        translations,
        questionnaires_group,
        figures_group,
        audit_group,
        retention_group,
        privacy_group,
        *OPS_COMMANDS,  # portal backup, portal restore
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
            click.echo(f"figures: {file_counts.snapshot_all(utcnow())} file counts")
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
    """Create the demo accounts (idempotent) and print their logins. Demo mode only."""
    if not current_app.config["PORTAL_DEMO"]:
        raise click.ClickException(
            "Demo data is only for demo mode (PORTAL_DEMO=1, never in production). "
            "Make the first team lead with: portal create-admin EMAIL"
        )
    with unit_of_work():
        accounts = seed(policy.text("PORTAL_ROUTING_SCHEME"))
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for role, email, _name in accounts:
        click.echo(f"  {role.value:<11} {email}")


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Full name (default: the part of EMAIL before the @).")
@click.option("--locale", default=DEFAULT_LOCALE, show_default=True, help="Language of the mail.")
def create_admin(email: str, name: str, locale: str) -> None:
    """Make a team lead account and print its activation link (single use, expires)."""
    try:
        with force_locale("en"), unit_of_work():  # the terminal speaks English, the mail not
            user, link = create_team_lead(email, name or email.split("@")[0], utcnow(), locale)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    security.event("account.created", actor=None, detail=f"user={user.id} role=team_lead cli")
    hours = current_app.config["ADMIN_LINK_TTL_SECONDS"] // 3600
    click.echo(f"Team lead {user.email} made. The activation link was also mailed to them.")
    click.echo(f"It works once, for {hours} hours:")
    click.echo(link)


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
    """Daily work: reminder mails about open search-period items; caseload signals that need
    computing anew; forget what is no longer needed (unconfirmed self-registrations, old
    rate-limit counts and form keys, login sessions that ended days ago, sent mail after PORTAL_MAIL_KEEP_DAYS). Safe to run twice,
    and from cron on every host: on PostgreSQL one host at a time holds a lock, the others
    skip."""
    with advisory_lock(db.engine, "portal run-scheduled") as mine:
        if not mine:
            click.echo("run-scheduled: another host is running it now; nothing done here.")
            return
        now = utcnow()
        click.echo(f"reminders: {reminders.run(now)} queued")
        click.echo(f"caseload signals: {_refresh_signals()} computed")
        days = current_app.config["PORTAL_MAIL_KEEP_DAYS"]
        with unit_of_work():
            pending = apply_services.purge_pending(now)
            counts = limits.purge(now)
            keys = formkeys.purge(now)
            removed = login_sessions.clean_up(now)
            purged = purge_sent(now, days)
            file_counts.snapshot(today(now), now)  # the figures' file of today, kept from now on
            file_counts.prune(today(now))
            heartbeat.beat(heartbeat.RUN_SCHEDULED, utcnow())  # for /metrics and /healthz
        click.echo(f"removed: {pending} self-registrations, {counts} rate counts, {keys} form keys")
        click.echo(f"old login sessions: {removed} removed")
        click.echo(f"mail: {purged} sent more than {days} days ago deleted")


@click.command("translations")
@click.argument(
    "action", type=click.Choice(["extract", "update", "compile", "check", "readability"])
)
@click.option("--locale", "locales", multiple=True, help="check: only these languages.")
def translations(action: str, locales: tuple[str, ...]) -> None:
    """Extract messages, update the catalogues, compile them; check them (exit 1 on a missing,
    fuzzy or wrongly formatted applicant message, or a button label too long); report the
    longest Dutch sentences and words per applicant page (readability)."""
    if action == "check":
        check_translations(locales or catalogues.APPLICANT_LOCALES)
        return
    if action == "readability":
        report_readability()
        return
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


def check_translations(locales: tuple[str, ...]) -> None:
    results = catalogues.check(tuple(locales))
    click.echo("locale  applicant messages        all messages  review")
    for r in results:
        review = "awaits review by a native speaker" if r.awaits_review else ""
        click.echo(
            f"{r.locale:<7} {r.applicant_done:>5}/{r.applicant_total:<5} {r.percent:>3}%"
            f"      {r.all_done:>5}/{r.all_total:<5}  {review}"
        )
    problems = [problem for r in results for problem in r.problems]
    for problem in problems:
        click.echo(f"FAIL {problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problems", err=True)
        raise SystemExit(1)


def report_readability() -> None:
    found = catalogues.extract()
    report = readability.pages(
        catalogues.applicant_sources(found), catalogues.applicant_only(found), catalogues.load("nl")
    )
    failures = 0
    for page in report:
        top = page.sentences[0][0] if page.sentences else 0
        click.echo(
            f"{page.source}: longest sentence {top} words; longest words: "
            + ", ".join(page.words[:3])
        )
        for words, sentence in page.too_long:
            click.echo(f"  FAIL {words} words: {sentence}")
        for text, advice in page.jargon:
            click.echo(f"  FAIL office word in {text!r}: {advice}")
        failures += len(page.too_long) + len(page.jargon)
    click.echo(
        f"{len(report)} pages; at most {readability.MAX_WORDS} words a sentence; "
        f"{failures} problems"
    )
    if failures:
        raise SystemExit(1)


@click.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
def verify_audit() -> None:
    """Check the audit log's hash chain; exit 1 at the first broken row. Keep the head it
    prints (also in the security log): a later rewrite of history cannot match it."""
    checked = audit.verify()
    if checked.intact:
        security.event("audit.verify", detail=f"rows={checked.rows} head={checked.head_hash}")
        click.echo(
            f"audit log: {checked.rows} rows, chain intact; head {checked.head_seq} "
            f"{checked.head_hash}"
        )
        return
    security.event(
        "audit.verify",
        result="broken",
        detail=f"row={checked.broken_id} seq={checked.broken_seq}",
    )
    click.echo(
        f"audit log BROKEN at row id {checked.broken_id} (place {checked.broken_seq}): "
        f"{checked.reason}",
        err=True,
    )
    raise SystemExit(1)


@click.group("retention")
def retention_group() -> None:
    """The retention schedule (portal.privacy.rules)."""


@retention_group.command("run")
def run_retention() -> None:
    """Delete or anonymise what the schedule no longer lets us keep, files included; written
    to the audit log. Daily from cron; idempotent; one run at a time across hosts."""
    with unit_of_work():
        removed = retention.run(utcnow())
        heartbeat.beat(heartbeat.RETENTION, utcnow())
    click.echo(f"retention: {removed.summary() or 'nothing expired'}")


@click.group("privacy")
def privacy_group() -> None:
    """Encryption at rest of special categories and uploads."""


@privacy_group.command("rotate-key")
def rotate_key() -> None:
    """Seal every answer and file again with PORTAL_DATA_KEY (old keys: in
    PORTAL_DATA_KEYS_RETIRED until this has run)."""
    with unit_of_work():
        done = keys.rotate()
    click.echo(f"re-sealed: {dict(done) or 'nothing, all under the current key'}")


@click.group("figures")
def figures_group() -> None:
    """The management figures."""


@figures_group.command("rebuild")
def rebuild_figures() -> None:
    """Write the figures' rows per person, monthly counts and the file counts of every month
    end again from the records (safe at any time; one transaction)."""
    with unit_of_work():
        people = figures.rebuild(utcnow())
        rows = counts.rebuild()
        kept = file_counts.snapshot_all(utcnow())
    click.echo(f"figures: {people} people in the file, {rows} monthly counts, {kept} file counts")
