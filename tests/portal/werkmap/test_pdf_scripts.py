"""The CV and log PDFs in Arabic (shaped, right to left) and Tigrinya (Ge'ez script): the text
read back from the PDF with pdftotext (poppler-utils, installed by make test) is the text
that went in, in reading order.

Three things pdftotext does that are not in the PDF's rendering: it moves the space around a
number isolated in Arabic text, it reads the two letters of a lam-alef ligature (لا, لى) in
reverse, and it may put a vowel mark (tanwin) after the letter that follows it. `readable`
compares without spaces and vowel marks, and with those pairs turned."""

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from portal.roles import Role
from tests.portal.test_translations import ROOT

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LAM_ALEF = re.compile("ل([اأإآى])")
VOWEL_MARKS = re.compile("[\u064b-\u065f\u0670]")


def readable(text: str) -> str:
    """How pdftotext reads `text` back: no spaces, lam-alef pairs turned."""
    return "".join(LAM_ALEF.sub(r"\1ل", VOWEL_MARKS.sub("", text)).split())


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, without bidi control characters and spaces."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: scripts/ensure-system-packages.sh installs it"
    out = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return "".join(VOWEL_MARKS.sub("", BIDI_CONTROLS.sub("", out)).split())


def translated(locale: str, msgid: str) -> str:
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)[msgid].string


PEOPLE = {
    "ar": {
        "full_name": "سميرة العمراني",
        "profile_text": "أحب العمل مع الناس وأتكلم العربية والهولندية.",
        "title": "أمينة صندوق",
    },
    "ti": {
        "full_name": "ሰናይት ተስፋይ",
        "profile_text": "ምስ ሰባት ክሰርሕ ይፈቱ እየ።",
        "title": "ሰራሕተኛ መኽዘን",
    },
}


@pytest.mark.parametrize("locale", ["ar", "ti"])
def test_cv_pdf_reads_back_in_arabic_and_tigrinya(client, login_as, locale):
    login_as(Role.APPLICANT)
    client.submit("/language", {"locale": locale})
    person = PEOPLE[locale]
    details = {
        "full_name": person["full_name"],
        "phone": "06-12345678",
        "email": "samira@example.nl",
        "city": "Zwolle",
        "profile_text": person["profile_text"],
        "born_on-day": "15",
        "born_on-month": "3",
        "born_on-year": "1990",
    }
    assert client.submit("/werkmap/cv/details", details).status_code == 302
    item = {"title": person["title"], "organisation": "Albert Heijn", "started": "2019-03-01"}
    assert client.submit("/werkmap/cv/experience/new", item).status_code == 302
    response = client.get("/werkmap/cv/cv.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    for expected in (
        person["full_name"],
        person["profile_text"],
        person["title"],
        translated(locale, "Profile").upper(),
        "06-12345678",  # isolated: not turned into 12345678-06 in Arabic
        "samira@example.nl",
        "Albert Heijn",
        "1990",
    ):
        assert readable(expected) in text, f"{expected!r} not in {text!r}"
    font = b"NotoSansArabic" if locale == "ar" else b"NotoSansEthiopic"
    assert font in response.data  # the script's font is embedded (a subset)


def test_log_pdf_in_arabic_reads_back(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/language", {"locale": "ar"})
    response = client.get("/werkmap/period.pdf?first=2026-01-01&last=2026-01-31")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert readable(translated("ar", "Nothing was logged in this period.")) in text
    assert readable(translated("ar", "Job-search log of %(name)s") % {"name": "Test"}) in text
