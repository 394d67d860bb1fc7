"""Message text on a page: escaped, line breaks kept, web addresses made into safe links."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


def linkify(text: str) -> Markup:
    """Escape everything, then turn http(s) addresses into links that open nothing else."""
    escaped = str(escape(text))
    linked = URL.sub(
        lambda m: (
            f'<a class="utrecht-link" href="{m.group(0)}" '
            f'rel="noopener noreferrer nofollow">{m.group(0)}</a>'
        ),
        escaped,
    )
    # Safe: the text was escaped above, and the only markup added is our own <a> and <br>.
    return Markup(linked.replace("\n", "<br>\n"))  # noqa: S704
