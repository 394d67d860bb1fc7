"""The applicant's own coaching page: their e-coach, meeting invitations, review and referrals."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal.authz import Permission, require
from portal.caseload import services as caseload
from portal.catalogue import services as catalogue
from portal.coaching import review_services as reviews
from portal.coaching.forms import END_LABELS, OUTCOME_LABELS
from portal.db import utcnow
from portal.meetings import services as meetings

bp = Blueprint("coaching_applicant", __name__, url_prefix="/my-coach")


@bp.route("/")
@require(Permission.OWN_COACHING)
def mine():
    review = reviews.latest(current_user.id)
    return render_template(
        "coaching/mine.html",
        coach=caseload.coach_of(current_user.id),
        invitations=meetings.invitations_of(current_user.id),
        review=review,
        referrals=catalogue.referrals_of(current_user.id),
        now=utcnow(),
        outcomes=OUTCOME_LABELS,
        ends=END_LABELS,
    )
