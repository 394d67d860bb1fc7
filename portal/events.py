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

# Facts the management figures count (portal.figures), each announced once when it happens:
# an application was registered, or its search period ended early (kwargs: application);
# a consultant assessed or corrected a search period (kwargs: application, assessment) or
# invited to the first conversation (kwargs: application, invite); an applicant sent a
# questionnaire (kwargs: response); a consultant decided on its advice, which may change the
# person's line (kwargs: applicant_id, response, decision, now); an e-coach recorded the
# three-month review (kwargs: person_id, review, now).
application_registered = _signals.signal("application-registered")
search_period_ended = _signals.signal("search-period-ended")
search_period_assessed = _signals.signal("search-period-assessed")
conversation_invited = _signals.signal("conversation-invited")
questionnaire_submitted = _signals.signal("questionnaire-submitted")
routing_decided = _signals.signal("routing-decided")
coaching_reviewed = _signals.signal("coaching-reviewed")
# The messages of one side of `person_id`'s conversation were marked read (kwargs: person_id).
messages_read = _signals.signal("messages-read")

# The applicant sent the Entreevragenlijst (kwargs: applicant_id, now). The search period
# ticks its checklist item with it: that it was sent is all it ever learns of the
# questionnaire (purpose limitation, see the import contract on portal.searchperiod).
questionnaire_sent = _signals.signal("questionnaire-sent")

# Question: facts about an applicant from outside the questionnaire that its signals may use
# (kwargs: person_id); an answer is a dict such as {"age": 31}, the age on the application date.
applicant_facts = _signals.signal("applicant-facts")

# Question: the period a person's job-search log is usually shown for (kwargs: person, on);
# an answer is (first day, last day) or None.
usual_log_period = _signals.signal("usual-log-period")

# Question: the parts of a person's take-along file that features above the Werkmap keep
# (kwargs: owner_id); an answer is a dict such as {"plan": {...}} or {"scan": {...}}, merged into the document.
take_along_parts = _signals.signal("take-along-parts")

# A take-along file is brought into an empty account (kwargs: owner, document, now): features
# above the Werkmap take their parts from it, in the same transaction.
take_along_import = _signals.signal("take-along-import")


def ask(signal, **kwargs: Any) -> Any:
    """The first answer to a question signal that is not None, or None."""
    for _receiver, answer in signal.send(None, **kwargs):
        if answer is not None:
            return answer
    return None
