// Issue 14, item 4 end to end: versions of a real cluster's criteria table. The head's cluster
// page shows the table in force, locked, with its fingerprint; a new version starts as a copy,
// is edited in the editor, lists what it changes and is adopted (the fingerprint changes, the
// next set-up carries it). The council office signs a table file; the head opens it as a new
// version that names the council and its key, reads the changes, and adopts it. A tampered
// council file is refused and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, shot, waitText, stored, text, downloadTo, norm, SHOTS,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TABLE = join(here, 'fixtures', 'bang-tieu-chi-khoi-dang.json');
const TNMT = join(here, 'fixtures', 'bang-diem-phong-tnmt-dinh-dang-2.json');
const OUT = join(SHOTS, 'table-versions');
const COUNCIL = 'Hội đồng Thi đua - Khen thưởng huyện Mỹ Đức';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function newKhoi(hp) {
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('cluster-name').fill('Khối thi đua các cơ quan Đảng huyện Mỹ Đức');
  await hp.getByTestId('cluster-year').fill('2026');
  await hp.getByTestId('cluster-council').fill(COUNCIL);
  await hp.getByTestId('units-paste').fill('Ban Tổ chức Huyện ủy\nỦy ban Kiểm tra Huyện ủy\nBan Tuyên giáo Huyện ủy');
  await hp.getByTestId('units-add').click();
  await hp.getByTestId('cluster-head').selectOption('ban-to-chuc-huyen-uy');
  await hp.getByTestId('cluster-deputy').selectOption('uy-ban-kiem-tra-huyen-uy');
  await hp.getByTestId('table-file').setInputFiles(TABLE);
  await hp.getByTestId('create-cluster').click();
  await hp.getByTestId('head-setup').waitFor();
}

test('issue 14: a table version prepared, its changes listed, adopted; the council\'s signed table opened and adopted', async () => {
  // ── The council office signs the table it sends to its clusters. ──
  const council = await openEmpty(env, { acceptDownloads: true });
  const cp = council.page;
  await cp.getByTestId('start-council-office').click();
  await cp.getByTestId('council-start-name').fill(COUNCIL);
  await cp.getByTestId('council-start-clusters').fill('Khối thi đua các cơ quan Đảng huyện Mỹ Đức');
  await cp.getByTestId('council-start-save').click();
  const card = cp.getByTestId('council-table');
  await card.getByTestId('council-table-file').setInputFiles(TNMT);
  await waitText(card.getByTestId('council-table-line'), /Phòng Tài nguyên và Môi trường cấp huyện năm 2027 — 15 tiêu chí, thang điểm 100 \(tệp /);
  const councilTableFp = await text(card.getByTestId('council-table-fingerprint'));
  const signed = await downloadTo(OUT, cp, card.getByTestId('council-table-sign'));
  assert.match(signed.name, /^bang-tieu-chi_phong-tnmt-huyen-2027\.thidua\.json$/);
  const councilKeyFp = await text(cp.getByTestId('council-fingerprint').first());
  assert.deepEqual(council.errors, []);

  // ── The head's cluster page: the table in force, locked, with its fingerprint. ──
  const { page: hp, errors } = await openEmpty(env, { acceptDownloads: true });
  await newKhoi(hp);
  const tableCard = hp.getByTestId('cluster-table');
  await waitText(tableCard.getByTestId('table-in-force'), /Bảng tiêu chí chấm điểm thi đua Khối các cơ quan Đảng năm 2026 — 9 tiêu chí, thang điểm 1000/);
  const fp1 = await text(tableCard.getByTestId('table-fingerprint'));
  assert.match(fp1, /^\d{4}( \d{4}){4}$/);
  await waitText(tableCard.getByTestId('table-state'), /Đã ban hành, đang áp dụng/);
  assert.equal(await tableCard.getByTestId('row-title').count(), 0, 'the table in force is not edited in place');
  // Its files: the JSON reads back as the stored table.
  const json = await downloadTo(OUT, hp, tableCard.getByTestId('table-in-force-json'));
  const before = JSON.parse(await stored(hp));
  assert.deepEqual(JSON.parse(json.content.toString('utf8')), before.table);
  const xlsx = await downloadTo(OUT, hp, tableCard.getByTestId('table-in-force-xlsx'));
  assert.equal(xlsx.content.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');

  // ── A new version: a copy, edited in the editor. ──
  await tableCard.getByTestId('table-version-start').click();
  await tableCard.getByTestId('table-editor').waitFor();
  const first = tableCard.locator('.editor-row').filter({ has: hp.locator('[data-testid="row-step"]') }).first();
  const code = await first.getByTestId('row-code').inputValue();
  await first.getByTestId('row-title').fill('Xây dựng và ban hành kế hoạch thi đua năm (sửa đổi)');
  await first.getByTestId('row-title').press('Tab');
  await tableCard.getByTestId('use-table').click();
  const draft = tableCard.getByTestId('table-version');
  await draft.waitFor();
  await waitText(draft.getByTestId('table-version-source'), 'Bản sao của bảng đang áp dụng.');
  await waitText(draft.getByTestId('table-changes'), `${code} Xây dựng và ban hành kế hoạch thi đua năm (sửa đổi): nội dung.`, { normalize: true });
  // Still the old table in force until adopted; the draft survives a reload.
  await hp.reload();
  await waitText(hp.getByTestId('table-changes'), /nội dung/);
  assert.equal(await text(hp.getByTestId('table-fingerprint')), fp1);
  await hp.getByTestId('table-version').scrollIntoViewIfNeeded();
  await shot(hp, 'table-version-draft');
  // On a phone the card does not scroll sideways; in English it reads in English.
  await hp.setViewportSize({ width: 360, height: 740 });
  const wide = await hp.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the cluster page scrolls sideways at 360 px: ${wide}`);
  await hp.getByTestId('table-version').scrollIntoViewIfNeeded();
  await shot(hp, 'table-version-draft-360');
  await hp.locator('button[data-lang="en"]').click();
  await waitText(hp.getByTestId('table-version-source'), 'A copy of the table in force.');
  await waitText(hp.getByTestId('table-changes'), /: wording\.$/);
  assert.match(await text(hp.getByTestId('table-in-force')), /— 9 criteria, on 1000 points$/);
  await hp.locator('button[data-lang="vi"]').click();
  await hp.setViewportSize({ width: 1280, height: 800 });
  await hp.getByTestId('table-version-adopt').click();
  await hp.getByTestId('table-version-adopt-confirm').click();
  await hp.getByTestId('table-version').waitFor({ state: 'detached' });
  const fp2 = await text(hp.getByTestId('table-fingerprint'));
  assert.notEqual(fp2, fp1, 'a new version has a new fingerprint');
  let ws = JSON.parse(await stored(hp));
  assert.equal(ws.table_next, undefined);
  assert.equal(ws.schema, 7);

  // ── A tampered council file is refused and changes nothing. ──
  const tampered = join(OUT, 'tampered.thidua.json');
  await writeFile(tampered, signed.content.toString('utf8').replace('Phòng Tài nguyên', 'Phòng Tài nguyen'));
  await hp.getByTestId('table-version-file').setInputFiles(tampered);
  await waitText(hp.getByTestId('cluster-table').locator('.notice'), /Chữ ký không hợp lệ/);
  assert.equal(await hp.getByTestId('table-version').count(), 0);
  assert.deepEqual(JSON.parse(await stored(hp)), ws);

  // ── The council's signed table, opened as a new version, named by its signer. ──
  await hp.getByTestId('table-version-file').setInputFiles(signed.path);
  const opened = hp.getByTestId('table-version');
  await opened.waitFor();
  const source = norm(await text(opened.getByTestId('table-version-source')));
  assert.ok(source.includes(COUNCIL) && source.includes(councilKeyFp), source);
  const changes = norm(await text(opened.getByTestId('table-changes')));
  assert.match(changes, /Tên bảng đã đổi\./);
  assert.match(changes, /Thang điểm: 1000 → 100\./);
  assert.match(changes, /Thêm /);
  assert.match(changes, /Bỏ /);
  await hp.getByTestId('table-version-adopt').click();
  await hp.getByTestId('table-version-adopt-confirm').click();
  await hp.getByTestId('table-version').waitFor({ state: 'detached' });
  assert.equal(await text(hp.getByTestId('table-fingerprint')), councilTableFp, 'the head and the council read the same fingerprint');
  await waitText(hp.getByTestId('table-in-force'), /Phòng Tài nguyên và Môi trường cấp huyện năm 2027/);
  ws = JSON.parse(await stored(hp));
  assert.equal(ws.table.id, 'phong-tnmt-huyen-2027');

  // The next set-up carries the adopted table.
  const setup = await downloadTo(OUT, hp, hp.getByTestId('make-setup'));
  assert.ok(setup.content.toString('utf8').includes('phong-tnmt-huyen-2027'));
  assert.deepEqual(errors, []);
});
