"""Properties of evaluate(): one outcome, protected attributes and hidden answers never matter."""

from hypothesis import given, settings
from hypothesis import strategies as st

import questionnaires
from questionnaires import evaluate
from tests.questionnaires.strategies import answer_for, complete_answers

DEFINITIONS = [questionnaires.load(qid, v) for qid, v in questionnaires.available()]
ENTREE = questionnaires.load("entreevragenlijst", 1)
SETTINGS = settings(max_examples=150, deadline=None)


def _summary(result):
    return result.scores, result.bands, result.route_id, result.outcome.id, result.signals


@SETTINGS
@given(st.sampled_from(DEFINITIONS).flatmap(lambda d: st.tuples(st.just(d), complete_answers(d))))
def test_every_complete_answer_set_gives_exactly_one_outcome(case):
    definition, answers = case
    for scheme in definition.schemes.values():
        result = evaluate(definition, answers, scheme.id)
        assert result.complete
        matching = [
            r for r in scheme.routes if questionnaires.holds(r.when, questionnaires.context(result))
        ]
        expected = matching[0] if matching else scheme.default
        assert result.route_id == expected.id
        assert result.outcome.id in {o.id for o in scheme.outcomes}
        assert result.reasons


@SETTINGS
@given(complete_answers(ENTREE), st.data())
def test_protected_attributes_never_change_scores_or_outcome(answers, data):
    protected = [q for q in ENTREE.questions if q.protected]
    assert protected
    changed = dict(answers)
    for question in protected:
        changed[question.id] = data.draw(st.one_of(st.none(), answer_for(question)))
    for scheme in ENTREE.schemes:
        assert _summary(evaluate(ENTREE, answers, scheme)) == _summary(
            evaluate(ENTREE, changed, scheme)
        )


@SETTINGS
@given(
    st.sampled_from(DEFINITIONS).flatmap(
        lambda d: st.tuples(st.just(d), complete_answers(d), st.data())
    )
)
def test_answers_to_hidden_questions_never_matter(case):
    definition, answers, data = case
    first = evaluate(definition, answers)
    hidden = [q for q in definition.questions if q.id not in first.visible]
    changed = dict(answers)
    for question in hidden:
        changed[question.id] = data.draw(answer_for(question))
    second = evaluate(definition, changed)
    assert _summary(first) == _summary(second)
    assert all(q.id not in second.answers for q in hidden)


@SETTINGS
@given(complete_answers(ENTREE))
def test_evaluate_is_deterministic(answers):
    assert evaluate(ENTREE, answers) == evaluate(ENTREE, dict(answers))
