"""The accessibility statement shows the browser suite's figures: this machine's last full run
when there is one, else the committed snapshot; in the visitor's language."""

import json

import pytest

from portal.home import statement_display

RESULTS = {
    "tested_on": "2026-11-27",
    "tests": 140,
    "failed": 2,
    "pages": 97,
    "axe_checks": 512,
    "widths": [1280, 375],
    "html_documents": 480,
    "keyboard_tests": 3,
}


@pytest.fixture
def results_file(tmp_path, monkeypatch):
    path = tmp_path / "accessibility-results.json"
    monkeypatch.setattr(statement_display, "LATEST", path)
    return path


def test_the_statement_shows_the_last_run(client, results_file):
    results_file.write_text(json.dumps(RESULTS))
    page = client.get("/toegankelijkheid").get_data(as_text=True)
    assert "Toegankelijkheidsverklaring" in page and "C: eerste maatregelen genomen." in page
    assert "27 november 2026" in page
    assert "Er liepen 140 browsertests. Daarvan gingen er 2 fout." in page
    assert "controleerde 97 pagina's" in page and "375, 1280 pixels" in page
    assert "480 pagina" in page and "3 tests gebruiken het portaal" in page
    assert 'href="mailto:toegankelijkheid@gemeente.example"' in page


def test_without_a_run_the_snapshot_counts(client, results_file):
    results_file.write_text("{not json")
    snapshot = statement_display.latest(snapshot=statement_display.SNAPSHOT)
    assert snapshot == statement_display._read(statement_display.SNAPSHOT)
    assert snapshot is not None and snapshot.pages > 0
    page = client.get("/toegankelijkheid").get_data(as_text=True)
    assert f"controleerde {snapshot.pages} pagina" in page


def test_in_english_too(client, results_file):
    results_file.write_text(json.dumps(RESULTS))
    page = client.get("/toegankelijkheid", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Accessibility statement" in page and "140 browser tests ran, 2 of them failed" in page
