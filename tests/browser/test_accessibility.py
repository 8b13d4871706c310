"""Every page in Ukrainian and English, checked by axe-core for WCAG 2.2 AA (serious and
critical violations fail), and the main flow done with the keyboard alone.

One browser for all pages and one realistic case (two children of the seed family, a
document made and shared), seeded through the application's own services by
tests/browser/seeding.py. Screenshots of each page go to var/screenshots/a11y/ for review.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.config import PROJECT_ROOT
from service.documents.catalog import get_template
from tests.browser.seeding import (
    ADMIN_EMAIL,
    BIRTH_FACT,
    PARTNER,
    PASSWORD,
    Site,
    served_site,
    sign_in,
)
from tests.browser.test_caseworker_flow import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots" / "a11y"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
LOCALES = {"uk": "uk-UA", "en": "en-GB"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The application on a free loopback port, a caseworker, a partner and a case."""
    with served_site(tmp_path_factory.mktemp("a11y")) as served:
        yield served


def describe(violations: list[dict[str, Any]]) -> str:
    """The blocking violations, one line per element."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(
                f"  {violation['impact']} {violation['id']}: {node['target']} "
                f"{node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


def test_every_page_passes_axe_in_both_languages(site: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    caseworker_pages = {
        "cases": "/cases",
        "case": f"/cases/{site.case_id}",
        "case-preview": f"/cases/{site.case_id}?preview={site.document_id}",
        "case-form": f"/cases/{site.case_id}/edit",
        "new-case": "/cases/new",
        "document-data": f"/cases/{site.case_id}/data/{BIRTH_FACT}",
        "document": f"/documents/{site.document_id}",
        "institutions": "/institutions",
        "institution-new": "/institutions/new",
        "caseload": "/plan",
        "reminders": "/reminders",
        "not-found": "/cases/0000000000000000",
        "checklist": f"/cases/{site.case_id}/checklist/mother",
    }
    if site.institution_id:
        caseworker_pages["institution"] = f"/institutions/{site.institution_id}"
    caseworker_id = site.app.extensions["users"].find("olena@example.org")
    admin_pages = {
        "users": "/admin/users",
        "user-disable": f"/admin/users/{caseworker_id}/disable",
    }
    public_pages = {
        "verify": "/verify",
        "verify-code": f"/verify/{site.code}",
        "verify-unknown": "/verify/AAAA-AAAA-AAAA",
    }
    failures: list[str] = []
    checked: list[str] = []

    def check(page: Any, name: str) -> None:
        result = axe.run(page, options=options)
        blocking = [v for v in result.response["violations"] if v["impact"] in BLOCKING]
        checked.append(name)
        if blocking:
            page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
            failures.append(f"{name} {page.url}\n{describe(blocking)}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang, locale in LOCALES.items():
            # The verification pages are bilingual (Ukrainian with English beside it),
            # the same in either locale: checked once.
            people = [
                (None, {"login": "/login", **(public_pages if lang == "uk" else {})}),
                ("olena@example.org", caseworker_pages),
                ("court@example.org", {"shared": "/shared"}),
                (ADMIN_EMAIL, admin_pages),
            ]
            for email, pages in people:
                context = browser.new_context(
                    locale=locale, viewport={"width": 1280, "height": 900}
                )
                page = context.new_page()
                if email is not None:
                    sign_in(page, site.base, email)
                for name, path in pages.items():
                    page.goto(site.base + path)
                    bilingual = path.startswith("/verify")
                    expected = "uk" if bilingual else lang
                    assert page.locator("html").get_attribute("lang") == expected, (name, lang)
                    check(page, f"{lang}-{name}")
                # Pages after a failed submit: the errors beside their fields.
                if email is None:
                    page.goto(f"{site.base}/login")
                    page.locator("#email").fill("olena@example.org")
                    page.locator("#password").fill("wrong password")
                    page.locator("form button[type=submit]").last.click()
                    states = {"login-error": "#login-error"}
                elif pages is caseworker_pages:
                    page.goto(f"{site.base}/cases/new")
                    page.locator("#f-children-0-surname").fill("<b>")
                    page.locator("form.case-form button[type=submit]").last.click()
                    states = {"case-form-errors": "#e-f-children-0-surname"}
                else:
                    states = {}
                for name, shown in states.items():
                    page.locator(shown).wait_for()
                    check(page, f"{lang}-{name}")
                context.close()
        # The scan can fail: an image with no text and an empty link are found.
        page = browser.new_page()
        page.goto(f"{site.base}/login")
        page.evaluate(
            "document.querySelector('main').insertAdjacentHTML("
            "'beforeend', '<img src=\"data:,\"><a href=\"/cases\"></a>')"
        )
        found = {v["id"] for v in axe.run(page, options=options).response["violations"]}
        assert {"image-alt", "link-name"} <= found, found
        browser.close()
    assert len(checked) == 2 * (len(caseworker_pages) + 2 + 2 + len(admin_pages)) + len(
        public_pages
    ), checked
    assert not failures, "WCAG 2.2 AA violations:\n" + "\n".join(failures)


FOCUS_VISIBLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || !element.matches(':focus-visible')) return false;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return outline || style.boxShadow !== 'none';
}"""


def focus(page: Any, selector: str, key: str = "Tab", limit: int = 250) -> int:
    """Press Tab (or Shift+Tab) until the element is focused; its focus must be visible."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {selector}"
            return presses
    raise AssertionError(f"{selector} not reached with {key} in {limit} presses")


def choose(page: Any, text: str, limit: int = 30) -> None:
    """In the focused select, press the arrow keys until the chosen option reads `text`."""
    selected = "() => document.activeElement.selectedOptions[0]?.textContent.trim()"
    page.keyboard.press("Home")
    for _ in range(limit):
        if page.evaluate(selected) == text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {text!r}: last {page.evaluate(selected)!r}")


def test_the_main_flow_by_keyboard_alone(site: Site) -> None:
    """Sign in, open the case, make a document, build a packet, share it: no mouse."""
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    title = get_template(BIRTH_FACT).titles()["uk"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(
            locale="uk-UA", viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page.goto(f"{site.base}/cases")  # typed into the address bar

        # The skip link comes first, and shows when focused.
        focus(page, "a.skip", limit=1)
        focus(page, "#email")
        page.keyboard.type("olena@example.org")
        focus(page, "#password", limit=1)
        page.keyboard.type(PASSWORD)
        page.screenshot(path=SCREENSHOTS / "kbd-01-sign-in.png")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1, name="Справи")).to_be_visible()

        focus(page, f'#main a[href="/cases/{site.case_id}"]')
        page.screenshot(path=SCREENSHOTS / "kbd-02-case-link.png")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"/cases/{site.case_id}$"))
        rows = page.locator("#documents table tbody tr")
        expect(rows).to_have_count(1)

        # One document: the court application, in Ukrainian, as PDF, for Артем.
        focus(page, "#template")
        choose(page, title)
        focus(page, "#child_id", limit=1)
        choose(page, "Коваленко Артем Андрійович")
        focus(page, "#lang", limit=1)
        choose(page, "українська")
        focus(page, '#documents form[action$="/documents"] button[type=submit]', limit=3)
        page.screenshot(path=SCREENSHOTS / "kbd-03-make-document.png")
        page.keyboard.press("Enter")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text(title)
        expect(page).to_have_url(re.compile(r"preview="))

        # A packet of that document: chosen already (the plans mark it ready); Space leaves
        # it out and takes it back.
        box = f'#packet input[name=documents][value="{BIRTH_FACT}"]'
        expect(page.locator(box)).to_be_checked()
        focus(page, box)
        page.keyboard.press("Space")
        expect(page.locator(box)).not_to_be_checked()
        page.keyboard.press("Space")
        expect(page.locator(box)).to_be_checked()
        focus(page, "#packet button[type=submit]")
        page.screenshot(path=SCREENSHOTS / "kbd-04-packet.png")
        with page.expect_download(timeout=120_000) as download_info:
            page.keyboard.press("Enter")
        packet = zipfile.ZipFile(Path(download_info.value.path()))
        assert any(name.endswith(".pdf") for name in packet.namelist()), packet.namelist()

        # Back up to the new document's own page, and share it with the court.
        newest = rows.first.locator("a").first.get_attribute("href")
        focus(page, f'#documents table a[href="{newest}"]', key="Shift+Tab")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"{newest}$"))
        focus(page, "#organisation_id")
        choose(page, PARTNER)
        focus(page, "#shares button[type=submit]", limit=1)
        page.screenshot(path=SCREENSHOTS / "kbd-05-share.png")
        page.keyboard.press("Enter")
        expect(page.locator("#shares li")).to_contain_text(PARTNER)

        # The court sees both documents shared with it.
        court = browser.new_page(locale="uk-UA")
        sign_in(court, site.base, "court@example.org")
        expect(court.locator(f'a[href*="{newest.rsplit("/", 1)[-1]}"]').first).to_be_attached()
        browser.close()
