#!/usr/bin/env bash
# Prints what each part of the app loads before its first screen (index.html, the style sheet,
# the small offline script, the part's JS glue and .wasm; each gzip -9) and fails above its cap.
#
# The goals (issue 15): the member's part, the first load of every device, 300 KB; the head's
# and the council's, each loaded when that role is used, 450 KB. Until the split into parts the
# whole app was one 658 KB first load. The caps below are what was measured (member 530 KB,
# head 678 KB, council 449 KB) with a few KB to spare: a ratchet on the way to the goals,
# which need the member's part to stop carrying the whole stored workspace's code
# (docs/performance.md, "Download size", where the rest of the way is measured). The split
# measured 482/644/409 KB; the structured outcomes of signed results (issue 16: the serde code
# of the evaluation's data, 35 -> 88 KB of code before wasm-opt) and the restore's re-
# verification of every signed file a backup holds (issue 18: the cluster result's check in
# every part) added 44/30/39 KB; the member's decisions on a next year's set-up (issue 18
# item 2: a new head key, a year not reviewed, the hand-over) and the selection on entering a
# score field 4 KB more. The criteria table's versions (issue 14, item 4: the draft kept in
# every stored workspace, its changes listed, the table's .json and .xlsx files on the cluster
# page, the council's signed table file) measured 580/898/548 KB, +4/+24/+10; the total's
# meaning above the scale and the explanations' lines with their rules (issue 17, items 2 and
# 4) 582/901/548 KB, +1.4/+1.3/+0.2. One way to make a document (issue 16, item 3: the reports as
# maud markup, one component putting markup on the page, the printed documents' rules in their
# own stylesheet, style/document.css, also inlined in the Word file) measured 583/903/551 KB,
# +1.2/+1.3/+2.5 (0.65 of it the second stylesheet's own gzip, in every part).
# The table readers, the importer and the .xlsx writers moved into the on-demand files module
# (issue 15, item 1): 582/857/549 KB, +0.2/-45/+0.6. The phone layout and long text wrapping
# (issue 17, items 8, 10, 13, 14; issue 18) with both merged: 588/863/555 KB.
# Real Word files (issue 16, item 4): docx-rs is in the files module only (261 -> 574 KB, on
# demand), but the head's part gained the document model (report::paper: the printed documents
# as data, serialized for the module), the meeting's invitation and the .docx buttons: measured
# 589/869/555 KB, head +6.2 KB (883 486 -> 889 636 bytes); its cap moves to 870 KB. The council's
# report across clusters (item 5) is on the council's page: its printed view in the council's
# part (its document and wording in two languages, the page's first use of the files module, the
# case tables of to_uppercase), its .docx and .xlsx made by the files module from the council's
# store. Measured 568 250 -> 589 971 bytes (555 -> 576 KB, +21.2 KB; +22.9 KB before the .docx
# was made from the store instead of the page's serialized document); its cap moves to 577 KB.
# The on-demand files module (issue 15, item 1: the table readers with miniz_oxide and
# quick-xml, the .xlsx writers) is loaded only when a file is read or made: its size is
# printed, and is in no part's first load.
# The import made responsive and faster (issue 15, item 3: one parse per file, the canonical
# writer's runs, the table's index for the checks, the chunked import and its progress bar),
# merged with the real .docx files and the council's report: 607 079 / 897 509 / 592 934 bytes.
# IndexedDB (issue 15, item 2: the stores as records, one transaction per save, the move of
# released localStorage data, the queue, persistent storage and the estimate; the idb crate and
# its futures, about +30 KB in every part before the storage code was cut by 5 KB) with the
# restore's backup check moved into the files module (-40 KB in the member's and council's
# parts, nothing in the head's, which verifies files anyway) and the keystroke's in-place score
# (+3 KB, member and head): 599 850 / 918 519 / 613 705 bytes; the head's and council's caps
# move to 898 and 600 KB.
# A save that reuses the closed years' records (issue 15, item 3: the records held as shared
# texts, BTreeMap<String, Rc<str>> beside the other maps, the closed years compared on reading)
# and the council's import in chunks with its bar: 604 136 / 923 214 / 619 976 bytes, +4.2/+4.6/
# +6.1 KB; the head's and council's caps move to 903 and 606 KB. The council's results made
# once per save the same way (storage::records::split_council; the code is in every part, as the
# restore in each writes a council store): 605 953 / 924 671 / 621 168 bytes, +1.8/+1.4/+1.2 KB;
# the caps move to 904 and 608 KB.
# What each of the council's results shows read once (bundle::council_overview::Overviews: a
# year chosen again, the report across clusters and the page drawn after an import do not parse
# the kept results again) and the sheet's groups off screen not drawn (CSS): 606 089 / 924 831 /
# 622 932 bytes, +0.1/+0.2/+1.8 KB; the council's cap moves to 609 KB. The head's received
# files' records reused while the list is the same (storage::records::KnownWorkspace: a score
# typed after the first save writes in 74 ms instead of 190 at 60 x 300 x 5): 606 717 / 925 725 /
# 623 414 bytes, +0.6/+0.9/+0.5 KB; the head's cap moves to 905 KB.
# The release build's stylesheets minified (scripts/css-min.mjs: comments and white space; the
# head's received files known at reading came first, +0.45 KB of wasm, offset by a stale comment
# out of index.html): 605 471 / 923 968 / 621 841 bytes, -1.7 KB each; the caps move down to
# 592, 903 and 608 KB.
# index.html's own loading screen (what a first visit sees while the part's wasm arrives: its
# bar, "opening the stored data", a part that cannot be fetched or a browser that cannot run it,
# in both languages; the loader's code that moves it): 607 306 / 925 968 / 623 628 bytes,
# +1.7 KB each; the caps move to 594, 905 and 610 KB.
# Lower a cap freely; raise it never without a measured reason in the commit message.
set -euo pipefail
cd "$(dirname "$0")/.."
node --input-type=module - "${1:-dist}" <<'JS'
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { filesOf, partsOf } from './scripts/parts.mjs';
const CAPS = { member: 594, head: 905, council: 610 };
const GOALS = { member: 300, head: 450, council: 450 };
const dist = process.argv[2];
const html = readFileSync(join(dist, 'index.html'));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const shared = readdirSync(dist).filter((f) => /\.(css)$/.test(f) || /^offline-[0-9a-f]{1,16}\.js$/.test(f));
const sharedGz = gz(html) + shared.reduce((n, f) => n + gz(readFileSync(join(dist, f))), 0);
const parts = partsOf(html.toString('utf8'));
let over = false;
console.log('size report (gzip -9; index.html, style and offline script shared by every part):');
console.log(`  shared              ${String(sharedGz).padStart(8)} bytes`);
for (const [name, files] of Object.entries(parts)) {
  const wasm = readFileSync(join(dist, files.wasm));
  const js = gz(readFileSync(join(dist, files.js)));
  const total = sharedGz + js + gz(wasm);
  const kb = (n) => Math.round(n / 1024);
  const line = `  ${name.padEnd(8)} first load ${String(total).padStart(8)} bytes (${kb(total)} KB), cap ${CAPS[name]} KB, goal ${GOALS[name]} KB `
    + `(wasm ${kb(wasm.length)} KB raw, ${kb(gz(wasm))} KB gzip; glue ${kb(js)} KB)`;
  console.log(line);
  if (total > CAPS[name] * 1024) {
    console.error(`size report: the ${name} part's first load is over its cap of ${CAPS[name]} KB gzipped`);
    over = true;
  }
}
const files = filesOf(html.toString('utf8'));
const fwasm = readFileSync(join(dist, files.wasm));
const fjs = gz(readFileSync(join(dist, files.js)));
const fkb = (n) => Math.round(n / 1024);
console.log(`  files module, on demand (in no first load) ${String(fjs + gz(fwasm)).padStart(8)} bytes (${fkb(fjs + gz(fwasm))} KB) `
  + `(wasm ${fkb(fwasm.length)} KB raw, ${fkb(gz(fwasm))} KB gzip; glue ${fkb(fjs)} KB)`);
process.exit(over ? 1 : 0);
JS
