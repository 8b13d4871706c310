"""The legal sources of each document: every act and article it prints, with where it came from.

`docs/legal/<template id>.toml` lists, for each legal statement a document prints, the
act (full title, number, date), the provision (article, part, item), the edition read,
the day it was checked, how it was read (`full`, `excerpt`, `secondary`, `not_read`,
with a note), where, and the words relied on. `check_sources` holds a document to it:
the file must exist and be complete, and every article or act number the document's
Ukrainian text prints must be one of its sources. `make lint` and `make test` run it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUIRED_KEYS = (
    "key",
    "act",
    "act_en",
    "provision",
    "cites",
    "edition",
    "in_force_checked",
    "read",
    "supports",
)
READ_KINDS = ("full", "excerpt", "secondary", "not_read")

# "ст. 317", "статті 315, 317–319", "статтею 43": the article numbers a text cites.
_ARTICLES = re.compile(
    r"(?<!\w)(?:ст\.|стат(?:т(?:я|і|ю|ею)|ей))\s*"
    r"(\d+(?:-\d+)?(?:\s*(?:[,–—-]|та|і|і\s+)\s*\d+(?:-\d+)?)*)"
)
# "від 25 березня 2015 р. № 302", "Закону України № 2398-VI", "наказ … № 52/5": an act's number.
_ACT_NUMBER = re.compile(r"№\s*(\d{1,5}(?:/\d{1,3})?(?:-[IVX]+)?)(?![\d/])")
_ACT_WORDS = re.compile(r"(?i)(закон|постанов|наказ|указ|розпорядж|кодекс|рішенн\w* конституц)")
_NOT_ACTS = re.compile(r"(?i)(свідоцтв|паспорт|справ[аиі]|картк|ID|направленн|акт\b|серія)")


@dataclass(frozen=True)
class SourceProblem:
    """One thing wrong with a document's sources."""

    kind: str  # missing-sources | source-field | uncited
    detail: str


def sources_path(sources_dir: Path, template_id: str) -> Path:
    """Where a document's sources live."""
    return sources_dir / f"{template_id}.toml"


def load_sources(sources_dir: Path, template_id: str) -> dict[str, Any] | None:
    """Read a document's sources, or None when it has none."""
    path = sources_path(sources_dir, template_id)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        return tomllib.load(file)


def cited_articles(text: str) -> set[str]:
    """The article numbers a Ukrainian text cites ("317", "30-1"), ranges spelled out."""
    found: set[str] = set()
    for match in _ARTICLES.finditer(text.replace("\u00a0", " ")):
        found |= expand_numbers(match.group(1))
    return found


def cited_act_numbers(text: str) -> set[str]:
    """The numbers of acts a Ukrainian text names ("302", "2345-IX", "52/5")."""
    text = text.replace("\u00a0", " ")
    found = set()
    for match in _ACT_NUMBER.finditer(text):
        before = text[max(0, match.start() - 90) : match.start()]
        tail = before[-25:]
        if _ACT_WORDS.search(before) and not _NOT_ACTS.search(tail):
            found.add(match.group(1))
    return found


def expand_numbers(text: str) -> set[str]:
    """ "315, 317–319" → {"315", "317", "318", "319"}; "30-1" stays one article."""
    numbers: set[str] = set()
    for part in re.split(r"\s*(?:,|та|і)\s*", text.strip()):
        span = re.fullmatch(r"(\d+)\s*[–—]\s*(\d+)", part)
        if span and int(span.group(1)) < int(span.group(2)) <= int(span.group(1)) + 20:
            numbers |= {str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1)}
        else:
            numbers |= set(re.findall(r"\d+(?:-\d+)?", part))
    return numbers


def covered(sources: list[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
    """The article numbers and act numbers a document's sources account for."""
    articles: set[str] = set()
    acts: set[str] = set()
    for source in sources:
        texts = [source.get("provision", ""), *source.get("cites", ())]
        for text in texts:
            articles |= cited_articles(str(text))
            articles |= expand_numbers(
                str(text).split("стаття", 1)[-1] if "стат" in str(text) else ""
            )
        acts.add(str(source.get("number", "")))
        for text in (*source.get("cites", ()), source.get("act", "")):
            acts |= {match.group(1) for match in _ACT_NUMBER.finditer(str(text))}
    return articles, acts - {""}


def check_sources(
    template_id: str, sources_dir: Path, rendered_uk_text: str
) -> Iterator[SourceProblem]:
    """Yield what is missing from a document's sources, given its rendered Ukrainian text."""
    raw = load_sources(sources_dir, template_id)
    if raw is None:
        yield SourceProblem("missing-sources", f"no {sources_path(sources_dir, template_id).name}")
        return
    sources = list(raw.get("source", ()))
    if not sources:
        yield SourceProblem("missing-sources", "the file lists no source")
    for source in sources:
        name = source.get("key", "?")
        for key in REQUIRED_KEYS:
            if key not in source or source[key] in ("", None):
                yield SourceProblem("source-field", f"{name}: no {key}")
        if source.get("read") not in READ_KINDS:
            yield SourceProblem("source-field", f"{name}: read is one of {', '.join(READ_KINDS)}")
        elif source["read"] in ("not_read", "secondary") and not source.get("note"):
            yield SourceProblem("source-field", f"{name}: say in a note what could not be read")
        elif source["read"] in ("full", "excerpt") and not source.get("quote"):
            yield SourceProblem("source-field", f"{name}: quote the words relied on")
    articles, acts = covered(sources)
    for number in sorted(cited_articles(rendered_uk_text) - articles):
        yield SourceProblem("uncited", f"the document cites article {number} without a source")
    for number in sorted(cited_act_numbers(rendered_uk_text) - acts):
        yield SourceProblem("uncited", f"the document names act № {number} without a source")
