"""Preview images: how long a 3-page PDF's page images take the first time, and from the cache.

`measure_page_images()` is for `make bench` to report; run this file to see it alone.
Everything goes through the caseworker's door (a signed-in session on the test client):
the first view of a document's page renders its pages and stores them encrypted; the
images are then fetched. Each round uses a new document (a new court name, so a new
PDF and SHA-256), so every "first" is a real first. Issue 17 asks under 1 s for the first.
"""

from __future__ import annotations

import copy
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.fernet import Fernet

from service import create_app
from service.documents import get_template
from service.principal import Principal
from service.rendering.page_images import render_page_images
from service.verification import create_development_identity, signing_settings

TEMPLATE = "identity.birth_fact_court_application"
LANG = "uk-en"  # the example in Ukrainian and English side by side: 3 pages
PASSWORD = "bench password, long enough"  # noqa: S105 - a user of a throwaway database
TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
IMAGE = re.compile(r'<img src="(/documents/[0-9a-f]{32}/pages/\d+\.png)"')


def _signed_in_app(var_dir: Path) -> tuple[Any, Any, Principal]:
    app = create_app(
        {
            "VAR_DIR": var_dir,
            "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "DOCUMENTS_DIR": var_dir / "documents",
            "DATA_KEYS": Fernet.generate_key().decode(),
            "RATE_LIMIT": "1000000 per minute",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
            "SECRET_KEY": "bench",
            "SESSION_COOKIE_SECURE": False,
            "RENDER_WORKERS": 0,
            "LOG_LEVEL": "WARNING",
        }
    )
    app.extensions["storage"].database.upgrade()
    if not app.config["SIGNING_P12"]:  # the development certificate, as `keys init` makes it
        create_development_identity(signing_settings(app.config).p12_path)
    organisation = app.extensions["access"].create_organisation("Bench")
    app.extensions["users"].create_user(
        email="bench@example.org",
        password=PASSWORD,
        role="caseworker",
        organisation_id=organisation,
    )
    principal = app.extensions["users"].authenticate("bench@example.org", PASSWORD)
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = TOKEN.search(login)
    assert token is not None
    signed = client.post(
        "/login",
        data={"email": "bench@example.org", "password": PASSWORD, "_csrf_token": token.group(1)},
    )
    assert signed.status_code == 302, signed.status_code
    return app, client, principal


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def measure_page_images(rounds: int = 5) -> dict[str, Any]:
    """Time a 3-page PDF's preview: first view + its images, then the same from the cache."""
    with tempfile.TemporaryDirectory(prefix="paperwork-bench-") as folder:
        app, client, principal = _signed_in_app(Path(folder))
        issuer = app.extensions["issuer"]
        example = get_template(TEMPLATE).load_example()
        first, cached, image_fetch, render_only = [], [], [], []
        pages = 0
        for number in range(rounds + 1):  # the first round warms up (imports, fonts)
            data = copy.deepcopy(example)
            data["court"]["name"] += f" №{number}"
            issued = issuer.issue(TEMPLATE, data, LANG, "pdf", principal=principal)
            url = f"/documents/{issued.metadata.id}"
            start = time.perf_counter()
            images = _view(client, url)
            elapsed = time.perf_counter() - start
            start = time.perf_counter()
            render_page_images(issued.content)
            rendered = time.perf_counter() - start
            start = time.perf_counter()
            _view(client, url)
            again = time.perf_counter() - start
            start = time.perf_counter()
            response = client.get(images[0])
            fetched = time.perf_counter() - start
            assert response.mimetype == "image/png"
            if number:
                first.append(elapsed)
                render_only.append(rendered)
                cached.append(again)
                image_fetch.append(fetched)
            pages = len(images)
    return {
        "pages": pages,
        "rounds": rounds,
        "first_view_median_ms": _ms(statistics.median(first)),
        "first_view_max_ms": _ms(max(first)),
        "render_only_median_ms": _ms(statistics.median(render_only)),
        "cached_view_median_ms": _ms(statistics.median(cached)),
        "cached_image_median_ms": _ms(statistics.median(image_fetch)),
    }


def _view(client: Any, url: str) -> list[str]:
    """GET a document's page and each of its page images; the image addresses."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    images = IMAGE.findall(page.get_data(as_text=True))
    assert images, "no page images on the document page"
    for image in images:
        response = client.get(image)
        assert response.status_code == 200 and response.data.startswith(b"\x89PNG")
    return images


if __name__ == "__main__":
    for key, value in measure_page_images().items():
        print(f"{key}: {value}")
