"""What operations watch, read from the database: the outbox, the scheduled jobs, sessions.

`health(config, now)` gives /healthz its verdict: `degraded` (still 200: the portal serves
pages, but someone must look) when the oldest unsent mail waits longer than
PORTAL_HEALTH_OUTBOX_MINUTES, or a scheduled job has not finished within
PORTAL_HEALTH_JOB_HOURS (or never has). `Gauges` is a Prometheus collector that reads the
same facts at every scrape, so every worker reports the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from portal import heartbeat
from portal.auth.session_models import LoginSession
from portal.db import db
from portal.mail import OutboxMessage


@dataclass(frozen=True)
class Outbox:
    unsent: int
    oldest: datetime | None  # when the oldest unsent mail was queued

    def age_seconds(self, now: datetime) -> float:
        return max(0.0, (now - self.oldest).total_seconds()) if self.oldest else 0.0


def outbox() -> Outbox:
    unsent, oldest = db.session.execute(
        select(func.count(OutboxMessage.id), func.min(OutboxMessage.created_at)).where(
            OutboxMessage.sent_at.is_(None)
        )
    ).one()
    return Outbox(int(unsent), oldest)


def active_sessions(now: datetime, idle_minutes: int) -> int:
    """Login sessions not ended, not past their lifetime, and used within the idle time-out."""
    return int(
        db.session.scalar(
            select(func.count(LoginSession.id)).where(
                LoginSession.ended_at.is_(None),
                LoginSession.expires_at > now,
                LoginSession.last_seen_at > now - timedelta(minutes=idle_minutes),
            )
        )
        or 0
    )


def health(config: Mapping, now: datetime) -> list[str]:
    """What is wrong, as short names (`outbox`, `run-scheduled`, `retention`); empty: ok."""
    problems = []
    mail = outbox()
    if mail.age_seconds(now) > 60 * int(config["PORTAL_HEALTH_OUTBOX_MINUTES"]):
        problems.append("outbox")
    runs = heartbeat.last_runs()
    limit = timedelta(hours=int(config["PORTAL_HEALTH_JOB_HOURS"]))
    for job in heartbeat.JOBS:
        if job not in runs or now - runs[job] > limit:
            problems.append(job)
    return problems


class Gauges(Collector):
    """The database's side of /metrics, computed when scraped."""

    def __init__(self, config: Mapping, now: datetime):
        self.config = config
        self.now = now

    def collect(self) -> Iterator[GaugeMetricFamily]:
        mail = outbox()
        yield GaugeMetricFamily(
            "portal_outbox_unsent", "Mails waiting in the outbox (not sent yet).", mail.unsent
        )
        yield GaugeMetricFamily(
            "portal_outbox_oldest_unsent_age_seconds",
            "How long the oldest unsent mail has waited (0: none waiting).",
            mail.age_seconds(self.now),
        )
        runs = GaugeMetricFamily(
            "portal_job_last_success_timestamp_seconds",
            "When a scheduled job last finished (Unix time; absent: never).",
            labels=["job"],
        )
        for job, finished in sorted(heartbeat.last_runs().items()):
            runs.add_metric([job], finished.timestamp())
        yield runs
        yield GaugeMetricFamily(
            "portal_active_sessions",
            "Login sessions in use (not ended, used within the idle time-out).",
            active_sessions(self.now, int(self.config["PORTAL_SESSION_IDLE_MINUTES"])),
        )
