"""The app's blueprints and commands, registered in one place (portal.setup wires the rest)."""

from __future__ import annotations

from flask import Flask

from portal.account.views import bp as account_bp
from portal.admin.views import bp as admin_bp
from portal.auth import session_views
from portal.auth.mfa_views import bp as auth_mfa_bp
from portal.auth.oidc_views import bp as auth_oidc_bp
from portal.auth.passkey_views import bp as auth_passkey_bp
from portal.auth.views import bp as auth_bp
from portal.beheer.look_views import bp as beheer_look_bp
from portal.beheer.people_views import bp as beheer_people_bp
from portal.beheer.questionnaire_views import bp as beheer_questionnaire_bp
from portal.beheer.settings_views import bp as beheer_settings_bp
from portal.beheer.text_views import bp as beheer_text_bp
from portal.caseload.views import bp as caseload_bp
from portal.catalogue.views import bp as catalogue_bp
from portal.cli import register_commands
from portal.coaching.applicant_views import bp as coaching_applicant_bp
from portal.coaching.standin_views import bp as coaching_standin_bp
from portal.coaching.views import bp as coaching_bp
from portal.devmail.views import bp as devmail_bp
from portal.figures.audit_views import bp as figures_audit_bp
from portal.figures.views import bp as figures_bp
from portal.home.statement_views import bp as home_statement_bp
from portal.home.views import bp as home_bp
from portal.intake.algorithm_views import bp as algorithm_bp
from portal.intake.consultant_views import bp as routing_bp
from portal.intake.oversight_views import bp as oversight_bp
from portal.intake.views import bp as intake_bp
from portal.labour.rate_views import bp as labour_rate_bp
from portal.labour.staff_views import bp as labour_staff_bp
from portal.labour.views import bp as labour_bp
from portal.meetings.views import bp as meetings_bp
from portal.messages.views import bp as messages_bp
from portal.operations.views import bp as operations_bp
from portal.plan.staff_views import bp as plan_staff_bp
from portal.plan.views import bp as plan_bp
from portal.privacy.staff_views import bp as privacy_staff_bp
from portal.privacy.views import bp as privacy_bp
from portal.represent.person_views import bp as represent_person_bp
from portal.represent.staff_views import bp as represent_staff_bp
from portal.represent.views import bp as represent_bp
from portal.searchperiod.checklist_views import bp as checklist_bp
from portal.searchperiod.consult_views import bp as consult_bp
from portal.searchperiod.views import bp as searchperiod_bp
from portal.stip.admin_views import bp as stip_admin_bp
from portal.stip.person_views import bp as help_bp
from portal.stip.views import bp as stip_bp
from portal.werkmap.cv_views import bp as cv_bp
from portal.werkmap.portable_views import bp as portable_bp
from portal.werkmap.staff_views import bp as werkmap_staff_bp
from portal.werkmap.views import bp as werkmap_bp


def register_blueprints(app: Flask) -> None:
    for blueprint in (
        home_bp,
        home_statement_bp,
        auth_bp,
        session_views.bp,
        auth_mfa_bp,
        auth_oidc_bp,
        auth_passkey_bp,
        account_bp,
        admin_bp,
        intake_bp,
        routing_bp,
        oversight_bp,
        algorithm_bp,
        searchperiod_bp,
        checklist_bp,
        consult_bp,
        werkmap_bp,
        cv_bp,
        portable_bp,
        werkmap_staff_bp,
        caseload_bp,
        stip_bp,
        help_bp,
        stip_admin_bp,
        coaching_bp,
        coaching_applicant_bp,
        coaching_standin_bp,
        messages_bp,
        catalogue_bp,
        meetings_bp,
        figures_bp,
        figures_audit_bp,
        beheer_text_bp,
        beheer_questionnaire_bp,
        beheer_people_bp,
        beheer_look_bp,
        beheer_settings_bp,
        privacy_bp,
        privacy_staff_bp,
        represent_bp,
        represent_person_bp,
        represent_staff_bp,
        labour_bp,
        labour_rate_bp,
        labour_staff_bp,
        operations_bp,
        plan_bp,
        plan_staff_bp,
    ):
        app.register_blueprint(blueprint)
    # The development mailbox shows every mail with its links: only in demo mode, which
    # production refuses (portal.config.check_config).
    if app.config["PORTAL_DEMO"] and app.config["MAIL_BACKEND"] == "dev":
        app.register_blueprint(devmail_bp)

    register_commands(app)
