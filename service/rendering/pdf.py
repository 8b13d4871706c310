"""HTML and PDF rendering with Jinja and WeasyPrint (no Flask here)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from service.rendering.fetcher import TemplateAssetFetcher

log = logging.getLogger(__name__)

PRINT_CSS = "print.css"


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

    @property
    def environment(self) -> jinja2.Environment:
        """The Jinja environment: autoescaped, and strict about undefined variables."""
        if self._environment is None:
            self._environment = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.templates_dir),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
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
        self._ready = True
        log.info("pdf renderer ready", extra={"stage": "warm_up"})

    def render_html(self, template_name: str, context: Mapping[str, Any]) -> str:
        """Render the HTML of a document (also its preview)."""
        return self.environment.get_template(template_name).render(context)

    def render_pdf(self, template_name: str, context: Mapping[str, Any]) -> bytes:
        """Render a document to PDF bytes; the same input gives the same bytes."""
        from weasyprint import HTML

        html = self.render_html(template_name, context)
        with self._lock:
            self.warm_up()
            document = HTML(
                string=html,
                base_url=(self.templates_dir / template_name).as_uri(),
                url_fetcher=self._fetcher,
            ).render(stylesheets=[self._stylesheet], font_config=self._font_config)
            identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
            pdf: bytes = document.write_pdf(pdf_identifier=identifier)
        log.info("pdf rendered", extra={"stage": "write_pdf", "pages": len(document.pages)})
        return pdf
