"""Build the .docx templates of templates_docx/ from their descriptions.

The .docx files are the templates docxtpl renders and what a lawyer may edit in Word;
`scripts/docx_templates/` describes how they were made, and this remakes them:

    .venv/bin/python -m scripts.build_docx_templates [template-id ...]

Layout: the body is one borderless table. Every row is one block of the document; its
cell is repeated for each language of the document by docxtpl's column loop
(`{%tc for c in langs %}`), so `uk` and `en` print one full-width column and `uk-en`
prints Ukrainian and English side by side, aligned block by block. Every Jinja tag is
written inside a single run, so Word's run splitting cannot break it.
"""

from __future__ import annotations

import sys

from scripts.docx_templates import custody, identity, medical
from scripts.docx_templates.layout import build

DOCUMENTS = {**identity.DOCUMENTS, **medical.DOCUMENTS, **custody.DOCUMENTS}


def main(names: list[str]) -> None:
    """Build the named templates (all when none are named)."""
    for name in names or list(DOCUMENTS):
        blocks, title = DOCUMENTS[name]
        print(build(name, blocks, title))


if __name__ == "__main__":
    main(sys.argv[1:])
