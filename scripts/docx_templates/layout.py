"""The layout of every .docx template, and the small language that describes one.

Layout: the body is one borderless table. Every row is one block of the document; its
cell is repeated for each language of the document by docxtpl's column loop
(`{%tc for c in langs %}`), so `uk` and `en` print one full-width column and `uk-en`
prints Ukrainian and English side by side, aligned block by block. Every Jinja tag is
written inside a single run, so Word's run splitting cannot break it.

Widths are explicit, in twips, so that Word and LibreOffice lay out the same page: the
table is fixed (no autofit) and as wide as the text (9638); the renderer writes the
grid and every cell's width after docxtpl's column loop (one column of 9638 or two of
4819). What depends on the column's width (the addressee's indent, the signature's tab
stops) is written twice, for a full-width and for a half-width column, and chosen by
`{%tr if bilingual %}`; like the PDF, the half-width addressee is not indented.

Page breaks follow the PDF: a block's leading heading is a row of its own that keeps
with the next row (Word; LibreOffice does not split a row that starts with a
keep-with-next paragraph, so the heading must not share a row with long text), and
signatures, attachment lists and the notary's space are rows that do not split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from docx.text.parfmt import ParagraphFormat

ROOT = Path(__file__).resolve().parent.parent.parent
OUTPUT_DIR = ROOT / "templates_docx"
USABLE_WIDTH_TWIPS = 9638  # A4 (11906) less margins of 30 and 10 mm
CELL_MARGINS_TWIPS = (57, 113)  # left, right: 1 and 2 mm
# The template's columns: loop start, block, loop end. docxtpl's fix_tables gives the
# removed loop columns' width to the ones left: 9638 for one language, 4819 + 4819 for two.
TEMPLATE_COLUMNS_TWIPS = (3213, 3213, 3212)
# Paragraph styles whose indent or tab stops depend on the column's width.
WIDTH_DEPENDENT = frozenset({"addressee", "signature", "signature_caption"})
KEEP_WITH_NEXT = frozenset({"title", "subtitle", "procedure", "heading"})
# Date, then a line to sign on (a tab whose leader draws the line), then the name.
SIGNATURE_LINE = "\t\t\t"
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
    keep_together: bool = False  # never split across pages (signatures do not, ever)


def text_width(*, bilingual: bool) -> int:
    """The width of the text in a column of the layout table, in twips."""
    column = USABLE_WIDTH_TWIPS // 2 if bilingual else USABLE_WIDTH_TWIPS
    return column - sum(CELL_MARGINS_TWIPS)


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
    for edge, width in zip(("left", "right"), CELL_MARGINS_TWIPS, strict=True):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(width))
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
    normal.paragraph_format.widow_control = True  # the PDF's orphans and widows: 2


def signature_tabs(*, bilingual: bool) -> tuple[int, int, int]:
    """Where the line to sign on starts and ends, and where the name ends (right tab).

    As the PDF: the date first (38 % of a full column), the line, the name at the right.
    In a half column (uk-en) the date stands on a line of its own above, so the line to
    sign on starts at the margin and takes 55 % of the column.
    """
    width = text_width(bilingual=bilingual)
    if bilingual:
        return 0, width * 55 // 100, width
    return width * 394 // 1000, width * 636 // 1000, width


def format_signature(fmt: ParagraphFormat, style: str, *, bilingual: bool) -> None:
    """Tab stops of the signature line (date, line, name) and of its caption (centred).

    The caption keeps with what follows: the legal basis never stands alone on a page.
    """
    start, end, name_end = signature_tabs(bilingual=bilingual)
    fmt.space_after = Pt(0)
    if style == "signature":
        fmt.space_before = Pt(18)
        if not bilingual:
            # A name too long for its place wraps under itself, not under the date.
            fmt.left_indent, fmt.first_line_indent = Twips(end), Twips(-end)
            fmt.tab_stops.add_tab_stop(Twips(start), WD_TAB_ALIGNMENT.LEFT)
        fmt.tab_stops.add_tab_stop(Twips(end), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
        fmt.tab_stops.add_tab_stop(Twips(name_end), WD_TAB_ALIGNMENT.RIGHT)
    else:
        fmt.tab_stops.add_tab_stop(Twips((start + end) // 2), WD_TAB_ALIGNMENT.CENTER)
        fmt.keep_with_next = True


def add_paragraph(cell: object, para: Para, *, first: bool, bilingual: bool, keep: bool) -> None:
    """Write one paragraph into a cell, styled for a full-width or a half-width column.

    Headings keep with the next paragraph, except in a row that does not split (there
    LibreOffice would also keep the row with the next row, and the next, ...).
    """
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    if para.style == "body":
        fmt.first_line_indent = Cm(1.25)
    elif para.style in ("title", "subtitle", "procedure"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif para.style == "heading":
        fmt.space_before = Pt(6)
    elif para.style == "addressee":
        if not bilingual:  # the PDF indents 45 % of the text width, and not in uk-en
            fmt.left_indent = Twips(text_width(bilingual=False) * 45 // 100)
        fmt.space_after = Pt(2)
    elif para.style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif para.style in ("signature", "signature_caption"):
        format_signature(fmt, para.style, bilingual=bilingual)
    if para.style in KEEP_WITH_NEXT and not keep:
        fmt.keep_with_next = True
    sizes = {"title": Pt(15), "small": Pt(9), "signature_caption": Pt(9)}
    if bilingual:
        sizes["signature"] = Pt(10)  # as the PDF's half-width signature
    for text, bold, italic in para.runs:
        shown = text
        if bilingual and para.style == "signature":
            # The date on a line of its own, then the line to sign on and the name.
            shown = text.replace(SIGNATURE_LINE, "\n\t\t", 1)
        run = paragraph.add_run(shown)
        run.bold = bold or para.style in ("title", "subtitle", "heading")
        run.italic = italic or para.style == "procedure"
        if para.style in sizes:
            run.font.size = sizes[para.style]


def add_control_row(table: object, tag: str) -> None:
    """Add a row holding only a `{%tr ... %}` tag (docxtpl removes the row)."""
    row = table.add_row()  # type: ignore[attr-defined]
    row.cells[0].paragraphs[0].add_run(tag)


def add_row(table: object, paragraphs: list[Para], *, bilingual: bool, keep: bool) -> None:
    """Add a row: [loop start][content][loop end], the loop cells removed by docxtpl."""
    row = table.add_row()  # type: ignore[attr-defined]
    if keep:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    start, content, end = row.cells
    start.paragraphs[0].add_run("{%tc for c in langs %}")
    end.paragraphs[0].add_run("{%tc endfor %}")
    for index, para in enumerate(paragraphs):
        add_paragraph(content, para, first=index == 0, bilingual=bilingual, keep=keep)


def add_rows(table: object, block: Block, *, bilingual: bool) -> None:
    """Add a block's rows: its leading headings alone (they keep with the next), the rest."""
    paragraphs = block.paragraphs
    keep = block.keep_together or any(para.style == "signature" for para in paragraphs)
    lead = 0
    while lead < len(paragraphs) and paragraphs[lead].style in KEEP_WITH_NEXT:
        lead += 1
    if keep or lead in (0, len(paragraphs)):
        add_row(table, paragraphs, bilingual=bilingual, keep=keep)
    else:
        add_row(table, paragraphs[:lead], bilingual=bilingual, keep=False)
        add_row(table, paragraphs[lead:], bilingual=bilingual, keep=False)


def add_block(table: object, block: Block) -> None:
    """Add a block, written twice (half and full width) when its layout depends on width."""
    if block.condition:
        add_control_row(table, "{%tr if " + block.condition + " %}")
    if any(para.style in WIDTH_DEPENDENT for para in block.paragraphs):
        add_control_row(table, "{%tr if bilingual %}")
        add_rows(table, block, bilingual=True)
        add_control_row(table, "{%tr else %}")
        add_rows(table, block, bilingual=False)
        add_control_row(table, "{%tr endif %}")
    else:
        add_rows(table, block, bilingual=False)
    if block.condition:
        add_control_row(table, "{%tr endif %}")


# A stored document's verification address and code (the PDF also prints a QR code).
# Paragraph-level tags: a document without a seal (the CLI's) keeps no empty line.
VERIFICATION_LINE = (
    '{% for c in langs %}{{ c._("Check that this document is genuine:") }}'
    "{% if not loop.last %} / {% endif %}{% endfor %} {{ document.verification.url }} · "
    '{% for c in langs %}{{ c._("code") }}{% if not loop.last %} / {% endif %}{% endfor %}: '
    "{{ document.verification.code }}"
)


def add_footer(document: Document) -> None:
    """Footer: the verification line of a stored document, then the page number."""
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
    paragraph.add_run("\t")
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
    for column, width in zip(grid, TEMPLATE_COLUMNS_TWIPS, strict=True):
        column.set(qn("w:w"), str(width))  # python-docx gives each new cell this width
    set_cell_margins(table._tbl)
    for block in blocks:
        add_block(table, block)
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
            P("{{ " + date + " }}" + SIGNATURE_LINE + "{{ " + name + " }}", style="signature"),
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
