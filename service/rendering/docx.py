"""DOCX rendering with docxtpl, compiled once per template version (no Flask here).

docxtpl, used naively, loads the package, re-parses and patches the XML, compiles the
Jinja template and re-serialises every part on each render (about 60 ms). Almost all
of that depends only on the template file, so `DocxRenderer` does it once per template
version (keyed by the file's SHA-256) with docxtpl's own functions: the patched,
compiled Jinja templates of the body and of each header and footer, the other parts
already serialised and compressed. A render then runs Jinja, docxtpl's listing and
table fix-ups on the rendered XML, and writes a ZIP of the compressed static parts and
the few rendered ones. The bytes are the same as docxtpl's (`render_docx_naive`, kept
as the reference and for templates using features the compiled path does not cover).

Both paths then write every table's widths in twips (`fit_table_widths`): docxtpl's
column loop leaves a grid that does not add up to the table and cells without widths,
and LibreOffice, unlike Word, then guesses its own columns.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
import re
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.oxml.ns import nsmap, qn
from docxtpl import DocxTemplate

from service.ukrainian.typography import typeset_value

log = logging.getLogger(__name__)

# Zip entries carry a timestamp; a fixed one makes the same input give the same bytes.
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
# How many compiled template versions one process keeps.
COMPILED_CACHE_SIZE = 64

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class LayoutDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """docxtpl, with explicit table widths after its table fix-up (both render paths)."""

    def fix_tables(self, xml: str) -> Any:
        """Fix the tables as docxtpl does, then write their widths in twips."""
        tree = super().fix_tables(xml)
        fit_table_widths(tree)
        return tree


_TBL, _TBL_PR, _TBL_W, _TBL_GRID = qn("w:tbl"), qn("w:tblPr"), qn("w:tblW"), qn("w:tblGrid")
_GRID_COL, _TR, _TC, _TC_PR = qn("w:gridCol"), qn("w:tr"), qn("w:tc"), qn("w:tcPr")
_TC_W, _GRID_SPAN, _CNF_STYLE = qn("w:tcW"), qn("w:gridSpan"), qn("w:cnfStyle")
_W, _TYPE, _VAL, _P = qn("w:w"), qn("w:type"), qn("w:val"), qn("w:p")


def fit_table_widths(tree: Any) -> None:
    """Scale each table's grid to its width in twips and give every cell its width.

    The grid keeps its proportions and adds up to the table's `tblW` exactly (when that
    is in twips); each cell's `tcW` is the sum of the grid columns it spans. A cell that
    a loop left without a paragraph gets an empty one (Word refuses an empty cell).
    """
    for table in tree.iter(_TBL):
        grid = table.find(_TBL_GRID)
        if grid is None:
            continue
        columns = grid.findall(_GRID_COL)
        widths = [max(0, int(float(column.get(_W) or 0))) for column in columns]
        total = sum(widths)
        if not total:
            continue
        target = total
        properties = table.find(_TBL_PR)
        table_width = None if properties is None else properties.find(_TBL_W)
        if table_width is not None and table_width.get(_TYPE) == "dxa":
            target = int(table_width.get(_W) or total)
        scaled, running, placed = [], 0, 0
        for width in widths:
            running += width
            edge = round(running * target / total)
            scaled.append(edge - placed)
            placed = edge
        for column, width in zip(columns, scaled, strict=True):
            column.set(_W, str(width))
        for row in table.iterchildren(_TR):
            start = 0
            for cell in row.iterchildren(_TC):
                cell_properties = cell.find(_TC_PR)
                if cell_properties is None:
                    cell_properties = cell.makeelement(_TC_PR, {})
                    cell.insert(0, cell_properties)
                span = cell_properties.find(_GRID_SPAN)
                count = int(span.get(_VAL) or 1) if span is not None else 1
                cell_width = cell_properties.find(_TC_W)
                if cell_width is None:
                    cell_width = cell_properties.makeelement(_TC_W, {})
                    first = len(cell_properties) > 0 and cell_properties[0].tag == _CNF_STYLE
                    cell_properties.insert(1 if first else 0, cell_width)
                cell_width.set(_W, str(sum(scaled[start : start + count])))
                cell_width.set(_TYPE, "dxa")
                start += count
                if cell.find(_P) is None:
                    cell.append(cell.makeelement(_P, {}))


class DocxRenderer:
    """Renders the .docx templates of templates_docx/ with autoescape and strict variables."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir.resolve()
        self._lock = threading.Lock()
        self._by_sha256: OrderedDict[str, CompiledDocx | None] = OrderedDict()
        self._by_stat: dict[Path, tuple[tuple[int, int], str]] = {}

    @staticmethod
    def build_environment() -> jinja2.Environment:
        """Build the Jinja environment docxtpl renders with: escaped, strict, typeset."""
        return jinja2.Environment(
            autoescape=True, undefined=jinja2.StrictUndefined, finalize=typeset_value
        )

    def prepare(self, template_name: str) -> None:
        """Compile a template now rather than on its first render."""
        self.compiled(self.templates_dir / template_name)

    def render_docx(self, template_name: str, context: Mapping[str, Any]) -> bytes:
        """Render a document to DOCX bytes; the same input gives the same bytes."""
        path = self.templates_dir / template_name
        compiled = self.compiled(path)
        if compiled is None:
            return self.render_docx_naive(template_name, context)
        content = compiled.render(context)
        log.info("docx rendered", extra={"stage": "save_docx"})
        return content

    def render_docx_naive(self, template_name: str, context: Mapping[str, Any]) -> bytes:
        """Render with a new DocxTemplate (the reference the compiled path must match)."""
        template = LayoutDocxTemplate(self.templates_dir / template_name)
        template.render(dict(context), jinja_env=self.build_environment(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        log.info("docx rendered", extra={"stage": "save_docx"})
        return normalise_zip(buffer.getvalue())

    def compiled(self, path: Path) -> CompiledDocx | None:
        """The compiled template of a file's current version (None: render naively)."""
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._by_stat.get(path)
            if known is not None and known[0] == signature:
                sha256 = known[1]
                if sha256 in self._by_sha256:
                    self._by_sha256.move_to_end(sha256)
                    return self._by_sha256[sha256]
            source = path.read_bytes()
            sha256 = hashlib.sha256(source).hexdigest()
            self._by_stat[path] = (signature, sha256)
            if sha256 not in self._by_sha256:
                self._by_sha256[sha256] = compile_docx(source, self.build_environment())
                while len(self._by_sha256) > COMPILED_CACHE_SIZE:
                    self._by_sha256.popitem(last=False)
                log.debug("docx template compiled", extra={"stage": "compile_docx"})
            self._by_sha256.move_to_end(sha256)
            return self._by_sha256[sha256]


@dataclass(frozen=True)
class _StaticMember:
    name: str
    deflated: bytes
    crc: int
    size: int


@dataclass(frozen=True)
class _RenderedPart:
    name: str
    template: jinja2.Template
    encoding: str


class CompiledDocx:
    """One template version, parsed and patched once; renders only its XML parts."""

    def __init__(
        self,
        *,
        tool: LayoutDocxTemplate,
        order: list[str],
        static: dict[str, _StaticMember],
        body: jinja2.Template,
        document_name: str,
        document_shell: Any,
        body_index: int,
        parts: list[_RenderedPart],
    ) -> None:
        self._tool = tool
        self._order = order
        self._static = static
        self._body = body
        self._document_name = document_name
        self._document_shell = document_shell
        self._body_index = body_index
        self._parts = parts

    def _render_xml(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        # What DocxTemplate.render_xml_part does after compiling.
        xml = template.render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        resolved: str = self._tool.resolve_listing(xml)
        return resolved

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Render the template with a context to DOCX bytes."""
        context = dict(context)
        tree = self._tool.fix_tables(self._render_xml(self._body, context))
        for number, element in enumerate(tree.xpath("//wp:docPr", namespaces=nsmap), 1001):
            element.attrib["id"] = str(number)
        root = copy.deepcopy(self._document_shell)
        root.insert(self._body_index, tree)
        rendered = {self._document_name: serialize_part_xml(root)}
        for part in self._parts:
            xml = self._render_xml(part.template, context).encode(part.encoding)
            rendered[part.name] = serialize_part_xml(parse_xml(xml))  # type: ignore[arg-type]  # python-docx's stub says str; lxml parses the bytes, as docxtpl does
        members = []
        for name in self._order:
            if name in rendered:
                members.append(deflate_member(name, rendered[name]))
            else:
                members.append(self._static[name])
        return write_zip(members)


def compile_docx(source: bytes, environment: jinja2.Environment) -> CompiledDocx | None:
    """Parse, patch and compile a template once; None when it needs the naive path."""
    tool = LayoutDocxTemplate(io.BytesIO(source))
    tool.render_init()
    document = tool.docx
    package_parts = list(document.part.package.iter_parts())
    if any(part.content_type == FOOTNOTES_TYPE for part in package_parts):
        return None
    if any("{" in (getattr(document.core_properties, name) or "") for name in CORE_PROPERTIES):
        return None
    body = environment.from_string(
        re.sub(r"<w:p([ >])", r"\n<w:p\1", tool.patch_xml(tool.get_xml()))
    )
    parts = []
    for relationship in (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER):
        for _key, part in tool.get_headers_footers(relationship):
            xml = tool.get_part_xml(part)
            patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", tool.patch_xml(xml))
            parts.append(
                _RenderedPart(
                    part.partname.membername,
                    environment.from_string(patched),
                    tool.get_headers_footers_encoding(xml),
                )
            )
    # What docxtpl does to the core properties on every render (adds empty elements).
    tool.render_properties({}, environment)
    root = document.element
    shell = copy.deepcopy(root)
    body_index = list(root).index(root.body)
    shell.remove(shell[body_index])
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        order = [info.filename for info in package.infolist()]
        static = {name: deflate_member(name, package.read(name)) for name in order}
    return CompiledDocx(
        tool=tool,
        order=order,
        static=static,
        body=body,
        document_name=document.part.partname.membername,
        document_shell=shell,
        body_index=body_index,
        parts=parts,
    )


def deflate_member(name: str, content: bytes) -> _StaticMember:
    """Compress one ZIP member as zipfile does (default level, raw deflate)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    deflated = compressor.compress(content) + compressor.flush()
    return _StaticMember(name, deflated, zlib.crc32(content), len(content))


_DOS_TIME = FIXED_ZIP_TIME[3] << 11 | FIXED_ZIP_TIME[4] << 5 | FIXED_ZIP_TIME[5] // 2
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
_VERSION = 20
_UNIX = 3
_FILE_MODE = 0o644 << 16


def write_zip(members: list[_StaticMember]) -> bytes:
    """Write compressed members as a ZIP, byte for byte as `normalise_zip` would."""
    output = io.BytesIO()
    directory = []
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if member.name.isascii() else 0x800
        offset = output.tell()
        output.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\003\004",
                _VERSION,
                0,
                flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                member.crc,
                len(member.deflated),
                member.size,
                len(name),
                0,
            )
        )
        output.write(name)
        output.write(member.deflated)
        directory.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\001\002",
                _VERSION,
                _UNIX,
                _VERSION,
                0,
                flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                member.crc,
                len(member.deflated),
                member.size,
                len(name),
                0,
                0,
                0,
                0,
                _FILE_MODE,
                offset,
            )
            + name
        )
    start = output.tell()
    for entry in directory:
        output.write(entry)
    size = output.tell() - start
    output.write(
        struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(members), len(members), size, start, 0)
    )
    return output.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and a stable member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return output.getvalue()
