"""Settings from environment variables, with safe defaults for a developer's machine."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ONE_MIB = 1024 * 1024
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"

log = logging.getLogger(__name__)


def read_secret(path: Path) -> str | None:
    """The session secret from its file under var/, if `flask keys init` made one."""
    return path.read_text(encoding="ascii").strip() if path.exists() else None


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read the settings (Flask config keys) from the environment."""
    env = os.environ if environ is None else environ
    var_dir = Path(env.get("PAPERWORK_VAR_DIR", str(PROJECT_ROOT / "var")))
    return {
        "VAR_DIR": var_dir,
        "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{var_dir / 'paperwork.sqlite3'}"),
        "MAX_CONTENT_LENGTH": int(env.get("PAPERWORK_MAX_BODY_BYTES", str(ONE_MIB))),
        # The largest evidence file (a scan or photo) a caseworker may attach to a case.
        "EVIDENCE_MAX_BYTES": int(env.get("PAPERWORK_EVIDENCE_MAX_BYTES", str(10 * ONE_MIB))),
        "TEMPLATES_DOCX_DIR": Path(
            env.get("PAPERWORK_TEMPLATES_DOCX", str(PROJECT_ROOT / "templates_docx"))
        ),
        "TEMPLATES_PDF_DIR": Path(
            env.get("PAPERWORK_TEMPLATES_PDF", str(PROJECT_ROOT / "templates_pdf"))
        ),
        "DOCUMENTS_DIR": Path(env.get("PAPERWORK_DOCUMENTS_DIR", str(var_dir / "documents"))),
        # Where document bytes live: in the database (every node of a cluster serves every
        # document; the default on PostgreSQL) or in files under DOCUMENTS_DIR (SQLite).
        "DOCUMENT_STORE": env.get("PAPERWORK_DOCUMENT_STORE") or None,
        "DATA_KEYS": env.get("PAPERWORK_DATA_KEYS"),
        "DATA_KEY_FILE": Path(env.get("PAPERWORK_DATA_KEY_FILE", str(var_dir / "data.key"))),
        "RENDER_WORKERS": int(env.get("PAPERWORK_RENDER_WORKERS", str(os.cpu_count() or 1))),
        "RENDER_BUDGET_SECONDS": float(env.get("PAPERWORK_RENDER_BUDGET_SECONDS", "30")),
        "RENDER_MAX_TASKS": int(env.get("PAPERWORK_RENDER_MAX_TASKS", "500")),
        "RATE_LIMIT": env.get("PAPERWORK_RATE_LIMIT", "600 per minute"),
        "RATE_LIMIT_STORAGE_URI": env.get("PAPERWORK_RATE_LIMIT_STORAGE", "memory://"),
        "SECRET_KEY": env.get("PAPERWORK_SECRET_KEY") or read_secret(var_dir / "secret.key"),
        "SESSION_COOKIE_SECURE": env.get("PAPERWORK_SECURE_COOKIES", "1") != "0",
        # Reverse proxies in front that append to X-Forwarded-For and set X-Forwarded-Proto
        # (0: none; the headers are ignored, since any client could send them).
        "PROXY_COUNT": int(env.get("PAPERWORK_PROXY_COUNT", "0")),
        "LOGIN_RATE_LIMIT": env.get("PAPERWORK_LOGIN_RATE_LIMIT", "10 per minute"),
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL") or None,
        "CELERY_RESULT_BACKEND": env.get("CELERY_RESULT_BACKEND") or None,
        "CELERY_QUEUE": env.get("PAPERWORK_CELERY_QUEUE", "paperwork"),
        # How long documents made without a case (`POST /render`) and their jobs are kept
        # before `flask purge` deletes them: days or hours, "30d" or "48h".
        "RENDER_RETENTION": parse_age(env.get("PAPERWORK_RENDER_RETENTION", "30d")),
        "JOB_WORKER_MAX_TASKS": int(env.get("PAPERWORK_JOB_WORKER_MAX_TASKS", "100")),
        # A running job's lease, renewed while it runs (0: no sweeper takes lapsed jobs
        # again), and how many times a job is started before it ends failed.
        "JOB_LEASE_SECONDS": float(env.get("PAPERWORK_JOB_LEASE_SECONDS", "30")),
        "JOB_MAX_ATTEMPTS": int(env.get("PAPERWORK_JOB_MAX_ATTEMPTS", "3")),
        "WEBHOOK_SECRET": env.get("PAPERWORK_WEBHOOK_SECRET") or None,
        "WEBHOOK_ALLOWED_HOSTS": env.get(
            "PAPERWORK_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1,localhost,::1"
        ),
        "WEBHOOK_MAX_ATTEMPTS": int(env.get("PAPERWORK_WEBHOOK_MAX_ATTEMPTS", "5")),
        "WEBHOOK_BACKOFF_SECONDS": float(env.get("PAPERWORK_WEBHOOK_BACKOFF_SECONDS", "2")),
        # Verifiable documents: the address printed in every PDF's QR code, the signing
        # certificate (PKCS#12; default VAR_DIR/signing.p12, made by `keys init`), an
        # optional RFC 3161 timestamp server, and who issues documents of no organisation.
        "PUBLIC_URL": env.get("PAPERWORK_PUBLIC_URL", DEFAULT_PUBLIC_URL),
        "SIGNING_P12": _optional_path(env.get("PAPERWORK_SIGNING_P12")),
        "SIGNING_P12_PASSWORD": env.get("PAPERWORK_SIGNING_P12_PASSWORD") or None,
        "SIGNING_TSA_URL": env.get("PAPERWORK_SIGNING_TSA_URL") or None,
        "SIGNING_TRUST_ROOTS": _optional_path(env.get("PAPERWORK_SIGNING_TRUST_ROOTS")),
        "ISSUER_NAME": env.get("PAPERWORK_ISSUER_NAME") or None,
        # Reminders by e-mail (`reminders send`): the mail server, and who the letters are from.
        "SMTP_HOST": env.get("PAPERWORK_SMTP_HOST") or None,
        "SMTP_PORT": int(env.get("PAPERWORK_SMTP_PORT", "587")),
        "SMTP_USER": env.get("PAPERWORK_SMTP_USER") or None,
        "SMTP_PASSWORD": env.get("PAPERWORK_SMTP_PASSWORD") or None,
        "SMTP_FROM": env.get("PAPERWORK_SMTP_FROM") or None,
        "SMTP_STARTTLS": env.get("PAPERWORK_SMTP_STARTTLS", "1") != "0",
        "LOG_LEVEL": env.get("PAPERWORK_LOG_LEVEL", "INFO"),
        "JSON_LOGS": env.get("PAPERWORK_JSON_LOGS", "1") != "0",
    }


def parse_age(text: str) -> timedelta:
    """Read an age like 365d or 48h (ValueError otherwise)."""
    match = re.fullmatch(r"(\d+)([dh])", text.strip())
    if match is None:
        raise ValueError(f"{text!r}: use a number of days or hours, e.g. 365d or 48h")
    amount = int(match.group(1))
    return timedelta(days=amount) if match.group(2) == "d" else timedelta(hours=amount)


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None


# Served on every interface: any name of the machine reaches it. As a public address, no one
# can open these.
_WILDCARD_HOSTS = {"", "0.0.0.0", "::"}  # noqa: S104 (compared, never bound)
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def public_url_reaches(public_url: str, host: str, port: int) -> bool:
    """Whether the public address can be the address served on host:port (no proxy between).

    The ports must be equal; the hosts equal, both loopback, or the served one a wildcard.
    """
    try:
        parts = urlsplit(public_url)
        public_port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return False
    public_host = (parts.hostname or "").lower()
    host = host.strip("[]").lower()
    if public_host in _WILDCARD_HOSTS or public_port != port:
        return False
    return host in _WILDCARD_HOSTS or host == public_host or {host, public_host} <= _LOOPBACK_HOSTS


def warn_if_public_url_differs(public_url: str, served: Iterable[tuple[str, int]]) -> bool:
    """Log one warning when no served address (host, port) is the public one; True if so.

    Called where the served address is known: `flask run` (its --host and --port, from
    `create_app`) and gunicorn (its bind, from `service.gunicorn_config.when_ready`).
    """
    served = list(served)
    if not served or any(public_url_reaches(public_url, host, port) for host, port in served):
        return False
    host, port = served[0]
    served_url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    log.warning(
        "PAPERWORK_PUBLIC_URL is not the address this service serves: the QR codes and "
        "verification links of new documents will point to %s, not %s (set "
        "PAPERWORK_PUBLIC_URL; expected only behind a proxy that forwards it here)",
        public_url,
        served_url,
        extra={"public_url": public_url, "served_url": served_url},
    )
    return True
