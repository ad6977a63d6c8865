// Issue 14, item 1 end to end: a real cluster adopts a table written the way agencies write
// them (tests/e2e/fixtures/bang-diem-phong-tnmt-dinh-dang-2.json: 100 points in tenths, five
// levels, score bands of which one applies, a per-occurrence deduction on a criterion with its
// cap, deductions under a group with the group's cap, an attached bonus, a counted bonus
// section item, a disqualifying item, a note row). A member picks a band (and another),
// enters counts and marks, and sees the points each gives; the totals are the ones the engine
// computes natively for the same entries (tests/cases/scoring/e2e_table_as_the_member_scores_it.json:
// 98,5). The head receives the file and its merged view shows the same total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, shot, SHOTS, text, norm, waitText, goto, downloadTo, scoreInput, typeInto, stored,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TABLE = join(here, 'fixtures', 'bang-diem-phong-tnmt-dinh-dang-2.json');
const OUT = join(SHOTS, 'table-format2');
const KHOI = 'Khối thi đua các phòng Tài nguyên và Môi trường';
const PASTED = 'Phòng TN&MT huyện Cái Bè\nPhòng TN&MT thị xã Cai Lậy\nPhòng TN&MT huyện Châu Thành';
const HEAD = 'phong-tn-mt-huyen-cai-be';
const MEMBER = { id: 'phong-tn-mt-thi-xa-cai-lay', name: 'Phòng TN&MT thị xã Cai Lậy' };

let env;
before(async () => {
  env = await start();
  await rm(OUT, { recursive: true, force: true });
});
after(async () => { await env?.close(); });

const option = (p, code) => p.locator(`input.option-input[data-code="${code}"]`);

test('issue 14: a member scores bands, counts and marks of a format 2 table; the head sees the same total', async () => {
  const head = await openEmpty(env, { acceptDownloads: true });
  const hp = head.page;
  await hp.getByTestId('start-new-cluster').click();
  await hp.getByTestId('table-file').setInputFiles(TABLE);
  await waitText(hp.getByTestId('table-chosen'), /Bảng điểm chuẩn thi đua Phòng Tài nguyên và Môi trường cấp huyện năm 2027/);
  await hp.getByTestId('cluster-name').fill(KHOI);
  await hp.getByTestId('cluster-year').fill('2027');
  await hp.getByTestId('cluster-council').fill('Hội đồng Thi đua - Khen thưởng tỉnh');
  await hp.getByTestId('units-paste').fill(PASTED);
  await hp.getByTestId('units-add').click();
  await hp.getByTestId('cluster-head').selectOption(HEAD);
  await hp.getByTestId('cluster-deputy').selectOption('phong-tn-mt-huyen-chau-thanh');
  await hp.getByTestId('create-cluster').click();
  await hp.getByTestId('head-setup').waitFor();
  await hp.getByTestId('head-setup').locator('input[type="date"]').first().fill('2027-12-15');
  const setup = await downloadTo(OUT, hp, hp.getByTestId('make-setup'));

  const m = await openEmpty(env, { acceptDownloads: true });
  const p = m.page;
  await p.getByTestId('join-file').setInputFiles(setup.path);
  await p.locator(`input[data-testid="join-unit"][value="${MEMBER.id}"]`).check();
  await p.getByTestId('join-confirm').click();
  await p.waitForSelector('.criterion');
  // Five levels are shown, and the note row.
  await p.locator('[data-group="a3.1"]').waitFor();
  assert.match(norm(await text(p.locator('.table-note'))), /tổng điểm trừ của Tiêu chuẩn 3 không quá 2 điểm/);

  // Bands: one applies; picking another replaces it, never adds to it.
  await option(p, 'a1.2').check();
  await waitText(p.getByTestId('subtotal-a1'), '4 / 5');
  await option(p, 'a1.1').check();
  await waitText(p.getByTestId('subtotal-a1'), '5 / 5');
  assert.equal(await option(p, 'a1.2').isChecked(), false);

  await typeInto(scoreInput(p, 'a2'), '10');
  // A per-occurrence deduction on a criterion: the count, and the points it gives.
  await typeInto(scoreInput(p, 'a2.1'), '2');
  await waitText(p.locator('.criterion[data-code="a2.1"] [data-testid="count-points"]'), '= −1 điểm');
  await waitText(p.getByTestId('net-a2'), /Tính 9$/);
  // Past its cap it counts the cap.
  await typeInto(scoreInput(p, 'a2.1'), '7');
  await waitText(p.locator('.criterion[data-code="a2.1"] [data-testid="count-points"]'), '= −1,5 điểm');
  await typeInto(scoreInput(p, 'a2.1'), '2');
  // A count is a whole number: refused with the reason, and nothing changes.
  await typeInto(scoreInput(p, 'a2.1'), '2,5');
  await waitText(p.locator('.criterion[data-code="a2.1"] [data-testid="score-error"]'), 'Số lần phải là số nguyên từ 0 đến 9999.');
  await typeInto(scoreInput(p, 'a2.1'), '2');

  for (const [code, value] of Object.entries({ 'a3.1.1': '10', 'a3.1.2': '5', b: '28', 2: '20', '2.t': '2', 3.1: '20' })) {
    await typeInto(scoreInput(p, code), value);
  }
  // Deductions under a group, capped by the group.
  await typeInto(scoreInput(p, '3.2'), '3');
  await waitText(p.getByTestId('subtotal-3'), '18,5 / 20');
  await typeInto(scoreInput(p, 'D.1'), '1');
  await typeInto(scoreInput(p, 'T.1'), '2');
  await p.keyboard.press('Tab');
  assert.equal(await p.getByTestId('disqualified').count(), 0);
  await p.locator('input.mark-input[data-code="D.2"]').check();
  await waitText(p.getByTestId('disqualified'), /không xếp loại: D\.2$/, { normalize: true });

  // The engine's totals for these entries (the native data case): 97,5 + 2 − 1 = 98,5.
  await waitText(p.getByTestId('total'), '98,5');
  await waitText(p.getByTestId('subtotal-1'), '57 / 60');
  const ws = JSON.parse(await stored(p));
  const entries = ws.sheets[MEMBER.id].entries;
  assert.deepEqual(
    Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, [e.points ?? null, e.count ?? null]])),
    {
      'a1.1': [50, null], a2: [100, null], 'a2.1': [10, 2], 'a3.1.1': [100, null], 'a3.1.2': [50, null],
      b: [280, null], 2: [200, null], '2.t': [20, null], 3.1: [200, null], 3.2: [15, 3],
      'D.1': [10, null], 'D.2': [null, 1], 'T.1': [20, 2],
    },
  );
  await p.locator('[data-group="a1"]').scrollIntoViewIfNeeded();
  await shot(p, 'format2-scoring');
  await p.setViewportSize({ width: 360, height: 740 });
  const wide = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the scoring page scrolls sideways at 360 px: ${wide}`);
  await shot(p, 'format2-scoring-360');

  // Sent and received: the head's merged view shows the same total.
  await goto(p, 'ho-so');
  const sent = await downloadTo(join(OUT, 'member'), p, p.getByTestId('send-button'));
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles([sent.path]);
  const row = hp.getByTestId('import-report').locator('tbody tr').first();
  await row.waitFor();
  assert.equal(await row.getAttribute('data-outcome'), 'accepted', await text(row));
  await goto(hp, 'tong-hop');
  await waitText(hp.locator(`td[data-total="${MEMBER.id}"]`).first(), '98,5');

  // The head's review names the item the unit marked; recorded as the fact, with its source,
  // the table's own exclusion rule excludes the unit (its explanation names the item).
  await goto(hp, 'tham-dinh');
  await hp.getByTestId('review-unit').selectOption(MEMBER.id);
  await waitText(hp.getByTestId('review-disqualified'), /D\.2 Để xảy ra vụ việc tham nhũng/);
  await goto(hp, 'binh-xet');
  const result = hp.locator(`[data-testid="results-table"] tr[data-unit="${MEMBER.id}"]`);
  await result.waitFor();
  assert.notEqual(await result.getAttribute('data-outcome'), 'excluded', 'not excluded by the mark alone');
  await goto(hp, 'tham-dinh');
  await hp.getByTestId('review-unit').selectOption(MEMBER.id);
  const fact = hp.locator('[data-testid="facts"] tr[data-fact="table_disqualified"]');
  await fact.getByTestId('fact-value').selectOption('yes');
  await fact.getByTestId('fact-document').fill('Báo cáo tự chấm điểm năm 2027, mục D.2');
  await fact.getByTestId('fact-date').fill('2027-12-01');
  await fact.getByTestId('fact-save').click();
  await waitText(fact.locator('.notice'), 'Đã lưu.');
  await goto(hp, 'binh-xet');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-outcome'), 'excluded');
  // The explanation (folded under its summary) names the table's item.
  assert.match(await result.getByTestId('explain').evaluate((e) => e.textContent), /D\.2/);
  assert.deepEqual(m.errors, []);
  assert.deepEqual(head.errors, []);
});
