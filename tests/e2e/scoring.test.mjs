// Member self-scoring, end to end, on the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  start, openApp, openEmpty, goto, scoreInput, evidenceInput, criterion, typeInto, stored, putStored, shot,
  text as shownText,
} from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const text = async (page, testid) => shownText(page.getByTestId(testid));

test('a first visit shows the start screen; the demo, entered from it, is marked on every page and kept apart', async () => {
  const { context, page, errors } = await openEmpty(env);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  assert.equal((await page.locator('h1').innerText()).trim(), 'Thi đua');
  // Nothing is stored before a choice is made, and no demo data is shown.
  assert.equal(await stored(page), null);
  const startText = await page.getByTestId('start-screen').innerText();
  for (const card of ['Cụm trưởng – lập cụm, khối mới', 'Đơn vị thành viên – mở tệp thiết lập cụm trưởng gửi',
    'Văn phòng Hội đồng Thi đua - Khen thưởng', 'Dùng thử với dữ liệu mẫu']) {
    assert.ok(startText.includes(card), card);
  }
  assert.doesNotMatch(startText, /Hà Cầu/);
  await shot(page, 'start-screen');

  await page.getByTestId('start-demo-button').click();
  await page.waitForSelector('.criterion');
  assert.match(await page.locator('.cluster-line').innerText(), /Cụm thi đua số 3 – UBND các phường · Năm 2025/);
  assert.match(await text(page, 'sample-notice'), /Bảng tiêu chí MẪU để dùng thử — không phải văn bản pháp lý/);
  const units = await page.getByTestId('unit-select').locator('option').allInnerTexts();
  assert.equal(units.length, 8);
  assert.ok(units.includes('UBND phường Hà Cầu'));
  assert.equal(await text(page, 'total'), '0');
  assert.equal(await text(page, 'scored'), '0/45 tiêu chí');
  assert.equal(await page.locator('.criterion').count(), 52);
  // The demo is stored under its own keys, never the real workspace's.
  assert.equal(JSON.parse(await stored(page)).schema, 7);
  const real = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('thidua'); r.onsuccess = () => ok(r.result); });
    const keys = await new Promise((ok) => { const r = db.transaction('records').objectStore('records').getAllKeys(); r.onsuccess = () => ok(r.result); });
    db.close();
    return keys.filter((k) => k.startsWith('real/'));
  });
  assert.deepEqual(real, [], 'nothing in the real workspace');
  // Marked on every page the demo's browser shows, the head's and the council's included.
  await page.getByTestId('unit-select').selectOption('phuong-ha-cau');
  for (const slug of ['cham-diem', 'ho-so', 'dang-ky', 'nhiem-ky', 'sao-luu', 'nhan-ho-so', 'tong-hop', 'binh-xet',
    'cuoc-hop', 'bao-cao', 'hoi-dong']) {
    await goto(page, slug);
    await page.getByTestId('demo-banner').waitFor();
  }
  await shot(page, 'demo-banner');
  // Leaving asks first, erases only the demo's data and returns to the start screen.
  await page.getByTestId('leave-demo').click();
  await page.getByTestId('leave-demo-confirm').click();
  await page.getByTestId('start-screen').waitFor();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('thidua.demo') || k === 'thidua.mode'));
  assert.deepEqual(left, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('scores survive a reload exactly as entered, with live subtotals and total', async () => {
  const { context, page, errors } = await openApp(env);
  await typeInto(scoreInput(page, 'I.1.a'), '45,5');
  await typeInto(scoreInput(page, 'I.2.a'), '18');
  await typeInto(scoreInput(page, 'II.1.b'), '19.5');
  await typeInto(scoreInput(page, 'B.1'), '10');
  await typeInto(scoreInput(page, 'C.2'), '5');
  await typeInto(evidenceInput(page, 'I.1.a'), 'Báo cáo số 125/BC-UBND ngày 10/12/2025');

  const expectScreen = async () => {
    assert.equal(await text(page, 'total'), '88'); // 45,5 + 18 + 19,5 + 10 − 5
    assert.equal(await text(page, 'subtotal-I'), '63,5 / 200');
    assert.equal(await text(page, 'subtotal-I.1'), '45,5 / 80');
    assert.equal(await text(page, 'subtotal-II'), '19,5 / 200');
    assert.equal(await text(page, 'scored'), '3/45 tiêu chí');
    assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '45,5');
    assert.equal(await scoreInput(page, 'II.1.b').inputValue(), '19,5');
    assert.equal(await scoreInput(page, 'C.2').inputValue(), '5');
    assert.equal(await evidenceInput(page, 'I.1.a').inputValue(), 'Báo cáo số 125/BC-UBND ngày 10/12/2025');
  };
  await page.keyboard.press('Tab'); // leaving a field shows its number the app's way
  await expectScreen();
  await page.reload();
  await page.waitForSelector('.criterion');
  await expectScreen();
  await shot(page, 'scored-after-reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid points are refused on the spot with a Vietnamese reason and never saved', async () => {
  const { context, page, errors } = await openApp(env);
  await typeInto(scoreInput(page, 'I.1.a'), '40');
  await page.keyboard.press('Tab');
  const before = await stored(page);
  // The change log keeps times to the second: let a second pass, so that a refused edit that
  // left any trace (even only a moved time) would show in the stored data.
  await page.waitForTimeout(1100);
  const cases = [
    ['51', 'Vượt quá điểm tối đa: chỉ được chấm từ 0 đến 50.'],
    ['12,3', 'Điểm phải chấm theo bước 0,5: ví dụ 12 hoặc 12,5.'],
    ['abc', 'Không phải là số. Hãy nhập số điểm, ví dụ 12 hoặc 12,5.'],
    ['-2', 'Số điểm không được âm.'],
  ];
  for (const [input, message] of cases) {
    await typeInto(scoreInput(page, 'I.1.a'), input);
    assert.equal((await criterion(page, 'I.1.a').getByTestId('score-error').innerText()).trim(), message, input);
    assert.equal(await scoreInput(page, 'I.1.a').getAttribute('aria-invalid'), 'true');
    assert.ok((await stored(page)) === before, `${input} changed the stored data`);
    assert.equal(await text(page, 'total'), '40');
  }
  await shot(page, 'invalid-refused');
  // A reload shows the last valid value, and no error.
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '40');
  assert.equal(await text(page, 'total'), '40');
  // Correcting the value clears the message.
  await typeInto(scoreInput(page, 'I.1.a'), '50');
  assert.equal(await criterion(page, 'I.1.a').getByTestId('score-error').innerText(), '');
  assert.equal(await text(page, 'total'), '50');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language can be switched to English and the choice persists', async () => {
  const { context, page, errors } = await openApp(env);
  await typeInto(scoreInput(page, 'I.1.a'), '12,5');
  await page.locator('button[data-lang="en"]').click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await text(page, 'sample-notice'), /SAMPLE criteria table/);
  assert.equal(await text(page, 'scored'), '1 of 45 criteria');
  assert.equal(await text(page, 'total'), '12.5');
  await typeInto(scoreInput(page, 'I.1.a'), '60');
  assert.equal((await criterion(page, 'I.1.a').getByTestId('score-error').innerText()).trim(),
    'Above the maximum: score from 0 to 50.');
  await shot(page, 'english');
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('button[data-lang="en"]').getAttribute('aria-pressed'), 'true');
  await page.locator('button[data-lang="vi"]').click();
  assert.equal(await text(page, 'scored'), '1/45 tiêu chí');
  assert.deepEqual(errors, []);
  await context.close();
});

test('entering a score field selects what it holds, so typing replaces it (Enter, Tab, a click)', async () => {
  const { context, page, errors } = await openApp(env);
  // I.2.a, I.2.b and I.2.c are scored in steps of 0,5 up to 20.
  await typeInto(scoreInput(page, 'I.2.b'), '10');
  await typeInto(scoreInput(page, 'I.2.c'), '20');
  // Enter from the field before: "9,5" typed replaces the "10" (it became "9,510" before).
  await typeInto(scoreInput(page, 'I.2.a'), '15');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.code), 'I.2.b');
  await page.keyboard.type('9,5');
  assert.equal(await scoreInput(page, 'I.2.b').inputValue(), '9,5');
  // Shift+Enter back: the whole value is selected again.
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('12');
  assert.equal(await scoreInput(page, 'I.2.a').inputValue(), '12');
  // A click (or a tap) into a field from elsewhere selects it too.
  await scoreInput(page, 'I.2.c').click();
  await page.keyboard.type('15');
  assert.equal(await scoreInput(page, 'I.2.c').inputValue(), '15');
  // A second click in the field it is already in places the caret as usual.
  await scoreInput(page, 'I.2.c').click();
  await page.keyboard.press('End');
  await page.keyboard.type(',5');
  assert.equal(await scoreInput(page, 'I.2.c').inputValue(), '15,5');
  await page.keyboard.press('Tab');
  const saved = JSON.parse(await stored(page));
  const entries = saved.sheets[saved.unit_id].entries;
  assert.equal(entries['I.2.a'].points, 120);
  assert.equal(entries['I.2.b'].points, 95);
  assert.equal(entries['I.2.c'].points, 155);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a whole run of criteria can be scored with the keyboard alone', async () => {
  const { context, page, errors } = await openApp(env);
  await scoreInput(page, 'I.1.a').focus();
  for (const value of ['50', '10', '20', '15,5']) {
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }
  assert.equal(await text(page, 'subtotal-I.1'), '80 / 80');
  assert.equal(await scoreInput(page, 'I.2.a').inputValue(), '15,5');
  // Focus went on to the next field after the last Enter; Shift+Enter goes back.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.code), 'I.2.b');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.code), 'I.2.a');
  // Tab reaches the evidence field of the same criterion.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'evidence-input');
  assert.equal(await text(page, 'total'), '95,5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('claimed points without required evidence are flagged until evidence is given', async () => {
  const { context, page, errors } = await openApp(env);
  assert.equal(await text(page, 'missing-evidence'), '0');
  await typeInto(scoreInput(page, 'I.1.a'), '30');
  assert.equal(await text(page, 'missing-evidence'), '1');
  assert.equal(await criterion(page, 'I.1.a').getByTestId('no-evidence').count(), 1);
  // I.1.c does not require evidence.
  await typeInto(scoreInput(page, 'I.1.c'), '20');
  assert.equal(await text(page, 'missing-evidence'), '1');
  await typeInto(evidenceInput(page, 'I.1.a'), 'QĐ số 15/QĐ-UBND');
  assert.equal(await text(page, 'missing-evidence'), '0');
  assert.equal(await criterion(page, 'I.1.a').getByTestId('no-evidence').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each unit keeps its own sheet, and reset to the demo erases only after confirmation', async () => {
  const { context, page, errors } = await openApp(env);
  await typeInto(scoreInput(page, 'I.1.a'), '45');
  await page.getByTestId('unit-select').selectOption('phuong-la-khe');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '');
  assert.equal(await text(page, 'total'), '0');
  await typeInto(scoreInput(page, 'V.3.c'), '20');
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await page.getByTestId('unit-select').inputValue(), 'phuong-la-khe');
  assert.equal(await text(page, 'total'), '20');
  await page.getByTestId('unit-select').selectOption('phuong-ha-cau');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '45');

  await page.getByTestId('reset-demo').click();
  assert.match(await page.getByRole('alertdialog').innerText(), /sẽ bị xoá/);
  await page.getByRole('button', { name: 'Huỷ' }).click();
  assert.equal(await text(page, 'total'), '45');
  await page.getByTestId('reset-demo').click();
  await page.getByTestId('reset-demo-confirm').click();
  // A part without the demo data (the member's) erases the sheet, then the page starts again
  // on the demo: wait for the sheet drawn again (this fails if it stays at 45).
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]')?.innerText.trim() === '0');
  await page.waitForSelector('.criterion');
  assert.equal(await text(page, 'total'), '0');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '');
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await text(page, 'total'), '0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('usable on a 360 px phone screen without sideways scrolling', async () => {
  const { context, page, errors } = await openApp(env, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const box = await scoreInput(page, 'I.1.a').boundingBox();
  assert.ok(box.height >= 36, `score field is only ${box.height}px tall`);
  await typeInto(scoreInput(page, 'I.1.a'), '20');
  assert.equal(await text(page, 'total'), '20');
  await shot(page, 'phone-360');
  assert.deepEqual(errors, []);
  await context.close();
});

test('stored data written by a newer version is left untouched, with a message', async () => {
  const { context, page } = await openApp(env);
  const newer = JSON.stringify({ ...JSON.parse(await stored(page)), schema: 99 });
  await putStored(page, 'workspace', newer);
  await page.reload();
  await page.waitForSelector('.criterion');
  assert.match(await text(page, 'storage-blocked'), /phiên bản mới hơn/);
  await typeInto(scoreInput(page, 'I.1.a'), '10');
  assert.ok((await stored(page)) === newer, 'the newer data was overwritten');
  await context.close();
});
