"""In-process events between features (blinker signals, which Flask already uses).

A lower feature announces a fact or asks a question; a higher feature answers. The app
connects the receivers at start-up (portal.setup.connect_events), so no feature imports a
higher one. Receivers run inside the sender's transaction: what they write is committed or
rolled back with it.
"""

from __future__ import annotations

from typing import Any

from blinker import Namespace

_signals = Namespace()

# The Werkmap CV of `owner_id` became complete (kwargs: owner_id, now).
cv_completed = _signals.signal("cv-completed")

# A Zelfdoener got their first e-coach (kwargs: applicant_id, now).
first_coach_assigned = _signals.signal("first-coach-assigned")

# A consultant decided on advice: the person's service line may have changed (kwargs:
# applicant_id, now).
routing_decided = _signals.signal("routing-decided")

# An e-coach recorded the three-month review (kwargs: person_id, outcome, now).
coaching_reviewed = _signals.signal("coaching-reviewed")

# Question: the period a person's job-search log is usually shown for (kwargs: person, on);
# an answer is (first day, last day) or None.
usual_log_period = _signals.signal("usual-log-period")


def ask(signal, **kwargs: Any) -> Any:
    """The first answer to a question signal that is not None, or None."""
    for _receiver, answer in signal.send(None, **kwargs):
        if answer is not None:
            return answer
    return None
