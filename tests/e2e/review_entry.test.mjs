// The head's review of a score, typed by hand: a typo is refused on the spot with the reason
// and stores nothing; a changed score needs its reason before the review can be sent; putting
// the unit's own points back clears the change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, scoreInput, typeInto, stored } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const text = async (loc) => (await loc.innerText()).trim();

test('a reviewed score is checked like a self-score, and a change needs its reason', async () => {
  const { context, page, errors } = await openApp(env);
  // The head (the demo's device unit) scores its own unit: that is its self-score.
  await typeInto(scoreInput(page, 'I.1.a'), '45');
  await page.keyboard.press('Tab');
  await page.locator('nav a[data-page="tham-dinh"]').click();
  await page.getByTestId('review-unit').selectOption('phuong-ha-cau');
  const row = page.locator('[data-testid="review-table"] tr[data-code="I.1.a"]');
  const input = row.locator('input.review-input');
  assert.equal(await input.inputValue(), '45', 'the reviewed score starts as the self-score');
  assert.match(await text(page.getByTestId('review-totals')), /Điểm tự chấm \(bảng điểm trên máy cụm trưởng\): 45 · Điểm thẩm định: 45/);

  // Above the maximum: refused with the reason, nothing stored.
  const before = await stored(page);
  await input.fill('55');
  await input.press('Tab');
  await row.locator('.field-error').waitFor();
  assert.match(await text(row.locator('.field-error')), /Vượt quá điểm tối đa: chỉ được chấm từ 0 đến 50\./);
  assert.ok((await stored(page)) === before, 'a refused reviewed score stores nothing');
  // Off the step (0,5): refused too.
  await input.fill('40,3');
  await input.press('Tab');
  await page.waitForFunction(() => /bước 0,5/.test(document.querySelector('tr[data-code="I.1.a"] .field-error')?.textContent ?? ''));
  assert.ok((await stored(page)) === before, 'still nothing stored');

  // A valid change without a reason: kept, flagged, and the review cannot be sent.
  await input.fill('40');
  await input.press('Tab');
  await page.getByTestId('missing-reasons').waitFor();
  assert.match(await text(page.getByTestId('missing-reasons')), /I\.1\.a/);
  assert.match(await text(page.getByTestId('review-totals')), /Điểm thẩm định: 40/);
  await page.locator('nav a[data-page="binh-xet"]').click();
  await page.getByTestId('send-review').click();
  const refusal = page.getByTestId('result-actions').locator('.notice.error');
  await refusal.waitFor();
  assert.match(await text(refusal), /chưa ghi lý do: UBND phường Hà Cầu \(I\.1\.a\)/);

  // With the reason the flag goes; "keep the self-score" takes the change back.
  await page.locator('nav a[data-page="tham-dinh"]').click();
  await page.getByTestId('review-unit').selectOption('phuong-ha-cau');
  const reason = page.locator('[data-testid="review-table"] tr[data-code="I.1.a"] input.reason-input');
  await reason.fill('Chưa có báo cáo quyết toán');
  await reason.press('Tab');
  await page.getByTestId('missing-reasons').waitFor({ state: 'detached' });
  await page.locator('[data-testid="review-table"] tr[data-code="I.1.a"]').getByTestId('accept-own').click();
  await page.waitForFunction(() => /Điểm thẩm định: 45/.test(document.querySelector('[data-testid="review-totals"]')?.textContent ?? ''));
  assert.equal(await page.locator('[data-testid="review-table"] tr[data-code="I.1.a"] input.review-input').inputValue(), '45');
  assert.deepEqual(errors, []);
  await context.close();
});
