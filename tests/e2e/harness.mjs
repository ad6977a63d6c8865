// Shared set-up for the end-to-end tests: serves the release build (dist/) on 127.0.0.1 and
// drives Debian's Chromium through playwright-core. Every test gets a fresh browser context,
// so its storage starts empty, and fails if the page logs an error.
import { mkdir, readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', '..', 'dist');
export const SHOTS = join(here, 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

/** Starts the server and the browser; returns { url, browser, close }. */
export async function start() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no release build in ${DIST}: run trunk build --release first`);
  }
  await mkdir(SHOTS, { recursive: true });
  const server = await serve(DIST, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A fresh context and page at the app, which collects console errors and page errors.
 * `errors` must be empty at the end of a test. The app starts on its start screen; this enters
 * the demo from it (`openEmpty` stays on the start screen).
 */
export async function openApp(env, options = {}) {
  const opened = await openEmpty(env, options);
  await opened.page.getByTestId('start-demo-button').click();
  await opened.page.waitForSelector('.criterion');
  return opened;
}

/**
 * A fresh context at the app's start screen (an empty browser): `options` are the context's,
 * `init` a script run in every page before the app's own (a benchmark's probe).
 */
export async function openEmpty(env, { init, ...options } = {}) {
  const context = await env.browser.newContext({ locale: 'vi-VN', ...options });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await page.getByTestId('start-screen').waitFor();
  return { context, page, errors };
}

/** The score input of a criterion. */
export const scoreInput = (page, code) => page.locator(`input.score-input[data-code="${code}"]`);
export const evidenceInput = (page, code) => page.locator(`textarea.evidence-input[data-code="${code}"]`);
export const criterion = (page, code) => page.locator(`.criterion[data-code="${code}"]`);

/** Replaces a field's text the way a person does: select all, type. */
export async function typeInto(locator, text) {
  await locator.click();
  await locator.press('Control+A');
  if (text === '') await locator.press('Backspace');
  else await locator.pressSequentially(text);
}

/** The key a released version kept a store under in localStorage: the demo's own keys while
 * the demo is in use. */
export const keyOf = (page, name) => page.evaluate((n) =>
  (localStorage.getItem('thidua.mode') === 'demo' ? 'thidua.demo.' : 'thidua.') + n, name);

/**
 * A store of the space in use ('workspace', 'council', 'table-draft') as the app keeps it, as
 * one JSON text, once no save is under way: its IndexedDB records joined (ARCHITECTURE.md,
 * "Storage": the base record, then each collection's items in the order of their names), or
 * the text a released version left in localStorage that the app did not move (data it cannot
 * read). `null` when nothing is stored.
 */
export async function storedStore(page, name) {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-saving'));
  return page.evaluate(async (name) => {
    const demo = localStorage.getItem('thidua.mode') === 'demo';
    const legacy = name === 'table-draft' ? 'thidua.table-draft' : (demo ? 'thidua.demo.' : 'thidua.') + name;
    const prefix = `${demo ? 'demo' : 'real'}/${name}`;
    const request = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const open = indexedDB.open('thidua');
    // Never create the database here: the app creates it with its object store.
    open.onupgradeneeded = () => open.transaction.abort();
    const db = await request(open).catch(() => null);
    if (!db) return localStorage.getItem(legacy);
    const store = db.transaction('records').objectStore('records');
    const range = IDBKeyRange.bound(prefix, `${prefix}/\uffff`);
    const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
    db.close();
    const base = keys.indexOf(prefix);
    if (base < 0) return localStorage.getItem(legacy);
    const value = JSON.parse(values[base]);
    keys.forEach((key, i) => {
      if (i === base || !key.startsWith(`${prefix}/`)) return;
      const name = key.slice(prefix.length + 1);
      const path = name.slice(0, name.lastIndexOf('/')).split('.');
      path.reduce((v, step) => v[step], value).push(JSON.parse(values[i]));
    });
    return JSON.stringify(value);
  }, name);
}

/** Stores `text` as the store `name`'s only record (erasing its others), as a later version of
 * the app might keep it. */
export async function putStored(page, name, text) {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-saving'));
  await page.evaluate(async ({ name, text }) => {
    const prefix = `${localStorage.getItem('thidua.mode') === 'demo' ? 'demo' : 'real'}/${name}`;
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('thidua'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').delete(IDBKeyRange.bound(prefix, `${prefix}/\uffff`));
    tx.objectStore('records').put(text, prefix);
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
  }, { name, text });
}

/** The workspace as stored (see storedStore). */
export const stored = (page) => storedStore(page, 'workspace');

/**
 * Makes the browser's storage full for this page's site, as a full disk would: its quota
 * (Chromium's DevTools protocol, `Storage.overrideQuotaForOrigin`) set to what its data already
 * takes. Chromium's IndexedDB keeps the room it was last told of and lets it decay over 30
 * seconds before it asks the quota again (its `BucketContext::CheckCanUseDiskSpace`), so a small
 * write to a database of its own is tried every second until the browser refuses it: from then
 * on every write of the site is checked against the full quota. Returns how to give the room
 * back; call it in a `finally`, or the override outlives the test and fills later tests' storage.
 */
export async function fillStorage(page) {
  const cdp = await page.context().newCDPSession(page);
  const origin = await page.evaluate(() => location.origin);
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
  const free = async () => {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.evaluate(() => new Promise((done) => {
      const r = indexedDB.deleteDatabase('thidua-test-probe');
      r.onsuccess = r.onerror = r.onblocked = () => done();
    })).catch(() => {});
  };
  try {
    for (let second = 0; second < 90; second++) {
      const refused = await page.evaluate(() => new Promise((done) => {
        const open = indexedDB.open('thidua-test-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => done(false);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put('x'.repeat(4096), Math.random());
          tx.oncomplete = () => { db.close(); done(false); };
          tx.onabort = () => { db.close(); done(tx.error?.name === 'QuotaExceededError'); };
        };
      }));
      if (refused) return free;
      await page.waitForTimeout(1000);
    }
  } catch (e) {
    await free();
    throw e;
  }
  await free();
  throw new Error('the browser never refused a write under the overridden quota');
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** A locator's text, trimmed. */
/**
 * The element's text as shown (`innerText`, trimmed). An element the page does not draw while
 * it is far from the view (the scoring sheet's groups are `content-visibility: auto`) is
 * scrolled to first, as a reader would; one hidden otherwise is read as it is.
 */
export async function text(loc) {
  await loc.evaluate((el) => new Promise((done) => {
    const skipped = el.checkVisibility() && !el.checkVisibility({ contentVisibilityAuto: true });
    if (!skipped) return done();
    el.scrollIntoView({ block: 'nearest' });
    requestAnimationFrame(() => requestAnimationFrame(done));
  }));
  return (await loc.innerText()).trim();
}

/** NFC, every run of whitespace one space. */
export const norm = (s) => s.normalize('NFC').replace(/\s+/g, ' ');

/**
 * Waits until the locator's text satisfies `want` (a string it must equal, or a RegExp);
 * with `normalize`, the text is compared after `norm`. Returns the text.
 */
export async function waitText(loc, want, { timeout = 5000, normalize = false } = {}) {
  const ok = (t) => (want instanceof RegExp ? want.test(t) : t === want);
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = (await loc.count()) ? await text(loc) : '<absent>';
    if (normalize) last = norm(last);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`text ${JSON.stringify(last)} never became ${want}`);
}

/** Opens a page by its tab. */
export async function goto(page, slug) {
  // On a phone the pages are in a menu: opened first.
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator(`nav a[data-page="${slug}"]`).click();
}

/** Clicks what downloads a file and keeps it under `dir`; returns { name, path, content }. */
export async function downloadTo(dir, page, locator) {
  const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  await mkdir(dir, { recursive: true });
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path, content: await readFile(path) };
}
