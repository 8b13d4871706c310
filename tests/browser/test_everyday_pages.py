"""The everyday list in a real Chromium, in Ukrainian and English: my cases and search, a
note kept, a child's checklist (and how it prints), revocation asked again. axe finds no
serious or critical violation on any of them, no program key shows, and screenshots go to
var/screenshots/everyday/ for review (with PAPERWORK_GALLERY=1 also to docs/gallery/).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from service.config import PROJECT_ROOT
from service.principal import SYSTEM
from service.ukrainian import transliterate
from tests.browser.seeding import ADMIN_EMAIL, CASEWORKER_EMAIL, Site, served_site, sign_in
from tests.browser.test_accessibility import BLOCKING, WCAG_TAGS, describe
from tests.browser.test_caseworker_flow import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_no_keys_on_pages import (
    GALLERY,
    VISIBLE_TEXT,
    catalog_messages,
    problems,
    raw_choices,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots" / "everyday"
LOCALES = {"uk": "uk-UA", "en": "en-GB"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The seeded application (two children of the seed family, a document made)."""
    with served_site(tmp_path_factory.mktemp("everyday")) as served:
        yield served


def test_the_everyday_pages_in_both_languages(site: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    gallery = os.environ.get("PAPERWORK_GALLERY") == "1"
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    english, msgids = catalog_messages()
    choices = raw_choices(english)
    case = site.app.extensions["storage"].cases.get(site.case_id, SYSTEM)
    child = case.data["children"][0]
    latin = f"({transliterate(child['surname'])} {transliterate(child['given_name'])}"
    failures: list[str] = []

    def check(page: Any, name: str, lang: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"{name}-{lang}.png", full_page=True)
        if gallery:
            page.screenshot(path=GALLERY / f"{name}-{lang}.png", full_page=True)
        blocking = [
            violation
            for violation in axe.run(page, options=options).response["violations"]
            if violation["impact"] in BLOCKING
        ]
        if blocking:
            failures.append(f"{lang} {name}: axe\n{describe(blocking)}")
        found = problems(page.evaluate(VISIBLE_TEXT), lang, choices, msgids, bilingual=False)
        failures.extend(f"{lang} {name}: {problem}" for problem in sorted(found))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang, locale in LOCALES.items():
            context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sign_in(page, site.base, CASEWORKER_EMAIL)

            # The case found by its number; not among "my cases" (an API client opened it).
            page.goto(f"{site.base}/cases")
            page.locator("#q").fill(case.number or "")
            page.locator("form.search button[type=submit]").click()
            expect(page.locator("table.list tbody tr")).to_have_count(1)
            if lang == "en":  # the children in Latin beside the Cyrillic
                expect(page.locator("table.list")).to_contain_text(latin)
            check(page, "cases-search", lang)
            page.get_by_role("link", name={"uk": "Мої справи", "en": "My cases"}[lang]).click()
            expect(page.locator("#q")).to_have_value(case.number or "")
            expect(page.locator("table.list")).to_have_count(0)

            # A note kept on the case, shown in the page.
            page.goto(f"{site.base}/cases/{site.case_id}")
            page.locator("#note-text").fill(f"Нотатка {lang}: мати просила дзвонити ввечері")
            page.locator("form.note-form button[type=submit]").click()
            expect(page.locator("#notes .note-text").first).to_contain_text(f"Нотатка {lang}")
            page.locator("#notes").scroll_into_view_if_needed()
            check(page, "case-notes", lang)

            # The child's checklist, from the case page's plan, and as it prints.
            page.goto(f"{site.base}/cases/{site.case_id}")
            page.locator(f'a[href$="/checklist/{child["id"]}"]').click()
            expect(page.locator("h1")).to_contain_text(child["surname"])
            check(page, "checklist", lang)
            page.emulate_media(media="print")
            expect(page.locator("header.top")).to_be_hidden()
            page.screenshot(path=SCREENSHOTS / f"checklist-print-{lang}.png", full_page=True)
            page.pdf(path=str(SCREENSHOTS / f"checklist-{lang}.pdf"))
            page.emulate_media(media="screen")

            # Revocation asks again (an admin: an API client made the document); "no" keeps
            # the document valid.
            context.close()
            context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sign_in(page, site.base, ADMIN_EMAIL)
            page.goto(f"{site.base}/documents/{site.document_id}")
            page.locator("#revoke button.danger").click()
            expect(page.locator("h1")).to_contain_text("?")
            check(page, "revoke-confirm", lang)
            page.locator("main form a").click()
            expect(page.locator("#revoke button.danger")).to_be_visible()
            context.close()
        browser.close()
    assert not failures, "\n".join(failures)
