"""The accessibility statement (toegankelijkheidsverklaring) in the form of the Dutch model
statement: status, how the portal is tested, known problems, contact. Public; in every
language of the portal."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from portal.home import statement_display

bp = Blueprint("home_statement", __name__)


@bp.route("/toegankelijkheid")
def statement():
    return render_template(
        "home/statement.html",
        results=statement_display.latest(),
        contact=current_app.config["PORTAL_ACCESSIBILITY_CONTACT"],
    )
