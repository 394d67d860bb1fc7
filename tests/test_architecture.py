"""Dependencies point one way; files stay small."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def test_services_and_models_do_not_use_views_or_the_request():
    for path in (ROOT / "portal").rglob("*.py"):
        if path.name in ("services.py", "models.py", "rules.py"):
            names = _imported_names(path)
            assert "flask.request" not in names, path
            assert not any(".views" in name for name in names), path


def test_files_stay_small():
    for path in [*(ROOT / "portal").rglob("*.py"), *(ROOT / "questionnaires").rglob("*.py")]:
        if "migrations" not in path.parts:
            assert len(path.read_text().splitlines()) < 400, path
