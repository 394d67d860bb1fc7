"""Forms of the caseload pages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal.validation import Form

AUTOMATIC = "auto"


class AssignForm(Form):
    coach = SelectField(_l("E-coach"), validators=[])

    def offer(self, coaches, automatic: bool = True) -> AssignForm:
        """Fill the choices: automatically, or a coach (with the size of their caseload).

        The labels with a name are translated now (`_`), not lazily: a lazy string counts as
        safe markup (it has __html__), so WTForms would not escape the name in it."""
        first = (
            [SelectChoice(AUTOMATIC, _l("The e-coach with the fewest people"))] if automatic else []
        )
        self.coach.choices = first + [
            SelectChoice(
                str(coach.id), _("%(name)s (%(count)s people)", name=coach.name, count=size)
            )
            for coach, size in coaches
        ]
        return self
