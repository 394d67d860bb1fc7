"""The menus' data: each role's start page and menu items (portal.navigation builds them)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.authz import Permission
from portal.roles import Role


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: object
    description: object
    permission: Permission


START = {
    Role.APPLICANT: "home.applicant",
    Role.ECOACH: "home.ecoach",
    Role.STIP: "home.stip",
    Role.CONSULTANT: "home.consultant",
    Role.TEAM_LEAD: "home.team_lead",
    Role.FUNCTIONAL_ADMIN: "home.functional_admin",
    Role.MANAGEMENT: "home.management",
    Role.REPRESENTATIVE: "represent.people",
}

_ACCOUNT = MenuItem(
    "account.index",
    _l("My account"),
    _l("Your details, your language and your password."),
    Permission.OWN_ACCOUNT,
)

_FIGURES = MenuItem(
    "figures.index",
    # staff only
    _l("Figures"),
    # staff only
    _l("Applications, advice, the file, e-coaching and goals, per period and team."),
    Permission.VIEW_FIGURES,
)

MENUS: dict[Role, tuple[MenuItem, ...]] = {
    Role.APPLICANT: (
        MenuItem(
            "searchperiod_checklist.index",
            _l("My first four weeks"),
            _l("What you need to do before the first conversation, and how far you are."),
            Permission.OWN_SEARCH_PERIOD,
        ),
        MenuItem(
            "werkmap.log",
            _l("My job-search log"),
            _l("Everything you do to find work, with the proof."),
            Permission.OWN_WERKMAP,
        ),
        MenuItem(
            "labour.index",
            _l("Which work fits me"),
            _l("Say what you can do and want, ask others, and see work in the region."),
            Permission.OWN_SCAN,
        ),
        MenuItem(
            "plan.index",
            _l("My plan"),
            _l("Your goals and the steps to reach them, agreed with your e-coach."),
            Permission.OWN_PLAN,
        ),
        MenuItem(
            "intake.index",
            _l("Questions about you and work"),
            _l("Answer the questions, and see which help we advise."),
            Permission.ANSWER_QUESTIONNAIRES,
        ),
        MenuItem(
            "messages.inbox",
            _l("Messages"),
            _l("Questions and answers between you and your e-coach."),
            Permission.OWN_MESSAGES,
        ),
        MenuItem(
            "coaching_applicant.mine",
            _l("My e-coach"),
            _l("Your e-coach, the information meeting and your review."),
            Permission.OWN_COACHING,
        ),
        MenuItem(
            "stip_person.index",
            _l("Help from a STIP"),
            _l("A code for a volunteer at a help point, and what they did for you."),
            Permission.OWN_HELP,
        ),
        MenuItem(
            "privacy.index",
            _l("My data"),
            _l("Who looked at your file, what we keep, and a download of it all."),
            Permission.OWN_DATA,
        ),
        MenuItem(
            "represent_person.index",
            _l("Who acts for me"),
            _l("A bewindvoerder, mentor or someone you trust: what they may do and did."),
            Permission.OWN_REPRESENTATIVES,
        ),
        MenuItem(
            "represent.letters",
            _l("My letters"),
            _l("The mails the municipality sent you."),
            Permission.OWN_LETTERS,
        ),
        _ACCOUNT,
    ),
    Role.REPRESENTATIVE: (
        MenuItem(
            "represent.people",
            _l("People I act for"),
            _l("Choose the person you act for now, or add someone with their code."),
            Permission.REPRESENT_PEOPLE,
        ),
        _ACCOUNT,
    ),
    Role.ECOACH: (
        MenuItem(
            "coaching.caseload",
            # staff only
            _l("My people"),
            # staff only
            _l("Who needs attention today, their files, messages and reviews."),
            Permission.OWN_CASELOAD,
        ),
        MenuItem(
            "meetings.index",
            # staff only
            _l("Information meetings"),
            # staff only
            _l("Plan meetings, invite your people, note who was there."),
            Permission.PLAN_MEETINGS,
        ),
        _ACCOUNT,
    ),
    Role.STIP: (
        MenuItem(
            "stip.start",
            # staff only
            _l("Help someone"),
            # staff only
            _l("Start helping the person who is with you, with their code and consent."),
            Permission.ASSIST_PEOPLE,
        ),
        MenuItem(
            "searchperiod.register",
            # staff only
            _l("Register an application"),
            # staff only
            _l("Register the application of the person you are helping."),
            Permission.REGISTER_APPLICATIONS,
        ),
        _ACCOUNT,
    ),
    Role.CONSULTANT: (
        MenuItem(
            "searchperiod_consult.worklist",
            # staff only
            _l("Search periods to assess"),
            # staff only
            _l("Applicants of your team whose four weeks end soon or have ended."),
            Permission.ASSESS_SEARCH_PERIODS,
        ),
        MenuItem(
            "searchperiod.register",
            # staff only
            _l("Register an application"),
            # staff only
            _l("Register an application; the applicant gets an email or a letter."),
            Permission.REGISTER_APPLICATIONS,
        ),
        MenuItem(
            "coaching.handovers",
            # staff only
            _l("Handed over by e-coaches"),
            # staff only
            _l("Zelfdoeners who need more support after their three-month review."),
            Permission.CONFIRM_ROUTING,
        ),
        MenuItem(
            "intake_consultant.queue",
            # staff only
            _l("Advice to confirm"),
            # staff only
            _l("Look at the advice from the questionnaire, and confirm or change it."),
            Permission.CONFIRM_ROUTING,
        ),
        MenuItem(
            "labour_staff.candidates",
            # staff only
            _l("Job hunting"),
            # staff only
            _l("Profiles of people who chose to show them to job hunters."),
            Permission.FIND_CANDIDATES,
        ),
        _ACCOUNT,
    ),
    Role.TEAM_LEAD: (
        MenuItem(
            "searchperiod_consult.outflow",
            # staff only
            _l("Outflow during the search period"),
            # staff only
            _l("How many applicants found work or a study, or withdrew, in the four weeks."),
            Permission.VIEW_OUTFLOW_FIGURES,
        ),
        MenuItem(
            "intake_consultant.figures",
            # staff only
            _l("How often advice is changed"),
            # staff only
            _l("Per rule: how often consultants choose something else than the advice."),
            Permission.VIEW_ROUTING_FIGURES,
        ),
        MenuItem(
            "intake_oversight.fairness",
            # staff only
            _l("Is the advice fair?"),
            # staff only
            _l(
                "Advice and decisions per gender and country of birth, with large differences marked."
            ),
            Permission.MONITOR_FAIRNESS,
        ),
        MenuItem(
            "intake_oversight.versions",
            # staff only
            _l("Compare questionnaire versions"),
            # staff only
            _l("Before a new version is used: how many people would get other advice."),
            Permission.COMPARE_QUESTIONNAIRES,
        ),
        MenuItem(
            "caseload.assign",
            # staff only
            _l("Assign Zelfdoeners to e-coaches"),
            # staff only
            _l("Who coaches whom: new Zelfdoeners and the size of each caseload."),
            Permission.ASSIGN_CASELOADS,
        ),
        MenuItem(
            "coaching_standin.index",
            _l("Stand-ins"),
            _l("Which e-coach stands in for whom: approve requests, set or end a stand-in."),
            Permission.MANAGE_STAND_INS,
        ),
        MenuItem(
            "catalogue.index",
            # staff only
            _l("Catalogue of services"),
            # staff only
            _l("Workshops and instruments that e-coaches can refer people to."),
            Permission.MANAGE_CATALOGUE,
        ),
        MenuItem(
            "messages.templates",
            # staff only
            _l("Ready texts for e-coaches"),
            # staff only
            _l("Message texts e-coaches can use, with the person's first name."),
            Permission.MANAGE_TEMPLATES,
        ),
        MenuItem(
            "meetings.index",
            # staff only
            _l("Information meetings"),
            # staff only
            _l("Plan the information meetings for Zelfdoeners."),
            Permission.PLAN_MEETINGS,
        ),
        MenuItem(
            "privacy_staff.corrections",
            # staff only
            _l("Correction requests"),
            # staff only
            _l("Applicants ask to correct their data: answer them."),
            Permission.HANDLE_CORRECTIONS,
        ),
        MenuItem(
            "privacy_staff.records",
            # staff only
            _l("Records of processing"),
            # staff only
            _l("What the portal keeps, why and how long, for the privacy officer."),
            Permission.VIEW_PROCESSING_RECORDS,
        ),
        MenuItem(
            "labour_staff.index",
            # staff only
            _l("Labour market"),
            # staff only
            _l("The list of competences, occupations in demand and vacancies: edit and import."),
            Permission.MANAGE_LABOUR_MARKET,
        ),
        MenuItem(
            "labour_staff.candidates",
            # staff only
            _l("Job hunting"),
            # staff only
            _l("Profiles of people who chose to show them to job hunters."),
            Permission.FIND_CANDIDATES,
        ),
        MenuItem(
            "stip_admin.locations",
            # staff only
            _l("STIP locations"),
            # staff only
            _l("Help points, their opening hours and their volunteers."),
            Permission.MANAGE_STIP,
        ),
        MenuItem(
            "home.translations",
            # staff only
            _l("Languages"),
            # staff only
            _l("How complete each language is for applicants, and what still needs review."),
            Permission.VIEW_TRANSLATIONS,
        ),
        MenuItem(
            "admin.accounts",
            # staff only
            _l("Staff accounts"),
            # staff only
            _l("Invite staff, see who has access, deactivate accounts."),
            Permission.MANAGE_ACCOUNTS,
        ),
        _FIGURES,
        MenuItem(
            "figures_audit.index",
            # staff only
            _l("Audit log"),
            # staff only
            _l("Who read or changed which file, and when."),
            Permission.READ_AUDIT_LOG,
        ),
        _ACCOUNT,
    ),
    Role.FUNCTIONAL_ADMIN: (
        MenuItem(
            "beheer_text.index",
            # staff only
            _l("Texts"),
            # staff only
            _l("Change the texts of the information pages, mails, the letter and question help."),
            Permission.MANAGE_TEXTS,
        ),
        MenuItem(
            "beheer_questionnaire.index",
            # staff only
            _l("Questionnaires"),
            # staff only
            _l("Upload or change a version, see what it changes, and publish it."),
            Permission.MANAGE_QUESTIONNAIRES,
        ),
        MenuItem(
            "beheer_people.staff",
            # staff only
            _l("Staff roles and teams"),
            # staff only
            _l("Change the role or team of a staff member."),
            Permission.MANAGE_PEOPLE,
        ),
        MenuItem(
            "beheer_people.applicants",
            # staff only
            _l("Applicants' accounts"),
            # staff only
            _l(
                "Close or reopen an account, send a new activation mail or letter, merge a double registration."
            ),
            Permission.MANAGE_PEOPLE,
        ),
        MenuItem(
            "labour_staff.index",
            # staff only
            _l("Labour market"),
            # staff only
            _l("The list of competences, occupations in demand and vacancies: edit and import."),
            Permission.MANAGE_LABOUR_MARKET,
        ),
        _ACCOUNT,
    ),
    Role.MANAGEMENT: (_FIGURES, _ACCOUNT),
}
