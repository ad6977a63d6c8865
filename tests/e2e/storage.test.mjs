// Years of data in IndexedDB (issue 15, item 2): what a released version kept in localStorage
// moves into IndexedDB on first open and opens again; a move the browser cannot store leaves
// the old data exactly as it was, says so, and is made by the next save; a page closed in the
// middle of a save leaves the stored data whole (one transaction per save).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, openEmpty, scoreInput, typeInto, stored, storedStore, text, norm, waitText, fillStorage,
} from './harness.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'released');
const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The keys of the app's IndexedDB records. */
const recordKeys = (page) => page.evaluate(async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('thidua'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const keys = await new Promise((ok) => { const r = db.transaction('records').objectStore('records').getAllKeys(); r.onsuccess = () => ok(r.result); });
  db.close();
  return keys;
});

const WORKSPACES = [
  'workspace-v1-scoring.json', 'workspace-v1.json', 'workspace-v1-member.json',
  'workspace-v2.json', 'workspace-v2-member.json', 'workspace-v3.json', 'workspace-v3-member.json',
  'workspace-v4.json', 'workspace-v4-member.json', 'workspace-v4-next-year.json',
];

test('every workspace a released version stored moves into IndexedDB on first open, as it was, and opens again', async () => {
  for (const name of WORKSPACES) {
    const released = fixture(name);
    const { context, page, errors } = await openEmpty(env);
    await page.evaluate((t) => localStorage.setItem('thidua.workspace', t), released);
    await page.reload();
    // The released versions knew only the demo cluster: it opens as the demo, kept apart.
    await page.getByTestId('demo-banner').waitFor();
    await page.waitForSelector('.criterion');
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => /workspace/.test(k)));
    assert.deepEqual(left, [], `${name}: no longer in localStorage`);
    assert.deepEqual(JSON.parse(await stored(page)), JSON.parse(released), `${name}: moved as it was`);
    const keys = await recordKeys(page);
    assert.ok(keys.includes('demo/workspace'), `${name}: its base record`);
    const received = JSON.parse(released).inbox?.received?.length ?? 0;
    assert.equal(keys.filter((k) => k.startsWith('demo/workspace/inbox.received/')).length, received,
      `${name}: one record per received file`);
    const criteria = await page.locator('.criterion').count();
    await page.reload();
    await page.getByTestId('demo-banner').waitFor();
    await page.waitForSelector('.criterion');
    assert.equal(await page.locator('.criterion').count(), criteria, `${name}: opens again`);
    assert.equal(await page.getByTestId('storage-blocked').count(), 0);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

test('the council office store of a released version moves into IndexedDB and opens', async () => {
  const released = fixture('council-v1.json');
  const { context, page, errors } = await openEmpty(env);
  await page.evaluate((t) => localStorage.setItem('thidua.council', t), released);
  await page.reload();
  await page.getByTestId('council-import').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('thidua.council')), null);
  assert.deepEqual(JSON.parse(await storedStore(page, 'council')), JSON.parse(released));
  const results = JSON.parse(released).results.length;
  assert.equal((await recordKeys(page)).filter((k) => k.startsWith('real/council/results/')).length, results);
  await page.reload();
  await page.getByTestId('council-import').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a move the browser cannot store leaves the old data exactly as it was, says so, and the next save makes it', async () => {
  const released = fixture('workspace-v4-member.json');
  const { context, page } = await openEmpty(env);
  await page.evaluate((t) => localStorage.setItem('thidua.workspace', t), released);
  // The storage is full: the quota is what the site's data takes already.
  const free = await fillStorage(page);
  try {
    await page.reload();
    await page.waitForSelector('.criterion');
    const banner = page.getByTestId('save-failed');
    await waitText(banner, /chưa chuyển được dữ liệu đã lưu sang kho lưu trữ mới/, { normalize: true });
    assert.match(norm(await text(banner)), /dữ liệu cũ vẫn giữ nguyên/);
    assert.equal(await page.evaluate(() => localStorage.getItem('thidua.demo.workspace')), released, 'untouched');
    assert.deepEqual((await recordKeys(page)).filter((k) => k.startsWith('demo/')), [], 'nothing half moved');
    // The data is in use from where it was.
    const unit = JSON.parse(released).unit_id;
    const entries = JSON.parse(released).sheets[unit].entries;
    const [code] = Object.keys(entries);
    assert.ok(await scoreInput(page, code).inputValue() !== '');

    // Room again: the next save moves it.
    await free();
    await banner.getByTestId('save-retry').click();
    await banner.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => localStorage.getItem('thidua.demo.workspace')), null);
    const now = JSON.parse(await stored(page));
    assert.deepEqual(now.sheets[unit].entries, entries);
  } finally {
    await free();
  }
  await context.close();
});

test('a page closed in the middle of a save leaves the stored data whole', async () => {
  const released = fixture('workspace-v4.json');
  const files = JSON.parse(released).inbox.received.length;
  assert.ok(files > 1, 'a head with received files');
  for (let round = 0; round < 3; round++) {
    const { context, page } = await openEmpty(env);
    await page.evaluate((t) => localStorage.setItem('thidua.workspace', t), released);
    await page.reload();
    await page.waitForSelector('.criterion');
    await stored(page);
    // A change, and the page closed at once: its save (every record the change touched, the
    // upgraded received files among them) is under way or not begun.
    const input = scoreInput(page, 'I.1.a');
    await input.fill(String(10 + round));
    await page.close();
    const again = await context.newPage();
    await again.goto(env.url);
    await again.waitForSelector('.criterion');
    assert.equal(await again.getByTestId('storage-blocked').count(), 0, 'readable');
    const kept = JSON.parse(await stored(again));
    assert.equal(kept.inbox.received.length, files, 'every received file, not some');
    const value = await scoreInput(again, 'I.1.a').inputValue();
    assert.ok([String(10 + round), await (async () => {
      const ws = JSON.parse(released);
      const p = ws.sheets[ws.unit_id]?.entries?.['I.1.a']?.points;
      return p === undefined ? '' : String(p / 10).replace('.', ',');
    })()].includes(value), `the score is the old or the new one, not another (${value})`);
    await context.close();
  }
});

test('a tab keeps saving where it read: the demo left in another tab, its scores never reach the real data', async () => {
  // A released version's demo opens as the demo; a second tab of the same browser shows it too.
  const { context, page } = await openEmpty(env);
  await page.evaluate((t) => localStorage.setItem('thidua.workspace', t), fixture('workspace-v4-member.json'));
  await page.reload();
  await page.getByTestId('demo-banner').waitFor();
  await page.waitForSelector('.criterion');
  const other = await context.newPage();
  await other.goto(env.url);
  await other.getByTestId('demo-banner').waitFor();
  // The second tab leaves the demo: its data is erased, the device has no real data.
  await other.getByTestId('leave-demo').click();
  await other.getByTestId('leave-demo-confirm').click();
  await other.getByTestId('start-demo-button').waitFor();
  // The first tab, still showing the demo, is given a score: it is saved in the demo's space,
  // and nothing of the demo becomes real data.
  await typeInto(scoreInput(page, 'I.1.b'), '7');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-saving'));
  const keys = await recordKeys(page);
  assert.ok(keys.some((k) => k.startsWith('demo/workspace')), `saved in the demo's space: ${keys}`);
  assert.deepEqual(keys.filter((k) => k.startsWith('real/')), [], 'no real data made from the demo');
  await other.reload();
  await other.getByTestId('start-demo-button').waitFor();
  await context.close();
});
