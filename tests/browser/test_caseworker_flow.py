"""A caseworker's half hour, in a real headless Chromium (Debian's /usr/bin/chromium).

Sign in, enter a family with a hostile name, see the field error, fix it, add what the
court application needs, build a packet, download it and open its PDF. Each step leaves a
screenshot in var/screenshots/ for review.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from service.config import PROJECT_ROOT
from tests.conftest import build_test_app
from tests.readback import pdf_text

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
PASSWORD = "correct horse battery staple"
HOSTILE = 'Мар\'яна "Ткач & Сини" <b>'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Flask]]:
    """The application served on a free loopback port, with secure cookies as in production."""
    app = build_test_app(tmp_path_factory.mktemp("browser"), SESSION_COOKIE_SECURE=True)
    organisation = app.extensions["access"].create_organisation("Офіс")
    app.extensions["users"].create_user(
        email="olena@example.org",
        password=PASSWORD,
        role="caseworker",
        organisation_id=organisation,
    )
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", app
    http.shutdown()
    thread.join(timeout=10)


def test_caseworker_enters_a_family_and_gets_a_packet(server: tuple[str, Flask]) -> None:
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make install-test` installs Debian's chromium")
    base, _app = server
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={"width": 768, "height": 1024}, accept_downloads=True, locale="uk-UA"
        )

        page.goto(f"{base}/cases")
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        page.get_by_label("Електронна пошта").fill("olena@example.org")
        page.get_by_label("Пароль").fill(PASSWORD)
        page.screenshot(path=SCREENSHOTS / "01-login.png", full_page=True)
        page.get_by_role("button", name="Увійти").click()
        expect(page.get_by_role("heading", name="Справи")).to_be_visible()

        page.get_by_role("link", name="Нова справа").click()
        page.locator("#f-children-0-surname").fill(HOSTILE)
        page.locator("#f-children-0-given_name").fill("Мар'яна")
        page.locator("#f-children-0-sex").select_option("female")
        page.locator("#f-children-0-birth_date").fill("2015-02-03")
        page.locator("#f-children-0-birth_place-settlement").fill("м. Донецьк")
        # Born in Donetsk in 2015: under occupation, derived; the occupiers' paper only.
        page.locator("#f-children-0-situation-documents-occupation_birth_certificate").check()
        page.locator("#f-mother-surname").fill("Ткач")
        page.locator("#f-mother-given_name").fill("Олена")
        page.locator("#f-mother-sex").select_option("female")
        page.locator("#f-mother-birth_date").fill("1990-01-01")
        # A court application names the applicant by RNOKPP (or an identity document).
        page.locator("#f-mother-rnokpp").fill("3287303623")
        page.locator("#f-mother-address-settlement").fill("м. Київ")
        # The applicant is the mother: chosen, not typed again.
        page.locator("#f-applicant-person").select_option("mother")
        page.get_by_role("button", name="Зберегти справу").click()

        error = page.locator("#e-f-children-0-surname")
        expect(error).to_contain_text("лише літери")
        expect(page.locator("#f-children-0-surname")).to_have_value(HOSTILE)
        expect(page.locator("#f-children-0-surname")).to_be_focused()
        expect(page.locator("#f-mother-address-settlement")).to_have_value("м. Київ")
        expect(page.locator("#f-applicant-person")).to_have_value("mother")
        page.screenshot(path=SCREENSHOTS / "02-field-error.png", full_page=True)

        page.locator("#f-children-0-surname").fill("Ткач")
        page.get_by_role("button", name="Зберегти справу").click()
        expect(page.get_by_text("Справу збережено.")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "03-case.png", full_page=True)

        page.get_by_text("Що потрібно документам понад дані справи").click()
        page.get_by_role(
            "link",
            name="Заява про встановлення факту народження особи на тимчасово окупованій території",
        ).click()
        page.locator("#f-court-name").fill("Шевченківський районний суд міста Києва")
        page.locator("#f-interested_party-name").fill("Шевченківський відділ ДРАЦС у місті Києві")
        page.locator("#f-evidence-0-kind").select_option("medical_birth_record")
        page.get_by_role("button", name="Зберегти", exact=True).click()
        expect(page.get_by_text("Справу збережено.")).to_be_visible()

        page.locator("#p-1").check()
        page.locator("#pl-en").check()
        page.screenshot(path=SCREENSHOTS / "04-packet-form.png", full_page=True)
        with page.expect_download(timeout=120_000) as download_info:
            page.get_by_role("button", name="Сформувати пакет").click()
            expect(page.locator("#packet-progress")).to_be_visible()
            page.screenshot(path=SCREENSHOTS / "05-packet-progress.png", full_page=True)
        download = download_info.value
        packet = Path(download.path()).read_bytes()
        # The page counted the documents as the background job rendered them.
        expect(page.locator("#packet-count")).to_have_text(re.compile(r"^(\d+) / \1$"))
        page.locator("#packet-progress").screenshot(path=SCREENSHOTS / "06-packet-ready.png")

        # A document's own page: its verification code, and a download link shown once.
        page.reload()
        page.locator("#documents table a").first.click()
        expect(page.locator("strong.code")).to_have_text(
            re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){2}$")
        )
        page.get_by_role("button", name="Створити посилання для завантаження").click()
        expect(page.locator("#new-link")).to_have_value(re.compile(r"/shared/[0-9a-f]{32}\."))
        page.screenshot(path=SCREENSHOTS / "07-document.png", full_page=True)

        # A court that received the file checks it on the public page, signed in or not.
        with page.expect_download() as pdf_download:
            page.get_by_role("link", name="Завантажити").first.click()
        received = Path(pdf_download.value.path())
        court = browser.new_page(locale="en-GB")
        court.goto(f"{base}/verify")
        court.locator("#file").set_input_files(
            files=[
                {
                    "name": "received.pdf",
                    "mimeType": "application/pdf",
                    "buffer": received.read_bytes(),
                }
            ]
        )
        court.get_by_role("button", name=re.compile("Check the file")).click()
        expect(court.locator("#file-verdict")).to_contain_text(
            "This file is a document we issued, unchanged, and it is not revoked"
        )
        court.screenshot(path=SCREENSHOTS / "08-court-checks-the-file.png", full_page=True)
        browser.close()

    archive = zipfile.ZipFile(io.BytesIO(packet))
    text = pdf_text(archive.read("packet.pdf"))
    assert "Ткач Марʼяна" in text and "Tkach Marianа".replace("а", "a") in text
    assert "ЗАЯВА" in text and "APPLICATION" in text
