"""/algoritme: the public description of the advice, generated from the active definition and
live figures, in Dutch and English, and as a JSON download."""

import json

import pytest

from portal.intake import algorithm_display
from portal.roles import Role
from questionnaires import load
from questionnaires.loader import DEFINITIONS, load_file
from tests.questionnaires.test_golden import SELF_STARTER

FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "data_used",
    "how_the_advice_is_made",
    "human_oversight",
    "risks_and_mitigations",
    "protected_attributes_not_used",
    "override_rate",
)
NO_FIGURES = {"decisions": 0, "overridden": 0, "share": None, "outcomes": []}


def test_the_page_is_public_and_has_every_field_in_dutch(client):
    html = client.get("/algoritme").get_data(as_text=True)
    for heading in (
        "Advies over de hulp die past bij een nieuwe aanvrager (Entreevragenlijst)",
        "Doel",
        "Wettelijke grondslag",
        "Gebruikte gegevens",
        "Hoe het advies wordt gemaakt",
        "Menselijke controle",
        "Risico's en wat we eraan doen",
        "Wat niet wordt gebruikt",
        "Hoe vaak klantondersteuners iets anders kiezen",
    ):
        assert heading in html, heading
    assert "Participatiewet, artikel 7" in html
    assert "Wat is uw geslacht?" in html and "Waar bent u geboren?" in html
    assert "Kunnen is “Gemiddeld” of “Hoog”" in html  # the rules in words
    assert "Er zijn nog geen besluiten." in html
    assert 'href="/algoritme.json?lang=en"' in html


def test_the_page_in_english(client):
    client.submit("/language", {"locale": "en"})
    html = client.get("/algoritme").get_data(as_text=True)
    for heading in ("Purpose", "Legal basis", "Data used", "How the advice is made"):
        assert heading in html
    assert "Human oversight" in html and "What is not used" in html
    assert "Competences is “Medium” or “High”" in html


@pytest.mark.parametrize(
    ("lang", "purpose_start"), [("nl", "Mensen die bijstand"), ("en", "People who apply")]
)
def test_the_json_download_has_every_field(client, lang, purpose_start):
    response = client.get(f"/algoritme.json?lang={lang}")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.get_data(as_text=True))
    assert document["language"] == lang
    assert set(FIELDS) <= set(document)
    assert document["purpose"].startswith(purpose_start)
    assert document["questionnaire"]["version"] == 2
    assert len(document["risks_and_mitigations"]) == 4
    pages = document["data_used"]["pages"]
    protected = [q["id"] for page in pages for q in page["questions"] if q["protected"]]
    assert protected == ["gender", "country_of_birth"]
    assert document["data_used"]["facts"][0]["id"] == "age"
    routes = document["how_the_advice_is_made"]["routes"]
    assert [r["id"] for r in routes] == [
        "cannot_work_now",
        "self_starter",
        "many_barriers_few_skills",
        "support_to_work",
    ]
    assert document["override_rate"]["decisions"] == 0


def test_an_unknown_language_falls_back_to_the_page_language(client):
    document = json.loads(client.get("/algoritme.json?lang=xx").get_data(as_text=True))
    assert document["language"] == "nl"


def test_the_override_rate_is_live(client, make_client, login, make_user, make_response):
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    for n in range(3):
        response = make_response(make_user(Role.APPLICANT), answers=SELF_STARTER)
        data = (
            {"outcome": "zelfdoeners"}
            if n
            else {"outcome": "klantondersteuning", "reason": "Netwerk."}
        )
        desk.submit(f"/advice/{response.id}/decide", data)
    document = json.loads(client.get("/algoritme.json").get_data(as_text=True))
    rate = document["override_rate"]
    assert (rate["decisions"], rate["overridden"], rate["share"]) == (3, 1, 33)
    [row] = rate["per_advice"]
    assert (row["outcome"], row["decisions"], row["share"]) == ("zelfdoeners", 3, None)  # < 10
    html = client.get("/algoritme").get_data(as_text=True)
    assert "Zij kozen 1 keer iets anders: 33%." in html and "te weinig om te tonen" in html


def test_the_description_follows_the_definition_without_editing(app, tmp_path):
    text = (DEFINITIONS / "entreevragenlijst.v2.toml").read_text()
    old = '{ id = "high", label = "High", min = 12, reason = "You want to work and you are already looking for work." }'
    assert old in text
    draft = tmp_path / "entreevragenlijst.v3.toml"
    draft.write_text(
        text.replace(old, old.replace("min = 12", "min = 13"))
        .replace(
            '{ id = "mid", label = "Medium", min = 8, max = 12,',
            '{ id = "mid", label = "Medium", min = 8, max = 13,',
        )
        .replace("version = 2", "version = 3", 1)
    )
    with app.test_request_context():
        now = algorithm_display.describe(
            load("entreevragenlijst", 2), "drie_lijnen", NO_FIGURES, "G"
        )
        changed = algorithm_display.describe(load_file(draft), "drie_lijnen", NO_FIGURES, "G")
        older = algorithm_display.describe(
            load("entreevragenlijst", 1), "drie_lijnen", NO_FIGURES, "G"
        )

    def willen(about):
        scale = next(s for s in about["how_the_advice_is_made"]["scales"] if s["id"] == "willen")
        return [b["from"] for b in scale["bands"]]

    assert (willen(now), willen(changed)) == ([None, 8, 12], [None, 8, 13])
    assert changed["questionnaire"]["version"] == 3
    assert older["legal_basis"] == [] and now["legal_basis"]  # v1 had no register texts
    assert (
        older["how_the_advice_is_made"]["ladder"] == [] and now["how_the_advice_is_made"]["ladder"]
    )
