"""When the scheduled jobs last finished: `portal run-scheduled` and `portal retention run`
note it here at the end of a successful run; /metrics and /healthz read it (a job that stopped
running is otherwise noticed by nobody)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, db

RUN_SCHEDULED = "run-scheduled"
RETENTION = "retention"
JOBS = (RUN_SCHEDULED, RETENTION)


class JobRun(Base):
    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    finished_at: Mapped[datetime]


def beat(name: str, now: datetime) -> None:
    """Note that the job `name` finished now (in the caller's transaction)."""
    row = db.session.get(JobRun, name)
    if row is None:
        db.session.add(JobRun(name=name, finished_at=now))
    else:
        row.finished_at = now
    db.session.flush()


def last_runs() -> dict[str, datetime]:
    """Each job's last successful end; a job that never finished is missing."""
    rows = db.session.execute(select(JobRun.name, JobRun.finished_at)).all()
    return dict(rows)
