"""Dutch at B1 on applicant pages: the longest sentences and words per page, and office words
that applicants should not meet (`portal translations readability`).

A "page" is a source file with applicant-facing messages (a template, a Python module, a
questionnaire); each message is read in its Dutch translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

MAX_WORDS = 15
# Office labels that applicants should not meet on their pages, with what to say instead.
JARGON = {
    r"\bzelfdoeners?\b": "say what it means: 'u zoekt zelf werk, met een e-coach'",
    r"\bmaatschappelijke participatie\b": "say what it means: 'meedoen in de samenleving'",
    r"\bnorm\b": "say 'het aantal sollicitaties dat wij vragen'",
    r"startkwalificatie": "say 'een diploma van havo, vwo of mbo niveau 2 of hoger'",
}
_TAGS = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w+\}")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


@dataclass
class Page:
    source: str
    sentences: list[tuple[int, str]] = field(default_factory=list)  # (words, sentence)
    words: list[str] = field(default_factory=list)
    jargon: list[tuple[str, str]] = field(default_factory=list)  # (text, advice)

    @property
    def too_long(self) -> list[tuple[int, str]]:
        return [(n, s) for n, s in self.sentences if n > MAX_WORDS]


def sentences(text: str) -> list[str]:
    plain = _PLACEHOLDER.sub("X", _TAGS.sub("", text))
    return [s.strip() for s in _SENTENCE_END.split(plain) if s.strip()]


def word_count(sentence: str) -> int:
    return len([w for w in sentence.split() if any(ch.isalnum() for ch in w)])


def _strings(catalogue: Catalog, msgid: str) -> list[str]:
    message = catalogue.get(msgid)
    if message is None or not message.string:
        return []
    value = message.string
    return list(value) if isinstance(value, tuple | list) else [value]


def pages(found: dict[str, set[str]], applicant: frozenset[str], dutch: Catalog) -> list[Page]:
    """Per applicant-facing source file: its sentences by length, words by length, jargon."""
    by_source: dict[str, Page] = {}
    for msgid, sources in found.items():
        if msgid not in applicant:
            continue
        for text in _strings(dutch, msgid):
            for source in sources:
                page = by_source.setdefault(source, Page(source))
                for sentence in sentences(text):
                    page.sentences.append((word_count(sentence), sentence))
                    page.words.extend(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", sentence))
                for pattern, advice in JARGON.items():
                    if re.search(pattern, _PLACEHOLDER.sub("X", text), re.IGNORECASE):
                        page.jargon.append((text, advice))
    for page in by_source.values():
        page.sentences = sorted(set(page.sentences), key=lambda p: (-p[0], p[1]))
        page.words = sorted(set(page.words), key=lambda w: (-len(w), w))
    return sorted(by_source.values(), key=lambda p: p.source)
