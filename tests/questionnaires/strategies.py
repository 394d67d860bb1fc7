"""Hypothesis strategies: valid answers for any question, complete answer sets."""

from datetime import date

from hypothesis import strategies as st

from questionnaires.model import Question, Questionnaire


def answer_for(question: Question):
    if question.type in ("single", "yes_no"):
        return st.sampled_from([o.value for o in question.options])
    if question.type == "multiple":
        return st.lists(
            st.sampled_from([o.value for o in question.options]), min_size=1, unique=True
        ).map(lambda vs: [o.value for o in question.options if o.value in vs])
    if question.type in ("scale", "number"):
        return st.integers(
            int(question.minimum if question.minimum is not None else 0),
            int(question.maximum if question.maximum is not None else 100),
        )
    if question.type == "date":
        return st.dates(date(1950, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    return st.text(min_size=1, max_size=40).filter(str.strip)


def complete_answers(definition: Questionnaire):
    """An answer to every question (hidden ones included: evaluate must drop those)."""
    return st.fixed_dictionaries({q.id: answer_for(q) for q in definition.questions})
