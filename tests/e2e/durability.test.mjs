// Nothing lost, end to end: a full storage quota is reported at once, the work stays on screen
// and goes into a backup file, the browser asks before the page is closed, and once space is
// freed the save goes through. The whole-workspace backup carries everything but the secret key,
// clears the reminder of unsaved-to-file changes, and restores on another device; every file
// that is not a whole readable backup is refused with stored data left exactly as it was.
// The browser's answer to the request for persistent storage is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  start, openApp, scoreInput, typeInto, stored, shot, text, waitText, goto, downloadTo, norm,
  fillStorage,
} from './harness.mjs';

let env;
let dir;
before(async () => {
  env = await start();
  dir = await mkdtemp(join(tmpdir(), 'thidua-durability-'));
});
after(async () => { await env?.close(); });

const UNIT = 'phuong-ha-cau';

const entries = (json) => JSON.parse(json).sheets[UNIT]?.entries ?? {};
const reminder = (page) => page.getByTestId('backup-reminder');
const readJson = (file) => JSON.parse(file.content.toString('utf8'));

test('a full storage is reported at once: the work stays on screen, goes to a backup, and is saved once space is freed', async () => {
  const { context, page, errors } = await openApp(env);
  await typeInto(scoreInput(page, 'I.1.a'), '40');
  assert.ok('I.1.a' in entries(await stored(page)));

  const free = await fillStorage(page);
  try {
    const before = await stored(page);

    // The next change cannot be stored: said at once, in Vietnamese, with the way out.
    await typeInto(scoreInput(page, 'I.2.a'), '18');
    const banner = page.getByTestId('save-failed');
    await waitText(banner, /bộ nhớ của trình duyệt đã đầy/, { normalize: true });
    assert.match(norm(await text(banner)), /Những gì vừa nhập vẫn còn trên màn hình; đừng đóng trang/);
    // Where the user is looking: the field typed in is far down the page, the message in view.
    const inView = await banner.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    });
    assert.ok(inView, 'the message is in the window, not scrolled away');
    await shot(page, 'durability-quota-full');
    assert.equal(await scoreInput(page, 'I.2.a').inputValue(), '18', 'the entry stays on screen');
    assert.equal(await stored(page), before, 'the stored data is exactly as it was');
    assert.ok(!('I.2.a' in entries(before)));
    await reminder(page).waitFor();

    // The backup file holds what is on screen, saved or not.
    const file = await downloadTo(dir, page, banner.getByTestId('backup-download'));
    assert.match(file.name, /^thidua_sao-luu_\d{4}_[a-z0-9-]+_\d{4}-\d{2}-\d{2}\.json$/);
    const backup = readJson(file);
    assert.equal(backup.format, 'thidua-backup');
    assert.ok('I.2.a' in backup.workspace.sheets[UNIT].entries, 'the unsaved score is in the backup');
    assert.ok('I.1.a' in backup.workspace.sheets[UNIT].entries);

    // Closing the page now would lose the entry: the browser asks first.
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const asked = await dialog;
    assert.equal(asked.type(), 'beforeunload');
    await asked.dismiss();
    assert.ok(!page.isClosed(), 'the page stays open');

    // Space freed, saved again: the banner goes and the stored data has the entry.
    await free();
    await banner.getByTestId('save-retry').click();
    await banner.waitFor({ state: 'detached' });
    assert.deepEqual(entries(await stored(page)), backup.workspace.sheets[UNIT].entries);
  } finally {
    if (!page.isClosed()) await free();
  }
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await scoreInput(page, 'I.2.a').inputValue(), '18');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the whole-workspace backup clears the reminder, leaves out the secret key and restores on another device after a full check', async () => {
  const { context, page, errors } = await openApp(env);
  assert.equal(await reminder(page).count(), 0, 'the demo data needs no backup');
  // The exchange page creates the unit's signing key.
  await goto(page, 'ho-so');
  await page.getByTestId('fingerprint').waitFor();
  const seed = Object.values(JSON.parse(await stored(page)).identities)[0];
  await goto(page, 'cham-diem');
  await typeInto(scoreInput(page, 'I.1.a'), '45');
  await reminder(page).waitFor();

  await reminder(page).click();
  await waitText(page.getByTestId('backup-status'), 'Chưa sao lưu lần nào.');
  const usage = await text(page.getByTestId('storage-usage'));
  assert.match(usage, /^Dữ liệu của trang đang dùng .+ trong .+ trình duyệt dành cho trang \(khoảng \d+%\); còn trống .+\.$/);
  const file = await downloadTo(dir, page, page.getByTestId('workspace-backup').getByTestId('backup-download'));
  await reminder(page).waitFor({ state: 'detached' });
  await waitText(page.getByTestId('backup-status'), /^Lần sao lưu gần nhất: .+\. Không có thay đổi nào sau đó\.$/);
  const content = file.content.toString('utf8');
  assert.ok(!content.includes(seed), 'the secret key is not in the backup');
  assert.equal(readJson(file).workspace.sheets[UNIT].entries['I.1.a'].points !== undefined, true);
  await shot(page, 'durability-backup');

  // A change after the backup brings the reminder back.
  await goto(page, 'cham-diem');
  await typeInto(scoreInput(page, 'I.1.a'), '30');
  await reminder(page).waitFor();
  await reminder(page).click();
  await waitText(page.getByTestId('backup-status'), /Có thay đổi sau đó chưa được sao lưu\.$/);

  // Files that are not a whole readable backup: refused, nothing changed, nothing offered.
  const kept = await stored(page);
  const input = page.getByTestId('restore-workspace-file');
  const notice = page.getByTestId('workspace-restore').locator('.notice.error');
  const bad = [
    ['anh.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), /không phải bản sao lưu của Thi đua/],
    ['cat-ngang.json', file.content.subarray(0, file.content.length >> 1), /không phải bản sao lưu của Thi đua/],
    ['moi-hon.json', Buffer.from(content.replace('"version":2', '"version":3')), /phiên bản mới hơn/],
    ['sai-diem.json', Buffer.from(content.replace(`"unit_id":"${UNIT}"`, '"unit_id":"khong-co"')), /không dùng được/],
  ];
  for (const [name, buffer, message] of bad) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer });
    await waitText(notice, message, { normalize: true });
    assert.match(await text(notice), /Không có gì bị thay đổi\.$/);
    assert.equal(await page.getByTestId('restore-preview').count(), 0, name);
    assert.equal(await stored(page), kept, `${name}: stored data unchanged`);
  }

  // The good file: what it holds is shown first; cancelling changes nothing.
  await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.content });
  const preview = page.getByTestId('restore-preview');
  await waitText(preview, /^Bản sao lưu tạo lúc .+: Cụm thi đua số 3.+, năm 2025, đơn vị UBND phường Hà Cầu;/, { normalize: true });
  assert.match(await text(preview), /Dữ liệu hiện tại có thay đổi chưa sao lưu/);
  await page.getByTestId('restore-cancel').click();
  await preview.waitFor({ state: 'detached' });
  assert.equal(await stored(page), kept);

  // Another device (a fresh browser profile) restores it: the score is back, the reminder off.
  const other = await openApp(env);
  await goto(other.page, 'sao-luu');
  await other.page.getByTestId('restore-workspace-file').setInputFiles({
    name: file.name, mimeType: 'application/json', buffer: file.content,
  });
  await other.page.getByTestId('restore-confirm').click();
  await waitText(other.page.getByTestId('workspace-restore').locator('.notice.ok'), 'Đã khôi phục dữ liệu từ bản sao lưu.');
  assert.equal(await reminder(other.page).count(), 0);
  const restored = JSON.parse(await stored(other.page));
  assert.deepEqual(restored.sheets, readJson(file).workspace.sheets);
  await other.page.reload();
  await goto(other.page, 'cham-diem');
  await other.page.waitForSelector('.criterion');
  assert.equal(await other.page.getByTestId('unit-select').inputValue(), UNIT);
  assert.equal(await scoreInput(other.page, 'I.1.a').inputValue(), '45');
  assert.deepEqual(other.errors, []);
  await other.context.close();

  // On this device, the restore keeps this device's key.
  await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.content });
  await page.getByTestId('restore-confirm').click();
  await waitText(page.getByTestId('workspace-restore').locator('.notice.ok'), 'Đã khôi phục dữ liệu từ bản sao lưu.');
  assert.equal(Object.values(JSON.parse(await stored(page)).identities)[0], seed);
  await goto(page, 'cham-diem');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '45');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the browser is asked to keep the data, and its answer is shown', async () => {
  const { context, page, errors } = await openApp(env);
  await goto(page, 'sao-luu');
  const persist = page.getByTestId('storage-persist');
  await page.waitForFunction(() => document.querySelector('[data-testid="storage-persist"]')?.dataset.state !== 'asking');
  const state = await persist.getAttribute('data-state');
  const granted = await page.evaluate(() => navigator.storage.persisted());
  assert.equal(state, granted ? 'granted' : 'not-granted', 'the page shows what the browser says');
  assert.match(
    await text(persist),
    granted ? /^Trình duyệt đã đồng ý lưu trữ bền vững/ : /^Trình duyệt chưa đồng ý lưu trữ bền vững/,
  );
  assert.equal(await page.getByTestId('storage-persist-request').count(), granted ? 0 : 1);
  // In English too.
  await page.locator('button[data-lang="en"]').click();
  await waitText(page.getByTestId('backup-status'), 'Never backed up.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the app open in two tabs: each takes what the other stored, so neither writes over the other', async () => {
  const { context, page: first, errors } = await openApp(env);
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(String(e)));
  await second.goto(env.url);
  await second.waitForSelector('.criterion');

  await typeInto(scoreInput(first, 'I.1.a'), '41');
  // The other tab shows it without a reload…
  await second.waitForFunction(
    () => document.querySelector('input.score-input[data-code="I.1.a"]')?.value === '41',
  );
  // …and its own change builds on it.
  await typeInto(scoreInput(second, 'I.2.a'), '17');
  await first.waitForFunction(
    () => document.querySelector('input.score-input[data-code="I.2.a"]')?.value === '17',
  );
  const both = entries(await stored(first));
  assert.ok('I.1.a' in both && 'I.2.a' in both, 'both entries are stored');
  await first.reload();
  await first.waitForSelector('.criterion');
  assert.equal(await scoreInput(first, 'I.1.a').inputValue(), '41');
  assert.equal(await scoreInput(first, 'I.2.a').inputValue(), '17');
  assert.deepEqual(errors, []);
  await context.close();
});
