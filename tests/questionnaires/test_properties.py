"""Properties of evaluate(): one outcome, protected attributes and hidden answers never matter,
facts reach signals only, the schemes agree where the definition says they do, and a better
answer never moves the advice towards more support."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import questionnaires
from questionnaires import evaluate, holds
from tests.questionnaires.strategies import answer_for, complete_answers

DEFINITIONS = [questionnaires.load(qid, v) for qid, v in questionnaires.available()]
ENTREE = questionnaires.load("entreevragenlijst", 1)
MAIN = [d for d in DEFINITIONS if d.id == "entreevragenlijst"]
LATEST = max(MAIN, key=lambda d: d.version)
SETTINGS = settings(max_examples=150, deadline=None)
AGES = st.integers(16, 67)


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
@given(
    st.sampled_from(MAIN).flatmap(lambda d: st.tuples(st.just(d), complete_answers(d))), st.data()
)
def test_protected_attributes_never_change_scores_or_outcome(case, data):
    definition, answers = case
    protected = [q for q in definition.questions if q.protected]
    assert protected
    changed = dict(answers)
    for question in protected:
        changed[question.id] = data.draw(st.one_of(st.none(), answer_for(question)))
    age = data.draw(AGES)
    for scheme in definition.schemes:
        before = evaluate(definition, answers, scheme, facts={"age": age})
        after = evaluate(definition, changed, scheme, facts={"age": age})
        assert _summary(before) == _summary(after)
        assert (before.reasons, before.next_steps, before.ladder) == (
            after.reasons,
            after.next_steps,
            after.ladder,
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
    assert (first.reasons, first.ladder) == (second.reasons, second.ladder)
    assert all(q.id not in second.answers for q in hidden)


@SETTINGS
@given(complete_answers(ENTREE))
def test_evaluate_is_deterministic(answers):
    assert evaluate(ENTREE, answers) == evaluate(ENTREE, dict(answers))


@SETTINGS
@given(complete_answers(LATEST), AGES, AGES)
def test_facts_reach_signals_only(answers, one, other):
    for scheme in LATEST.schemes:
        a = evaluate(LATEST, answers, scheme, facts={"age": one})
        b = evaluate(LATEST, answers, scheme, facts={"age": other})
        assert (a.route_id, a.scores, a.reasons, a.next_steps, a.ladder) == (
            b.route_id,
            b.scores,
            b.reasons,
            b.next_steps,
            b.ladder,
        )


@SETTINGS
@given(complete_answers(LATEST))
def test_every_route_of_the_latest_version_names_a_concrete_factor(answers):
    for scheme in LATEST.schemes:
        result = evaluate(LATEST, answers, scheme)
        assert result.factors, (scheme, result.route_id)
        assert len(result.reasons) > len(LATEST.scheme(scheme).route(result.route_id).reasons)


@SETTINGS
@given(complete_answers(LATEST))
def test_the_ladder_step_is_the_first_rule_that_holds(answers):
    result = evaluate(LATEST, answers)
    assert LATEST.ladder is not None and result.ladder in range(1, 7)
    values = questionnaires.values_for(LATEST, answers)
    first = next(r for r in LATEST.ladder.rules if holds(r.when, values))
    assert (result.ladder, result.ladder_text) == (first.step, first.text)


def _correspondence_cases():
    return st.sampled_from([d for d in DEFINITIONS if d.correspondences]).flatmap(
        lambda d: st.tuples(st.just(d), complete_answers(d))
    )


@settings(max_examples=400, deadline=None)
@given(_correspondence_cases())
def test_schemes_agree_where_the_definition_says_so(case):
    """E.g. profile 1 ⇔ Zelfdoeners for the same answers, unless an exception with a reason
    declared in the definition holds."""
    definition, answers = case
    results = {s: evaluate(definition, answers, s) for s in definition.schemes}
    values = questionnaires.context(results[definition.default_scheme])
    for item in definition.correspondences:
        inside = {s: results[s].outcome.id in ids for s, ids in item.outcomes.items()}
        excused = [e.id for e in item.exceptions if holds(e.when, values)]
        assert len(set(inside.values())) == 1 or excused, (item.id, inside)


def _better(question, current, data):
    """A strictly better answer than `current` to a ranked question, or None."""
    if question.best_to_worst:
        tier = next((i for i, t in enumerate(question.best_to_worst) if current in t), None)
        if not tier:  # unranked or already the best tier
            return None
        return data.draw(st.sampled_from([v for t in question.best_to_worst[:tier] for v in t]))
    low, high = int(question.minimum or 0), int(question.maximum or 0)
    if question.better == "higher" and current < high:
        return data.draw(st.integers(current + 1, high))
    if question.better == "lower" and current > low:
        return data.draw(st.integers(low, current - 1))
    return None


def _monotone_definitions():
    return [
        d
        for d in DEFINITIONS
        if all(o.support is not None for s in d.schemes.values() for o in s.outcomes)
    ]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_monotone_definitions()).flatmap(
        lambda d: st.tuples(st.just(d), complete_answers(d), st.data())
    )
)
def test_a_better_answer_never_means_more_support(case):
    definition, answers, data = case
    ranked = [q for q in definition.questions if q.best_to_worst or q.better]
    question = data.draw(st.sampled_from(ranked))
    better = _better(question, answers[question.id], data)
    assume(better is not None)
    for scheme in definition.schemes.values():
        before = evaluate(definition, answers, scheme.id).outcome
        after = evaluate(definition, {**answers, question.id: better}, scheme.id).outcome
        assert after.support <= before.support, (question.id, answers[question.id], better)


def test_the_latest_main_version_declares_what_the_properties_need():
    assert LATEST.version >= 2 and LATEST in _monotone_definitions()
    assert {c.id for c in LATEST.correspondences} >= {"self_reliant"}
    ranked = {q.id for q in LATEST.questions if q.best_to_worst or q.better}
    scored = {q.id for q in LATEST.questions if q.weights or any(o.weights for o in q.options)}
    assert scored <= ranked, "every question that weighs in must say which answer is better"
