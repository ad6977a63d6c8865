// The award rule set in the browser: the one in force is always named; a contradictory file is
// refused with the precise reason and changes nothing; a valid one replaces it (and the ranking
// follows its threshold); the default comes back in one click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openApp, stored, SHOTS } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const text = async (loc) => (await loc.innerText()).trim();

test('a contradictory rule set is refused with its reason; a valid one is put in force and named', async () => {
  const dir = join(SHOTS, 'rules');
  await mkdir(dir, { recursive: true });
  const contradictory = JSON.parse(await readFile(join(ROOT, 'tests/cases/rules/invalid_missing_precedence.json'), 'utf8')).rule_set;
  const bad = join(dir, 'mau-thuan.json');
  await writeFile(bad, JSON.stringify(contradictory, null, 1));
  const valid = JSON.parse(await readFile(join(ROOT, 'src/engine/rulesets/hadong-2024.json'), 'utf8'));
  valid.id = 'cum-3-2025';
  valid.title.vi = 'Quy tắc bình xét của Cụm 3 năm 2025';
  const good = join(dir, 'cum-3-2025.json');
  await writeFile(good, JSON.stringify(valid, null, 1));

  const { context, page, errors } = await openApp(env);
  await page.locator('nav a[data-page="binh-xet"]').click();
  const inForce = page.getByTestId('rules-in-force');
  assert.match(await text(inForce), /\(hadong-2024\) — bộ mặc định của ứng dụng/);

  const before = await stored(page);
  await page.getByTestId('rules-file').setInputFiles(bad);
  const card = page.getByTestId('rules');
  await card.locator('.notice.error').waitFor();
  const message = await text(card.locator('.notice.error'));
  assert.match(message, /^Bộ quy tắc bị từ chối: /, message);
  assert.match(message, /lower-one-level/, 'the message names the rule without a precedence');
  assert.match(message, /Bộ quy tắc đang áp dụng được giữ nguyên\.$/);
  assert.match(await text(inForce), /\(hadong-2024\)/);
  assert.ok((await stored(page)) === before, 'stored data unchanged by the refused file');

  await page.getByTestId('rules-file').setInputFiles(good);
  await card.locator('.notice.ok').waitFor();
  assert.match(await text(inForce), /Quy tắc bình xét của Cụm 3 năm 2025 \(cum-3-2025\) — nạp từ tệp/);
  assert.match(await stored(page), /"id":"cum-3-2025"/);

  await page.getByTestId('rules-default').click();
  assert.match(await text(inForce), /\(hadong-2024\) — bộ mặc định của ứng dụng/);
  assert.deepEqual(errors, []);
  await context.close();
});
