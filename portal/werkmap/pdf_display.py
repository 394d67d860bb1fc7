"""PDFs: the CV as a real CV, and the log overview for a period (fpdf2, vendored fonts).

Liberation Sans for Latin and Cyrillic script, Noto Sans Arabic and Noto Sans Ethiopic (OFL,
static/fonts/) as fallbacks; text shaping by HarfBuzz (uharfbuzz) joins Arabic letters and
places Ge'ez syllables; an Arabic document runs right to left, with phone numbers, email
addresses isolated so they keep their own order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from portal.config import PROJECT_ROOT
from portal.i18n import LTR_RUNS, RIGHT_TO_LEFT
from portal.werkmap.cv_display import Document

FONTS = Path(__file__).parent / "fonts"
SCRIPT_FONTS = PROJECT_ROOT / "static" / "fonts"
FALLBACKS = {"Arabic": "NotoSansArabic", "Ethiopic": "NotoSansEthiopic"}
LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"
ACCENT = (0, 72, 122)
DATE_COLUMN = 42


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.rtl = str(get_locale()) in RIGHT_TO_LEFT
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        self.add_font("Sans", "", str(FONTS / "LiberationSans-Regular.ttf"))
        self.add_font("Sans", "B", str(FONTS / "LiberationSans-Bold.ttf"))
        for family, name in FALLBACKS.items():
            self.add_font(family, "", str(SCRIPT_FONTS / f"{name}-Regular.ttf"))
            self.add_font(family, "B", str(SCRIPT_FONTS / f"{name}-Bold.ttf"))
        self.set_fallback_fonts(list(FALLBACKS), exact_match=False)
        self.set_text_shaping(use_shaping_engine=True, direction="rtl" if self.rtl else "ltr")
        self.set_lang(str(get_locale()))
        self.set_title(title)
        self.set_creator("Werk en Inkomen portal")
        self.add_page()

    def text_block(
        self,
        text: str,
        size: float = 10.5,
        bold: bool = False,
        x: float | None = None,
        color=(0, 0, 0),
    ) -> None:
        if x is not None:
            self.set_x(x)
        self.set_font("Sans", "B" if bold else "", size)
        self.set_text_color(*color)
        width = self.w - self.r_margin - self.get_x()
        if self.rtl:
            text = LTR_RUNS.sub(lambda m: self.ltr(m.group(0)), text)
        if self.rtl and x is not None:  # an indented block is indented from the right
            width = self.w - self.l_margin - (x - self.l_margin) - self.r_margin
            self.set_x(self.l_margin)
        self.multi_cell(
            width,
            size * 0.5,
            text,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="R" if self.rtl else "L",
        )

    def ltr(self, text: str) -> str:
        """A phone number or an email address keeps its own order in Arabic text."""
        return f"{LTR_ISOLATE}{text}{POP_ISOLATE}"

    def heading(self, text: str) -> None:
        self.ln(4)
        self.text_block(text.upper(), size=11, bold=True, color=ACCENT)
        self.set_draw_color(*ACCENT)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(3)

    def dated(self, when: str, title: str, lines: list[str]) -> None:
        top = self.get_y()
        self.set_font("Sans", "", 10)
        self.set_text_color(80, 80, 80)
        if self.rtl:  # the date column on the right, the text to its left
            self.set_x(self.w - self.r_margin - DATE_COLUMN + 2)
        self.multi_cell(
            DATE_COLUMN - 2,
            5,
            when,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="R" if self.rtl else "L",
        )
        below_date = self.get_y()
        self.set_y(top)
        self.text_block(title, size=10.5, bold=True, x=self.l_margin + DATE_COLUMN)
        for line in lines:
            if line:
                self.text_block(line, size=10, x=self.l_margin + DATE_COLUMN)
        self.set_y(max(self.get_y(), below_date) + 2)


def cv_pdf(document: Document) -> bytes:
    """The CV as a PDF: the sections of cv_display.cv_document, as the page shows them."""
    pdf = _Document(_("CV of %(name)s", name=document.name))
    pdf.text_block(document.name, size=22, bold=True, color=ACCENT)
    pdf.text_block("  ·  ".join(document.contact), size=10)
    for section in document.sections:
        pdf.heading(section.heading)
        for entry in section.dated:
            pdf.dated(entry.when, entry.title, list(entry.lines))
        for line in section.listed:
            pdf.text_block("•  " + line)
        for line in section.text:
            pdf.text_block(line)
    return bytes(pdf.output())


def log_pdf(person_name: str, first: date, last: date, rows: list[dict], summary: str) -> bytes:
    """The log of a period as proof for the consultant: one block per entry."""
    pdf = _Document(_("Job-search log of %(name)s", name=person_name))
    pdf.text_block(
        _("Job-search log of %(name)s", name=person_name), size=16, bold=True, color=ACCENT
    )
    pdf.text_block(
        _(
            "From %(first)s to %(last)s",
            first=format_date(first, "long"),
            last=format_date(last, "long"),
        )
    )
    pdf.text_block(summary, bold=True)
    pdf.ln(3)
    for row in rows:
        pdf.dated(row["day"], row["title"], row["lines"])
    if not rows:
        pdf.text_block(_("Nothing was logged in this period."))
    return bytes(pdf.output())
