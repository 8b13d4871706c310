"""Memory of one render worker over many renders (run by bench_render.py in a new process).

Builds the pipeline as a pool worker does, renders `--warmup` documents, reads VmRSS
from /proc/self/status, renders `--renders` more (every template, uk and en, PDF and
DOCX in turn), reads it again, and prints both as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.config import load_settings
from service.documents import DocumentPipeline, list_templates


def rss_kib() -> int:
    """This process's resident set size in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main() -> None:
    """Render, measure, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=96)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    settings = load_settings()
    pipeline = DocumentPipeline(settings["TEMPLATES_DOCX_DIR"], settings["TEMPLATES_PDF_DIR"])
    pipeline.warm_up()
    jobs = [
        (spec.id, spec.load_example(), lang, fmt)
        for spec in list_templates()
        for lang in ("uk", "en")
        for fmt in ("pdf", "docx")
    ]
    cycle = itertools.cycle(jobs)
    for _ in range(args.warmup):
        template_id, data, lang, fmt = next(cycle)
        pipeline.render(template_id, data, lang, fmt, today=date(2026, 1, 1))
    before = rss_kib()
    for _ in range(args.renders):
        template_id, data, lang, fmt = next(cycle)
        pipeline.render(template_id, data, lang, fmt, today=date(2026, 1, 1))
    after = rss_kib()
    print(json.dumps({"renders": args.renders, "rss_before_kib": before, "rss_after_kib": after}))


if __name__ == "__main__":
    main()
