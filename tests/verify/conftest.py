"""Helpers of the verification tests: issue stored documents through the API."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.test import TestResponse

from service.documents import get_template

BIRTH_FACT = "identity.birth_fact_court_application"
# What must never reach a public answer: the child's and the applicant's names, a tax
# number, an address, an e-mail.
PERSONAL = ("Петренко", "Petrenko", "Андрій", "Andrii", "3260912340", "Васильківська", "o.petrenko")


def example(day: int) -> dict[str, Any]:
    """The court application's example with its own application date (so its own document)."""
    data: dict[str, Any] = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    data["application_date"] = f"2026-10-{day:02d}"
    return data


def issue(client: FlaskClient, day: int, *, lang: str = "uk", fmt: str = "pdf") -> TestResponse:
    """Render and store a document through POST /api/v1/render."""
    response = client.post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "lang": lang, "format": fmt, "data": example(day)},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response


def organisation_id(app: Flask, name: str) -> str:
    """The id of a test organisation by its name."""
    (found,) = [
        org["id"] for org in app.extensions["access"].list_organisations() if org["name"] == name
    ]
    return str(found)


PARTNER_ORGANISATION = "Міжнародний партнер (тест)"
OUR_ORGANISATION = "Офіс Уповноваженого (тест)"


def qr_modules_on_page(content: bytes, page: int, modules: int, workdir: Path) -> list[list[int]]:
    """Read the QR code in the top-right corner of a PDF page as a matrix of dark modules.

    The page is rasterised at 300 dpi (pdftoppm); the QR code is the dark square that
    ends at the right margin (10 mm) inside the top margin (20 mm).
    """
    pdf = workdir / "document.pdf"
    pdf.write_bytes(content)
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-r", "300", *pages, "-png", "-singlefile", str(pdf), str(workdir / "page")],
        check=True,
    )
    with Image.open(workdir / "page.png") as image:
        grey = image.convert("L")
    pixels = grey.load()
    assert pixels is not None
    per_mm = grey.size[0] / 210
    region = [
        (x, y)
        for x in range(int((210 - 27) * per_mm), int((210 - 9) * per_mm))
        for y in range(int(20 * per_mm))
        if pixels[x, y] < 128
    ]
    left, top = min(x for x, _ in region), min(y for _, y in region)
    size = (max(x for x, _ in region) - left + 1) / modules
    return [
        [
            int(pixels[int(left + (column + 0.5) * size), int(top + (row + 0.5) * size)] < 128)
            for column in range(modules)
        ]
        for row in range(modules)
    ]
