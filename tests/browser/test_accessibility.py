"""Every page in Ukrainian and English, checked by axe-core for WCAG 2.2 AA (serious and
critical violations fail), and the main flow done with the keyboard alone.

One browser for all pages and one realistic case (two children of the seed family, a
document made and shared), seeded through the application's own services. Screenshots
of each page go to var/screenshots/a11y/ for review.
"""

from __future__ import annotations

import json
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from service.config import PROJECT_ROOT
from service.documents.catalog import get_template
from tests.browser.test_caseworker_flow import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import build_test_app

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots" / "a11y"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_family.json"
PASSWORD = "correct horse battery staple"
BIRTH_FACT = "identity.birth_fact_court_application"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
LOCALES = {"uk": "uk-UA", "en": "en-GB"}
PARTNER = "Шевченківський районний суд міста Києва"


@dataclass
class Site:
    """The served application and what the pages show."""

    base: str
    app: Flask
    case_id: str
    document_id: str
    code: str
    institution_id: str


def seeded_case(app: Flask, organisation: str, partner: str) -> tuple[str, str, str, str]:
    """A case of two children with a document shared with the partner; return the ids."""
    access = app.extensions["access"]
    token = access.create_token(role="caseworker", name="a11y-seed", organisation_id=organisation)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token[1]}"
    family = json.loads(SEED.read_text(encoding="utf-8"))
    # Артем and Софія, both born under occupation: the court application is for each.
    family["children"] = [family["children"][5], family["children"][4]]
    example = get_template(BIRTH_FACT).load_example()
    family["template_data"][BIRTH_FACT] = {
        key: example[key] for key in ("court", "interested_party", "evidence")
    }
    created = client.post("/api/v1/cases", json={"data": family})
    assert created.status_code == 201, created.get_data(as_text=True)[:500]
    case = created.get_json()
    child = case["data"]["children"][0]["id"]
    made = client.post(
        f"/api/v1/cases/{case['id']}/documents",
        json={"template": BIRTH_FACT, "child_id": child, "lang": "uk-en", "format": "pdf"},
    )
    assert made.status_code == 201, made.get_data(as_text=True)[:500]
    document = made.get_json()
    shared = client.post(
        f"/api/v1/documents/{document['id']}/shares", json={"organisation_id": partner}
    )
    assert shared.status_code == 201, shared.get_data(as_text=True)[:300]
    institutions = client.get("/api/v1/institutions?per_page=1").get_json()
    items = institutions.get("items") or institutions.get("institutions") or []
    institution = items[0]["id"] if items else ""
    seal = client.get(f"/api/v1/documents/{document['id']}/verification").get_json()
    return case["id"], document["id"], seal["code"], institution


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The application on a free loopback port, a caseworker, a partner and a case."""
    app = build_test_app(tmp_path_factory.mktemp("a11y"), SESSION_COOKIE_SECURE=True)
    access = app.extensions["access"]
    users = app.extensions["users"]
    office = access.create_organisation("Офіс Уповноваженого")
    partner = access.create_organisation(PARTNER)
    users.create_user(
        email="olena@example.org", password=PASSWORD, role="caseworker", organisation_id=office
    )
    users.create_user(
        email="court@example.org", password=PASSWORD, role="partner", organisation_id=partner
    )
    case_id, document_id, code, institution_id = seeded_case(app, office, partner)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield Site(
        f"http://127.0.0.1:{http.server_port}", app, case_id, document_id, code, institution_id
    )
    http.shutdown()
    thread.join(timeout=10)


def sign_in(page: Any, base: str, email: str) -> None:
    """Sign in through the form."""
    page.goto(f"{base}/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/(cases|shared)"))


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
        "not-found": "/cases/0000000000000000",
    }
    if site.institution_id:
        caseworker_pages["institution"] = f"/institutions/{site.institution_id}"
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
    assert len(checked) == 2 * (len(caseworker_pages) + 2 + 2) + len(public_pages), checked
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

        # A packet of that document: its box is checked with Space.
        box = f'#packet input[name=documents][value="{BIRTH_FACT}"]'
        focus(page, box)
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
