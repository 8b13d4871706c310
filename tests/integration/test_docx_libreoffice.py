"""Every DOCX keeps its layout in LibreOffice: as many pages as our PDF (one more at most).

Many public bodies and NGOs edit in LibreOffice Writer, which, unlike Word, guesses its
own columns when a table's widths are missing or do not add up (a half-width column
once came out one letter wide, 5 to 7 pages for a 2-page PDF). Every template x
language is rendered (its example) as DOCX and as PDF, all DOCX files are converted by
one `soffice` run, and each conversion is compared with our PDF of the same data. The
tables of each rendered document.xml are read too: fixed layout, widths in twips that
add up to the table, no column narrower than 2 cm.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

import pytest
from lxml import etree

from service.documents import DOCUMENT_LANGUAGES, DocumentPipeline, get_template, list_templates
from service.rendering.docx import fit_table_widths
from tests.readback import pdf_reader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MIN_COLUMN_TWIPS = 1134  # 2 cm
SOFFICE_TIMEOUT_SECONDS = 300
CASES = [(spec.id, lang) for spec in list_templates() for lang in DOCUMENT_LANGUAGES]


@dataclass(frozen=True)
class Converted:
    """One document: our DOCX and PDF bytes, and LibreOffice's PDF of the DOCX."""

    docx: bytes
    pdf_pages: int
    libreoffice_pages: int


def stem(template_id: str, lang: str) -> str:
    """The file name (without suffix) of one template x language."""
    return f"{template_id}.{lang}"


@pytest.fixture(scope="module")
def converted(
    pipeline: DocumentPipeline, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Converted]:
    """Render every case, convert all DOCX files with one LibreOffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice is not installed: `make install-test` installs "
            "libreoffice-writer-nogui (or: apt-get install libreoffice-writer-nogui)"
        )
    folder = tmp_path_factory.mktemp("libreoffice")
    documents: dict[tuple[str, str], tuple[bytes, int]] = {}
    paths = []
    for template_id, lang in CASES:
        example = get_template(template_id).load_example()
        docx = pipeline.render(template_id, example, lang, "docx").content
        pdf = pipeline.render(template_id, example, lang, "pdf").content
        path = folder / f"{stem(template_id, lang)}.docx"
        path.write_bytes(docx)
        paths.append(str(path))
        documents[template_id, lang] = (docx, len(pdf_reader(pdf).pages))
    output = folder / "pdf"
    profile = (folder / "profile").as_uri()  # a private profile: no clash with a running soffice
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(output),
            *paths,
        ],
        capture_output=True,
        text=True,
        timeout=SOFFICE_TIMEOUT_SECONDS,
        check=False,
    )
    results = {}
    for (template_id, lang), (docx, pdf_pages) in documents.items():
        pdf_path = output / f"{stem(template_id, lang)}.pdf"
        assert pdf_path.exists(), f"LibreOffice did not convert {pdf_path.name}: {result.stderr}"
        pages = len(pdf_reader(pdf_path.read_bytes()).pages)
        results[template_id, lang] = Converted(docx, pdf_pages, pages)
    return results


def document_xml(docx: bytes) -> etree._Element:
    """The parsed word/document.xml of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def width(element: etree._Element) -> int:
    """A w:w attribute in twips."""
    return int(element.get(f"{W}w"))


@pytest.mark.parametrize(("template_id", "lang"), CASES, ids=[stem(*case) for case in CASES])
def test_libreoffice_needs_at_most_one_page_more_than_our_pdf(
    converted: dict[tuple[str, str], Converted], template_id: str, lang: str
) -> None:
    document = converted[template_id, lang]
    assert document.libreoffice_pages <= document.pdf_pages + 1, (
        f"LibreOffice: {document.libreoffice_pages} pages, our PDF: {document.pdf_pages}"
    )


@pytest.mark.parametrize(("template_id", "lang"), CASES, ids=[stem(*case) for case in CASES])
def test_tables_are_fixed_with_widths_in_twips_that_add_up(
    converted: dict[tuple[str, str], Converted], template_id: str, lang: str
) -> None:
    tables = list(document_xml(converted[template_id, lang].docx).iter(f"{W}tbl"))
    assert tables
    for table in tables:
        properties = table.find(f"{W}tblPr")
        assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"  # no autofit
        table_width = properties.find(f"{W}tblW")
        assert table_width.get(f"{W}type") == "dxa"
        columns = [width(column) for column in table.find(f"{W}tblGrid").iter(f"{W}gridCol")]
        assert min(columns) >= MIN_COLUMN_TWIPS, columns
        assert sum(columns) == width(table_width)
        rows = table.findall(f"{W}tr")
        assert len(rows) > 1
        for row in rows:
            cells = [cell.find(f"{W}tcPr/{W}tcW") for cell in row.findall(f"{W}tc")]
            assert all(cell is not None and cell.get(f"{W}type") == "dxa" for cell in cells)
            widths = [width(cell) for cell in cells]
            assert min(widths) >= MIN_COLUMN_TWIPS, widths
            assert sum(widths) == width(table_width), widths
    if lang == "uk-en":  # side by side: two columns of half the width
        assert [width(c) for c in tables[0].iter(f"{W}gridCol")] == [4819, 4819]


def test_every_cell_holds_a_paragraph_and_nothing_is_indented_out_of_its_column(
    converted: dict[tuple[str, str], Converted],
) -> None:
    for (template_id, lang), document in converted.items():
        for table in document_xml(document.docx).iter(f"{W}tbl"):
            for row in table.findall(f"{W}tr"):
                for cell in row.findall(f"{W}tc"):
                    assert cell.findall(f"{W}p"), (template_id, lang)  # Word needs one
                    column = width(cell.find(f"{W}tcPr/{W}tcW"))
                    for indent in cell.iter(f"{W}ind"):
                        left = int(indent.get(f"{W}left", "0"))
                        assert column - left >= MIN_COLUMN_TWIPS, (template_id, lang, left)


def test_a_grid_is_scaled_to_the_table_width_and_every_cell_gets_its_width() -> None:
    tree = etree.fromstring(
        f'<w:body xmlns:w="{W[1:-1]}"><w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/>'
        '</w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc>'
        "<w:tc></w:tc></w:tr></w:tbl></w:body>"
    )
    fit_table_widths(tree)
    columns = [width(column) for column in tree.iter(f"{W}gridCol")]
    assert columns == [1800, 3600, 3600]  # proportions kept, the sum is the table's width
    cells = tree.findall(f"{W}tbl/{W}tr/{W}tc")
    assert [width(cell.find(f"{W}tcPr/{W}tcW")) for cell in cells] == [5400, 3600]
    assert cells[0].find(f"{W}tcPr")[0].tag == f"{W}tcW"  # before gridSpan, as the schema says
    assert cells[1].findall(f"{W}p")  # an emptied cell gets a paragraph
