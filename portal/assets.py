"""Static files: fingerprinted names, gzip twins, a one-year immutable cache, served by
WhiteNoise before Flask (no session, no database for a stylesheet).

At start-up the app fills `PORTAL_STATIC_BUILD_DIR` from `static/`: every file under its own
name and under a name with a hash of its content (`css/portal.3f2a9c1e0b7d.css`), and one
stylesheet bundle `bundle.css` (the NL Design System components, the tokens, the configured
colours, the portal's rules and its print rules) so a page needs one stylesheet. Files are
written once (atomically; several workers may start at the same time) and get a `.gz` twin.
`static_url(name)` in templates gives the hashed address; a changed file gets a new one.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import posixpath
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, current_app, request
from whitenoise import WhiteNoise

from portal.config import PROJECT_ROOT
from portal.theme import theme_css

SOURCE = PROJECT_ROOT / "static"
BUNDLE = "bundle.css"
BUNDLE_PARTS = ("vendor/utrecht/components.css", "css/theme.css", "css/portal.css")
PRINT = "css/print.css"
COMPRESSIBLE = (".css", ".js", ".svg", ".json", ".txt", ".md")
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
# url(...) in a stylesheet: the address, with or without quotes.
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
YEAR = 365 * 24 * 3600


def _hashed_name(name: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:12]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def _write(path: Path, data: bytes) -> None:
    """Write once: an existing file with these bytes is left alone; a new one appears whole."""
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # readable by a front proxy that serves the folder itself
    os.replace(temporary, path)


def _emit(target: Path, name: str, data: bytes, manifest: dict[str, str]) -> None:
    hashed = _hashed_name(name, data)
    for written in {name, hashed}:
        _write(target / written, data)
        if written.endswith(COMPRESSIBLE):
            _write(target / f"{written}.gz", gzip.compress(data, compresslevel=9, mtime=0))
    manifest[name] = hashed


def _rebased(part: str, manifest: Mapping[str, str]) -> str:
    """A stylesheet of the bundle with its relative url()s (fonts, images) made relative to
    the bundle, which lies at the top of the static files, and fingerprinted."""
    folder = posixpath.dirname(part)

    def address(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        if target.startswith(("data:", "/", "#")) or "://" in target:
            return match.group(0)
        name = posixpath.normpath(posixpath.join(folder, target))
        return f'url("{manifest.get(name, name)}")'

    return CSS_URL.sub(address, (SOURCE / part).read_text(encoding="utf-8"))


def bundle(config: dict, manifest: Mapping[str, str] | None = None) -> bytes:
    """The one stylesheet of every page."""
    manifest = manifest or {}
    parts = [_rebased(part, manifest) for part in BUNDLE_PARTS]
    parts.insert(2, theme_css(config))
    parts.append("@media print {\n" + _rebased(PRINT, manifest) + "\n}\n")
    return "\n".join(parts).encode()


def build(config: dict) -> dict[str, str]:
    """Fill the build folder; returns the manifest (name → hashed name)."""
    target = Path(config["PORTAL_STATIC_BUILD_DIR"])
    manifest: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            _emit(target, path.relative_to(SOURCE).as_posix(), path.read_bytes(), manifest)
    _emit(target, BUNDLE, bundle(config, manifest), manifest)
    return manifest


class StaticFiles(WhiteNoise):
    """WhiteNoise with fingerprinted files cached for one year (its own default is ten)."""

    FOREVER = YEAR


def init_app(app: Flask) -> None:
    """Build the static files and serve them with WhiteNoise at /static/."""
    app.extensions["portal_assets"] = build(app.config)
    # Flask's documented way to wrap the WSGI app; Flask types wsgi_app as a method.
    app.wsgi_app = StaticFiles(  # type: ignore[method-assign]
        app.wsgi_app,
        root=app.config["PORTAL_STATIC_BUILD_DIR"],
        prefix="static/",
        max_age=3600,
        immutable_file_test=lambda _path, url: bool(HASHED.search(url)),
    )


def static_url(name: str) -> str:
    """The fingerprinted address of a static file (cached for a year)."""
    manifest = current_app.extensions["portal_assets"]
    return f"{request.script_root}/static/{manifest.get(name, name)}"
