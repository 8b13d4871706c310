"""The only URL fetcher WeasyPrint gets: template assets and data: URLs, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ForbiddenResourceError(ValueError):
    """A document asked for a resource outside the template assets."""


class TemplateAssetFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Serve files under one folder and data: URLs; refuse the network and all other files.

    WeasyPrint catches a ValueError from `fetch` and leaves the resource out, so a
    value like `<img src=http://...>` (already escaped by Jinja) or a hostile stylesheet
    can never make the renderer reach the network or read a local file.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return the resource if it is a data: URL or a file under the root folder."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ForbiddenResourceError(f"resource not allowed: scheme {parts.scheme!r}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ForbiddenResourceError("resource not allowed: outside the template assets")
        return URLFetcherResponse(url, body=path.read_bytes())
