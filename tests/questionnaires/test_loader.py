"""The loader refuses bad definitions with a precise message; the CLI does the same."""

import textwrap

import pytest

import questionnaires
from portal import create_app
from questionnaires import DefinitionError
from questionnaires.loader import load_file
from questionnaires.semantics import check_links

BASE = """
id = "t"
version = 1
title = "T"
[[scales]]
id = "s"
label = "S"
bands = [{ id = "low", label = "L", max = 1 }, { id = "high", label = "H", min = 1 }]
[[steps]]
id = "one"
title = "One"
  [[steps.questions]]
  id = "a"
  type = "single"
  text = "A?"
  options = [{ value = "x", label = "X", weights = { s = 1 } }, { value = "y", label = "Y" }]
  [[steps.questions]]
  id = "g"
  type = "single"
  text = "Gender?"
  protected = true
  required = false
  options = [{ value = "w", label = "W" }, { value = "m", label = "M" }]
[[steps]]
id = "two"
title = "Two"
  [[steps.questions]]
  id = "b"
  type = "yes_no"
  text = "B?"
  {b_extra}
[schemes.main]
label = "Main"
outcomes = [{ id = "o1", label = "O1", description = "d", next_steps = "n"{o1_extra} },
            { id = "o2", label = "O2", description = "d", next_steps = "n" }]
  [[schemes.main.routes]]
  id = "r1"
  outcome = "o1"
  when = {r1_when}
  reasons = ["because"]
  {r1_extra}
  {more_routes}
  [schemes.main.default]
  id = "fallback"
  outcome = "o2"
  reasons = ["otherwise"]
  {default_extra}
{tail}
"""
GOOD = {
    "b_extra": "",
    "r1_when": '{ band = "s", op = "eq", value = "high" }',
    "more_routes": "",
    "o1_extra": "",
    "r1_extra": "",
    "default_extra": "",
    "tail": "",
}
FACTOR = '[[factors]]\nid = "f"\nwhen = { question = "a", op = "eq", value = "x" }\ntext = "F"\n'
LADDER = (
    "[ladder]\nsteps = ["
    + ", ".join(f'{{ step = {n}, label = "L{n}" }}' for n in range(1, 7))
    + "]\n"
)


def write(tmp_path, **parts):
    text = BASE
    for key, value in {**GOOD, **parts}.items():
        text = text.replace("{" + key + "}", value)
    path = tmp_path / "t.v1.toml"
    path.write_text(textwrap.dedent(text))
    return path


def test_base_definition_is_valid(tmp_path):
    definition = load_file(write(tmp_path))
    assert [s.id for s in definition.steps] == ["one", "two"]


BROKEN = {
    "duplicate question id": (
        {"b_extra": '[[steps.questions]]\n  id = "a"\n  type = "text"\n  text = "again"'},
        "duplicate question id 'a'",
    ),
    "unknown question in route": (
        {"r1_when": '{ question = "zzz", op = "eq", value = "x" }'},
        "condition on an unknown question 'zzz'",
    ),
    "condition on a later question": (
        {
            "b_extra": 'show_if = { question = "c", op = "answered" }\n'
            '[[steps]]\nid = "three"\ntitle = "Three"\n'
            '  [[steps.questions]]\n  id = "c"\n  type = "text"\n  text = "C"'
        },
        "condition on a later question 'c'",
    ),
    "condition on the same page": (
        {
            "b_extra": '[[steps.questions]]\n  id = "c"\n  type = "text"\n  text = "C"\n'
            '  show_if = { question = "b", op = "eq", value = "yes" }'
        },
        "a question on the same page",
    ),
    "weight on undeclared scale": (
        {"b_extra": 'options = [{ value = "yes", weights = { nope = 1 } }]'},
        "weight on undeclared scale 'nope'",
    ),
    "unreachable route": (
        {
            "more_routes": '[[schemes.main.routes]]\n  id = "r2"\n  outcome = "o1"\n'
            '  when = { band = "s", op = "eq", value = "high" }\n'
            '  reasons = ["again"]'
        },
        "route 'r2': unreachable",
    ),
    "route after an unconditional route": (
        {
            "r1_when": '{ all = [{ band = "s", op = "eq", value = "high" }] }',
            "more_routes": '[[schemes.main.routes]]\n  id = "always"\n  outcome = "o1"\n'
            '  reasons = ["x"]\n  [[schemes.main.routes]]\n  id = "r3"\n'
            '  outcome = "o2"\n  when = { band = "s", op = "eq", value = "low" }\n'
            '  reasons = ["y"]',
        },
        "route 'r3': unreachable",
    ),
    "protected attribute in a route": (
        {"r1_when": '{ question = "g", op = "eq", value = "w" }'},
        "uses protected attribute 'g'",
    ),
    "protected attribute in show_if": (
        {"b_extra": 'show_if = { question = "g", op = "eq", value = "w" }'},
        "uses protected attribute 'g'",
    ),
    "unknown operator": (
        {"r1_when": '{ band = "s", op = "like", value = "high" }'},
        "unknown operator 'like'",
    ),
    "unknown band": (
        {"r1_when": '{ band = "s", op = "eq", value = "huge" }'},
        "scale 's' has no band 'huge'",
    ),
    "unknown scale": ({"r1_when": '{ scale = "t", op = "gte", value = 1 }'}, "unknown scale 't'"),
    "value not an option": (
        {"r1_when": '{ question = "a", op = "eq", value = "q" }'},
        "'q' is not an option of question 'a'",
    ),
    "unknown question type": (
        {"b_extra": '[[steps.questions]]\n  id = "c"\n  type = "slider"\n  text = "C"'},
        "unknown type 'slider'",
    ),
    "fact in a route": (
        {
            "r1_when": '{ fact = "age", op = "lt", value = 27 }',
            "tail": '[[facts]]\nid = "age"\nlabel = "Age"',
        },
        "facts such as 'age' may be used in signals only",
    ),
    "unknown fact in a signal": (
        {
            "tail": '[[signals]]\nid = "young"\ntext = "Young"\n'
            'when = { fact = "age", op = "lt", value = 27 }'
        },
        "signal 'young': unknown fact 'age'",
    ),
    "signal link without https": (
        {
            "tail": '[[signals]]\nid = "x"\ntext = "X"\nlink = "http://example.org"\n'
            'when = { question = "a", op = "eq", value = "x" }'
        },
        "a link starts with https://",
    ),
    "route names an unknown factor": (
        {"r1_extra": 'factors = ["nope"]', "tail": FACTOR},
        "route 'r1': names unknown factor 'nope'",
    ),
    "route explains an unknown scale": (
        {"r1_extra": 'explain = ["t"]', "tail": FACTOR},
        "route 'r1': explains unknown scale 't'",
    ),
    "route without factors in a definition with factors": (
        {"r1_extra": 'factors = ["f"]', "tail": FACTOR},
        "route 'fallback': name the factors or scales that explain this route",
    ),
    "factor on a protected attribute": (
        {
            "r1_extra": 'factors = ["f"]',
            "default_extra": 'factors = ["f"]',
            "tail": FACTOR.replace(
                'question = "a", op = "eq", value = "x"', 'question = "g", op = "eq", value = "w"'
            ),
        },
        "factor 'f': uses protected attribute 'g'",
    ),
    "supplementary without an outcome that receives a hand back": (
        {"o1_extra": ', supplementary = "other"'},
        "a supplementary questionnaire needs an outcome that receives_hand_back",
    ),
    "support on some outcomes only": (
        {"o1_extra": ", support = 1"},
        "give every outcome a support level, or none",
    ),
    "ladder without a last rule for everyone": (
        {
            "tail": LADDER + '[[ladder.rules]]\nstep = 6\ntext = "Works"\n'
            'when = { question = "a", op = "eq", value = "x" }'
        },
        "ladder: the last rule has no 'when'",
    ),
    "ladder with a step missing": (
        {
            "tail": LADDER.replace(', { step = 6, label = "L6" }', "")
            + '[[ladder.rules]]\nstep = 1\ntext = "Alone"'
        },
        "ladder: name each of the steps 1 to 6 once",
    ),
    "correspondence with an unknown outcome": (
        {
            "tail": '[[correspondences]]\nid = "c"\ntext = "C"\n'
            'outcomes = { main = ["o9"], other = ["o1"] }'
        },
        "correspondence 'c': scheme 'main' has no outcome 'o9'",
    ),
    "correspondence exception without a reason": (
        {
            "tail": '[[correspondences]]\nid = "c"\ntext = "C"\n'
            'outcomes = { main = ["o1"], other = ["o1"] }\n'
            '  [[correspondences.exceptions]]\n  id = "e"\n'
            '  when = { band = "s", op = "eq", value = "low" }'
        },
        "correspondence 'c' exception: 'reason' is missing",
    ),
    "best_to_worst with an unknown option": (
        {"b_extra": 'best_to_worst = ["yes", "maybe"]'},
        "best_to_worst names unknown option 'maybe'",
    ),
    "better on a choice question": (
        {"b_extra": 'better = "higher"'},
        "better is 'higher' or 'lower', on a number or scale",
    ),
    "unknown outcome": (
        {
            "more_routes": '[[schemes.main.routes]]\n  id = "r4"\n  outcome = "o9"\n'
            '  when = { band = "s", op = "eq", value = "low" }\n'
            '  reasons = ["x"]'
        },
        "unknown outcome 'o9'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_definitions_are_refused_precisely(case, tmp_path):
    parts, message = BROKEN[case]
    with pytest.raises(
        DefinitionError, match="t.v1.toml: .*" + message.replace("(", r"\(").replace(")", r"\)")
    ):
        load_file(write(tmp_path, **parts))


def test_protected_attribute_with_weights_is_refused(tmp_path):
    path = write(tmp_path)
    path.write_text(
        path.read_text().replace(
            'options = [{ value = "w", label = "W" }',
            'options = [{ value = "w", label = "W", weights = { s = 1 } }',
        )
    )
    with pytest.raises(DefinitionError, match="protected attribute cannot carry weights"):
        load_file(path)


def test_invalid_toml_is_refused(tmp_path):
    path = tmp_path / "bad.v1.toml"
    path.write_text("id = ")
    with pytest.raises(DefinitionError, match="not valid TOML"):
        load_file(path)


def test_every_shipped_definition_loads():
    shipped = questionnaires.available()
    assert ("entreevragenlijst", 1) in shipped and ("aanvullend_mp", 1) in shipped
    for qid, version in shipped:
        assert questionnaires.load(qid, version).version == version


def test_cli_check_passes_on_shipped_and_fails_on_broken(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["questionnaires", "check"])
    assert ok.exit_code == 0, ok.output
    assert "entreevragenlijst v1, 9 pages" in ok.output
    paths = []
    for n, case in enumerate(sorted(BROKEN)):
        folder = tmp_path / f"b{n}"
        folder.mkdir()
        paths.append(str(write(folder, **BROKEN[case][0])))
    bad = runner.invoke(args=["questionnaires", "check", *paths])
    assert bad.exit_code == 1
    assert bad.output.count("FAIL") == len(BROKEN)
    app.extensions["db_engine"].dispose()


def test_links_between_definitions_are_checked(tmp_path):
    main = load_file(write(tmp_path, o1_extra=', supplementary = "sup", receives_hand_back = true'))
    with pytest.raises(DefinitionError, match="unknown supplementary questionnaire 'sup'"):
        check_links([main])
    folder = tmp_path / "sup"
    folder.mkdir()
    path = write(folder)
    path.write_text(path.read_text().replace('id = "t"', 'id = "sup"', 1))
    with pytest.raises(DefinitionError, match="exactly one outcome needs hand_back = true"):
        check_links([main, load_file(path)])
    path.write_text(
        path.read_text().replace('next_steps = "n" }', 'next_steps = "n", hand_back = true }', 1)
    )
    check_links([main, load_file(path)])


def test_shipped_definitions_link_up():
    check_links([questionnaires.load(*shipped) for shipped in questionnaires.available()])
