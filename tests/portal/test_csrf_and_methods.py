"""CSRF on every state-changing request; no state change on GET."""

from portal.roles import Role


def test_post_without_token_is_refused(client):
    assert client.post("/login", data={"email": "a@b.nl", "password": "x"}).status_code == 400
    assert client.post("/language", data={"locale": "en"}).status_code == 400


def test_post_with_wrong_token_is_refused(client):
    response = client.post("/language", data={"locale": "en", "csrf_token": "forged"})
    assert response.status_code == 400


def test_logged_in_post_without_token_is_refused(client, login_as):
    login_as(Role.TEAM_LEAD)
    response = client.post(
        "/admin/accounts/invite", data={"name": "X", "email": "x@example.nl", "role": "ecoach"}
    )
    assert response.status_code == 400


def test_state_changing_endpoints_do_not_accept_get(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint not in {
            "auth.login",
            # Forms whose GET shows the form and whose POST saves (scan, plan, look, settings):
            "beheer_look.index",
            "beheer_settings.index",
            "labour.competences",
            "labour.step",
            "labour.invite",
            "labour_rate.rate",
            "labour_staff.competence",
            "labour_staff.import_",
            "plan.new_goal",
            "plan.edit_goal",
            "plan.new_action",
            "plan.edit_action",
            "plan_staff.propose_action",
            "plan_staff.propose_change",
            "auth.login_number",  # the sign-in with a client number (accounts without email)
            "auth.forgot_password",
            "auth.reset_password",
            "auth.activate",
            "account.password",
            "admin.invite",
            "intake.page",
            "searchperiod.apply",
            "searchperiod.confirm",  # the GET shows the button; only the POST confirms
            "searchperiod.register",
            "searchperiod.activate_code",
            "searchperiod_checklist.uwv",
            "werkmap.new",
            "werkmap.edit",
            "searchperiod_checklist.school",
            "searchperiod_checklist.end",
            "admin.teams",
            "werkmap_cv.details",
            "werkmap_cv.new_item",
            "werkmap_cv.edit_item",
            "werkmap_cv.upload",
            "werkmap_cv.profile",
            "werkmap_staff.log",
            "caseload.person",
            "stip.start",
            "stip.consent",
            "represent.people",  # GET lists the people; the POST uses a code
            "represent_person.index",  # GET lists who acts; the POST makes a code
            "represent_staff.index",  # GET lists them; the POST registers a court decision
            "stip_admin.locations",
            "stip_admin.location",
            "messages.inbox",
            "messages.staff_thread",
            "messages.compose",
            "messages.templates",
            "messages.template",
            "catalogue.index",
            "catalogue.edit",
            "meetings.index",
            "meetings.meeting",
            "coaching.stand_in",
            "auth_mfa.setup",
            "auth_mfa.verify",
            "auth_oidc.link",
            "coaching_standin.index",
            "beheer_text.edit",
            "beheer_questionnaire.new",
            "beheer_people.staff_member",
            "beheer_people.merge",
            "privacy_staff.correction",  # the GET shows the request and the answer form
            "privacy_staff.erase",  # the GET shows the form; only the POST erases
        }:
            assert "GET" not in rule.methods, rule.endpoint


def test_logout_by_get_does_nothing(client, login_as):
    login_as(Role.APPLICANT)
    assert client.get("/logout").status_code == 405
    assert client.get("/account/").status_code == 200
