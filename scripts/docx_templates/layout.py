"""The layout of every .docx template, and the small language that describes one.

Layout: the body is one borderless table. Every row is one block of the document; its
cell is repeated for each language of the document by docxtpl's column loop
(`{%tc for c in langs %}`), so `uk` and `en` print one full-width column and `uk-en`
prints Ukrainian and English side by side, aligned block by block. Every Jinja tag is
written inside a single run, so Word's run splitting cannot break it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

ROOT = Path(__file__).resolve().parent.parent.parent
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
    elif para.style == "addressee":
        fmt.left_indent = Twips(USABLE_WIDTH_TWIPS * 45 // 100)
        fmt.space_after = Pt(2)
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


# A stored document's verification address and code (the PDF also prints a QR code).
# Paragraph-level tags: a document without a seal (the CLI's) keeps no empty line.
VERIFICATION_LINE = (
    '{% for c in langs %}{{ c._("Check that this document is genuine:") }}'
    "{% if not loop.last %} / {% endif %}{% endfor %} {{ document.verification.url }} · "
    '{% for c in langs %}{{ c._("code") }}{% if not loop.last %} / {% endif %}{% endfor %}: '
    "{{ document.verification.code }}"
)


def add_footer(document: Document) -> None:
    """Footer: the verification line of a stored document, then reference and page number."""
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    for text in (
        "{%p if document.verification %}",
        VERIFICATION_LINE,
        "{%p endif %}",
    ):
        line = first.insert_paragraph_before()
        run = line.add_run(text)
        run.font.size = Pt(7)
    paragraph = first
    tab_stops = paragraph.paragraph_format.tab_stops
    # Word's Footer style has its own centre and right tabs (for Letter paper): clear them,
    # so the page number goes to the right margin of our A4 page.
    for inherited in document.styles["Footer"].paragraph_format.tab_stops:
        tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    tab_stops.add_tab_stop(Twips(USABLE_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
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


def signature_block(
    date: str = "c.application_date.long",
    name: str = "c.applicant.signature",
    caption: str = 'c._("signature")',
) -> Block:
    """Date, a line to sign on, and "Given SURNAME", per language (expressions on `c`)."""
    return Block(
        [
            P("{{ " + date + " }}\t________________\t{{ " + name + " }}", style="signature"),
            P(("*", "\t{{ " + caption + " }}"), style="signature_caption"),
        ]
    )


def authority_header_block(addressee: str = "c.addressee", applicant: str = "c.applicant") -> Block:
    """The header of an application: addressee (dative), "from" + applicant (genitive)."""
    a, p = addressee, applicant
    return Block(
        [
            P(("**", "{{ " + a + ".dative }}"), style="addressee"),
            P(
                "{% if " + a + ".address %}{{ " + a + ".address.line }}{% endif %}",
                style="addressee",
            ),
            P(
                (
                    "**",
                    '{{ c._("from %(name)s", name='
                    + p
                    + '.genitive) }}{% if c.lang == "en" %} ({{ '
                    + p
                    + ".native }}){% endif %}",
                ),
                style="addressee",
            ),
            P(
                "{% if "
                + p
                + '.rnokpp %}{{ c._("RNOKPP %(number)s", number='
                + p
                + ".rnokpp) }}{% endif %}",
                style="addressee",
            ),
            P(
                "{% if "
                + p
                + '.address %}{{ c._("Address: %(address)s", address='
                + p
                + ".address.line) }}{% endif %}",
                style="addressee",
            ),
            P(
                "{% if "
                + p
                + '.phone %}{{ c._("Phone: %(phone)s", phone='
                + p
                + ".phone) }}{% if "
                + p
                + '.phone_foreign %} ({{ c._("foreign number") }}){% endif %}{% endif %}{% if '
                + p
                + '.email %} {{ c._("E-mail: %(email)s", email='
                + p
                + ".email) }}{% endif %}",
                style="addressee",
            ),
        ]
    )
