// Issue 14, item 3 end to end: a head brings in the table the cluster already has by pasting
// it, as copied from its Word file, into the new cluster form: the real 100-point table of the
// Sở TN&MT Tiền Giang, 2022 (tests/fixtures/tables/, 196 rows, where it came from in its
// README). The preview shows every row beside what it became, the rows the importer was unsure
// of highlighted; the head opens it in the editor, corrects a flagged row (the code the
// importer made for a2's bonus), adopts it and sends the set-up. A member scores a band, a
// criterion with a per-occurrence deduction under its cap and another criterion; the total is
// the one the engine computes natively for the same entries (tests/table_import.rs,
// the_e2e_member_scores_the_imported_real_table: 8,5), and the head's merged view, ranking and
// Excel export (read back by openpyxl) show it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, shot, SHOTS, text, waitText, goto, downloadTo, scoreInput, typeInto, stored,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, '..', 'fixtures', 'tables', 'tiengiang-stnmt-phong-tnmt-huyen-2022.txt');
const XLSX = join(here, '..', 'fixtures', 'tables', 'tiengiang-stnmt-diemchuan-tomtat.xlsx');
/** The on-demand files module's glue and wasm (scripts/parts.mjs). */
const FILES_MODULE = /\/thidua-files-[0-9a-f]{1,16}(?:_bg\.wasm|\.js)$/;
const OUT = join(SHOTS, 'table-import');
const MEMBER = 'phong-tn-mt-thi-xa-cai-lay';
const PY_ENV = {
  ...process.env,
  PYTHONPATH: [join(here, '..', '..', 'scripts', 'tools', 'py'), process.env.PYTHONPATH].filter(Boolean).join(':'),
};
const readXlsx = async (file) => JSON.parse((await promisify(execFile)('python3', [join(here, 'read_xlsx.py'), file], { env: PY_ENV, maxBuffer: 1 << 24 })).stdout);

let env;
before(async () => {
  env = await start();
  await rm(OUT, { recursive: true, force: true });
});
after(async () => { await env?.close(); });

/** Pastes text into a field as the clipboard would (a paste event with its DataTransfer). */
async function paste(locator, plain) {
  await locator.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, plain);
}

test('issue 14: a real table pasted from Word, corrected, adopted and scored', async () => {
  const source = await readFile(SOURCE, 'utf8');
  const head = await openEmpty(env, { acceptDownloads: true });
  const hp = head.page;
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('edit-table').click();
  await paste(hp.getByTestId('table-paste'), source);
  await waitText(hp.getByTestId('import-summary'), /^Đọc được 196 dòng: .* thang điểm 100; \d+ dòng cần xem lại \(tô màu\)\.$/);
  const preview = hp.getByTestId('import-preview');
  assert.equal(await preview.locator('tbody tr').count(), 196);
  // Row 3 is the Tổng cộng row; row 9 the note capping a1; row 10 the row whose bonus became an item.
  assert.match(await text(preview.locator('tr[data-source="3"] .became')), /tổng cộng/);
  assert.equal(await text(preview.locator('tr[data-source="9"] .became')), 'mức trần của a1');
  const flagged = preview.locator('tr[data-source="10"]');
  assert.equal(await flagged.getAttribute('data-unsure'), 'true');
  assert.match(await text(flagged.locator('.unsure-text')), /a2-thuong/);
  await hp.getByTestId('import-summary').scrollIntoViewIfNeeded();
  await shot(hp, 'import-preview');

  // Opened in the editor: it validates as imported; the head corrects the flagged row's code.
  await hp.getByTestId('import-open').click();
  await waitText(hp.getByTestId('table-total'), '100 / 100');
  const index = await hp.locator('.editor-row input.row-code').evaluateAll(
    (inputs) => inputs.findIndex((i) => i.value === 'a2-thuong'),
  );
  assert.ok(index > 0, 'the made code is a row of the editor');
  const row = hp.locator('.editor-row').nth(index);
  await row.getByTestId('row-code').fill('a2.t');
  await row.getByTestId('row-code').press('Tab');
  assert.equal(await hp.getByTestId('use-table').isDisabled(), false);
  await hp.getByTestId('use-table').click();
  await waitText(hp.getByTestId('table-chosen'), /, từ bảng soạn trên màn hình\.$/);

  await hp.getByTestId('cluster-name').fill('Khối các phòng Tài nguyên và Môi trường tỉnh Tiền Giang');
  await hp.getByTestId('cluster-year').fill('2027');
  await hp.getByTestId('cluster-council').fill('Hội đồng Thi đua - Khen thưởng tỉnh Tiền Giang');
  await hp.getByTestId('units-paste').fill('Phòng TN&MT huyện Cái Bè\nPhòng TN&MT thị xã Cai Lậy\nPhòng TN&MT huyện Châu Thành');
  await hp.getByTestId('units-add').click();
  await hp.getByTestId('cluster-head').selectOption('phong-tn-mt-huyen-cai-be');
  await hp.getByTestId('cluster-deputy').selectOption('phong-tn-mt-huyen-chau-thanh');
  await hp.getByTestId('create-cluster').click();
  await hp.getByTestId('head-setup').waitFor();
  const ws = JSON.parse(await stored(hp));
  assert.equal(ws.table.format, 2);
  await hp.getByTestId('head-setup').locator('input[type="date"]').first().fill('2027-12-15');
  const setup = await downloadTo(OUT, hp, hp.getByTestId('make-setup'));

  // A member scores a band, a criterion with a per-occurrence deduction, and another.
  const m = await openEmpty(env, { acceptDownloads: true });
  const p = m.page;
  await p.getByTestId('join-file').setInputFiles(setup.path);
  await p.locator(`input[data-testid="join-unit"][value="${MEMBER}"]`).check();
  await p.getByTestId('join-confirm').click();
  await p.waitForSelector('.criterion');
  await p.locator('input.option-input[data-code="C1.2"]').check();
  await typeInto(scoreInput(p, 'a1'), '3');
  await typeInto(scoreInput(p, 'a1.1'), '2');
  await typeInto(scoreInput(p, 'd1'), '2,5');
  await p.keyboard.press('Tab');
  await waitText(p.getByTestId('net-a1'), /Tính 2$/);
  await waitText(p.getByTestId('total'), '8,5');
  await goto(p, 'ho-so');
  const sent = await downloadTo(join(OUT, 'member'), p, p.getByTestId('send-button'));
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles([sent.path]);
  const imported = hp.getByTestId('import-report').locator('tbody tr').first();
  await imported.waitFor();
  assert.equal(await imported.getAttribute('data-outcome'), 'accepted', await text(imported));
  await goto(hp, 'tong-hop');
  await waitText(hp.locator(`td[data-total="${MEMBER}"]`).first(), '8,5');

  // The ranking (on 100 points, the thresholds in proportion) and the Excel export say 8,5 too.
  await goto(hp, 'binh-xet');
  const ranked = hp.locator(`[data-testid="results-table"] tr[data-unit="${MEMBER}"]`);
  await ranked.waitFor();
  assert.equal(await text(ranked.getByTestId('own-total')), '8,5');
  assert.match(await text(ranked.getByTestId('reviewed-total')), /^8,5/);
  const xlsx = await downloadTo(OUT, hp, hp.getByTestId('export-xlsx'));
  const book = await readXlsx(xlsx.path);
  const [results, scores] = book.sheets.map((s) => s.rows);
  const unitRow = results.find((r) => r[1] === 'Phòng TN&MT thị xã Cai Lậy');
  assert.deepEqual(unitRow.slice(2, 4), [8.5, 8.5], 'sheet 1: self-score and reviewed score');
  const col = scores[2].indexOf('Phòng TN&MT thị xã Cai Lậy');
  const total = scores.find((r) => r[1] === 'TỔNG ĐIỂM');
  assert.deepEqual([total[col], total[col + 1]], [8.5, 8.5], 'sheet 2: the total');
  const d1 = scores.find((r) => r[0] === 'd1');
  assert.equal(d1[col], 2.5, 'sheet 2: the criterion as scored');
  assert.deepEqual(m.errors, []);
  assert.deepEqual(head.errors, []);
});

test('the files module is not loaded by a member\'s first load nor the head\'s, and is loaded once when a table file is read', async () => {
  // No service worker, so every file the page loads is a request of its own.
  const context = await env.browser.newContext({ locale: 'vi-VN', serviceWorkers: 'block' });
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const loaded = () => requests.filter((p) => FILES_MODULE.test(p));
  // The module's answer held back a moment, so that the reading state can be seen.
  await context.route(FILES_MODULE, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await page.getByTestId('start-screen').waitFor();
  assert.ok(requests.some((p) => /\/thidua-[0-9a-f]{1,16}_bg\.wasm$/.test(p)), `the member's part was loaded: ${requests}`);
  assert.deepEqual(loaded(), [], 'the member\'s first load does not fetch the files module');

  // The head's part (a new cluster's form) does not either, nor its table editor.
  await page.getByTestId('start-new-cluster').click();
  await page.getByTestId('edit-table').click();
  await page.getByTestId('table-paste').waitFor();
  assert.ok(requests.some((p) => /\/thidua-head-[0-9a-f]{1,16}_bg\.wasm$/.test(p)), `the head's part was loaded: ${requests}`);
  assert.deepEqual(loaded(), [], 'the head\'s first load does not fetch the files module');

  // A table file chosen: "Đang đọc tệp…" while the module loads, then the preview.
  await page.getByTestId('table-import-file').setInputFiles(XLSX);
  await waitText(page.getByTestId('table-import-busy'), 'Đang đọc tệp…');
  await waitText(page.getByTestId('import-summary'), /^Đọc được \d+ dòng: /, { timeout: 15000 });
  assert.equal(await page.getByTestId('table-import-busy').count(), 0, 'the reading state is gone');
  assert.deepEqual(loaded().map((p) => p.replace(/-[0-9a-f]{12,16}(?=(?:_bg)?\.)/, '')).sort(), ['/thidua-files.js', '/thidua-files_bg.wasm'], 'the module is fetched once');

  // A second file is read by the module already loaded: nothing more is fetched.
  await page.getByTestId('table-import-file').setInputFiles(SOURCE);
  await waitText(page.getByTestId('import-summary'), /^Đọc được 196 dòng: /);
  assert.equal(loaded().length, 2, 'the module is loaded once');
  assert.deepEqual(errors, []);
  await context.close();
});
