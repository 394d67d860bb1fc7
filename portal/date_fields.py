"""A date of birth as three boxes: day, month and year (the GOV.UK pattern).

A browser's own date field shows the date in the browser's format (mm/dd/yyyy in an English
browser), not the page's language, so a hint like "15-03-1990" could not match it. Three
labelled number boxes read the same in every language and direction. Rendered by the macro
`date_parts` in macros/forms.html; a single ISO value (`born_on=1990-03-15`) is accepted too.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

PARTS = ("day", "month", "year")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
EXAMPLE = _l("For example 15 3 1990.")


class DatePartsField(Field):
    """`data` is a date or None; `parts` keeps what was typed, to show it again."""

    def __init__(self, label=None, validators=None, example=EXAMPLE, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.example = example  # shown under the label, after the description
        self.typed: tuple[str, str, str] | None = None

    @property
    def parts(self) -> tuple[str, str, str]:
        """What the boxes show: what was typed, else the date (also when set as `.data`)."""
        if self.typed is not None:
            return self.typed
        if isinstance(self.data, date):
            return (str(self.data.day), str(self.data.month), str(self.data.year))
        return ("", "", "")

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, date) else None
        self.typed = None
        if formdata is None:
            return
        typed = tuple((formdata.get(f"{self.name}-{part}") or "").strip()[:10] for part in PARTS)
        single = (formdata.get(self.name) or "").strip()[:20]
        if not any(typed) and single:
            self.raw_data = [single]
            if _ISO.fullmatch(single):
                year, month, day = single.split("-")
                typed = (day, month, year)
            else:
                self.typed = ("", "", "")
                self.data = None
                self.process_errors.append(str(_l("Enter a real date, for example 15 3 1990.")))
                return
        else:
            self.raw_data = [" ".join(typed)]
        self.typed = (typed[0], typed[1], typed[2])
        self.data = None
        if not any(typed):
            return  # empty: DataRequired (or Optional) decides
        if not all(typed):
            self.process_errors.append(str(_l("Fill in the day, the month and the year.")))
            return
        if not all(part.isdecimal() for part in typed) or len(typed[2]) != 4:
            self.process_errors.append(
                str(_l("Use numbers only, and four digits for the year. For example 15 3 1990."))
            )
            return
        try:
            self.data = date(int(typed[2]), int(typed[1]), int(typed[0]))
        except ValueError:
            self.process_errors.append(str(_l("Enter a real date, for example 15 3 1990.")))

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # keep the specific message; DataRequired would replace it

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""
