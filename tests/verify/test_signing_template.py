"""Signing fills a CMS container kept as a template: the bytes must be pyHanko's own."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

from flask import Flask

from service.documents import DocumentPipeline
from service.verification._pyhanko import CmsTemplate
from tests.verify.conftest import BIRTH_FACT, example


def pyhanko_signer(app: Flask) -> Any:
    """The pyHanko signer behind the application's document signer."""
    return app.extensions["signer"]._load()


def test_a_signature_from_the_template_is_byte_for_byte_the_one_pyhanko_builds(
    app: Flask, pipeline: DocumentPipeline
) -> None:
    signer = app.extensions["signer"]
    document = pipeline.render(BIRTH_FACT, example(21), "uk", "pdf", today=date(2026, 10, 21))
    moment = signer.signing_time(document.render_date)
    from_template = signer.sign(document.content, moment, reason="test")
    backend = pyhanko_signer(app)
    template = backend._cms_template
    assert template is not None, "the template is not in use"
    backend._cms_template = None  # pyHanko builds the container object by object
    try:
        from_pyhanko = signer.sign(document.content, moment, reason="test")
    finally:
        backend._cms_template = template
    assert from_template == from_pyhanko
    assert signer.check(from_template).trusted


def test_no_template_is_used_when_pyhanko_changes_more_than_digest_and_signature(
    app: Flask,
) -> None:
    backend = pyhanko_signer(app)

    class DriftingSigner:
        """pyHanko's containers, the second with one more byte changed (a new attribute)."""

        private_key = backend.private_key
        calls = 0

        async def pyhanko_sign(self, digest: bytes, signing_time: datetime) -> bytes:
            der: bytes = await backend.pyhanko_sign(digest, signing_time)
            self.calls += 1
            if self.calls == 2:
                changed = bytearray(der)
                changed[40] ^= 0x01
                return bytes(changed)
            return der

    drifting = DriftingSigner()
    assert asyncio.run(CmsTemplate.build(drifting)) is None  # type: ignore[arg-type]
    assert drifting.calls == 2
    assert asyncio.run(CmsTemplate.build(backend)) is not None
