"""The `portal questionnaires` commands: check definition files, compare two versions on the
stored responses."""

from __future__ import annotations

from pathlib import Path

import click

import questionnaires
from portal.config import MAIN_QUESTIONNAIRE
from portal.intake import oversight_services as oversight
from questionnaires import DefinitionError
from questionnaires.compare import Comparison
from questionnaires.loader import definition_files, load_file
from questionnaires.semantics import check_links


@click.group("questionnaires")
def questionnaires_group() -> None:
    """Questionnaire definitions."""


@questionnaires_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def check_questionnaires(paths: tuple[str, ...]) -> None:
    """Check definition files (default: every shipped one); exit 1 on the first problem."""
    failed, loaded = 0, []
    for path in paths or [str(p) for p in definition_files()]:
        try:
            definition = load_file(path)
        except DefinitionError as exc:
            click.echo(f"FAIL {exc}", err=True)
            failed += 1
        else:
            loaded.append(definition)
            click.echo(
                f"ok   {Path(path).name}: {definition.id} v{definition.version}, "
                f"{len(definition.steps)} pages, {len(definition.questions)} questions"
            )
    if not paths:
        try:
            check_links(loaded)
        except DefinitionError as exc:
            click.echo(f"FAIL {exc}", err=True)
            failed += 1
    if failed:
        raise SystemExit(1)


def _version(raw: str) -> int:
    try:
        return int(raw.lower().removeprefix("v"))
    except ValueError:
        raise click.BadParameter(f"'{raw}' is not a version such as v2") from None


@questionnaires_group.command("compare")
@click.argument("old")
@click.argument("new")
@click.option(
    "--questionnaire", "questionnaire_id", default=MAIN_QUESTIONNAIRE[0], show_default=True
)
@click.option(
    "--file",
    "new_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the new version from this file instead of the shipped one (a draft).",
)
@click.option("--examples", default=3, show_default=True, help="Answer numbers shown per move.")
def compare_questionnaires(
    old: str, new: str, questionnaire_id: str, new_file: str | None, examples: int
) -> None:
    """Re-score every sent response with versions OLD and NEW (e.g. v1 v2): how many people
    per rule would get other advice. Nothing is changed."""
    try:
        before = questionnaires.load(questionnaire_id, _version(old))
        after = (
            load_file(new_file)
            if new_file
            else questionnaires.load(questionnaire_id, _version(new))
        )
    except (DefinitionError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    if after.id != before.id or (new_file and after.version != _version(new)):
        raise click.ClickException(f"{new_file} is not version {new} of {questionnaire_id}")
    report = oversight.compare_stored(before, after, examples)
    for line in _report_lines(report):
        click.echo(line)


def _report_lines(report: Comparison) -> list[str]:
    head = f"{report.questionnaire} v{report.old_version} -> v{report.new_version}"
    lines = [f"{head}: {report.total} responses, {report.moved} would get other advice"]
    if report.new_questions:
        lines.append(
            f"new questions, unanswered in older responses ({report.incomplete} incomplete): "
            + ", ".join(report.new_questions)
        )
    if report.skipped:
        lines.append(f"skipped (scheme not in v{report.new_version}): {report.skipped}")
    for row in report.routes:
        lines.append(
            f"{row.scheme} {row.route} ({row.outcome}): {row.total} responses, "
            f"{row.stay} stay, {row.moved} move"
        )
        for move in row.moves:
            shown = ", ".join(f"#{e}" for e in move.examples)
            lines.append(f"    -> {move.to_route} ({move.to_outcome}): {move.count}, e.g. {shown}")
    return lines
