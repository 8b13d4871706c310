"""A document's page shows the address its QR code carries, and says when it is not current."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.readback import pdf_text
from tests.web.test_document_page import issue_document

ADDRESS = re.compile(r'<a href="[^"]+" id="verify-url" class="hash">([^<]+)</a>')


def shown_address(page: str) -> str:
    """The verification address as the page prints it."""
    match = ADDRESS.search(page)
    assert match, page
    return html.unescape(match.group(1))


def test_the_page_shows_the_address_printed_in_the_pdf(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд адреси")
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    address = shown_address(page)
    code = re.search(r'<strong class="code">([0-9A-Z-]{14})</strong>', page)
    assert code, page
    assert address == f"{web_app.config['PUBLIC_URL'].rstrip('/')}/verify/{code.group(1)}"
    pdf = caseworker.get(f"/documents/{document_id}/download").data
    assert address in pdf_text(pdf).replace(" ", "")  # the link beside the QR code (wrapped)
    assert 'class="warnings"' not in page.split('id="verification"')[1].split("</section>")[0]


def test_the_page_says_when_new_documents_carry_another_address(
    web_app: Flask, caseworker: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд старої адреси")
    old = shown_address(caseworker.get(f"/documents/{document_id}").get_data(as_text=True))
    verification = web_app.extensions["storage"].verification
    monkeypatch.setattr(verification, "public_url", "https://paperwork.example.org")
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    assert shown_address(page) == old  # what the printed code carries, not the new address
    section = page.split('id="verification"')[1].split("</section>")[0]
    assert "https://paperwork.example.org" in html.unescape(section)
