// Issue 14, item 2 end to end: a head with no table file writes the cluster's table on screen
// from the new cluster form: a group with its declared maximum, criteria, alternatives, an
// attached per-occurrence deduction; a problem shows at its row as soon as it exists (a group
// whose children do not add up), the table cannot be used until it validates, Ctrl+Z undoes,
// a closed page keeps the table being edited, and the table is adopted and goes out in the
// set-up. At 360 px the editor does not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  start, openEmpty, shot, waitText, stored, storedStore,
} from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const rowAt = (p, i) => p.locator('.editor-row').nth(i);

async function setField(row, testid, value) {
  const f = row.getByTestId(testid);
  await f.fill(value);
  await f.press('Tab');
}

test('issue 14: the head writes a 100-point table on screen, problems at their rows, undo, adopt', async () => {
  const { page: p, errors } = await openEmpty(env);
  await p.getByTestId('start-new-cluster').click();
  await p.getByTestId('edit-table').click();
  await p.getByTestId('table-editor').waitFor();
  assert.equal(await p.getByTestId('use-table').isDisabled(), true, 'an empty table cannot be used');

  await p.getByTestId('table-title').fill('Bảng chấm điểm thi đua khối các phòng chuyên môn năm 2027');
  await p.getByTestId('table-id').fill('khoi-phong-chuyen-mon-2027');
  await setField(p.getByTestId('table-editor').locator('.editor-head'), 'table-scale', '100');

  // Group 1 (60) with a criterion; the declared maximum not yet reached shows at the row.
  await p.getByTestId('add-group').click();
  await setField(rowAt(p, 0), 'row-code', '1');
  await setField(rowAt(p, 0), 'row-title', 'Thực hiện nhiệm vụ chuyên môn');
  await setField(rowAt(p, 0), 'row-max', '60');
  await rowAt(p, 0).getByTestId('row-child').click();
  await setField(rowAt(p, 1), 'row-code', '1.1');
  await setField(rowAt(p, 1), 'row-title', 'Hoàn thành kế hoạch công tác năm');
  await setField(rowAt(p, 1), 'row-max', '50');
  await setField(rowAt(p, 1), 'row-step', '0,5');
  await waitText(rowAt(p, 0).getByTestId('row-problems'), 'Nhóm 1: ghi tối đa 60 điểm nhưng các tiêu chí con cộng lại được 50 điểm.');
  await waitText(rowAt(p, 0).getByTestId('row-sum'), 'Σ 50');

  // A per-occurrence deduction attached to 1.1, capped at 1,5.
  await rowAt(p, 1).getByTestId('row-attach').click();
  await setField(rowAt(p, 2), 'row-title', 'Mỗi nhiệm vụ chậm tiến độ');
  await setField(rowAt(p, 2), 'row-step', '');
  await setField(rowAt(p, 2), 'row-per', '0,5');
  await setField(rowAt(p, 2), 'row-max', '1,5');
  assert.equal(await rowAt(p, 2).getByTestId('row-effect').inputValue(), 'deduction');

  // Alternatives 1.2: 10 or 5 points, one applies.
  await rowAt(p, 1).getByTestId('row-insert').click();
  const bands = rowAt(p, 3);
  await setField(bands, 'row-code', '1.2');
  await bands.getByTestId('row-to-group').click();
  await setField(rowAt(p, 3), 'row-title', 'Mức độ hoàn thành chỉ tiêu được giao');
  await rowAt(p, 3).getByTestId('row-choice').check();
  for (const [i, pts] of [[4, '10'], [5, '5']]) {
    await rowAt(p, 3).getByTestId('row-child').click();
    await setField(rowAt(p, i), 'row-title', `Đạt ${pts} điểm`);
    await setField(rowAt(p, i), 'row-max', pts);
    await setField(rowAt(p, i), 'row-step', pts);
  }
  await setField(rowAt(p, 3), 'row-max', '10');
  await waitText(rowAt(p, 3).getByTestId('row-sum'), 'Σ 10');
  assert.equal(await rowAt(p, 0).getByTestId('row-problems').locator('li').count(), 0, 'group 1 adds up now');
  await waitText(p.getByTestId('table-problems'), 'Tổng điểm tối đa các tiêu chí là 60, khác thang điểm 100.');

  // Criterion 2 (40) at the top level: the table validates.
  await p.getByTestId('add-criterion').click();
  const last = p.locator('.editor-row').last();
  await setField(last, 'row-code', '2');
  await setField(last, 'row-title', 'Cải cách hành chính');
  await setField(last, 'row-max', '40');
  await waitText(p.getByTestId('table-total'), '100 / 100');
  assert.equal(await p.getByTestId('table-problems').locator('li').count(), 0);
  assert.equal(await p.getByTestId('use-table').isDisabled(), false);

  // Ctrl+Z undoes the last change (the maximum of 2), Ctrl+Y does it again.
  await last.getByTestId('row-title').click();
  await p.keyboard.press('Control+z');
  await waitText(p.getByTestId('table-total'), '61 / 100');
  assert.equal(await p.getByTestId('use-table').isDisabled(), true);
  await p.keyboard.press('Control+y');
  await waitText(p.getByTestId('table-total'), '100 / 100');

  // The page closed in the middle keeps the table being edited.
  await p.reload();
  // The head's part opens again on its form (or, from the start screen, the head's choice).
  const again = p.getByTestId('edit-table').or(p.getByTestId('start-new-cluster'));
  await again.first().waitFor();
  if (await p.getByTestId('start-new-cluster').count()) await p.getByTestId('start-new-cluster').click();
  await p.getByTestId('edit-table').click();
  await waitText(p.getByTestId('table-total'), '100 / 100');
  assert.equal(await p.locator('.editor-row').count(), 7);

  await p.setViewportSize({ width: 360, height: 740 });
  const wide = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the editor scrolls sideways at 360 px: ${wide}`);
  await p.locator('.editor-row').first().scrollIntoViewIfNeeded();
  await shot(p, 'table-editor-360');
  await p.setViewportSize({ width: 1280, height: 800 });
  await p.locator('.editor-row').first().scrollIntoViewIfNeeded();
  await shot(p, 'table-editor');

  await p.getByTestId('use-table').click();
  await waitText(p.getByTestId('table-chosen'), /Bảng chấm điểm thi đua khối các phòng chuyên môn năm 2027 \(5 tiêu chí\), từ bảng soạn trên màn hình\./);
  await p.getByTestId('cluster-name').fill('Khối các phòng chuyên môn huyện Châu Thành');
  await p.getByTestId('cluster-year').fill('2027');
  await p.getByTestId('cluster-council').fill('Hội đồng Thi đua - Khen thưởng huyện Châu Thành');
  await p.getByTestId('units-paste').fill('Phòng Nội vụ\nPhòng Tư pháp\nPhòng Tài chính - Kế hoạch');
  await p.getByTestId('units-add').click();
  await p.getByTestId('cluster-head').selectOption('phong-noi-vu');
  await p.getByTestId('cluster-deputy').selectOption('phong-tu-phap');
  await p.getByTestId('create-cluster').click();
  await p.getByTestId('head-setup').waitFor();
  const ws = JSON.parse(await stored(p));
  assert.equal(ws.table.format, 2);
  assert.equal(ws.table.id, 'khoi-phong-chuyen-mon-2027');
  assert.equal(ws.table.scale, 1000);
  assert.equal(await storedStore(p, 'table-draft'), null, 'the draft is gone once used');
  assert.equal(ws.cluster.name, 'Khối các phòng chuyên môn huyện Châu Thành');
  assert.deepEqual(errors, []);
});
