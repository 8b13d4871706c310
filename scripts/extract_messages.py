"""Extract every message into service/translations/messages.pot, then update the catalogs.

Python code marks messages with `N_("...")` (and `NP_("context", "...")`); templates call
`c._("...")` and `c.p_("context", "...")` on a language context, which Babel's Jinja
extractor does not see, so templates (HTML, and the XML inside each .docx) are scanned
here with a pattern. Run `make catalogs` after changing a message, translate the new
entries in `service/translations/uk/LC_MESSAGES/messages.po`, then `make messages`.
"""

from __future__ import annotations

import re
import sys
import zipfile
from html import unescape
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "service" / "translations"
LANGUAGES = ("uk", "en")
TEMPLATE_CALL = re.compile(r'\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\')')
TEMPLATE_PLURAL_CALL = re.compile(r'\bngettext\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"')
TEMPLATE_CONTEXT_CALL = re.compile(r'\bp_\(\s*"([^"]+)"\s*,\s*"((?:[^"\\]|\\.)*)"')


def template_texts() -> list[tuple[str, str]]:
    """Yield (location, text) of every HTML template and every .docx template's XML."""
    pages = [
        *(ROOT / "templates_pdf").glob("*.html"),
        *(ROOT / "service/web/templates").glob("*.html"),
    ]
    texts = [(str(path.relative_to(ROOT)), path.read_text("utf-8")) for path in sorted(pages)]
    for path in sorted((ROOT / "templates_docx").glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    xml = archive.read(name).decode("utf-8")
                    plain = unescape(re.sub(r"<[^>]+>", "", xml))
                    texts.append((f"{path.relative_to(ROOT)}:{name}", plain))
    return texts


def build_template() -> Catalog:
    """Collect the messages of code and templates into one catalog template."""
    catalog = Catalog(project="paperwork-service", charset="utf-8")
    keywords = {"N_": None, "NP_": ((1, "c"), 2), "NN_": (1, 2)}
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT / "service", method_map=[("**.py", "python")], keywords=keywords
    ):
        catalog.add(message, locations=[(f"service/{filename}", lineno)], context=context)
    for location, text in template_texts():
        for match in TEMPLATE_CALL.finditer(text):
            message = match.group(1) if match.group(1) is not None else match.group(2)
            catalog.add(message.replace('\\"', '"'), locations=[(location, 0)])
        for match in TEMPLATE_PLURAL_CALL.finditer(text):
            catalog.add((match.group(1), match.group(2)), locations=[(location, 0)])
        for match in TEMPLATE_CONTEXT_CALL.finditer(text):
            catalog.add(match.group(2), locations=[(location, 0)], context=match.group(1))
    return catalog


def main() -> None:
    """Write the .pot file and merge it into each language's .po file."""
    template = build_template()
    with open(TRANSLATIONS / "messages.pot", "wb") as stream:
        write_po(stream, template, omit_header=False, sort_output=True)
    for lang in LANGUAGES:
        po_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            with open(po_path, "rb") as stream:
                catalog = read_po(stream, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="paperwork-service", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header of a new catalog is fuzzy, and pybabel skips those
        with open(po_path, "wb") as stream:
            write_po(stream, catalog, sort_output=True, ignore_obsolete=True)
        missing = [m.id for m in catalog if m.id and not is_translated(m) and lang != "en"]
        print(f"{po_path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")


def is_translated(message: Message) -> bool:
    """Whether a message has its translation (every plural form of a plural one)."""
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def check() -> int:
    """Report messages of the code and templates that a catalog lacks or leaves untranslated.

    Writes nothing; `make lint` runs it, so a new message cannot ship in English alone.
    """
    template = build_template()
    wanted = {(message.context, str(message.id)) for message in template if message.id}
    problems = []
    for lang in LANGUAGES:
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as stream:
            catalog = read_po(stream, locale=lang)
        known = {(m.context, str(m.id)): m for m in catalog if m.id}
        for key in sorted(wanted, key=lambda item: (item[0] or "", item[1])):
            message = known.get(key)
            if message is None:
                problems.append(f"{lang}: not in the catalog: {key[1]!r}")
            elif lang != "en" and (not is_translated(message) or message.fuzzy):
                problems.append(f"{lang}: untranslated: {key[1]!r}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems: run `make catalogs`, then translate the new entries")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    main()
