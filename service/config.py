"""Settings from environment variables, with safe defaults for a developer's machine."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ONE_MIB = 1024 * 1024


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Read the settings (Flask config keys) from the environment."""
    env = os.environ if environ is None else environ
    var_dir = Path(env.get("PAPERWORK_VAR_DIR", str(PROJECT_ROOT / "var")))
    return {
        "VAR_DIR": var_dir,
        "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{var_dir / 'paperwork.sqlite3'}"),
        "MAX_CONTENT_LENGTH": int(env.get("PAPERWORK_MAX_BODY_BYTES", str(ONE_MIB))),
        "TEMPLATES_DOCX_DIR": Path(
            env.get("PAPERWORK_TEMPLATES_DOCX", str(PROJECT_ROOT / "templates_docx"))
        ),
        "TEMPLATES_PDF_DIR": Path(
            env.get("PAPERWORK_TEMPLATES_PDF", str(PROJECT_ROOT / "templates_pdf"))
        ),
        "DOCUMENTS_DIR": Path(env.get("PAPERWORK_DOCUMENTS_DIR", str(var_dir / "documents"))),
        "DATA_KEYS": env.get("PAPERWORK_DATA_KEYS"),
        "DATA_KEY_FILE": Path(env.get("PAPERWORK_DATA_KEY_FILE", str(var_dir / "data.key"))),
        "RENDER_WORKERS": int(env.get("PAPERWORK_RENDER_WORKERS", str(os.cpu_count() or 1))),
        "RENDER_BUDGET_SECONDS": float(env.get("PAPERWORK_RENDER_BUDGET_SECONDS", "30")),
        "RATE_LIMIT": env.get("PAPERWORK_RATE_LIMIT", "600 per minute"),
        "RATE_LIMIT_STORAGE_URI": env.get("PAPERWORK_RATE_LIMIT_STORAGE", "memory://"),
        "LOG_LEVEL": env.get("PAPERWORK_LOG_LEVEL", "INFO"),
        "JSON_LOGS": env.get("PAPERWORK_JSON_LOGS", "1") != "0",
    }
