"""Render every document's example in every language and format into samples/ (`make samples`).

    .venv/bin/python -m scripts.render_samples [template-id ...] [--png]

With --png, each PDF page is also written as a PNG (pdftoppm, 60 dpi) for a quick look.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from service import create_app
from service.documents import DOCUMENT_LANGUAGES, FORMATS, get_template, list_templates

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def main(arguments: list[str]) -> None:
    """Render the samples of the named templates (all when none are named)."""
    png = "--png" in arguments
    names = [name for name in arguments if not name.startswith("--")]
    app = create_app({"LOG_LEVEL": "WARNING"})
    pipeline = app.extensions["document_pipeline"]
    specs = [get_template(name) for name in names] if names else list(list_templates())
    for spec in specs:
        folder = SAMPLES / spec.id
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        example = spec.load_example()
        for lang in DOCUMENT_LANGUAGES:
            for fmt in FORMATS:
                document = pipeline.render(spec.id, example, lang, fmt)
                path = folder / f"{lang}.{fmt}"
                path.write_bytes(document.content)
                if png and fmt == "pdf":
                    subprocess.run(  # noqa: S603 - our own file names
                        ["pdftoppm", "-r", "60", "-png", str(path), str(folder / lang)],  # noqa: S607
                        check=True,
                    )
        print(folder.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
