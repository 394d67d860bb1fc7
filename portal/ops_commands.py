"""`portal backup` and `portal restore` (portal.operations.backup_services; README,
"Operations")."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from portal import security
from portal.db import db, utcnow
from portal.operations import backup_services as backups


@click.command("backup")
@click.argument("target", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup(target: Path | None) -> None:
    """Write the database and every uploaded file to one archive with checksums (default:
    portal-backup-<UTC time>.tar.gz here). Safe while the portal runs."""
    target = target or Path(f"portal-backup-{utcnow():%Y%m%dT%H%M%SZ}.tar.gz")
    config = current_app.config
    try:
        manifest = backups.backup(db.engine, config["SQLALCHEMY_URL"], config, target)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    security.event("backup.made", detail=f"files={len(manifest['members']) - 1}")
    rows = sum(manifest["tables"].values())
    click.echo(
        f"backup: {target} ({target.stat().st_size} bytes): {rows} rows in "
        f"{len(manifest['tables'])} tables, {len(manifest['members']) - 1} files"
    )
    if manifest["missing_files"]:
        click.echo(f"warning: {len(manifest['missing_files'])} files listed but not in storage")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check-only", is_flag=True, help="Only check the archive's checksums.")
@click.option("--yes", is_flag=True, help="Replace this portal's database and files.")
def restore(source: Path, check_only: bool, yes: bool) -> None:
    """Check an archive of `portal backup`, then put its database and files back: what the
    database holds now is replaced. Stop the portal (and its workers and cron) first."""
    config = current_app.config
    try:
        manifest = backups.verify(source)
        click.echo(f"archive ok: made {manifest['created_at']}, revision {manifest['revision']}")
        if check_only:
            return
        if not yes:
            raise click.ClickException("This replaces the database and files: add --yes.")
        db.session.close()  # no connection of ours holds on to the tables being replaced
        done = backups.restore(db.engine, config["SQLALCHEMY_URL"], config, source)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    security.event("backup.restored", detail=f"files={done.files}")
    click.echo(f"restored: {sum(done.tables.values())} rows, {done.files} files")
    if done.differences:
        for table, (want, got) in sorted(done.differences.items()):
            click.echo(f"  {table}: {got} rows, the backup had {want}")
        raise click.ClickException("The row counts differ from the backup's manifest.")
    click.echo("row counts match the backup's manifest")


COMMANDS = (backup, restore)
