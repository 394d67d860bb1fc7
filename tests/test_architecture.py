"""Dependencies point one way; files stay small and are named for what they hold."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
FEATURES = sorted(p.name for p in (ROOT / "portal").iterdir() if (p / "__init__.py").exists())
# The file vocabulary of a feature package (README, "Layout"): <area>_ prefixes allowed.
ROLES = ("views", "forms", "models", "services", "rules", "display", "jobs")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_questionnaires_import_nothing_from_the_web_stack():
    for path in (ROOT / "questionnaires").rglob("*.py"):
        assert not _imports(path) & {
            "flask",
            "flask_babel",
            "flask_wtf",
            "flask_login",
            "sqlalchemy",
            "portal",
            "werkzeug",
            "jinja2",
        }, path


def _imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _feature_modules():
    for feature in FEATURES:
        yield from (ROOT / "portal" / feature).glob("*.py")


def test_services_models_and_rules_do_not_use_views_or_the_request():
    for path in _feature_modules():
        if re.fullmatch(r"(\w+_)?(services|models|rules|jobs)", path.stem):
            names = _imported_names(path)
            assert "flask.request" not in names, path
            assert not any(name.rsplit(".", 1)[0].endswith("views") for name in names), path


def test_rules_are_pure():
    for path in _feature_modules():
        if re.fullmatch(r"(\w+_)?rules", path.stem):
            assert not _imports(path) & {"flask", "sqlalchemy", "flask_babel"}, path


def test_feature_files_follow_the_vocabulary():
    odd = [
        str(path.relative_to(ROOT))
        for path in _feature_modules()
        if path.stem != "__init__" and not re.fullmatch(rf"(\w+_)?({'|'.join(ROLES)})", path.stem)
    ]
    assert odd == [], "name feature modules <area>_<role>, role one of " + ", ".join(ROLES)


def test_blueprints_are_named_after_their_package_and_module(app):
    for name, blueprint in app.blueprints.items():
        package, module = blueprint.import_name.split(".")[1:3]
        area = module.removesuffix("views").rstrip("_")
        assert name == (f"{package}_{area}" if area else package), blueprint.import_name


def _function_local_imports(path: Path) -> list[int]:
    """Lines of imports of portal modules inside functions without a noqa and a reason."""
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("portal"):
                    line = lines[inner.lineno - 1]
                    before = lines[inner.lineno - 2].strip()
                    if "noqa: PLC0415" not in line or not before.startswith("#"):
                        found.append(inner.lineno)
    return found


def test_no_unexplained_imports_inside_functions():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "portal").rglob("*.py")
        if (lines := _function_local_imports(path))
    }
    assert offenders == {}


def test_every_portal_module_is_in_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    declared = {name.strip() for layer in layers for name in re.split(r"[:|]", layer)}
    present = {
        p.stem if p.suffix == ".py" else p.name
        for p in (ROOT / "portal").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert present - declared == set(), "add the module to a layer in pyproject.toml"


def test_import_contracts_hold():
    result = subprocess.run([LINT_IMPORTS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    ("module", "higher"),
    [
        ("portal/werkmap/services.py", "portal.coaching.services"),
        ("portal/authz.py", "portal.stip"),
    ],
)
def test_import_contracts_fail_when_a_lower_layer_imports_a_higher_one(tmp_path, module, higher):
    for part in ("portal", "questionnaires", "pyproject.toml"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, tmp_path / part)
    with (tmp_path / module).open("a") as f:
        f.write(f"\nimport {higher}  # noqa\n")
    result = subprocess.run([LINT_IMPORTS], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"is not allowed to import {'.'.join(higher.split('.')[:2])}" in result.stdout


def test_files_stay_small():
    for path in [*(ROOT / "portal").rglob("*.py"), *(ROOT / "questionnaires").rglob("*.py")]:
        if "migrations" not in path.parts:
            assert len(path.read_text().splitlines()) < 400, path


def _locked(lock: str) -> set[str]:
    text = (ROOT / lock).read_text()
    return {m.group(1).lower() for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==", text, re.M)}


def _wanted(requirements: list[str]) -> set[str]:
    return {
        re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements
    }


def test_lock_files_pin_every_dependency():
    """`make lock` after changing pyproject.toml: make installs only what the locks pin."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _wanted(project["dependencies"])
    test = _wanted(project["optional-dependencies"]["test"])
    assert runtime - _locked("requirements.lock") == set()
    assert (runtime | test) - _locked("requirements-test.lock") == set()


def test_the_search_period_imports_nothing_of_intake():
    """Purpose limitation: the assessment of the four weeks (consult_services, consult_views)
    and the rest of the search period never read the Entreevragenlijst's answers or scores."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "portal" / "searchperiod").glob("*.py")
        if any(name.startswith("portal.intake") for name in _imported_names(path))
    ]
    assert offenders == []
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [contract] = [
        c
        for c in config["contracts"]
        if c["type"] == "forbidden" and "portal.searchperiod" in c["source_modules"]
    ]
    assert contract["forbidden_modules"] == ["portal.intake"]
    assert not contract.get("allow_indirect_imports", False)


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("portal/searchperiod/consult_services.py", "portal.intake.models"),
        ("portal/searchperiod/consult_views.py", "portal.intake.services"),
        # Indirectly, through a module the assessment uses, counts as well.
        ("portal/searchperiod/services.py", "portal.intake.display"),
    ],
)
def test_the_purpose_contract_fails_when_the_assessment_reaches_intake(tmp_path, module, imported):
    for part in ("portal", "questionnaires", "pyproject.toml"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, tmp_path / part)
    with (tmp_path / module).open("a") as f:
        f.write(f"\nimport {imported}  # noqa\n")
    result = subprocess.run([LINT_IMPORTS], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert (
        "The search period and its assessment cannot read the Entreevragenlijst BROKEN"
        in result.stdout
    )


def test_every_form_is_built_on_the_guarded_base():
    """Bad input is refused in one place: forms subclass portal.validation.Form (or QueryForm),
    never FlaskForm or wtforms.Form directly."""
    odd = []
    for path in (ROOT / "portal").rglob("*.py"):
        if path.name == "validation.py":
            continue
        names = _imported_names(path)
        if {"flask_wtf.FlaskForm", "wtforms.Form", "wtforms.form.Form"} & names:
            odd.append(str(path.relative_to(ROOT)))
    assert odd == [], "use portal.validation.Form"


BLOCK_TEST_CODE = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tests", "pytest", "_pytest"):
            raise ImportError(f"a bench imported {name}")
sys.meta_path.insert(0, Block())
import bench.caseload, bench.werkmap_log
"""


def test_benches_do_not_depend_on_tests():
    """After `make install` there is no pytest: bench/evaluate.py and bench/caseload.py failed
    because they took answer sets from a test module (which imports pytest)."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "bench").rglob("*.py"))
        if (found := _imports(path) & {"tests", "pytest", "_pytest"})
    }
    assert offenders == {}
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_TEST_CODE], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
