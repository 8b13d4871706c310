"""Build the .docx templates of templates_docx/ from a compact description.

The .docx files are the templates docxtpl renders and what a lawyer may edit in Word;
this script is how they were first made, and remakes them after a change here:

    .venv/bin/python scripts/build_docx_templates.py

Layout: the body is one borderless table. Every row is one block of the document; its
cell is repeated for each language of the document by docxtpl's column loop
(`{%tc for c in langs %}`), so `uk` and `en` print one full-width column and `uk-en`
prints Ukrainian and English side by side, aligned block by block. Every Jinja tag is
written inside a single run, so Word's run splitting cannot break it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "templates_docx"
USABLE_WIDTH_TWIPS = 9638  # A4 (11906) less margins of 30 and 10 mm
FONT = "Times New Roman"  # Word's Times; LibreOffice substitutes metric-equal Liberation Serif


@dataclass
class Para:
    """One paragraph: runs of (text, bold, italic); a tag must sit inside one run."""

    runs: list[tuple[str, bool, bool]]
    style: str = "body"  # body | title | subtitle | procedure | heading | plain | small | right


def P(*parts: str | tuple[str, str], style: str = "body") -> Para:  # noqa: N802 - a tiny DSL
    """Make a paragraph; a part ("**", text) is bold, ("*", text) italic."""
    runs = []
    for part in parts:
        if isinstance(part, tuple):
            runs.append((part[1], part[0] == "**", part[0] == "*"))
        else:
            runs.append((part, False, False))
    return Para(runs, style)


@dataclass
class Block:
    """A row of the layout table: paragraphs shown once per language."""

    paragraphs: list[Para]
    condition: str | None = None  # a Jinja expression on `langs`, e.g. "langs[0].certificate"
    keep_with_next: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def set_cell_margins(table_element: OxmlElement) -> None:
    """Give cells a small inner margin and no borders."""
    tbl_pr = table_element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", "57"), ("right", "113")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), width)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(USABLE_WIDTH_TWIPS))
    width.set(qn("w:type"), "dxa")


def configure_document(document: Document) -> None:
    """A4, DSTU 4163 margins, Times 13 pt, Ukrainian language for spelling."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "uk-UA")
    r_pr.append(language)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1


def add_paragraph(cell: object, para: Para, *, first: bool) -> None:
    """Write one paragraph into a cell, styled."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    if para.style == "body":
        fmt.first_line_indent = Cm(1.25)
    elif para.style in ("title", "subtitle", "procedure"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.keep_with_next = True
    elif para.style == "heading":
        fmt.keep_with_next = True
        fmt.space_before = Pt(6)
    elif para.style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif para.style in ("signature", "signature_caption"):
        if para.style == "signature":
            fmt.space_before = Pt(18)
        fmt.space_after = Pt(0)
        fmt.tab_stops.add_tab_stop(Twips(USABLE_WIDTH_TWIPS // 2 - 300), WD_TAB_ALIGNMENT.CENTER)
        fmt.tab_stops.add_tab_stop(Twips(USABLE_WIDTH_TWIPS // 2 - 150), WD_TAB_ALIGNMENT.RIGHT)
    for text, bold, italic in para.runs:
        run = paragraph.add_run(text)
        run.bold = bold or para.style in ("title", "subtitle", "heading")
        run.italic = italic or para.style == "procedure"
        if para.style == "title":
            run.font.size = Pt(15)
        if para.style in ("small", "signature_caption"):
            run.font.size = Pt(9)


def add_control_row(table: object, tag: str) -> None:
    """Add a row holding only a `{%tr ... %}` tag (docxtpl removes the row)."""
    row = table.add_row()  # type: ignore[attr-defined]
    row.cells[0].paragraphs[0].add_run(tag)


def add_block(table: object, block: Block) -> None:
    """Add a block: [loop start][content][loop end], the loop cells removed by docxtpl."""
    if block.condition:
        add_control_row(table, "{%tr if " + block.condition + " %}")
    row = table.add_row()  # type: ignore[attr-defined]
    start, content, end = row.cells
    start.paragraphs[0].add_run("{%tc for c in langs %}")
    end.paragraphs[0].add_run("{%tc endfor %}")
    for index, para in enumerate(block.paragraphs):
        add_paragraph(content, para, first=index == 0)
    if block.condition:
        add_control_row(table, "{%tr endif %}")


def strip_cell_widths(table_element: OxmlElement) -> None:
    """Drop per-cell widths so the (rewritten) grid alone sets the columns."""
    for width in table_element.iter(qn("w:tcW")):
        width.getparent().remove(width)


def add_footer(document: Document) -> None:
    """Footer: the document reference on the left, the page number on the right."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        Twips(USABLE_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT
    )
    run = paragraph.add_run("{{ document.reference }}\t")
    run.font.size = Pt(8)
    field_run = paragraph.add_run()
    field_run.font.size = Pt(9)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        field_run._r.append(element)


def build(name: str, blocks: list[Block], title: str) -> Path:
    """Write one template file."""
    document = Document()
    configure_document(document)
    document.core_properties.title = title
    document.core_properties.author = "paperwork-service"
    document.core_properties.comments = name
    table = document.add_table(rows=0, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for column, width in zip(
        grid,
        (USABLE_WIDTH_TWIPS // 2, USABLE_WIDTH_TWIPS - USABLE_WIDTH_TWIPS // 2, 1),
        strict=True,
    ):
        column.set(qn("w:w"), str(width))
    set_cell_margins(table._tbl)
    for block in blocks:
        add_block(table, block)
    strip_cell_widths(table._tbl)
    body = document.element.body
    # python-docx starts with an empty paragraph; drop it so the table comes first.
    first = body[0]
    if first.tag == qn("w:p") and not first.xpath(".//w:t"):
        body.remove(first)
    add_footer(document)
    path = OUTPUT_DIR / f"{name}.docx"
    document.save(path)
    return path


def signature_block() -> Block:
    """Date, a line to sign on, and "Given SURNAME", per language."""
    return Block(
        [
            P(
                "{{ c.application_date.long }}\t________________\t{{ c.applicant.signature }}",
                style="signature",
            ),
            P(("*", '\t{{ c._("signature") }}'), style="signature_caption"),
        ]
    )


BIRTH_FACT = [
    Block(
        [
            P(("**", '{{ c._("Court:") }}'), " {{ c.court.name }}", style="plain"),
            P("{% if c.court.address %}{{ c.court.address.line }}{% endif %}", style="plain"),
            P(
                ("**", '{{ c._("Applicant:") }}'),
                ' {{ c.applicant.name }}{% if c.lang == "en" %} ({{ c.applicant.native }}){% endif %}, {{ c._("born %(date)s", date=c.applicant.birth_date_numeric) }}{% if c.applicant.rnokpp %}, {{ c._("RNOKPP %(number)s", number=c.applicant.rnokpp) }}{% endif %}',
                style="plain",
            ),
            P(
                '{{ c._("Address: %(address)s", address=c.applicant.address.line) }}{% if c.applicant.address.occupied %} ({{ c.applicant.address.occupied_note }}){% endif %}',
                style="plain",
            ),
            P(
                '{% if c.applicant.phone %}{{ c._("Phone: %(phone)s", phone=c.applicant.phone) }}{% if c.applicant.phone_foreign %} ({{ c._("foreign number") }}){% endif %}{% endif %}{% if c.applicant.email %} {{ c._("E-mail: %(email)s", email=c.applicant.email) }}{% endif %}',
                style="plain",
            ),
            P(
                ("**", '{{ c._("Interested party:") }}'),
                " {{ c.interested_party.name }}",
                style="plain",
            ),
            P(
                "{% if c.interested_party.address %}{{ c.interested_party.address.line }}{% endif %}",
                style="plain",
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("Application")|upper }}', style="title"),
            P(
                '{{ c._("to establish the fact of birth of a person on the temporarily occupied territory of Ukraine") }}',
                style="subtitle",
            ),
            P('{{ c._("(separate proceedings)") }}', style="procedure"),
        ]
    ),
    Block([P("{{ c.applicant.relation_statement }}")]),
    Block(
        [P('{{ c.child.born_statement }}{% if c.lang == "en" %} ({{ c.child.native }}){% endif %}')]
    ),
    Block(
        [
            P(
                '{% if c.mother %}{{ c._("The child\'s mother is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.mother.name, date=c.mother.birth_date, citizenship=c.mother.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s mother.") }}{% endif %} '
                '{% if c.father %}{{ c._("The child\'s father is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.father.name, date=c.father.birth_date, citizenship=c.father.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s father.") }}{% endif %}'
            )
        ]
    ),
    Block(
        [
            P(
                '{{ c._("On the day of the birth this place was under the temporary occupation of the Russian Federation, so the birth was not and could not be registered by a civil-registration authority of Ukraine.") }}'
            )
        ]
    ),
    Block(
        [
            P(
                '{{ c._("The occupying authorities issued a birth certificate %(number)s on %(date)s (issued by: %(issuer)s). Ukraine does not recognise this document; it is attached only as evidence of the fact of birth.", number=c.certificate.number, date=c.certificate.issue_date, issuer=c.certificate.issued_by) }}'
            )
        ],
        condition="langs[0].certificate",
    ),
    Block(
        [
            P("{%p for paragraph in c.circumstances.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].circumstances",
    ),
    Block(
        [
            P(
                '{{ c._("The fact of birth must be established so that the birth can be registered by a civil-registration authority and a birth certificate issued. The fact cannot be established other than by a court.") }}'
            )
        ]
    ),
    Block(
        [
            P(
                '{{ c._("Under article 317 of the Civil Procedure Code of Ukraine, this application may be filed with any court outside the occupied territory regardless of the applicant\'s place of residence; the case is heard without delay and the decision is enforced immediately.") }}'
            ),
            P(
                '{{ c._("On these grounds, and under articles 315 and 317–319 of the Civil Procedure Code of Ukraine,") }}'
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("I ask the court:") }}', style="heading"),
            P(
                '1. {{ c._("To establish the fact of birth of %(child)s on %(date)s; place of birth: %(place)s; sex: %(sex)s; mother: %(mother)s; father: %(father)s.", child=c.child.genitive, date=c.child.birth_date, place=c.child.birth_place.line, sex=c.child.sex_label, mother=c.mother.name if c.mother else "—", father=c.father.name if c.father else "—") }}',
                style="plain",
            ),
            P('2. {{ c._("To enforce the decision immediately.") }}', style="plain"),
            P(
                '3. {{ c._("To send a copy of the decision to the civil-registration authority, %(office)s, for the state registration of the birth.", office=c.interested_party.name) }}',
                style="plain",
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("Attachments:") }}', style="heading"),
            P("{%p for item in c.evidence %}", style="plain"),
            P("{{ loop.index }}. {{ item }}", style="plain"),
            P("{%p endfor %}", style="plain"),
            P(
                '{{ c.evidence|length + 1 }}. {{ c._("Copy of the applicant\'s identity document") }}',
                style="plain",
            ),
            P(
                '{{ c.evidence|length + 2 }}. {{ c._("Copy of the application for the interested party") }}',
                style="plain",
            ),
        ]
    ),
    signature_block(),
    Block(
        [
            P(
                '{{ c._("Legal basis: %(basis)s", basis=document.legal_basis[c.lang]) }}',
                style="small",
            )
        ]
    ),
]

DOCUMENTS = {
    "identity.birth_fact_court_application": (
        BIRTH_FACT,
        "Заява про встановлення факту народження особи на тимчасово окупованій території",
    ),
}


def main(names: list[str]) -> None:
    """Build the named templates (all when none are named)."""
    for name in names or list(DOCUMENTS):
        blocks, title = DOCUMENTS[name]
        print(build(name, blocks, title))


if __name__ == "__main__":
    main(sys.argv[1:])
