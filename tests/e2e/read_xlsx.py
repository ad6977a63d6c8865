#!/usr/bin/env python3
"""Reads an .xlsx file with openpyxl, as a user's spreadsheet software would, and prints what it
found as JSON, so the tests can check the app's export from outside.

    PYTHONPATH=scripts/tools/py python3 tests/e2e/read_xlsx.py FILE.xlsx

prints {"sheets": [{"name", "rows", "formats", "bold", "merged", "col_widths", "row_heights"}]}:
- rows: every row up to the sheet's last, each cell's value as openpyxl reads it (str, int,
  float or null);
- formats: parallel to rows, the number format of numeric cells, null for the others;
- bold: parallel to rows, whether the cell's font is bold;
- merged: the merged ranges ("A1:C1"), sorted;
- col_widths: {column letter: width} for columns given a width;
- row_heights: {row number: height} for rows given a height;
- freeze: the first cell not frozen ("C5"), null when nothing is frozen;
- print_titles: the rows printed on every page ("$1:$4"), null for none;
- page: {"paper", "orientation", "fit_width"} of the page set-up (openpyxl's values).
"""

import json
import sys

try:
    import openpyxl
except ImportError:
    sys.exit("openpyxl is missing: run scripts/setup.sh --test "
             "(it installs into scripts/tools/py; put that folder on PYTHONPATH)")


def sheet_json(ws):
    rows, formats, bold = [], [], []
    for row in ws.iter_rows():
        rows.append([cell.value for cell in row])
        formats.append([cell.number_format if isinstance(cell.value, (int, float)) else None
                        for cell in row])
        bold.append([bool(cell.font and cell.font.b) for cell in row])
    return {
        "name": ws.title,
        "rows": rows,
        "formats": formats,
        "bold": bold,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "col_widths": {key: dim.width for key, dim in sorted(ws.column_dimensions.items())
                       if dim.customWidth},
        "row_heights": {str(key): dim.height for key, dim in sorted(ws.row_dimensions.items())
                        if dim.customHeight},
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "page": {
            "paper": ws.page_setup.paperSize,
            "orientation": ws.page_setup.orientation,
            "fit_width": ws.page_setup.fitToWidth if ws.sheet_properties.pageSetUpPr
                         and ws.sheet_properties.pageSetUpPr.fitToPage else None,
        },
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: read_xlsx.py FILE.xlsx")
    book = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": [sheet_json(ws) for ws in book.worksheets]}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False, default=str).encode("utf-8"))
    sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    main()
