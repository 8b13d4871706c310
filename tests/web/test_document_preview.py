"""A document's preview: its pages as images made on the server, cached encrypted, no PDF viewer."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image

from service.documents import get_template
from service.principal import Principal
from service.rendering import page_images
from service.rendering.page_images import RENDERER_VERSION
from service.web import previews
from tests.conftest import BIRTH_FACT
from tests.web.conftest import PASSWORD, csrf, sign_in

IMAGE = re.compile(r'<img src="(/documents/[0-9a-f]{32}/pages/(\d+)\.png)"[^>]*alt="([^"]+)"')


def issue(app: Flask, court: str, *, lang: str = "uk-en", fmt: str = "pdf") -> tuple[str, str]:
    """A stored document made by Olena (the bilingual PDF has 4 pages); its id and SHA-256."""
    principal = app.extensions["users"].authenticate("olena@example.org", PASSWORD)
    assert isinstance(principal, Principal)
    data = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    data["court"]["name"] = court
    issued = app.extensions["issuer"].issue(BIRTH_FACT, data, lang, fmt, principal=principal)
    return issued.metadata.id, issued.metadata.sha256


def cache_folder(app: Flask, sha256: str) -> Path:
    """Where a document's page images are stored."""
    return app.extensions["storage"].page_images(RENDERER_VERSION).folder_of(sha256)


def pdf_pages(app: Flask, sha256: str) -> int:
    """The number of pages of a stored PDF, as PDFium counts them."""
    return page_images.count_pages(app.extensions["storage"].files.load(sha256))


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the previews rendered (the real renderer still runs: PDFium is not mocked)."""
    calls: list[int] = []
    real = previews.render_page_images

    def counted(pdf: bytes, **options: int) -> list[bytes]:
        calls.append(len(pdf))
        return real(pdf, **options)

    monkeypatch.setattr(previews, "render_page_images", counted)
    return calls


def test_the_document_page_shows_each_page_as_an_image_then_serves_it_from_the_cache(
    web_app: Flask, renders: list[int]
) -> None:
    document_id, sha256 = issue(web_app, "Суд перегляду №1")
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    pages = pdf_pages(web_app, sha256)
    assert pages == 4
    images = IMAGE.findall(page)
    assert [(int(n), alt) for _url, n, alt in images] == [
        (n, f"Сторінка {n} з {pages}") for n in range(1, pages + 1)
    ]
    assert page.count('loading="lazy"') >= pages
    assert "<iframe" not in page and "<embed" not in page and "<object" not in page
    assert f"/documents/{document_id}/download" in page  # the download beside the images
    assert renders == [renders[0]], "the first view renders the pages once"

    folder = cache_folder(web_app, sha256)
    stored = sorted(path.name for path in folder.iterdir())
    assert stored == [*(f"{n}.png" for n in range(1, pages + 1)), "pages.json"]
    assert not (folder / "1.png").read_bytes().startswith(b"\x89PNG"), "stored encrypted"
    written = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}

    first = olena.get(images[0][0])
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert first.data.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(first.data))
    assert 890 <= picture.width <= 920 and picture.height > picture.width  # an A4 page
    assert picture.convert("L").getextrema() == (0, 255), "black text on white paper"
    assert first.headers["Cache-Control"].startswith("private")
    assert "Content-Security-Policy" in first.headers
    again = olena.get(f"/documents/{document_id}")
    last = olena.get(images[-1][0])
    assert again.status_code == 200 and last.status_code == 200
    assert renders == [renders[0]], "later views and images come from the cache"
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == written
    unchanged = olena.get(images[0][0], headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304

    english = sign_in(web_app)
    english.get("/language/en")
    assert f'alt="Page 2 of {pages}"' in english.get(f"/documents/{document_id}").get_data(
        as_text=True
    )
    beyond = pages + 1
    assert olena.get(f"/documents/{document_id}/pages/{beyond}.png").status_code == 404
    assert olena.get(f"/documents/{document_id}/pages/0.png").status_code == 404


def test_another_organisation_gets_no_page_image_and_a_partner_only_what_was_shared(
    web_app: Flask,
) -> None:
    document_id, _sha = issue(web_app, "Суд перегляду №2")
    image = f"/documents/{document_id}/pages/1.png"
    ivan = sign_in(web_app, "ivan@example.org")
    assert ivan.get(f"/documents/{document_id}").status_code == 404
    assert ivan.get(image).status_code == 404
    assert web_app.test_client().get(image).status_code == 302  # to the sign-in page

    theirs = next(
        o["id"] for o in web_app.extensions["access"].list_organisations() if o["name"] == "Інші"
    )
    web_app.extensions["users"].create_user(
        email="judge@example.org", password=PASSWORD, role="partner", organisation_id=theirs
    )
    judge = sign_in(web_app, "judge@example.org")
    assert judge.get(image).status_code == 404  # not shared yet
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    olena.post(
        f"/documents/{document_id}/shares",
        data={"_csrf_token": csrf(page), "organisation_id": theirs},
    )
    shared = judge.get(image)
    assert shared.status_code == 200 and shared.mimetype == "image/png"
    olena.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(page), "reason": "withdrawn", "confirmed": "yes"},
    )
    assert judge.get(image).status_code == 410  # as its download: a revoked document is gone
    assert olena.get(image).status_code == 200  # its author still sees what was revoked


def test_a_broken_stored_pdf_shows_the_download_and_a_note_never_a_500(web_app: Flask) -> None:
    document_id, sha256 = issue(web_app, "Суд перегляду №3")
    stored = web_app.extensions["storage"].files.path_of(sha256)
    stored.write_bytes(b"not what was stored")
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert not IMAGE.search(html)
    assert "Сторінки не вдалося показати тут. Завантажте PDF" in html
    assert f"/documents/{document_id}/download" in html
    assert olena.get(f"/documents/{document_id}/pages/1.png").status_code == 404
    olena.get("/language/en")
    english = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "The pages could not be shown here. Download the PDF" in english


def test_a_renderer_that_fails_leaves_the_download_and_a_note(
    web_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id, sha256 = issue(web_app, "Суд перегляду №4")

    def broken(pdf: bytes, **options: int) -> list[bytes]:
        raise page_images.PageImageError("a page could not be rendered")

    monkeypatch.setattr(previews, "render_page_images", broken)
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}")
    assert page.status_code == 200
    assert "Сторінки не вдалося показати тут" in page.get_data(as_text=True)
    assert olena.get(f"/documents/{document_id}/pages/1.png").status_code == 404
    assert not cache_folder(web_app, sha256).exists(), "nothing half-made is stored"


def test_a_docx_offers_its_download_and_says_it_has_no_page_images(web_app: Flask) -> None:
    document_id, _sha = issue(web_app, "Суд перегляду №5", lang="uk", fmt="docx")
    olena = sign_in(web_app)
    html = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    assert not IMAGE.search(html)
    assert "Документ DOCX не показується сторінками" in html
    assert f"/documents/{document_id}/download" in html
    assert olena.get(f"/documents/{document_id}/pages/1.png").status_code == 404


def test_a_damaged_cached_image_is_made_again(web_app: Flask, renders: list[int]) -> None:
    document_id, sha256 = issue(web_app, "Суд перегляду №6")
    olena = sign_in(web_app)
    olena.get(f"/documents/{document_id}")
    (cache_folder(web_app, sha256) / "2.png").write_bytes(b"damaged")
    image = olena.get(f"/documents/{document_id}/pages/2.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert len(renders) == 2
