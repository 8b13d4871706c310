"""Webhooks: tell a client's server that a job finished, signed, retried with backoff.

The body is JSON about the job (ids and counts, no personal data). The signature header
`X-Paperwork-Signature: t=<unix time>,v1=<hex>` carries HMAC-SHA256 over
`<unix time>.<body>` with the configured secret; a receiver recomputes it and rejects
old timestamps (replays). Only http(s) addresses on an allow-listed host are accepted
(default: loopback only), no credentials in the address, and redirects are not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from service.errors import DataValidationError
from service.i18n import N_

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Paperwork-Signature"
EVENT_HEADER = "X-Paperwork-Event"
DELIVERY_HEADER = "X-Paperwork-Delivery"
LOOPBACK_HOSTS = "127.0.0.1,localhost,::1"
MAX_URL_LENGTH = 2000


@dataclass(frozen=True)
class WebhookSettings:
    """Where webhooks may go, how they are signed, how often they are retried."""

    secret: bytes | None
    allowed_hosts: frozenset[str]
    max_attempts: int = 5
    backoff_seconds: float = 2.0
    timeout_seconds: float = 5.0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> WebhookSettings:
        """Read the WEBHOOK_* settings."""
        secret = settings.get("WEBHOOK_SECRET")
        hosts = str(settings.get("WEBHOOK_ALLOWED_HOSTS", LOOPBACK_HOSTS))
        return cls(
            secret=secret.encode("utf-8") if secret else None,
            allowed_hosts=frozenset(h.strip().lower() for h in hosts.split(",") if h.strip()),
            max_attempts=max(1, int(settings.get("WEBHOOK_MAX_ATTEMPTS", 5))),
            backoff_seconds=float(settings.get("WEBHOOK_BACKOFF_SECONDS", 2.0)),
            timeout_seconds=float(settings.get("WEBHOOK_TIMEOUT_SECONDS", 5.0)),
        )

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1, 2, 4, 8... times the base)."""
        return float(self.backoff_seconds * 2 ** (attempt - 1))


def check_webhook_url(url: str, settings: WebhookSettings) -> None:
    """Accept an http(s) address on an allowed host, or raise a 422 naming webhook_url."""
    if settings.secret is None or not settings.allowed_hosts:
        raise DataValidationError(
            {"webhook_url": [N_("Webhooks are not configured on this server.")]}
        )
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        _ = parts.port
    except ValueError:
        host, parts = "", urlsplit("")
    if len(url) > MAX_URL_LENGTH or parts.scheme not in ("http", "https") or not host:
        raise DataValidationError({"webhook_url": [N_("Give an http or https address.")]})
    if parts.username or parts.password or host not in settings.allowed_hosts:
        raise DataValidationError(
            {"webhook_url": [N_("This server does not send webhooks to this address.")]}
        )


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    """The signature header's value for a body sent at `timestamp`."""
    digest = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: bytes, header: str, body: bytes, *, now: float, tolerance: float = 300) -> bool:
    """Check a signature header (what a receiver does): right HMAC, recent timestamp."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    fresh = abs(now - timestamp) <= tolerance
    return fresh and hmac.compare_digest(expected, fields.get("v1", ""))


def build_body(job: Mapping[str, Any]) -> bytes:
    """The JSON a webhook carries: the job's id, state and counts, and where to read it."""
    payload = {
        "event": "job.finished",
        "job_id": job["id"],
        "kind": job["kind"],
        "state": job["state"],
        "total": job["total"],
        "done": job["done"],
        "failed": job["failed"],
        "url": f"/api/v1/jobs/{job['id']}",
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")


def deliver_once(url: str, body: bytes, settings: WebhookSettings) -> bool:
    """POST one signed delivery; True on a 2xx answer."""
    if settings.secret is None:
        return False
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(settings.secret, int(time.time()), body),
        EVENT_HEADER: "job.finished",
        DELIVERY_HEADER: uuid.uuid4().hex,
        "User-Agent": "paperwork-service-webhook",
    }
    try:
        response = httpx.post(
            url,
            content=body,
            headers=headers,
            timeout=settings.timeout_seconds,
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        log.warning(
            "webhook not delivered", extra={"stage": "webhook", "error": type(error).__name__}
        )
        return False
    delivered = 200 <= response.status_code < 300
    log.info("webhook answered", extra={"stage": "webhook", "status": response.status_code})
    return delivered


def deliver_with_retries(
    url: str,
    body: bytes,
    settings: WebhookSettings,
    on_attempt: Callable[[int, str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Deliver, retrying with exponential backoff up to `max_attempts` times."""
    for attempt in range(1, settings.max_attempts + 1):
        if deliver_once(url, body, settings):
            on_attempt(attempt, "delivered")
            return True
        last = attempt == settings.max_attempts
        on_attempt(attempt, "failed" if last else "pending")
        if not last:
            sleep(settings.backoff(attempt))
    return False
