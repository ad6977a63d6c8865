#!/usr/bin/env python3
"""Reads a .docx file with python-docx, as a user's word processor would, and prints what it
found as JSON, so the tests can check the app's Word files from outside.

    PYTHONPATH=scripts/tools/py python3 tests/e2e/read_docx.py FILE.docx

prints {"paragraphs", "tables", "sections", "font"}:
- paragraphs: the text of every paragraph of the body outside tables, in order;
- tables: every table of the body, in order, as rows of cells, each cell
  {"text", "bold", "italic"}: its text (paragraphs joined by newlines) and the texts of its
  bold and its italic runs;
- sections: each section's page {"width_mm", "height_mm", "top_mm", "bottom_mm", "left_mm",
  "right_mm", "orientation"};
- font: the document's default font (w:docDefaults), and its size in points.
"""

import json
import sys

try:
    import docx
    from docx.shared import Length
except ImportError:
    sys.exit("python-docx is missing: run scripts/setup.sh --test "
             "(it installs into scripts/tools/py; put that folder on PYTHONPATH)")


def mm(length):
    return None if length is None else round(Length(length).mm, 2)


def cell_json(cell):
    runs = [r for p in cell.paragraphs for r in p.runs]
    return {
        "text": "\n".join(p.text for p in cell.paragraphs),
        "bold": [r.text for r in runs if r.bold],
        "italic": [r.text for r in runs if r.italic],
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: read_docx.py FILE.docx")
    d = docx.Document(sys.argv[1])
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    fonts = d.styles.element.findall(".//w:docDefaults//w:rFonts", ns)
    sizes = d.styles.element.findall(".//w:docDefaults//w:sz", ns)
    w = "{%s}" % ns["w"]
    out = {
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": [[[cell_json(c) for c in row.cells] for row in t.rows] for t in d.tables],
        "sections": [{
            "width_mm": mm(s.page_width),
            "height_mm": mm(s.page_height),
            "top_mm": mm(s.top_margin),
            "bottom_mm": mm(s.bottom_margin),
            "left_mm": mm(s.left_margin),
            "right_mm": mm(s.right_margin),
            "orientation": str(s.orientation),
        } for s in d.sections],
        "font": {
            "name": fonts[0].get(w + "ascii") if fonts else None,
            "size_pt": int(sizes[0].get(w + "val")) / 2 if sizes else None,
        },
    }
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    main()
