"""The loader refuses bad definitions with a precise message; the CLI does the same."""

import textwrap

import pytest

import questionnaires
from portal import create_app
from questionnaires import DefinitionError
from questionnaires.loader import load_file

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
outcomes = [{ id = "o1", label = "O1", description = "d", next_steps = "n" },
            { id = "o2", label = "O2", description = "d", next_steps = "n" }]
  [[schemes.main.routes]]
  id = "r1"
  outcome = "o1"
  when = {r1_when}
  reasons = ["because"]
  {more_routes}
  [schemes.main.default]
  id = "fallback"
  outcome = "o2"
  reasons = ["otherwise"]
"""
GOOD = {"b_extra": "", "r1_when": '{ band = "s", op = "eq", value = "high" }', "more_routes": ""}


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
