#!/usr/bin/env python3
"""Reads a PDF with pypdf, as a reader would extract its text, and prints it as JSON, so the
tests can check a printed document from outside the browser.

    PYTHONPATH=scripts/tools/py python3 tests/e2e/pdf_text.py FILE.pdf

prints {"pages": N, "text": [...], "layout": [...], "fonts": [font names used]}: per page, the
text as pypdf extracts it by default ("text") and in layout mode ("layout", which keeps words
whole and places columns side by side). Both are normalised to Unicode NFC (a PDF may store
Vietnamese letters decomposed: "ệ" as "e" plus two combining marks). The default extraction
splits words around Chromium's separately placed accented glyphs ("C Ộ NG HÒA"), so compare it
with whitespace removed; the layout text reads as printed, but puts table cells of one row on
one line.
"""

import json
import sys
import unicodedata

try:
    from pypdf import PdfReader
except ImportError:
    sys.exit("pypdf is missing: run scripts/setup.sh --test "
             "(it installs into scripts/tools/py; put that folder on PYTHONPATH)")


def fonts_of(page):
    names = set()
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    for ref in fonts.values():
        font = ref.get_object()
        name = font.get("/BaseFont")
        if name:
            names.add(str(name).lstrip("/"))
    return names


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pdf_text.py FILE.pdf")
    reader = PdfReader(sys.argv[1])
    nfc = lambda t: unicodedata.normalize("NFC", t or "")
    texts, layouts, fonts = [], [], set()
    for page in reader.pages:
        texts.append(nfc(page.extract_text()))
        layouts.append(nfc(page.extract_text(extraction_mode="layout")))
        fonts |= fonts_of(page)
    out = {"pages": len(reader.pages), "text": texts, "layout": layouts, "fonts": sorted(fonts)}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    main()
