"""No key reaches a person: every page a caseworker, an admin and a partner reach, in
Ukrainian and in English, shows words, never the program's names for things.

One browser and one seeded application (tests/browser/seeding.py: two children of the seed
family, a court application made, shared and packed, an institution, a plan step filed).
Each page's visible text is read as a person meets it (the body's text with every
<details> opened, and the alt, title, placeholder and aria-label texts, the options of
every list, the values of submit buttons) and fails on a snake_case token, a template id,
a dotted field path, a raw choice value shown alone, and on Ukrainian pages on an English
message of the catalog left untranslated.

With PAPERWORK_GALLERY=1 (`make gallery`) the main pages are also saved as pictures in
docs/gallery/.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from marshmallow import Schema, fields

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.config import PROJECT_ROOT
from service.documents.catalog import list_templates
from service.schemas.case import CaseSchema
from service.schemas.fields import ChoiceField
from service.schemas.institutions import InstitutionSchema
from service.schemas.plan import StepChangeSchema
from tests.browser.seeding import (
    ADMIN_EMAIL,
    BIRTH_FACT,
    CASEWORKER_EMAIL,
    PARTNER_EMAIL,
    Site,
    served_site,
    sign_in,
)
from tests.browser.test_caseworker_flow import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

GALLERY = PROJECT_ROOT / "docs" / "gallery"
CATALOG = PROJECT_ROOT / "service" / "translations" / "uk" / "LC_MESSAGES" / "messages.po"
# The document-data forms walked: one of each family, and the birth registration (a plan's).
DATA_FORMS = (
    BIRTH_FACT,
    "identity.birth_registration_application",
    "medical.referral",
    "medical.catch_up_vaccination_referral",
    "custody.guardianship_application",
    "custody.war_affected_status_application",
)
# The pages of the gallery: (page name in the walk, picture's name).
GALLERY_PAGES = {
    "caseworker-cases": "cases",
    "caseworker-case": "case",
    "caseworker-case-form": "case-form",
    f"caseworker-data-{BIRTH_FACT}": "document-data",
    "caseworker-document": "document",
    "caseworker-caseload": "caseload",
    "caseworker-checklist": "checklist",
    "caseworker-reminders": "reminders",
    "caseworker-institutions": "institutions",
    "partner-shared": "shared",
    "public-verify-code": "verify",
}

# What gives the program's insides away, by name.
KEYS = {
    "key": re.compile(r"\b[a-z]+_[a-z_]+\b"),  # a field name or choice value: birth_date
    # A template id, also as a field path turned into words ("Medical › Referral").
    "template id": re.compile(
        r"\b(identity|medical|custody)\.[a-z]|\b(Identity|Medical|Custody) ›"
    ),
    "path": re.compile(r"\b[a-z_]+\.\d+(\.|\b)"),  # a dotted field path: children.0.
    "bracketed id": re.compile(r"\w\[[^\]\s]+\]"),  # an item of a program's key: x[artem01]
    "placeholder": re.compile(r"%\(\w+\)[sd]|\{\w+\}"),  # a message not filled in
    "record id": re.compile(r"\b[0-9a-f]{32}\b"),  # a database id instead of a name
}
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}(?:[ ,’'-]+[A-Za-z]{2,}){2,}\b")
# What a person legitimately sees that looks like a key; each is cut out before checking.
WHITELIST = (
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses of the people signed in
    re.compile(r"https?://\S+"),  # the verification address a QR code carries
    re.compile(r"\b[0-9a-f]{64}\b"),  # SHA-256 of a document's file, to compare with one's own
    re.compile(r"\b[A-Z0-9]{4}(-[A-Z0-9]{4}){2,}\b"),  # verification codes
    re.compile(r"[\w.-]+\.(pdf|docx|zip)\b", re.IGNORECASE),  # file names of downloads
)

# Reads the page as a person meets it: every <details> open, each text on its own line.
# Text marked as another language (an institution's English name on a Ukrainian page) is
# read on its own, after FOREIGN, so that only the key checks apply to it.
FOREIGN = "[lang] "
VISIBLE_TEXT = """() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const pageLang = document.documentElement.lang;
  const foreign = [...document.body.querySelectorAll('[lang]')].filter((e) => e.lang !== pageLang);
  const hidden = foreign.map((element) => [element, element.style.display]);
  for (const element of foreign) element.style.display = 'none';
  const texts = [document.body.innerText];
  for (const [element, display] of hidden) element.style.display = display;
  for (const element of foreign) texts.push('[lang] ' + element.innerText);
  for (const element of document.querySelectorAll('[alt], [title], [placeholder], [aria-label]')) {
    for (const name of ['alt', 'title', 'placeholder', 'aria-label']) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  for (const option of document.querySelectorAll('option')) texts.push(option.textContent);
  for (const button of document.querySelectorAll('input[type=submit], input[type=button]')) {
    texts.push(button.value);
  }
  return texts;
}"""


def schema_choices(schema: Schema, seen: set[int] | None = None) -> Iterator[str]:
    """Every value of every fixed list of a schema and the schemas it nests."""
    seen = set() if seen is None else seen
    if id(schema) in seen:
        return
    seen.add(id(schema))
    for field in schema.fields.values():
        yield from field_choices(field, seen)


def field_choices(field: fields.Field[Any], seen: set[int]) -> Iterator[str]:
    """The fixed values of one field, through lists and nested schemas."""
    if isinstance(field, ChoiceField):
        yield from field.metadata["enum"]
    elif isinstance(field, fields.List):
        yield from field_choices(field.inner, seen)
    elif isinstance(field, fields.Nested) and isinstance(field.schema, Schema):
        yield from schema_choices(field.schema, seen)


def raw_choices(english_words: set[str]) -> dict[str, set[str]]:
    """Per page language, the choice values that are not the words a person reads there.

    On a Ukrainian page every value shown alone is a key. On an English page a value is
    sometimes its own label ("court", "filed"): it is a word when the catalog has it as
    an English message, a key when not.
    """
    schemas: list[Schema] = [CaseSchema(), InstitutionSchema(), StepChangeSchema()]
    schemas += [spec.data_schema() for spec in list_templates()]
    values = {value for schema in schemas for value in schema_choices(schema)}
    values |= set(DOCUMENT_LANGUAGES) | set(FORMATS)
    return {"uk": values, "en": values - english_words}


def catalog_messages() -> tuple[set[str], set[str]]:
    """The English messages of the Ukrainian catalog: all, and those translated otherwise."""
    with CATALOG.open("rb") as source:
        catalog = read_po(source)
    every: set[str] = set()
    translated: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        every |= {msgid.strip() for msgid in ids}
        translated |= {msgid.strip() for msgid in ids if msgid.strip() not in strings}
    return every, translated


def pieces(texts: Iterable[str]) -> Iterator[str]:
    """Each line, and each cell of a table row, of what a page shows."""
    for text in texts:
        for line in text.splitlines():
            for cell in line.split("\t"):
                if cell.strip():
                    yield cell.strip()


def problems(
    texts: list[str],
    lang: str,
    choices: dict[str, set[str]],
    msgids: set[str],
    *,
    bilingual: bool = False,
) -> set[str]:
    """What a person should not see, each with its snippet (English lines are meant on the
    bilingual pages)."""
    found = set()
    for piece in pieces(texts):
        cleaned = piece
        for allowed in WHITELIST:
            cleaned = allowed.sub(" ", cleaned)
        for name, pattern in KEYS.items():
            for match in pattern.finditer(cleaned):
                start = max(0, match.start() - 40)
                found.add(f"{name} {match.group(0)!r} in {cleaned[start : match.end() + 40]!r}")
        if piece in choices[lang]:
            found.add(f"choice value {piece!r}")
        if lang == "uk" and piece in msgids:
            found.add(f"untranslated {piece!r}")
        if lang == "uk" and not bilingual and not piece.startswith(FOREIGN):
            # An English message inside a line: three English words in a row.
            for match in ENGLISH_WORDS.finditer(cleaned):
                found.add(f"English on a Ukrainian page {match.group(0)!r} in {cleaned[:120]!r}")
    return found


def gallery_shot(page: Any, name: str) -> None:
    """The page as a picture of 1280 px wide, at most 2000 px tall, kept small."""
    from PIL import Image

    height = min(page.evaluate("document.documentElement.scrollHeight"), 2000)
    shot = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height})
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    # 256 colours are plenty for text on a flat page and halve the file.
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        GALLERY / f"{name}.png", optimize=True
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The application with a case that has every part a page shows."""
    with served_site(tmp_path_factory.mktemp("keys"), casework=True) as served:
        yield served


def test_no_key_on_any_page_in_either_language(site: Site) -> None:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    gallery = os.environ.get("PAPERWORK_GALLERY") == "1"
    if gallery:
        GALLERY.mkdir(parents=True, exist_ok=True)
    english, msgids = catalog_messages()
    choices = raw_choices(english)
    assert len(msgids) > 100, len(msgids)  # the catalog was read
    case = f"/cases/{site.case_id}"
    caseworker = {
        "cases": "/cases",
        "case": case,
        "case-preview": f"{case}?preview={site.document_id}",
        "case-form": f"{case}/edit",
        "new-case": "/cases/new",
        **{f"data-{template}": f"{case}/data/{template}" for template in DATA_FORMS},
        "document": f"/documents/{site.document_id}",
        "institutions": "/institutions",
        "institutions-kind": "/institutions?kind=children_service",
        "institution-new": "/institutions/new",
        "institution": f"/institutions/{site.institution_id}",
        "caseload": "/plan",
        "caseload-filed": "/plan?status=filed",
        "checklist": f"{case}/checklist/mother",
        "reminders": "/reminders",
        "not-found": "/cases/0000000000000000",
    }
    caseworker_id = site.app.extensions["users"].find(CASEWORKER_EMAIL)
    admin = {
        "cases": "/cases",
        "case": case,
        "document": f"/documents/{site.document_id}",
        "institutions": "/institutions",
        "caseload": "/plan",
        "users": "/admin/users",
        "user-disable": f"/admin/users/{caseworker_id}/disable",
    }
    partner = {"shared": "/shared", "document": f"/documents/{site.document_id}"}
    public = {
        "login": "/login",
        "verify": "/verify",
        "verify-code": f"/verify/{site.code}",
        "verify-unknown": "/verify/AAAA-AAAA-AAAA",
        "not-found": "/no-such-page",
        "link-unknown": "/shared/" + "a" * 32,
    }
    failures: list[str] = []
    walked: list[str] = []

    def check(page: Any, name: str, lang: str) -> None:
        assert page.locator("html").get_attribute("lang") in (lang, "uk"), (name, lang)
        walked.append(f"{lang}-{name}")
        # The verification pages are bilingual by design (Ukrainian, English beside it):
        # their English lines are meant, their keys are not; one picture shows them.
        bilingual = page.url.startswith((f"{site.base}/verify", f"{site.base}/shared/"))
        if gallery and name in GALLERY_PAGES and not (bilingual and lang == "en"):
            # Taken before reading, which opens every <details>.
            gallery_shot(page, GALLERY_PAGES[name] + ("" if bilingual else f"-{lang}"))
        texts = page.evaluate(VISIBLE_TEXT)
        found = problems(texts, lang, choices, set() if bilingual else msgids, bilingual=bilingual)
        failures.extend(f"{lang} {name} ({page.url}): {problem}" for problem in sorted(found))

    def switch_language(page: Any, lang: str) -> None:
        label = {"uk": "Українська", "en": "English"}[lang]
        page.locator("nav.languages").get_by_role("link", name=label).click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == lang

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang in ("uk", "en"):
            for who, email, pages in (
                ("public", None, public),
                ("caseworker", CASEWORKER_EMAIL, caseworker),
                ("admin", ADMIN_EMAIL, admin),
                ("partner", PARTNER_EMAIL, partner),
            ):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                if email is None:
                    page.goto(site.base + "/login")
                else:
                    sign_in(page, site.base, email)
                switch_language(page, lang)
                for name, path in pages.items():
                    page.goto(site.base + path)
                    check(page, f"{who}-{name}", lang)
                if who == "public":
                    page.goto(f"{site.base}/login")
                    page.locator("#email").fill(CASEWORKER_EMAIL)
                    page.locator("#password").fill("wrong password")
                    page.locator("form button[type=submit]").last.click()
                    page.locator("#login-error").wait_for()
                    check(page, "public-login-error", lang)
                if who == "caseworker":
                    walk_forms_with_errors(page, site, lang, check)
                context.close()
        browser.close()
    # Each page in each language, the login's error and the six pages after a refusal.
    expected = len(public) + 1 + len(caseworker) + 6 + len(admin) + len(partner)
    assert len(walked) == 2 * expected, walked
    assert not failures, "Keys shown to people:\n" + "\n".join(failures)


def walk_forms_with_errors(page: Any, site: Site, lang: str, check: Any) -> None:
    """The pages after a refused submit: case form, document data, packet, plan step."""
    case = f"{site.base}/cases/{site.case_id}"
    page.goto(f"{site.base}/cases/new")
    page.locator("#f-children-0-surname").fill("<b>")
    page.locator("form.case-form button[type=submit]").last.click()
    page.locator("#e-f-children-0-surname").wait_for()
    check(page, "caseworker-case-form-errors", lang)

    # The court application's data with its court taken away, and an evidence kind unset.
    page.goto(f"{case}/data/{BIRTH_FACT}")
    page.locator("form.case-form input[type=text]:visible").first.fill("")
    page.locator("form.case-form button[type=submit]:not([name])").click()
    page.locator("p.error").first.wait_for()
    check(page, "caseworker-data-errors", lang)

    # A packet of documents whose data the case lacks: the list of what is missing. (The
    # form offers only what the children's plans list: these two are in Артем's, not ready.)
    page.goto(case)
    page.locator("#packet input[name=documents][value='custody.child_handover_act']").check()
    page.locator(
        "#packet input[name=documents][value='medical.psychological_support_referral']"
    ).check()
    page.locator("#packet button[type=submit]").click()
    page.locator("#packet .error").wait_for()
    check(page, "caseworker-packet-errors", lang)

    # Making a document the case lacks data for: the list beside the documents.
    page.goto(case)
    page.locator("#template").select_option("custody.guardianship_application")
    page.locator("#documents form.inline-form button[type=submit]").first.click()
    page.locator("#documents .error").wait_for()
    check(page, "caseworker-document-errors", lang)

    # A plan step recorded as decided with no date: the step form's errors.
    page.goto(case)
    form = page.locator("form.step-form").first
    page.evaluate("document.querySelector('details.record').open = true")
    form.locator("select[name=status]").select_option("decided")
    form.locator("button[type=submit]").click()
    page.locator("form.step-form p.error").first.wait_for()
    check(page, "caseworker-step-errors", lang)

    # The caseload filtered by a step.
    page.goto(f"{site.base}/plan")
    page.locator("#template").select_option(BIRTH_FACT)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    check(page, "caseworker-caseload-step", lang)


def test_the_walk_finds_keys() -> None:
    """The checks can fail: each kind of key is found, and the whitelisted things pass."""
    choices = {"uk": {"court", "uk"}, "en": {"court"}}
    msgids = {"Make the document"}
    shown = [
        "Court: Обов’язкове поле\nЗаповніть поле interested_party",
        "identity.birth_fact_court_application v1.4.0",
        "children.0.birth_date",
        "Вид\tcourt",
        "Make the document",
        "Medical › Referral[artem00008] › Заклад",
        "Свідоцтво про народження дитини %(number)s",
        "07.12.2026 04:19 EET\t08a68c5e2293454bb68850c9c198b9fc\tсправу створено",
        "Справу збережено. For documents it still needs: Заявник › Стать.",
    ]
    found = " ".join(problems(shown, "uk", choices, msgids))
    expected_keys = ("interested_party", "identity.b", "children.0", "'court'", "untranslated")
    expected_keys += (
        "Medical ›",
        "l[artem00008]",
        "%(number)s",
        "08a68c5e2293454bb68850c9c198b9fc",
        "'For documents it still needs'",
    )
    for expected in expected_keys:
        assert expected in found, (expected, found)
    allowed = [
        "olena_k@example.org",
        "https://paperwork.example.org/verify/ABCD-EFGH-JKLM?x=a_b",
        "identity_birth_fact_court_application_uk.pdf",
        "ABCD-EFGH-JKLM",
        "SHA-256: " + "7538fd87" * 8,
        "Make the document",
    ]
    assert not problems(allowed, "en", choices, msgids)
    # English marked as such on a Ukrainian page (an institution's English name) is meant.
    english_name = FOREIGN + "Children's Service of Kyiv City Council"
    assert not problems([english_name], "uk", choices, msgids)
    assert Path(CATALOG).exists()
