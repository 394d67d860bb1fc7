"""Every registered endpoint × every role (and anonymous) → the expected status.

A new endpoint that is not in MATRIX fails `test_matrix_covers_every_endpoint`: add it with
the statuses you mean, for every role.
"""

from datetime import date, timedelta

import pytest

from portal.db import db, unit_of_work, utcnow
from portal.labour.models import Competence, RaterInvitation, Scan, Vacancy
from portal.mail import queue_mail
from portal.people import Team, User
from portal.plan import agreement_services as agreement
from portal.plan import services as plan_services
from portal.roles import STAFF_ROLES, Role
from portal.searchperiod import services as periods
from portal.searchperiod.models import Application, ConversationInvite
from portal.werkmap.cv_models import Cv, CvItem
from portal.werkmap.models import LogEntry

ANON = "anonymous"
FA = Role.FUNCTIONAL_ADMIN
WHO = [ANON, *(role.value for role in Role)]
LOGIN = 302  # anonymous visitors of protected pages are sent to the login page


def everyone(status):
    return dict.fromkeys(WHO, status)


def only(roles, ok=200, anonymous=LOGIN, others=403):
    expected = dict.fromkeys(WHO, others)
    expected[ANON] = anonymous
    for role in roles:
        expected[role.value] = ok
    return expected


def staff_read(consultant=200, ecoach=404):
    """Pages about one person for e-coaches and consultants (scope decides the rest)."""
    return {
        **only([Role.ECOACH, Role.CONSULTANT]),
        Role.CONSULTANT.value: consultant,
        Role.ECOACH.value: ecoach,
    }


SECOND_FACTOR = [*STAFF_ROLES, Role.REPRESENTATIVE]


def signed_in(ok=200):
    return {**everyone(ok), ANON: LOGIN}


# endpoint: (method, path with {placeholders}, expected status per role)
MATRIX = {
    "static": ("GET", "/static/css/portal.css", everyone(200)),
    "home.index": ("GET", "/", everyone(200)),
    "home.start": ("GET", "/start", {**everyone(302)}),
    "home.applicant": ("GET", "/applicant", only([Role.APPLICANT])),
    "home.ecoach": ("GET", "/ecoach", only([Role.ECOACH])),
    "home.stip": ("GET", "/stip", only([Role.STIP])),
    "home.consultant": ("GET", "/consultant", only([Role.CONSULTANT])),
    "home.team_lead": ("GET", "/team-lead", only([Role.TEAM_LEAD])),
    "home.management": ("GET", "/management", only([Role.MANAGEMENT])),
    "home.translations": ("GET", "/team-lead/translations", only([Role.TEAM_LEAD])),
    "home.language": ("POST", "/language", everyone(302)),
    "home.healthz": ("GET", "/healthz", everyone(200)),
    "home.theme": ("GET", "/theme.css", everyone(200)),
    "home_statement.statement": ("GET", "/toegankelijkheid", everyone(200)),
    # Prometheus: no page without PORTAL_METRICS_TOKEN; with it, only the bearer token counts
    # (tests/portal/test_operations.py): never the signed-in role.
    "operations.scrape": ("GET", "/metrics", everyone(404)),
    "auth.login": ("GET", "/login", {**everyone(302), ANON: 200}),
    "auth.login_number": ("GET", "/login/client-number", {**everyone(302), ANON: 200}),
    "auth.logout": ("POST", "/logout", everyone(302)),
    "auth.forgot_password": ("GET", "/forgot-password", everyone(200)),
    "auth.reset_password": ("GET", "/reset-password?token=not-a-token", everyone(200)),
    "auth.activate": ("GET", "/activate?token=not-a-token", everyone(200)),
    "account.index": ("GET", "/account/", signed_in()),
    # Sessions: the time-out warning's status, "stay signed in", kept forms (none here: back
    # to the start page), signing out everywhere.
    "auth_session.status": ("GET", "/session/status", signed_in()),
    "auth_session.extend": ("POST", "/session/extend", everyone(302)),
    "auth_session.kept": ("GET", "/session/kept", everyone(302)),
    "auth_session.resume": ("POST", "/session/kept/resume", everyone(302)),
    "auth_session.discard": ("POST", "/session/kept/discard", everyone(302)),
    "auth_session.everywhere": ("POST", "/account/sign-out-everywhere", everyone(302)),
    # The second factor, once passed (as here), sends on to the start page.
    "auth_mfa.setup": ("GET", "/second-factor/setup", everyone(302)),
    "auth_mfa.verify": ("GET", "/second-factor", everyone(302)),
    # Security keys and passkeys: staff and representatives, who have a second factor (JSON
    # bodies; a form post is a 400); using one is only for a second factor still to come (409
    # once passed, as here).
    "auth_passkey.index": ("GET", "/account/passkeys", only(SECOND_FACTOR, others=404)),
    "auth_passkey.add_options": (
        "POST",
        "/account/passkeys/options",
        only(SECOND_FACTOR, others=404),
    ),
    "auth_passkey.add": ("POST", "/account/passkeys", only(SECOND_FACTOR, ok=400, others=404)),
    "auth_passkey.use_options": ("POST", "/second-factor/passkey/options", signed_in(409)),
    "auth_passkey.use": ("POST", "/second-factor/passkey", signed_in(409)),
    # DigiD and staff OIDC are not configured in these tests: 404; the callback and the
    # link page without a login under way go back to the login page.
    "auth_oidc.digid": ("GET", "/login/digid", everyone(404)),
    "auth_oidc.staff": ("GET", "/login/staff", everyone(404)),
    "auth_oidc.callback": ("GET", "/oidc/callback?code=x&state=y", everyone(302)),
    "auth_oidc.link": ("GET", "/login/digid/link", everyone(302)),
    "account.password": ("GET", "/account/password", signed_in()),
    "admin.accounts": ("GET", "/admin/accounts", only([Role.TEAM_LEAD])),
    "admin.invite": ("GET", "/admin/accounts/invite", only([Role.TEAM_LEAD])),
    "admin.account": ("GET", "/admin/accounts/{staff}", only([Role.TEAM_LEAD])),
    "admin.deactivate": (
        "POST",
        "/admin/accounts/{staff}/deactivate",
        only([Role.TEAM_LEAD], ok=302),
    ),
    "admin.reactivate": (
        "POST",
        "/admin/accounts/{staff}/reactivate",
        only([Role.TEAM_LEAD], ok=302),
    ),
    "admin.reset_second_factor": (
        "POST",
        "/admin/accounts/{staff}/second-factor/reset",
        only([Role.TEAM_LEAD], ok=302),
    ),
    "admin.resend": ("POST", "/admin/accounts/{invited}/resend", only([Role.TEAM_LEAD], ok=302)),
    "intake.index": ("GET", "/questions/", only([Role.APPLICANT])),
    "intake.start": ("POST", "/questions/entreevragenlijst/start", only([Role.APPLICANT], ok=302)),
    # Without a response yet, the applicant is sent to the start of the questionnaire.
    "intake.page": (
        "GET",
        "/questions/entreevragenlijst/page/work",
        only([Role.APPLICANT], ok=302),
    ),
    "intake.review": ("GET", "/questions/entreevragenlijst/review", only([Role.APPLICANT], ok=302)),
    "intake.submit": (
        "POST",
        "/questions/entreevragenlijst/submit",
        only([Role.APPLICANT], ok=302),
    ),
    "intake.result": ("GET", "/questions/entreevragenlijst/result", only([Role.APPLICANT], ok=302)),
    "intake_consultant.queue": ("GET", "/advice/", only([Role.CONSULTANT])),
    "intake_consultant.detail": ("GET", "/advice/{response}", only([Role.CONSULTANT])),
    # The matrix posts no decision: the consultant gets the form back with its error (400).
    "intake_consultant.decide": (
        "POST",
        "/advice/{response}/decide",
        only([Role.CONSULTANT], ok=400),
    ),
    "intake_consultant.figures": ("GET", "/advice/figures", only([Role.TEAM_LEAD])),
    "intake_oversight.fairness": ("GET", "/advice/fairness", only([Role.TEAM_LEAD])),
    "intake_oversight.versions": (
        "GET",
        "/advice/versions",
        only([Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN]),
    ),
    # The public description of the advice (Algoritmeregister): no sign-in.
    "intake_algorithm.page": ("GET", "/algoritme", everyone(200)),
    "intake_algorithm.download": ("GET", "/algoritme.json", everyone(200)),
    "searchperiod.apply": ("GET", "/apply", {**everyone(302), ANON: 200}),
    # The link from the confirmation mail: anyone holding it (here an unknown token).
    "searchperiod.confirm": ("GET", "/apply/confirm?token=not-a-token", everyone(200)),
    "searchperiod.register": ("GET", "/search-period/register", only([Role.CONSULTANT, Role.STIP])),
    "searchperiod.activate_code": ("GET", "/activate-code", everyone(200)),
    "searchperiod.info": ("GET", "/info", everyone(200)),
    "searchperiod.info_rights": ("GET", "/info/rights-and-duties", everyone(200)),
    "searchperiod.info_tips": ("GET", "/info/finding-work", everyone(200)),
    "searchperiod_checklist.index": ("GET", "/search-period/", only([Role.APPLICANT])),
    # Without an application the item pages send the applicant to the checklist.
    "searchperiod_checklist.uwv": ("GET", "/search-period/uwv", only([Role.APPLICANT], ok=302)),
    "werkmap.log": ("GET", "/werkmap/", only([Role.APPLICANT])),
    "werkmap.new": ("GET", "/werkmap/new", only([Role.APPLICANT])),
    "werkmap.weeks": ("GET", "/werkmap/weeks", only([Role.APPLICANT])),
    "werkmap.export_csv": ("GET", "/werkmap/export.csv", only([Role.APPLICANT])),
    "werkmap.edit": ("GET", "/werkmap/{entry}", only([Role.APPLICANT], ok=404)),
    "werkmap.delete": ("POST", "/werkmap/{entry}/delete", only([Role.APPLICANT], ok=404)),
    "werkmap.proof": ("GET", "/werkmap/{entry}/proof", only([Role.APPLICANT], ok=404)),
    "werkmap.period_page": ("GET", "/werkmap/period", only([Role.APPLICANT])),
    "werkmap.period_pdf": ("GET", "/werkmap/period.pdf", only([Role.APPLICANT])),
    "werkmap_cv.index": ("GET", "/werkmap/cv/", only([Role.APPLICANT])),
    # Without a CV yet: the preview sends the applicant to the CV page; there is no PDF.
    "werkmap_cv.preview": ("GET", "/werkmap/cv/preview", only([Role.APPLICANT], ok=302)),
    "werkmap_cv.download_pdf": ("GET", "/werkmap/cv/cv.pdf", only([Role.APPLICANT], ok=404)),
    "werkmap_cv.details": ("GET", "/werkmap/cv/details", only([Role.APPLICANT])),
    "werkmap_cv.new_item": ("GET", "/werkmap/cv/experience/new", only([Role.APPLICANT])),
    "werkmap_cv.edit_item": ("GET", "/werkmap/cv/items/{cv_item}", only([Role.APPLICANT], ok=404)),
    "werkmap_cv.delete_item": (
        "POST",
        "/werkmap/cv/items/{cv_item}/delete",
        only([Role.APPLICANT], ok=404),
    ),
    "werkmap_cv.upload": ("GET", "/werkmap/cv/upload", only([Role.APPLICANT])),
    "werkmap_cv.uploaded_file": ("GET", "/werkmap/cv/file", only([Role.APPLICANT], ok=404)),
    "werkmap_cv.profile": ("GET", "/werkmap/profile", only([Role.APPLICANT])),
    "werkmap_portable.index": ("GET", "/werkmap/take-along/", only([Role.APPLICANT])),
    "werkmap_portable.export": ("GET", "/werkmap/take-along/werkmap.json", only([Role.APPLICANT])),
    "werkmap_portable.schema": ("GET", "/werkmap/take-along/schema.json", only([Role.APPLICANT])),
    # Without a file: the form comes back with its message.
    "werkmap_portable.import_": ("POST", "/werkmap/take-along/import", only([Role.APPLICANT])),
    # {applicant} has no application: in every consultant's scope, in no new e-coach's caseload.
    "werkmap_staff.log": ("GET", "/people/{applicant}/werkmap/", staff_read()),
    "werkmap_staff.proof": (
        "GET",
        "/people/{applicant}/werkmap/entries/{entry}/proof",
        staff_read(consultant=404),
    ),
    "werkmap_staff.cv": ("GET", "/people/{applicant}/werkmap/cv", staff_read()),
    "werkmap_staff.cv_pdf": (
        "GET",
        "/people/{applicant}/werkmap/cv.pdf",
        staff_read(consultant=404),
    ),
    "werkmap_staff.cv_file": (
        "GET",
        "/people/{applicant}/werkmap/cv/file",
        staff_read(consultant=404),
    ),
    "werkmap_staff.period_page": ("GET", "/people/{applicant}/werkmap/period", staff_read()),
    "werkmap_staff.period_pdf": ("GET", "/people/{applicant}/werkmap/period.pdf", staff_read()),
    "stip.start": ("GET", "/help-point/", only([Role.STIP])),
    # No email address posted: the form comes back with its message.
    "stip.send_code": ("POST", "/help-point/send-code", only([Role.STIP])),
    # Without a session waiting for consent, or an active one: back to the start.
    "stip.consent": ("GET", "/help-point/consent", only([Role.STIP], ok=302)),
    "stip.current": ("GET", "/help-point/session", only([Role.STIP], ok=302)),
    "stip.end": ("POST", "/help-point/end", only([Role.STIP], ok=302)),
    "stip_person.index": ("GET", "/my-help/", only([Role.APPLICANT])),
    "stip_person.code": ("POST", "/my-help/code", only([Role.APPLICANT])),
    "stip_person.revoke": ("POST", "/my-help/999999/stop", only([Role.APPLICANT], ok=404)),
    # A volunteer without an assisted session is refused like everyone else.
    "stip_person.print_steps": ("GET", "/my-help/print", only([Role.APPLICANT])),
    "stip_admin.locations": ("GET", "/help-points/", only([Role.TEAM_LEAD])),
    "stip_admin.location": ("GET", "/help-points/999999", only([Role.TEAM_LEAD], ok=404)),
    "coaching.caseload": ("GET", "/coach/", only([Role.ECOACH])),
    "coaching.person_file": ("GET", "/coach/people/{applicant}", staff_read()),
    # No note text posted: the file comes back with the message at the field.
    "coaching.add_note": ("POST", "/coach/people/{applicant}/notes", staff_read(consultant=400)),
    "coaching.record_review": (
        "POST",
        "/coach/people/{applicant}/review",
        only([Role.ECOACH], ok=404),
    ),
    "coaching.refer": ("POST", "/coach/people/{applicant}/referrals", only([Role.ECOACH], ok=404)),
    "coaching.referral_result": (
        "POST",
        "/coach/people/{applicant}/referrals/999999",
        only([Role.ECOACH], ok=404),
    ),
    "coaching.stand_in": ("GET", "/coach/stand-in", only([Role.ECOACH])),
    # The personal plan: the applicant's own (ids of someone else's goal, step or proposal
    # are a 404); the e-coach or consultant of the person comments, proposes and agrees.
    "plan.index": ("GET", "/my-plan/", only([Role.APPLICANT])),
    "plan.new_goal": ("GET", "/my-plan/goals/new", only([Role.APPLICANT])),
    "plan.add_goal_from_occupation": (
        "POST",
        "/my-plan/goals/from-occupation",
        only([Role.APPLICANT], ok=302),
    ),
    "plan.edit_goal": ("GET", "/my-plan/goals/{plan_goal}", only([Role.APPLICANT], ok=404)),
    "plan.remove_goal": (
        "POST",
        "/my-plan/goals/{plan_goal}/remove",
        only([Role.APPLICANT], ok=404),
    ),
    "plan.new_action": (
        "GET",
        "/my-plan/goals/{plan_goal}/actions/new",
        only([Role.APPLICANT], ok=404),
    ),
    "plan.edit_action": ("GET", "/my-plan/actions/{plan_action}", only([Role.APPLICANT], ok=404)),
    "plan.remove_action": (
        "POST",
        "/my-plan/actions/{plan_action}/remove",
        only([Role.APPLICANT], ok=404),
    ),
    "plan.accept": (
        "POST",
        "/my-plan/proposals/{plan_proposal}/accept",
        only([Role.APPLICANT], ok=404),
    ),
    "plan.decline": (
        "POST",
        "/my-plan/proposals/{plan_proposal}/decline",
        only([Role.APPLICANT], ok=404),
    ),
    "plan.add_comment": ("POST", "/my-plan/comments", only([Role.APPLICANT], ok=400)),
    "plan.confirm": ("POST", "/my-plan/confirm", only([Role.APPLICANT], ok=404)),
    "plan.history": ("GET", "/my-plan/history", only([Role.APPLICANT])),
    "plan.printable": ("GET", "/my-plan/print", only([Role.APPLICANT])),
    "plan.pdf": ("GET", "/my-plan/plan.pdf", only([Role.APPLICANT])),
    "plan_staff.index": ("GET", "/coach/people/{applicant}/plan/", staff_read()),
    "plan_staff.add_comment": (
        "POST",
        "/coach/people/{applicant}/plan/comments",
        staff_read(consultant=400),
    ),
    "plan_staff.propose_goal": (
        "POST",
        "/coach/people/{applicant}/plan/propose/goal",
        staff_read(consultant=400),
    ),
    "plan_staff.propose_action": (
        "GET",
        "/coach/people/{plan_person}/plan/goals/{plan_goal}/propose",
        staff_read(consultant=200),
    ),
    "plan_staff.propose_change": (
        "GET",
        "/coach/people/{plan_person}/plan/actions/{plan_action}/propose",
        staff_read(consultant=200),
    ),
    "plan_staff.agree": (
        "POST",
        "/coach/people/{applicant}/plan/agree",
        staff_read(consultant=404),
    ),
    "coaching.handovers": ("GET", "/coach/handovers", only([Role.CONSULTANT])),
    "coaching_standin.index": ("GET", "/stand-ins/", only([Role.TEAM_LEAD])),
    "coaching_standin.decide": ("POST", "/stand-ins/999999", only([Role.TEAM_LEAD], ok=404)),
    "messages.inbox": ("GET", "/messages/", only([Role.APPLICANT])),
    "messages.attachment": ("GET", "/messages/999999/attachment", only([Role.APPLICANT], ok=404)),
    "messages.staff_thread": ("GET", "/coach/people/{applicant}/messages", staff_read()),
    "messages.staff_attachment": (
        "GET",
        "/coach/people/{applicant}/messages/999999/attachment",
        staff_read(consultant=404),
    ),
    "messages.compose": ("GET", "/coach/message", only([Role.ECOACH])),
    "messages.templates": ("GET", "/message-templates/", only([Role.TEAM_LEAD])),
    "messages.template": ("GET", "/message-templates/999999", only([Role.TEAM_LEAD], ok=404)),
    "catalogue.index": ("GET", "/catalogue/", only([Role.TEAM_LEAD])),
    "catalogue.edit": ("GET", "/catalogue/999999", only([Role.TEAM_LEAD], ok=404)),
    "meetings.index": ("GET", "/meetings/", only([Role.TEAM_LEAD, Role.ECOACH])),
    "meetings.meeting": ("GET", "/meetings/999999", only([Role.TEAM_LEAD, Role.ECOACH], ok=404)),
    "coaching_applicant.mine": ("GET", "/my-coach/", only([Role.APPLICANT])),
    "meetings.answer": ("POST", "/my-coach/invitations/999999", only([Role.APPLICANT], ok=404)),
    "caseload.assign": ("GET", "/caseload/assign", only([Role.TEAM_LEAD])),
    "caseload.assign_all": ("POST", "/caseload/assign/all", only([Role.TEAM_LEAD], ok=302)),
    "caseload.person": ("GET", "/caseload/people/{applicant}", only([Role.TEAM_LEAD])),
    "caseload.coach": ("GET", "/caseload/coaches/{invited}", only([Role.TEAM_LEAD])),
    "searchperiod_checklist.school": (
        "GET",
        "/search-period/school",
        only([Role.APPLICANT], ok=302),
    ),
    "searchperiod_checklist.end": ("GET", "/search-period/end", only([Role.APPLICANT], ok=302)),
    "admin.teams": ("GET", "/admin/teams", only([Role.TEAM_LEAD])),
    "searchperiod_consult.worklist": ("GET", "/consult/", only([Role.CONSULTANT])),
    "searchperiod_consult.outflow": ("GET", "/consult/outflow", only([Role.TEAM_LEAD])),
    "searchperiod_consult.detail": ("GET", "/consult/{application}", only([Role.CONSULTANT])),
    # The matrix posts no form data: the consultant gets the form back with errors (400).
    "searchperiod_consult.invite": (
        "POST",
        "/consult/{application}/invite",
        only([Role.CONSULTANT], ok=400),
    ),
    "searchperiod_consult.assess": (
        "POST",
        "/consult/{application}/assess",
        only([Role.CONSULTANT], ok=400),
    ),
    "searchperiod_consult.help_letter": (
        "POST",
        "/consult/{application}/help-letter",
        only([Role.CONSULTANT]),
    ),
    "searchperiod_consult.invite_letter": (
        "GET",
        "/consult/{application}/invites/{invite}/letter",
        only([Role.CONSULTANT]),
    ),
    # Counts only (every count under 5 suppressed): team leads and management.
    "figures.index": ("GET", "/figures/", only([Role.TEAM_LEAD, Role.MANAGEMENT])),
    "figures.advice": ("GET", "/figures/advice", only([Role.TEAM_LEAD, Role.MANAGEMENT])),
    "figures.file": ("GET", "/figures/file", only([Role.TEAM_LEAD, Role.MANAGEMENT])),
    "figures.coaching": ("GET", "/figures/coaching", only([Role.TEAM_LEAD, Role.MANAGEMENT])),
    "figures.goals": ("GET", "/figures/goals", only([Role.TEAM_LEAD, Role.MANAGEMENT])),
    "figures.csv": (
        "GET",
        "/figures/coaching/outflow.csv",
        only([Role.TEAM_LEAD, Role.MANAGEMENT]),
    ),
    # The matrix posts no goal: the team lead gets the form back with its errors (400).
    "figures.add_goal": ("POST", "/figures/goals", only([Role.TEAM_LEAD], ok=400)),
    "figures.remove_goal": (
        "POST",
        "/figures/goals/999999/remove",
        only([Role.TEAM_LEAD], ok=404),
    ),
    # Who read which file is personal: the team lead only, not management.
    "figures_audit.index": ("GET", "/figures/audit/", only([Role.TEAM_LEAD])),
    "figures_audit.export": ("GET", "/figures/audit/export.csv", only([Role.TEAM_LEAD])),
    # The functional administrator (beheer): texts, questionnaires, people, look, settings.
    "home.functional_admin": ("GET", "/beheer", only([FA])),
    "beheer_look.index": ("GET", "/beheer/look/", only([FA])),
    "beheer_look.preview_css": (
        "GET",
        "/beheer/look/preview.css?theme_primary=%23004400",
        only([FA]),
    ),
    # No file sent: the form comes back with its message (400).
    "beheer_look.logo": ("POST", "/beheer/look/logo", only([FA], ok=400)),
    "beheer_look.reset_logo": ("POST", "/beheer/look/logo/reset", only([FA], ok=302)),
    "beheer_settings.index": ("GET", "/beheer/settings/", only([FA])),
    # An uploaded logo is public (every page shows it); this one does not exist.
    "home.logo": ("GET", "/logo/" + "0" * 64, everyone(404)),
    "beheer_text.index": ("GET", "/beheer/texts/", only([FA])),
    "beheer_text.document": ("GET", "/beheer/texts/page-info?language=ar", only([FA])),
    "beheer_text.edit": ("GET", "/beheer/texts/mail-reset/2", only([FA])),
    "beheer_text.reset": ("POST", "/beheer/texts/mail-reset/2/reset", only([FA], ok=302)),
    "beheer_text.export": ("GET", "/beheer/texts/export.json", only([FA])),
    # Without a file: the page comes back with the message at the field.
    "beheer_text.import_": ("POST", "/beheer/texts/import", only([FA], ok=400)),
    "beheer_questionnaire.index": ("GET", "/beheer/questionnaires/", only([FA])),
    "beheer_questionnaire.new": ("GET", "/beheer/questionnaires/entreevragenlijst/new", only([FA])),
    "beheer_questionnaire.version": (
        "GET",
        "/beheer/questionnaires/entreevragenlijst/1",
        only([FA]),
    ),
    "beheer_questionnaire.publish": (
        "POST",
        "/beheer/questionnaires/entreevragenlijst/2/publish",
        only([FA], ok=302),
    ),
    "beheer_people.staff": ("GET", "/beheer/people/staff", only([FA])),
    "beheer_people.staff_member": ("GET", "/beheer/people/staff/{staff}", only([FA])),
    "beheer_people.applicants": ("GET", "/beheer/people/applicants?q=test", only([FA])),
    "beheer_people.applicant": ("GET", "/beheer/people/applicants/{applicant}", only([FA])),
    "beheer_people.deactivate": (
        "POST",
        "/beheer/people/applicants/{applicant}/deactivate",
        only([FA], ok=302),
    ),
    "beheer_people.reactivate": (
        "POST",
        "/beheer/people/applicants/{applicant}/reactivate",
        only([FA], ok=302),
    ),
    "beheer_people.activation_mail": (
        "POST",
        "/beheer/people/applicants/{applicant}/activation-mail",
        only([FA], ok=302),
    ),
    # {applicant} registered without an application: no letter, back to the page.
    "beheer_people.letter": (
        "POST",
        "/beheer/people/applicants/{applicant}/letter",
        only([FA], ok=302),
    ),
    "beheer_people.merge": (
        "GET",
        "/beheer/people/applicants/{applicant}/merge?other={response_person}",
        only([FA]),
    ),
    # My data: the applicant's own; correction requests, erasure and the records of
    # processing for the team lead. No request text posted: the form comes back (400).
    "privacy.index": ("GET", "/my-data/", only([Role.APPLICANT])),
    "privacy.download": ("GET", "/my-data/download.zip", only([Role.APPLICANT])),
    "privacy.correct": ("POST", "/my-data/corrections", only([Role.APPLICANT], ok=400)),
    "privacy_staff.corrections": ("GET", "/privacy/corrections", only([Role.TEAM_LEAD])),
    "privacy_staff.correction": (
        "GET",
        "/privacy/corrections/999999",
        only([Role.TEAM_LEAD], ok=404),
    ),
    "privacy_staff.erase": ("GET", "/privacy/people/{applicant}/erase", only([Role.TEAM_LEAD])),
    "privacy_staff.records": ("GET", "/privacy/records", only([Role.TEAM_LEAD])),
    "privacy_staff.records_json": ("GET", "/privacy/records.json", only([Role.TEAM_LEAD])),
    # No advice sent yet: the applicant is sent to the questionnaire.
    "intake.object_to": (
        "POST",
        "/questions/entreevragenlijst/object",
        only([Role.APPLICANT], ok=302),
    ),
    # Representatives: their list; nobody chosen yet, so the person's page sends them to it.
    "represent.people": ("GET", "/represent/", only([Role.REPRESENTATIVE])),
    "represent.choose": ("POST", "/represent/999999/choose", only([Role.REPRESENTATIVE], ok=404)),
    "represent.person": ("GET", "/represent/person", only([Role.REPRESENTATIVE], ok=302)),
    "represent.letters": ("GET", "/letters/", only([Role.APPLICANT])),
    "represent_person.index": ("GET", "/my-representatives/", only([Role.APPLICANT])),
    "represent_person.end": (
        "POST",
        "/my-representatives/999999/end",
        only([Role.APPLICANT], ok=404),
    ),
    "represent_staff.index": (
        "GET",
        "/people/{applicant}/representatives/",
        only([Role.CONSULTANT]),
    ),
    "represent_staff.end": (
        "POST",
        "/people/{applicant}/representatives/999999/end",
        only([Role.CONSULTANT], ok=404),
    ),
    "represent_staff.document": (
        "GET",
        "/people/{applicant}/representatives/999999/document",
        only([Role.CONSULTANT], ok=404),
    ),
    # Demo mode only (DEMO_ONLY; absent otherwise): open to all, like a local tool.
    "devmail.inbox": ("GET", "/dev/mailbox/", everyone(200)),
    "devmail.message": ("GET", "/dev/mailbox/{mail}", everyone(200)),
    # The labour-market value scan: the applicant's own (a STIP volunteer only in a session).
    "labour.index": ("GET", "/scan/", only([Role.APPLICANT])),
    "labour.competences": ("GET", "/scan/competences", only([Role.APPLICANT])),
    "labour.step": ("GET", "/scan/step/wishes", only([Role.APPLICANT])),
    # Without a scan yet, the result sends the applicant to the scan's start.
    "labour.result": ("GET", "/scan/result", only([Role.APPLICANT], ok=302)),
    "labour.add_to_log": ("POST", "/scan/vacancies/{vacancy}/log", only([Role.APPLICANT], ok=302)),
    # Without a choice (visible=0 or 1) the request is refused.
    "labour.visibility": ("POST", "/scan/visibility", only([Role.APPLICANT], ok=400)),
    "labour.invite": ("GET", "/scan/invite", only([Role.APPLICANT])),
    "labour.withdraw": (
        "POST",
        "/scan/invitations/{invitation}/withdraw",
        only([Role.APPLICANT], ok=404),
    ),
    # The one-time ratings link: anyone holding it (here an unknown token).
    "labour_rate.rate": ("GET", "/rate/?token=not-a-token", everyone(404)),
    "labour_staff.index": ("GET", "/labour-market/", only([Role.TEAM_LEAD, FA])),
    "labour_staff.competence": (
        "GET",
        "/labour-market/competences/{competence}",
        only([Role.TEAM_LEAD, FA]),
    ),
    "labour_staff.import_": ("GET", "/labour-market/import", only([Role.TEAM_LEAD, FA])),
    # Job hunting: only profiles their owners chose to show.
    "labour_staff.candidates": (
        "GET",
        "/labour-market/candidates",
        only([Role.CONSULTANT, Role.TEAM_LEAD]),
    ),
    "labour_staff.candidate": (
        "GET",
        "/labour-market/candidates/{visible_scan}",
        only([Role.CONSULTANT, Role.TEAM_LEAD]),
    ),
}

# Objects outside the scope of a page are a 404, also for the role that may use the page.
OUT_OF_SCOPE = {
    "admin.account": ("team_lead", "/admin/accounts/{applicant}"),
    "admin.deactivate": ("team_lead", "/admin/accounts/{applicant}/deactivate"),
    "admin.reset_second_factor": ("team_lead", "/admin/accounts/{applicant}/second-factor/reset"),
    "devmail.message": ("team_lead", "/dev/mailbox/999999"),
    "intake.page": ("applicant", "/questions/no-such-questionnaire/page/work"),
    "intake.start": ("applicant", "/questions/aanvullend_mp/start"),  # not for this applicant
    "intake.result": ("applicant", "/questions/aanvullend_mp/result"),
    "intake_consultant.detail": ("consultant", "/advice/{draft}"),  # not submitted yet
    "intake_consultant.decide": ("consultant", "/advice/999999/decide"),
    "intake_oversight.versions": ("team_lead", "/advice/versions?version=999"),  # no such version
    "searchperiod_consult.detail": ("consultant", "/consult/{other_team_application}"),
    "searchperiod_consult.invite": ("consultant", "/consult/{other_team_application}/invite"),
    # {entry} belongs to another applicant: the signed-in applicant gets a 404 (above too).
    "werkmap.edit": ("applicant", "/werkmap/{entry}"),
    "werkmap.delete": ("applicant", "/werkmap/{entry}/delete"),
    "werkmap.proof": ("applicant", "/werkmap/{entry}/proof"),
    "werkmap_cv.edit_item": ("applicant", "/werkmap/cv/items/{cv_item}"),
    "werkmap_cv.delete_item": ("applicant", "/werkmap/cv/items/{cv_item}/delete"),
    # A person of another team, for a consultant; not in the caseload, for an e-coach.
    "werkmap_staff.cv": ("consultant", "/people/{other_team_person}/werkmap/cv"),
    "werkmap_staff.log": ("ecoach", "/people/{applicant}/werkmap/"),
    "werkmap_staff.period_page": ("consultant", "/people/{staff}/werkmap/period"),
    "caseload.person": ("team_lead", "/caseload/people/{staff}"),
    "caseload.coach": ("team_lead", "/caseload/coaches/{staff}"),
    "stip_person.revoke": ("applicant", "/my-help/999999/stop"),
    "coaching.person_file": ("ecoach", "/coach/people/{applicant}"),
    # Someone else's goal, step or proposal for the signed-in applicant; a person out of
    # scope, or a goal of another person, for staff.
    "plan.edit_goal": ("applicant", "/my-plan/goals/{plan_goal}"),
    "plan.remove_goal": ("applicant", "/my-plan/goals/{plan_goal}/remove"),
    "plan.new_action": ("applicant", "/my-plan/goals/{plan_goal}/actions/new"),
    "plan.edit_action": ("applicant", "/my-plan/actions/{plan_action}"),
    "plan.remove_action": ("applicant", "/my-plan/actions/{plan_action}/remove"),
    "plan.accept": ("applicant", "/my-plan/proposals/{plan_proposal}/accept"),
    "plan.decline": ("applicant", "/my-plan/proposals/{plan_proposal}/decline"),
    "plan_staff.index": ("consultant", "/coach/people/{other_team_person}/plan/"),
    "plan_staff.add_comment": ("ecoach", "/coach/people/{applicant}/plan/comments"),
    "plan_staff.propose_goal": (
        "consultant",
        "/coach/people/{other_team_person}/plan/propose/goal",
    ),
    "plan_staff.propose_action": (
        "consultant",
        "/coach/people/{applicant}/plan/goals/{plan_goal}/propose",
    ),
    "plan_staff.propose_change": (
        "consultant",
        "/coach/people/{applicant}/plan/actions/{plan_action}/propose",
    ),
    "plan_staff.agree": ("consultant", "/coach/people/{other_team_person}/plan/agree"),
    "coaching.add_note": ("consultant", "/coach/people/{other_team_person}/notes"),
    "messages.staff_thread": ("consultant", "/coach/people/{other_team_person}/messages"),
    "messages.attachment": ("applicant", "/messages/999999/attachment"),
    "messages.template": ("team_lead", "/message-templates/999999"),
    "catalogue.edit": ("team_lead", "/catalogue/999999"),
    "meetings.meeting": ("ecoach", "/meetings/999999"),
    "meetings.answer": ("applicant", "/my-coach/invitations/999999"),
    "searchperiod_consult.help_letter": (
        "consultant",
        "/consult/{other_team_application}/help-letter",
    ),
    "searchperiod_consult.invite_letter": (
        "consultant",
        "/consult/{other_team_application}/invites/{other_team_invite}/letter",
    ),
    "stip_admin.location": ("team_lead", "/help-points/999999"),
    "figures.remove_goal": ("team_lead", "/figures/goals/999999/remove"),
    "figures.csv": ("management", "/figures/coaching/no-such-table.csv"),
    "privacy_staff.correction": ("team_lead", "/privacy/corrections/999999"),
    "privacy_staff.erase": ("team_lead", "/privacy/people/{staff}/erase"),
    "coaching_standin.decide": ("team_lead", "/stand-ins/999999"),
    "beheer_text.document": ("functional_admin", "/beheer/texts/no-such-document"),
    "beheer_text.edit": ("functional_admin", "/beheer/texts/mail-reset/999"),
    "beheer_text.reset": ("functional_admin", "/beheer/texts/page-info/1/reset?language=xx"),
    "beheer_questionnaire.new": ("functional_admin", "/beheer/questionnaires/no-such/new"),
    "beheer_questionnaire.version": (
        "functional_admin",
        "/beheer/questionnaires/entreevragenlijst/99",
    ),
    "beheer_questionnaire.publish": (
        "functional_admin",
        "/beheer/questionnaires/entreevragenlijst/99/publish",
    ),
    # Staff pages take no applicant, applicant pages no staff member.
    "beheer_people.staff_member": ("functional_admin", "/beheer/people/staff/{applicant}"),
    "beheer_people.applicant": ("functional_admin", "/beheer/people/applicants/{staff}"),
    "beheer_people.deactivate": (
        "functional_admin",
        "/beheer/people/applicants/{staff}/deactivate",
    ),
    "beheer_people.letter": ("functional_admin", "/beheer/people/applicants/{staff}/letter"),
    "beheer_people.merge": (
        "functional_admin",
        "/beheer/people/applicants/{applicant}/merge?other={staff}",
    ),
    "represent.choose": ("representative", "/represent/999999/choose"),
    "represent_person.end": ("applicant", "/my-representatives/999999/end"),
    "represent_staff.index": ("consultant", "/people/{other_team_person}/representatives/"),
    "represent_staff.end": ("consultant", "/people/{staff}/representatives/999999/end"),
    "represent_staff.document": (
        "consultant",
        "/people/{other_team_person}/representatives/999999/document",
    ),
    "labour.add_to_log": ("applicant", "/scan/vacancies/999999/log"),
    # {invitation} is of another applicant's scan.
    "labour.withdraw": ("applicant", "/scan/invitations/{invitation}/withdraw"),
    "labour_staff.competence": ("team_lead", "/labour-market/competences/999999"),
    # A profile its owner did not choose to show.
    "labour_staff.candidate": ("consultant", "/labour-market/candidates/{hidden_scan}"),
}


# Registered only in demo mode (the development mailbox): checked on a demo-mode app.
DEMO_ONLY = {"devmail.inbox", "devmail.message"}


def test_matrix_covers_every_endpoint(app, make_app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert registered & DEMO_ONLY == set(), "demo-only endpoints outside demo mode"
    registered |= {rule.endpoint for rule in make_app(PORTAL_DEMO=True).url_map.iter_rules()}
    assert registered - set(MATRIX) == set(), "add the new endpoints to MATRIX"
    assert set(MATRIX) - registered == set(), "remove endpoints that no longer exist"


def test_matrix_lists_every_role():
    for endpoint, (_method, _path, expected) in MATRIX.items():
        assert set(expected) == set(WHO), endpoint


class Objects(dict):
    """Other people's objects for the paths, each group made when a path first asks for one
    of its keys (`path.format_map(objects)`): making all of them for each of the 2,200 tests
    was half the matrix's time."""

    def __init__(self, makers: dict):
        super().__init__()
        self._makers = {key: make for keys, make in makers.items() for key in keys}

    def __missing__(self, key):
        self.update(self._makers[key]())
        return self[key]


@pytest.fixture
def objects(app, make_user, make_response):
    def people():
        return {
            "staff": make_user(Role.CONSULTANT).id,
            "invited": make_user(Role.ECOACH, password=None).id,
            "applicant": make_user(Role.APPLICANT).id,
        }

    def mail():
        with app.test_request_context(), unit_of_work():
            staff = db.session.get(User, found["staff"])
            made = queue_mail(
                "x@example.nl", "reset_password", "nl", user=staff, link="http://portal.test/x"
            )
        return {"mail": made.id}

    def response():
        made = make_response(make_user(Role.APPLICANT))
        return {"response": made.id, "response_person": made.applicant_id}

    def applications():
        application, other_team_application = _applications(make_user)
        other_team_person = db.session.get(Application, other_team_application).applicant_id
        return {
            "application": application,
            "other_team_application": other_team_application,
            "other_team_person": other_team_person,
        }

    def invites():
        staff = db.session.get(User, found["staff"])
        return {
            "invite": _invite(found["application"], staff),
            "other_team_invite": _invite(found["other_team_application"], staff),
        }

    found = Objects(
        {
            ("staff", "invited", "applicant"): people,
            ("mail",): mail,
            ("response", "response_person"): response,
            ("draft",): lambda: {
                "draft": make_response(make_user(Role.APPLICANT), submit=False).id
            },
            ("application", "other_team_application", "other_team_person"): applications,
            ("entry",): lambda: {"entry": _someone_elses_entry(make_user)},
            ("cv_item",): lambda: {"cv_item": _someone_elses_cv_item(make_user)},
            ("invite", "other_team_invite"): invites,
            ("competence", "vacancy", "visible_scan", "hidden_scan", "invitation"): lambda: _scans(
                make_user
            ),
            ("plan_person", "plan_goal", "plan_action", "plan_proposal"): lambda: (
                _someone_elses_plan(make_user)
            ),
        }
    )
    return found


def _scans(make_user):
    """A shown and a hidden scan of two other applicants (an invitation on the hidden one), a
    competence and a vacancy."""
    now = utcnow()
    with unit_of_work():
        competence = Competence(code="samenwerken", name="Samenwerken", group="Mensen")
        vacancy = Vacancy(reference="v1", title="Kok", employer="X", sector="hospitality")
        scans = [
            Scan(
                owner_id=make_user(Role.APPLICANT).id,
                definition="arbeidsmarktwaardescan",
                definition_version=1,
                answers={},
                visible=visible,
            )
            for visible in (True, False)
        ]
        db.session.add_all([competence, vacancy, *scans])
        db.session.flush()
        invitation = RaterInvitation(
            scan_id=scans[1].id,
            relation="coach",
            rater_name="Piet",
            token_hash="0" * 64,
            created_at=now,
            expires_at=now + timedelta(days=14),
        )
        db.session.add(invitation)
    return {
        "competence": competence.id,
        "vacancy": vacancy.id,
        "visible_scan": scans[0].id,
        "hidden_scan": scans[1].id,
        "invitation": invitation.id,
    }


def _someone_elses_plan(make_user):
    """A plan with a goal, a step and an open proposal, of an applicant in no team."""
    owner = make_user(Role.APPLICANT)
    coach = make_user(Role.ECOACH)
    with unit_of_work():
        goal = plan_services.add_goal(owner, owner.id, "Werk in de zorg", None, utcnow())
        step = plan_services.add_action(
            owner, goal, plan_services.ActionData("Bellen", None, "", None), utcnow()
        )
        proposal = agreement.propose(coach, owner.id, "add_goal", utcnow(), title="Taalcursus")
    return {
        "plan_person": owner.id,
        "plan_goal": goal.id,
        "plan_action": step.id,
        "plan_proposal": proposal.id,
    }


def _invite(application_id: int, consultant) -> int:
    with unit_of_work():
        invite = ConversationInvite(
            application_id=application_id,
            starts_at=utcnow() + timedelta(days=3),
            mode="in_person",
            place="Werkplein",
            invited_by_id=consultant.id,
        )
        db.session.add(invite)
    return invite.id


def _someone_elses_cv_item(make_user):
    owner = make_user(Role.APPLICANT)
    with unit_of_work():
        cv = Cv(owner_id=owner.id, full_name="Iemand")
        cv.items.append(CvItem(section="skill", title="Heftruck"))
        db.session.add(cv)
    return cv.items[0].id


def _someone_elses_entry(make_user):
    owner = make_user(Role.APPLICANT)
    with unit_of_work():
        entry = LogEntry(
            owner_id=owner.id, day=date(2026, 11, 2), kind="application", organisation="Bakkerij"
        )
        db.session.add(entry)
    return entry.id


def _applications(make_user):
    """One application without a team (every consultant may open it), one of another team."""
    registrar = make_user(Role.CONSULTANT)
    with unit_of_work():
        other = Team(name="Team Elders")
        db.session.add(other)
        db.session.flush()
        registrar = db.session.merge(registrar)
        registrar.team_id = other.id
        ids = []
        for actor, born in ((None, date(1980, 1, 1)), (registrar, date(1981, 1, 1))):
            ids.append(
                periods.register(
                    periods.Registration(
                        name=f"Aanvrager {born.year}", born_on=born, applied_on=date(2026, 11, 2)
                    ),
                    "self" if actor is None else "consultant",
                    actor,
                    utcnow(),
                    "nl",
                ).application.id
            )
    return ids


def _request(client, method, path, who, login_as):
    if who != ANON:
        login_as(Role(who))
    response = client.get(path) if method == "GET" else client.submit(path, {"locale": "en"})
    response.close()  # static files are streamed; close them as a server would
    return response


@pytest.fixture
def client_for(client, make_app, make_user, login):
    """The client for an endpoint: a demo-mode app's for the demo-only ones."""

    def choose(endpoint, who):
        if endpoint not in DEMO_ONLY:
            return client, None
        demo = make_app(PORTAL_DEMO=True).test_client()
        return demo, (lambda role: login(make_user(role), target=demo))

    return choose


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
@pytest.mark.parametrize("who", WHO)
def test_access(endpoint, who, client_for, login_as, objects):
    method, path, expected = MATRIX[endpoint]
    client, sign_in = client_for(endpoint, who)
    response = _request(client, method, path.format_map(objects), who, sign_in or login_as)
    assert response.status_code == expected[who], (endpoint, who)


@pytest.mark.parametrize("endpoint", sorted(OUT_OF_SCOPE))
def test_out_of_scope_objects_are_not_found(endpoint, client_for, login_as, objects):
    method = MATRIX[endpoint][0]
    who, path = OUT_OF_SCOPE[endpoint]
    client, sign_in = client_for(endpoint, who)
    response = _request(client, method, path.format_map(objects), who, sign_in or login_as)
    assert response.status_code == 404


def test_demo_only_pages_are_absent_outside_demo_mode(client, login_as, objects):
    login_as(Role.TEAM_LEAD)
    for endpoint in DEMO_ONLY:
        assert client.get(MATRIX[endpoint][1].format_map(objects)).status_code == 404
