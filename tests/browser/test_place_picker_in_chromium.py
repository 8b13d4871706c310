"""A place is picked, not typed: in a real headless Chromium, typing offers the places and
choosing one stores its KATOTTG code, with the names derived from it."""

from __future__ import annotations

import pytest
from flask import Flask

from service.principal import Principal
from tests.browser.test_caseworker_flow import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    SCREENSHOTS,
    server,
)

pytestmark = pytest.mark.browser
__all__ = ["server"]  # the served application, shared with the caseworker's flow

MARIUPOL = "UA14140050010029262"
OFFERED = (
    "м. Маріуполь, Маріупольська міська територіальна громада, Маріупольський район,"
    " Донецька область"
)


def test_typing_a_settlement_offers_places_and_choosing_one_keeps_its_code(
    server: tuple[str, Flask],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    base, app = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 900}, locale="uk-UA")
        page.goto(f"{base}/login")
        page.get_by_label("Електронна пошта").fill("olena@example.org")
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Увійти").click()
        page.get_by_role("link", name="Нова справа").click()
        settlement = page.locator("#f-children-0-birth_place-settlement")
        settlement.press_sequentially("м. Маріуп", delay=30)
        options = page.locator("#f-children-0-birth_place-settlement-places option")
        expect(options).to_have_count(1)
        assert options.first.get_attribute("value") == OFFERED
        settlement.fill(OFFERED)  # what choosing the offered place does
        expect(page.locator("#f-children-0-birth_place-katottg")).to_have_value(MARIUPOL)
        expect(settlement).to_have_value("м. Маріуполь")
        page.screenshot(path=SCREENSHOTS / "place-picker.png", full_page=False)
        page.locator("#f-children-0-surname").fill("Ткач")
        page.locator("#f-children-0-given_name").fill("Марʼяна")
        page.get_by_role("button", name="Зберегти справу").click()
        expect(page.get_by_text("Справу збережено.")).to_be_visible()
        case_id = page.url.rstrip("/").split("/")[-1].split("?")[0].split("#")[0]
        browser.close()
    stored = app.extensions["storage"].cases.get(case_id, Principal("test", "admin", None))
    place = stored.data["children"][0]["birth_place"]
    assert place["katottg"] == MARIUPOL
    assert place["hromada"] == "Маріупольська міська територіальна громада"
