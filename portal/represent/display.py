"""What representatives did, in words for the person and for staff."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "questionnaire": _l("Answered questions about you and work"),
    "objection": _l("Said that you do not agree with the advice"),
    "checklist": _l("Filled in something for your first four weeks"),
    "werkmap": _l("Added to your job-search log"),
    "cv": _l("Changed your CV or work profile"),
    "print": _l("Printed what you still have to do"),
    "message": _l("Sent a message to your e-coach"),
}
