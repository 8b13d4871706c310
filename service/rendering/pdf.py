"""HTML and PDF rendering with Jinja and WeasyPrint (no Flask here)."""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from service.rendering.fetcher import TemplateAssetFetcher
from service.ukrainian.typography import typeset_value

log = logging.getLogger(__name__)

PRINT_CSS = "print.css"
# PDF/A-3b: archival (fonts embedded, sRGB output intent, XMP metadata), and a signed
# PDF/A stays PDF/A because the signature is an incremental update.
PDF_VARIANT = "pdf/a-3b"
# Tagged PDF (a structure tree of headings, paragraphs and tables in reading order, with
# the document's language) for screen readers and reflow; PDF/A-3b allows tags and keeps
# its checks, and the variant does not switch tagging on by itself (only the "a" level does).
PDF_TAGS = True
# The output intent's ICC profile (sRGB2014.icc, freely redistributable) is ours, given
# fresh to each render: WeasyPrint's built-in "srgb" intent leaves its file open, and a
# reused profile object serialises differently after its first use (not reproducible).
OUTPUT_INTENT = "--srgb"
OUTPUT_PROFILE = "sRGB2014.icc"


class PdfRenderer:
    """Renders one HTML template per document to HTML, then to PDF.

    Costly parts are made once per process, on first use: the Jinja environment, the
    shared FontConfiguration (a new one per render leaks memory), and the parsed print
    stylesheet. WeasyPrint is not thread-safe, so renders in one process are serialised;
    scale with processes.
    """

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir.resolve()
        self._lock = threading.Lock()
        self._ready = False
        self._environment: jinja2.Environment | None = None
        self._fetcher: TemplateAssetFetcher | None = None
        self._font_config: Any = None
        self._stylesheet: Any = None
        self._output_profile = b""

    @property
    def environment(self) -> jinja2.Environment:
        """The Jinja environment: autoescaped, strict, every printed value typeset (no-break
        spaces after "№", "м.", in dates: service/ukrainian/typography.py)."""
        if self._environment is None:
            self._environment = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.templates_dir),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                finalize=typeset_value,
            )
        return self._environment

    def warm_up(self) -> None:
        """Load WeasyPrint, the fonts and the stylesheet now rather than on the first render."""
        if self._ready:
            return
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self._fetcher = TemplateAssetFetcher(self.templates_dir)
        self._font_config = FontConfiguration()
        css_path = self.templates_dir / PRINT_CSS
        self._stylesheet = CSS(
            string=css_path.read_text(encoding="utf-8"),
            base_url=css_path.as_uri(),
            url_fetcher=self._fetcher,
            font_config=self._font_config,
        )
        self._output_profile = (self.templates_dir / OUTPUT_PROFILE).read_bytes()
        self._ready = True
        log.info("pdf renderer ready", extra={"stage": "warm_up"})

    def _color_profiles(self) -> dict[str, Any]:
        from weasyprint.css import ColorProfile

        profile = ColorProfile(
            io.BytesIO(self._output_profile),
            OUTPUT_PROFILE,
            "relative-colorimetric",
            (["r"], ["g"], ["b"]),
        )
        return {OUTPUT_INTENT: profile}

    def prepare(self, template_name: str) -> None:
        """Compile a template now rather than on its first render."""
        self.environment.get_template(template_name)

    def render_html(self, template_name: str, context: Mapping[str, Any]) -> str:
        """Render the HTML of a document (also its preview)."""
        return self.environment.get_template(template_name).render(context)

    def render_pdf(self, template_name: str, context: Mapping[str, Any]) -> bytes:
        """Render a document to PDF bytes; the same input gives the same bytes."""
        html = self.render_html(template_name, context)
        return self.render_html_pdf(html, base_url=(self.templates_dir / template_name).as_uri())

    def render_html_pdf(self, html: str, *, base_url: str | None = None, css: str = "") -> bytes:
        """Render HTML (made elsewhere: evidence annexes) to a PDF/A with the documents'
        stylesheet and fonts, and `css` over it; the same HTML gives the same bytes."""
        from weasyprint import CSS, HTML

        with self._lock:
            self.warm_up()
            stylesheets = [self._stylesheet]
            if css:
                stylesheets.append(
                    CSS(string=css, url_fetcher=self._fetcher, font_config=self._font_config)
                )
            document = HTML(
                string=html,
                base_url=base_url or (self.templates_dir / PRINT_CSS).as_uri(),
                url_fetcher=self._fetcher,
            ).render(
                stylesheets=stylesheets,
                font_config=self._font_config,
                color_profiles=self._color_profiles(),
                pdf_variant=PDF_VARIANT,
                output_intent=OUTPUT_INTENT,
                pdf_tags=PDF_TAGS,
            )
            identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
            pdf: bytes = document.write_pdf(
                pdf_identifier=identifier,
                pdf_variant=PDF_VARIANT,
                output_intent=OUTPUT_INTENT,
                pdf_tags=PDF_TAGS,
            )
        log.info("pdf rendered", extra={"stage": "write_pdf", "pages": len(document.pages)})
        return pdf
