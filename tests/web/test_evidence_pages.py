"""The case page's evidence part: upload through the form, thumbnails, refusals beside the
fields, deletion after a confirmation."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from tests.web.conftest import csrf, family_fields, sign_in


def new_case(client: FlaskClient) -> str:
    """A case made through the form; its address."""
    page = client.get("/cases/new").get_data(as_text=True)
    response = client.post("/cases/new", data={"_csrf_token": csrf(page), **family_fields()})
    assert response.status_code == 302
    return response.headers["Location"].split("#")[0]


def photo() -> bytes:
    """A real small JPEG, taller than wide."""
    stream = io.BytesIO()
    Image.new("RGB", (300, 400), "green").save(stream, format="JPEG")
    return stream.getvalue()


def test_an_uploaded_photo_shows_as_a_thumbnail_and_can_be_deleted(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case_url = new_case(caseworker)
    page = caseworker.get(case_url).get_data(as_text=True)
    assert 'id="evidence"' in page and "Додати скан або фото" in page
    posted = caseworker.post(
        f"{case_url}/evidence",
        data={
            "_csrf_token": csrf(page),
            "file": (io.BytesIO(photo()), "IMG_1.jpg", "image/jpeg"),
            "kind": "medical_birth_record",
            "person": "case",
            "description": "Довідка пологового будинку",
        },
        content_type="multipart/form-data",
    )
    assert posted.status_code == 302 and posted.headers["Location"].endswith("#evidence")
    page = caseworker.get(case_url).get_data(as_text=True)
    assert "Файл додано до справи." in page
    assert "Довідка пологового будинку" in page and "уся родина" in page
    thumbnail = re.search(r'<img src="([^"]+/thumbnail\.png)"', page)
    assert thumbnail, "the case page shows a thumbnail"
    image = caseworker.get(thumbnail.group(1))
    assert image.status_code == 200 and image.mimetype == "image/png"
    shown = Image.open(io.BytesIO(image.data))
    assert max(shown.size) <= 240 and shown.size[1] > shown.size[0]  # small, upright
    # Another organisation's caseworker sees neither the file nor its thumbnail.
    other = sign_in(web_app, "ivan@example.org")
    assert other.get(thumbnail.group(1)).status_code == 404
    download = re.search(r'href="([^"]+/evidence/[^"]+/file)"', page)
    assert download and other.get(download.group(1)).status_code == 404
    assert caseworker.get(download.group(1)).data == photo()
    # Deleting asks first (a details box), then the file is gone from the page.
    delete = re.search(r'action="([^"]+/delete)"', page)
    assert delete
    deleted = caseworker.post(delete.group(1), data={"_csrf_token": csrf(page)})
    assert deleted.status_code == 302
    page = caseworker.get(case_url).get_data(as_text=True)
    assert "Файл видалено зі справи." in page and "Файлів ще не додано." in page
    assert caseworker.get(thumbnail.group(1)).status_code == 404


def test_a_refused_upload_is_explained_beside_its_fields_in_the_page_language(
    caseworker: FlaskClient,
) -> None:
    case_url = new_case(caseworker)
    page = caseworker.get(case_url).get_data(as_text=True)
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64
    posted = caseworker.post(
        f"{case_url}/evidence",
        data={
            "_csrf_token": csrf(page),
            "file": (io.BytesIO(heic), "IMG_2.HEIC", "image/heic"),
            "kind": "other",
            "person": "case",
        },
        content_type="multipart/form-data",
    )
    assert posted.status_code == 302
    page = caseworker.get(case_url).get_data(as_text=True)
    assert "Файл не додано: виправте позначене." in page
    assert 'id="e-evidence-file"' in page and "HEIC" in page and "JPEG" in page
    assert 'id="e-evidence-description"' in page  # "other" needs a caption: said at once
    assert 'aria-invalid="true"' in page
    caseworker.get("/language/en")
    english = caseworker.post(
        f"{case_url}/evidence",
        data={
            "_csrf_token": csrf(page),
            "file": (io.BytesIO(b"GIF89a...."), "x.gif", "image/gif"),
            "kind": "photo_or_video",
        },
        content_type="multipart/form-data",
    )
    assert english.status_code == 302
    page = caseworker.get(case_url).get_data(as_text=True)
    assert "Send a PDF, a JPEG or a PNG file" in page
