// Page benchmarks on the release build (dist/), in headless Chromium through playwright-core:
//
//   page-import  the head's inbox given UNITS × REVISIONS signed files at once (the page
//                restored from a head's backup of that cluster): the longest main-thread task
//                while the files are worked through (PerformanceObserver 'longtask'), the
//                progress bar and its count seen, the time to the report, every file accepted;
//   keystroke    a member's device opened from a set-up over a table of CRITERIA criteria:
//                score keystrokes typed one by one, the time from each keydown event to the
//                total on screen changed (median, 95th percentile), at full speed and under
//                Chromium's 4× CPU slowdown, each key as soon as the field is focused or the
//                last total is seen, and PAUSES ms after (default "0,150": back to back, and
//                a person's pace);
//   phone3g      a member's first visit on a phone (viewport 390 × 844, touch) over DevTools'
//                "Fast 3G" network preset, from a cold cache: the time to index.html's loading
//                screen, to the start screen, then from opening the set-up file to the scoring
//                table;
//   council-store a council office given CLUSTERS × YEARS signed cluster results (UNITS units
//                each; examples/bench_storage.rs) through its page, year by year: the import
//                and its save, the IndexedDB records' size, the page reopened to the year's
//                clusters, each year's view and the report across clusters drawn;
//   head-store   a head's workspace of UNITS × CRITERIA × REVISIONS received files and YEARS
//                closed years, written as the app's IndexedDB records: their size, the page
//                reopened to the scoring table, the merged view drawn, one score saved.
//
// Measures, never asserts on time; asserts what a user would see (every file accepted, the
// total right, the screens shown). `scripts/bench.sh page-import|keystroke|phone3g|
// council-store|head-store` runs the full sizes (`node perf.mjs MODE`),
// tests/e2e/perf.test.mjs the small ones on every test run.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { start, openEmpty, goto, scoreInput, norm, downloadTo, DIST } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');

/** DevTools' "Fast 3G" preset (Chromium's NetworkManager: 1.6 Mbit/s down and 750 kbit/s up,
 * each × 0.9, latency 150 ms × 3.75), in CDP's units (bytes per second, ms). */
export const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9,
  uploadThroughput: (750 * 1000 / 8) * 0.9,
};

/** Writes the benchmark's files (examples/bench_files.rs) and returns their folder. */
export function benchFiles({ units, revisions, criteria, release = true }) {
  const out = join(ROOT, 'target', 'bench-files', `${units}x${revisions}-${criteria}`);
  const args = ['run', '--quiet', ...(release ? ['--release'] : []), '--example', 'bench_files', '--',
    out, String(units), String(revisions), String(criteria)];
  const run = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  assert.equal(run.status, 0, 'cargo run --example bench_files');
  return out;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);
const round = (x) => Math.round(x * 10) / 10;
/** "1.500,5" or "1500.5" → 1500.5 */
const points = (s) => Number(s.replace(/[.\s]/g, '').replace(',', '.'));

/** Restores the head's backup from the start screen and opens the inbox. */
async function headFromBackup(env, dir) {
  const opened = await openEmpty(env);
  const { page } = opened;
  await page.getByTestId('restore-workspace-file').setInputFiles(join(dir, 'import', 'backup.json'));
  await page.getByTestId('restore-confirm').click();
  await page.locator('nav a[data-page="nhan-ho-so"]').waitFor({ timeout: 30000 });
  await goto(page, 'nhan-ho-so');
  await page.getByTestId('inbox-files').waitFor({ state: 'attached' });
  return opened;
}

/** The head imports every file at once; returns what was measured. */
export async function pageImport(env, dir) {
  const { context, page, errors } = await headFromBackup(env, dir);
  const files = (await readdir(join(dir, 'import', 'files'))).sort().map((f) => join(dir, 'import', 'files', f));
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    // When the count first shows, each count seen, and when the bar goes.
    window.__progress = { counts: [] };
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      const p = window.__progress;
      if (bar) {
        p.shown ??= performance.now();
        const count = bar.querySelector('[data-testid="import-count"]')?.textContent;
        if (count && count !== p.counts.at(-1)?.text) p.counts.push({ text: count, at: performance.now() });
      } else if (p.shown && !p.gone) {
        p.gone = performance.now();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const given = await page.evaluate(() => performance.now());
  await page.getByTestId('inbox-files').setInputFiles(files);
  await page.locator('[data-testid="import-report"] tr[data-outcome]').first().waitFor({ timeout: 600000 });
  await page.waitForFunction(() => window.__progress.gone, null, { timeout: 600000 });
  // Let the tasks that follow the report (the page's other cards drawn) end and be observed.
  await page.waitForTimeout(1000);
  const outcomes = await page.locator('[data-testid="import-report"] tr[data-outcome]').evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
  const m = await page.evaluate(() => ({ tasks: window.__tasks, progress: window.__progress }));
  const { shown, gone, counts } = m.progress;
  // The work ends when the count reads n/n; what follows is the one save and the drawing.
  const workEnd = counts.find((c) => /^\D*(\d+)\/\1\D/.test(c.text))?.at ?? gone;
  const during = m.tasks.filter((t) => t.start >= shown && t.start < workEnd);
  const after = m.tasks.filter((t) => t.start >= workEnd);
  const longest = (ts) => round(Math.max(0, ...ts.map((t) => t.duration)));
  await context.close();
  return {
    files: files.length,
    accepted: outcomes.filter((o) => o === 'accepted').length,
    rows: outcomes.length,
    counts: counts.map((c) => c.text),
    progressShown: shown !== undefined,
    fromFilesToBar: round(shown - given),
    work: round(workEnd - shown),
    saveAndDraw: round(gone - workEnd),
    longestDuring: longest(during),
    longTasksDuring: during.length,
    longestAfter: longest(after),
    errors,
  };
}

const code = (i) => `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`;

/** A member's device opened from the set-up: the start screen, the file, the unit, the sheet. */
async function memberFromSetup(page, dir) {
  await page.getByTestId('join-file').setInputFiles(join(dir, 'member', 'setup.thidua.json'));
  await page.getByTestId('join-preview').waitFor();
  await page.locator('input[data-testid="join-unit"]').first().check();
  // Timed from here (the page reloads into the member's part: a clock outside the page).
  const t = performance.now();
  await page.getByTestId('join-confirm').click();
  await page.waitForSelector('.criterion', { timeout: 120000 });
  return performance.now() - t;
}

/** Types `fields` × 2 score keystrokes ("1" then "0": 1 then 10 points, each changing the
 * total), each as soon as the field is focused or the last one's total is seen, or `pause` ms
 * after (a person's pace: the first key of a field otherwise waits for the focus's scrolling
 * to be drawn); returns the latencies (ms) from each keydown to the total changed on screen, and
 * the saves (IndexedDB transactions that write) started meanwhile. */
export async function keystrokes(env, dir, { fields, rate = 1, pause = 0 }) {
  const { context, page, errors } = await openEmpty(env);
  await memberFromSetup(page, dir);
  const criteria = await page.locator('.criterion').count();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.evaluate(() => {
    // Where each keystroke's time goes: the browser's (the keydown event's time stamp to the
    // `input` event's first listener: the key delivered and the field's text changed) and the
    // app's (that listener to the total changed: the handler, the engine, the redraw).
    window.__k = { down: 0, seen: 0, lat: [], frame: [], saves: 0, browser: [], app: [] };
    let input = null;
    document.addEventListener('input', () => { input = performance.now(); }, true);
    // The saves: each is one IndexedDB transaction that writes.
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
      if (mode === 'readwrite') window.__k.saves += 1;
      return transaction.call(this, names, mode, ...rest);
    };
    const total = document.querySelector('[data-testid="total"]');
    document.addEventListener('keydown', (e) => { window.__k.down = e.timeStamp; }, true);
    new MutationObserver(() => {
      const k = window.__k;
      const at = performance.now();
      k.lat.push(at - k.down);
      if (input !== null && input >= k.down) {
        k.browser.push(input - k.down);
        k.app.push(at - input);
      }
      input = null;
      k.seen += 1;
      // The frame that shows it: the next animation frame's start.
      requestAnimationFrame((f) => k.frame.push(f - k.down));
    }).observe(total, { subtree: true, childList: true, characterData: true });
  });
  let n = 0;
  for (let i = 0; i < fields; i++) {
    await scoreInput(page, code(i)).focus();
    if (pause) await page.waitForTimeout(pause);
    for (const key of ['1', '0']) {
      n += 1;
      await page.keyboard.press(key);
      await page.waitForFunction((want) => window.__k.seen >= want, n, { timeout: 30000 });
      if (pause) await page.waitForTimeout(pause);
    }
  }
  await page.waitForFunction((want) => window.__k.frame.length >= want, n, { timeout: 30000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const k = await page.evaluate(() => window.__k);
  const total = points(await page.getByTestId('total').innerText());
  await context.close();
  return {
    criteria,
    keystrokes: n,
    total,
    expectedTotal: 10 * fields,
    changes: k.seen,
    median: round(median(k.lat)),
    p95: round(quantile(k.lat, 0.95)),
    max: round(Math.max(...k.lat)),
    frameMedian: round(median(k.frame)),
    frameP95: round(quantile(k.frame, 0.95)),
    saves: k.saves,
    split: k.app.length,
    browserMedian: round(median(k.browser)),
    browserP95: round(quantile(k.browser, 0.95)),
    appMedian: round(median(k.app)),
    appP95: round(quantile(k.app, 0.95)),
    latencies: k.lat,
    errors,
  };
}

/** dist/ served as a static host does, gzip included (the figures of the size report). */
async function serveGzip(dir) {
  const root = resolve(dir);
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
    '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      let file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
      if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      if (!cache.has(file)) cache.set(file, gzipSync(await readFile(file), { level: 9 }));
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gz ? cache.get(file) : await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** A member's first visit on a phone: cold cache, `network` (CDP conditions, or none), CPU
 * slowed `rate` times. */
export async function phone(env, dir, { network = null, rate = 1 } = {}) {
  const server = await serveGzip(DIST);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await env.browser.newContext({
    locale: 'vi-VN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  // A fresh context: nothing cached, no service worker yet (a first visit).
  const t = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByTestId('start-screen').waitFor({ timeout: 120000 });
  const startScreen = performance.now() - t;
  // The first paint with content: index.html's own loading screen (the app's name, "Đang tải
  // ứng dụng…" and its bar), in the page's own timeline (from the navigation's start).
  const loadingScreen = await page.evaluate(() =>
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  const startBytes = bytes;
  const toTable = await memberFromSetup(page, dir);
  const criteria = await page.locator('.criterion').count();
  await context.close();
  await new Promise((ok) => server.close(ok));
  return {
    loadingScreen: round(loadingScreen),
    startScreen: round(startScreen),
    transferredKB: Math.round(startBytes / 1024),
    toTable: round(toTable),
    criteria,
    errors,
  };
}

/** Writes the storage benchmarks' data (examples/bench_storage.rs; its native figures on
 * stdout) and returns its folder. */
export function storageFiles(mode, sizes, { release = true, print = release } = {}) {
  const out = join(ROOT, 'target', 'bench-storage', `${mode}-${sizes.join('x')}`);
  // REUSE=1: the data an earlier run wrote (it takes minutes to make), its native figures not
  // printed again.
  if (process.env.REUSE === '1' && existsSync(join(out, mode))) return out;
  const args = ['run', '--quiet', ...(release ? ['--release'] : []), '--example', 'bench_storage', '--',
    mode, out, ...sizes.map(String)];
  const run = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', print ? 'inherit' : 'ignore', 'inherit'] });
  assert.equal(run.status, 0, 'cargo run --example bench_storage');
  return out;
}

/** Installed in every page of a storage benchmark's context: the long tasks, when the page
 * first showed each selector of `window.__want` (ms from the navigation's start), and when
 * the page's root last lost `data-saving` (a save committed). */
function storageProbe() {
  window.__tasks = [];
  window.__seen = {};
  window.__saved = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long tasks in this browser */ }
  const want = JSON.parse(sessionStorage.getItem('bench.want') ?? '{}');
  const check = () => {
    for (const [name, [selector, count]] of Object.entries(want)) {
      if (window.__seen[name] === undefined && document.querySelectorAll(selector).length >= count) {
        window.__seen[name] = performance.now();
      }
    }
  };
  new MutationObserver((records) => {
    check();
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-saving' && !document.documentElement.hasAttribute('data-saving')) {
        window.__saved.push(performance.now());
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-saving'] });
}

/** A fresh context for a storage benchmark, with the probe installed; at the start screen. */
function storageContext(env) {
  return openEmpty(env, { viewport: { width: 1280, height: 900 }, init: storageProbe });
}

/** What the records of `prefix` hold in IndexedDB (their count, UTF-16 code units of keys and
 * texts), the time to read them all in one transaction from the page's JS, and the browser's
 * estimate of the origin's usage. */
async function storedRecords(page, prefix) {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-saving'), null, { timeout: 600000 });
  return page.evaluate(async (prefix) => {
    const request = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const db = await request(indexedDB.open('thidua'));
    const t = performance.now();
    const store = db.transaction('records').objectStore('records');
    const range = IDBKeyRange.bound(prefix, `${prefix}/\uffff`);
    const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
    const readMs = performance.now() - t;
    db.close();
    const units = keys.reduce((n, k, i) => n + k.length + values[i].length, 0);
    const largest = Math.max(...values.map((v) => v.length));
    const { usage } = await navigator.storage.estimate();
    return { records: keys.length, units, largest, readMs, usage };
  }, prefix);
}

/** Navigates to the app and waits for every selector of `want` ({ name: [selector, count] });
 * returns when each first showed (ms from the navigation's start) and the longest task. */
async function reopen(page, url, want, { timeout = 600000 } = {}) {
  await page.evaluate((w) => sessionStorage.setItem('bench.want', JSON.stringify(w)), want);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((names) => names.every((n) => window.__seen?.[n] !== undefined),
    Object.keys(want), { timeout, polling: 100 });
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => ({ seen: window.__seen, tasks: window.__tasks }));
  await page.evaluate(() => sessionStorage.removeItem('bench.want'));
  const out = { longestTask: round(Math.max(0, ...m.tasks.map((t) => t.duration))) };
  for (const [name, at] of Object.entries(m.seen)) out[name] = round(at);
  return out;
}

/** Runs `act` in the page (a function body given `arg`) and returns the ms until `selector`
 * matches at least `count` elements, with the longest task meanwhile. */
async function drawn(page, act, arg, selector, count, { timeout = 600000 } = {}) {
  return page.evaluate(async ({ act, arg, selector, count, timeout }) => {
    const tasks = window.__tasks.length;
    const t = performance.now();
    new Function('arg', act)(arg);
    await new Promise((ok, ko) => {
      const until = setTimeout(() => ko(new Error(`${selector} never reached ${count}`)), timeout);
      const check = () => {
        if (document.querySelectorAll(selector).length >= count) { clearTimeout(until); ok(); return true; }
        return false;
      };
      if (check()) return;
      const o = new MutationObserver(() => { if (check()) o.disconnect(); });
      o.observe(document, { subtree: true, childList: true, attributes: true });
    });
    const ms = performance.now() - t;
    await new Promise((ok) => setTimeout(ok, 200));
    const longest = Math.max(0, ...window.__tasks.slice(tasks).map((x) => x.duration));
    return { ms, longest };
  }, { act, arg, selector, count, timeout });
}

const yearsOf = async (dir) => (await readdir(join(dir, 'council'))).filter((d) => /^\d{4}$/.test(d)).sort();

/**
 * The council office: started from an empty browser with the clusters' names pasted, then
 * given each year's result files through its page (oldest year first: import, then the save);
 * the records stored; the page reopened (`runs` times) to the year's clusters drawn; each
 * year's view drawn from the year chooser; the report across clusters drawn for the last year.
 */
export async function councilStore(env, dir, { clusters, runs = 3 }) {
  const { context, page, errors } = await storageContext(env);
  const names = (await readFile(join(dir, 'council', 'names.txt'), 'utf8')).split('\n');
  await page.getByTestId('start-council-office').click();
  await page.getByTestId('council-start').waitFor();
  await page.getByTestId('council-start-name').fill('Hội đồng Thi đua - Khen thưởng quận (đo hiệu năng)');
  await page.getByTestId('council-start-clusters').fill(names.join('\n'));
  await page.getByTestId('council-start-save').click();
  await page.getByTestId('council-files').waitFor({ state: 'attached' });
  const years = await yearsOf(dir);
  const imports = [];
  for (const year of years) {
    const files = (await readdir(join(dir, 'council', year))).sort().map((f) => join(dir, 'council', year, f));
    const t0 = await page.evaluate(() => ({ at: performance.now(), tasks: window.__tasks.length, saved: window.__saved.length }));
    await page.getByTestId('council-files').setInputFiles(files);
    const lines = page.getByTestId('council-import').locator('tbody tr[data-outcome]');
    await page.waitForFunction(({ n, y }) => {
      const rows = document.querySelectorAll('[data-testid="council-import"] tbody tr[data-outcome]');
      const district = document.querySelector(`[data-testid="district"][data-year="${y}"]`);
      if (rows.length >= n && district && !window.__reported) window.__reported = performance.now();
      return rows.length >= n && district;
    }, { n: files.length, y: year }, { timeout: 600000, polling: 'raf' });
    await page.waitForFunction((n) => window.__saved.length > n && !document.documentElement.hasAttribute('data-saving'),
      t0.saved, { timeout: 600000 });
    const m = await page.evaluate(() => {
      const r = { reported: window.__reported, saved: window.__saved.at(-1), tasks: window.__tasks };
      window.__reported = undefined;
      return r;
    });
    const outcomes = await lines.evaluateAll((rs) => rs.map((r) => r.dataset.outcome));
    imports.push({
      year, files: files.length,
      accepted: outcomes.filter((o) => o === 'accepted').length,
      toReport: round(m.reported - t0.at),
      save: round(m.saved - m.reported),
      longestTask: round(Math.max(0, ...m.tasks.slice(t0.tasks).map((t) => t.duration))),
    });
  }
  const stored = await storedRecords(page, 'real/council');
  const last = years.at(-1);
  const want = {
    page: ['[data-testid="council-files"]', 1],
    year: [`[data-testid="district"][data-year="${last}"] section.council-cluster`, clusters],
  };
  const reopened = [];
  for (let i = 0; i < runs; i++) reopened.push(await reopen(page, env.url, want));
  const idbRead = (await storedRecords(page, 'real/council')).readMs;
  // Each year's view, from the year chooser (the last year last, so it is drawn again).
  const yearViews = [];
  for (const year of [...years.slice(0, -1), last]) {
    const r = await drawn(page, `const s = document.querySelector('[data-testid="council-year"]');
      s.value = arg; s.dispatchEvent(new Event('change', { bubbles: true }));`, year,
    `[data-testid="district"][data-year="${year}"] section.council-cluster`, clusters);
    yearViews.push({ year, ms: round(r.ms), longest: round(r.longest) });
  }
  const clustersShown = await page.locator(`[data-testid="district"][data-year="${last}"] section.council-cluster`).count();
  // The report across clusters for the last year: its printed page.
  const report = await drawn(page, `document.querySelector('[data-testid="council-report-print"]').click();`, null,
    `article.doc[data-year="${last}"] h1.doc-title`, 1);
  const reportText = norm(await page.locator(`article.doc[data-year="${last}"]`).innerText());
  const namesInReport = names.filter((n) => reportText.includes(norm(n))).length;
  await page.getByTestId('council-report-back').click();
  await context.close();
  return {
    clusters: names.length, years: years.length, imports, stored, reopened, idbRead: round(idbRead),
    yearViews, clustersShown, report: { ms: round(report.ms), longest: round(report.longest) },
    namesInReport, errors,
  };
}

/** Writes `records` ([[name, text], …]) under `prefix` in IndexedDB, as the app's save does,
 * in transactions of at most `batch` UTF-16 code units; returns the time they took in the page. */
async function putRecords(page, prefix, records, batch = 16e6) {
  let ms = 0;
  for (let i = 0; i < records.length;) {
    const part = [];
    let size = 0;
    while (i < records.length && (part.length === 0 || size + records[i][1].length <= batch)) {
      size += records[i][1].length;
      part.push(records[i++]);
    }
    ms += await page.evaluate(async ({ prefix, part }) => {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open('thidua'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      const t = performance.now();
      const tx = db.transaction('records', 'readwrite');
      for (const [name, text] of part) tx.objectStore('records').put(text, name ? `${prefix}/${name}` : prefix);
      await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
      db.close();
      return performance.now() - t;
    }, { prefix, part });
  }
  return ms;
}

/**
 * The head: its workspace's records (examples/bench_storage.rs) written into IndexedDB as the
 * app keeps them; the page reopened (`runs` times) to the head's scoring table; the merged view
 * drawn; one score typed and saved.
 */
export async function headStore(env, dir, { units, criteria, runs = 3 }) {
  const { context, page, errors } = await storageContext(env);
  const records = JSON.parse(await readFile(join(dir, 'head', 'records.json'), 'utf8'));
  const written = await putRecords(page, 'real/workspace', records);
  await page.evaluate(() => localStorage.setItem('thidua.part', 'head'));
  const stored = await storedRecords(page, 'real/workspace');
  const want = {
    page: ['nav a[data-page="tong-hop"]', 1],
    table: ['.criterion input.score-input', criteria],
  };
  const reopened = [];
  for (let i = 0; i < runs; i++) reopened.push(await reopen(page, env.url, want));
  const idbRead = (await storedRecords(page, 'real/workspace')).readMs;
  // The merged view, from its tab.
  const merged = await drawn(page, `document.querySelector('nav a[data-page="tong-hop"]').click();`, null,
    '.merged-table thead th.unit-col', units);
  const summary = await page.getByTestId('merged-summary').innerText();
  const unitColumns = await page.locator('.merged-table thead th.unit-col').count();
  const rows = await page.locator('.merged-table tbody tr[data-code]').count();
  // A score typed on the head's own sheet: the total, then the save; twice, as the first save
  // after opening makes every record of this year and the next reuses what did not change.
  await goto(page, 'cham-diem');
  const typed = [];
  for (const code of ['1.1', '1.2']) {
    const input = scoreInput(page, code);
    await input.waitFor();
    await input.focus();
    const before = await page.evaluate(() => ({ saved: window.__saved.length, tasks: window.__tasks.length }));
    await page.evaluate(() => {
      const total = document.querySelector('[data-testid="total"]');
      window.__k = { down: 0 };
      document.addEventListener('keydown', (e) => { window.__k.down = e.timeStamp; }, { capture: true, once: true });
      new MutationObserver((_, o) => { window.__k.total = performance.now(); o.disconnect(); })
        .observe(total, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('5');
    await page.waitForFunction((n) => window.__k.total && window.__saved.length > n && !document.documentElement.hasAttribute('data-saving'),
      before.saved, { timeout: 600000 });
    const k = await page.evaluate((n) => ({ k: window.__k, saved: window.__saved.at(-1), tasks: window.__tasks.slice(n) }), before.tasks);
    typed.push({ toTotal: round(k.k.total - k.k.down), toSaved: round(k.saved - k.k.down),
      longest: round(Math.max(0, ...k.tasks.map((t) => t.duration))) });
  }
  const total = await page.getByTestId('total').innerText();
  // The whole backup made from its page, then restored on an empty browser from the start
  // screen: backup and restore cover everything, the closed years among them.
  await goto(page, 'sao-luu');
  let t = Date.now();
  const file = await downloadTo(join(dir, 'head'), page, page.getByTestId('workspace-backup').getByTestId('backup-download'));
  const backupMs = Date.now() - t;
  await context.close();
  const other = await storageContext(env);
  t = Date.now();
  await other.page.getByTestId('restore-workspace-file').setInputFiles(file.path);
  await other.page.getByTestId('restore-confirm').click({ timeout: 600000 });
  await other.page.locator('nav a[data-page="tong-hop"]').waitFor({ timeout: 600000 });
  const restoreMs = Date.now() - t;
  const restored = await storedRecords(other.page, 'real/workspace');
  errors.push(...other.errors);
  await other.context.close();
  return {
    records: records.length, written: round(written), stored, reopened, idbRead: round(idbRead),
    merged: { ms: round(merged.ms), longest: round(merged.longest) }, summary, unitColumns, rows,
    keystroke: typed[0],
    nextKeystroke: typed[1],
    total,
    backup: { bytes: file.content.length, ms: backupMs, restoreMs, records: restored.records },
    errors,
  };
}

const mbOf = (units) => round(units / 1e6);
const med = (xs) => round(median(xs));

/** The storage benchmarks' tables, in markdown. */
export function councilTables(r) {
  const out = [];
  out.push(`\n| year | result files | accepted | files given → report and year drawn (ms) | then saved (ms) | longest task (ms) |`);
  out.push('|---:|---:|---:|---:|---:|---:|');
  for (const i of r.imports) out.push(`| ${i.year} | ${i.files} | ${i.accepted} | ${i.toReport} | ${i.save} | ${i.longestTask} |`);
  out.push(`\nStored: ${r.stored.records} records, ${mbOf(r.stored.units)} M UTF-16 code units (largest record ${Math.round(r.stored.largest / 1000)} k); the browser's estimate of the origin's usage ${mbOf(r.stored.usage)} MB; every record read in one transaction from JS: ${round(r.stored.readMs)} ms (after the reopenings: ${r.idbRead} ms).`);
  out.push(`\n| reopened (navigation → …, ms) | the council's page | the year's ${r.clusters} clusters drawn | longest task |`);
  out.push('|---|---:|---:|---:|');
  r.reopened.forEach((x, i) => out.push(`| run ${i + 1} | ${x.page} | ${x.year} | ${x.longestTask} |`));
  out.push(`| **median** | **${med(r.reopened.map((x) => x.page))}** | **${med(r.reopened.map((x) => x.year))}** | |`);
  out.push(`\n| year chosen | its clusters drawn (ms) | longest task (ms) |`);
  out.push('|---:|---:|---:|');
  for (const y of r.yearViews) out.push(`| ${y.year} | ${y.ms} | ${y.longest} |`);
  out.push(`\nThe report across clusters for ${r.yearViews.at(-1).year}, printed page drawn: ${r.report.ms} ms (longest task ${r.report.longest} ms); it names ${r.namesInReport} of ${r.clusters} clusters.`);
  return out.join('\n');
}

export function headTables(r) {
  const out = [];
  out.push(`\nStored: ${r.stored.records} records, ${mbOf(r.stored.units)} M UTF-16 code units (largest record ${mbOf(r.stored.largest)} M); the browser's estimate of the origin's usage ${mbOf(r.stored.usage)} MB. Written from the page's JS in transactions of ≤ 16 M code units: ${r.written} ms; read in one transaction: ${round(r.stored.readMs)} ms (after the reopenings: ${r.idbRead} ms).`);
  out.push(`\n| reopened (navigation → …, ms) | the head's tabs | the scoring table's score boxes | longest task |`);
  out.push('|---|---:|---:|---:|');
  r.reopened.forEach((x, i) => out.push(`| run ${i + 1} | ${x.page} | ${x.table} | ${x.longestTask} |`));
  out.push(`| **median** | **${med(r.reopened.map((x) => x.page))}** | **${med(r.reopened.map((x) => x.table))}** | |`);
  out.push(`\nMerged view drawn from its tab: ${r.merged.ms} ms (longest task ${r.merged.longest} ms): ${r.unitColumns} unit columns, ${r.rows} criterion rows; "${r.summary}".`);
  out.push(`One score typed on the head's sheet: keydown → total ${r.keystroke.toTotal} ms, → saved ${r.keystroke.toSaved} ms (longest task ${r.keystroke.longest} ms); the next score: → total ${r.nextKeystroke.toTotal} ms, → saved ${r.nextKeystroke.toSaved} ms (longest task ${r.nextKeystroke.longest} ms).`);
  out.push(`The whole backup from its page: ${round(r.backup.bytes / 1e6)} MB in ${r.backup.ms} ms; restored on an empty browser from the start screen (file chosen → the head's tabs): ${r.backup.restoreMs} ms, ${r.backup.records} records stored.`);
  return out.join('\n');
}

// The command line: node perf.mjs page-import|keystroke|phone3g|council-store|head-store
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mode = process.argv[2];
  const env = await start();
  try {
    if (mode === 'page-import') {
      const units = Number(process.env.UNITS ?? 500);
      const revisions = Number(process.env.REVISIONS ?? 2);
      const dir = benchFiles({ units, revisions, criteria: 300 });
      const runs = [];
      for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) runs.push(await pageImport(env, dir));
      console.log(JSON.stringify(runs, null, 1));
      const r = runs;
      console.log(`\n| files | accepted | work, page (ms, median) | longest task during the work (ms, max over runs) | long tasks during | save + drawing after (ms) | longest task after (ms) |`);
      console.log('|---:|---:|---:|---:|---:|---:|---:|');
      console.log(`| ${r[0].files} | ${r[0].accepted} | ${median(r.map((x) => x.work))} | ${Math.max(...r.map((x) => x.longestDuring))} | ${r.map((x) => x.longTasksDuring).join(', ')} | ${median(r.map((x) => x.saveAndDraw))} | ${Math.max(...r.map((x) => x.longestAfter))} |`);
    } else if (mode === 'keystroke') {
      const criteria = Number(process.env.CRITERIA ?? 300);
      const fields = Number(process.env.FIELDS ?? 150);
      const pauses = (process.env.PAUSES ?? '0,150').split(',').map(Number);
      const dir = benchFiles({ units: 3, revisions: 1, criteria });
      console.log('\n| CPU | pause before each key (ms) | criteria | keystrokes | median (ms) | p95 (ms) | max (ms) | browser: keydown → input, median / p95 (ms) | app: input → total, median / p95 (ms) | to next frame, median / p95 (ms) | saves |');
      console.log('|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|');
      for (const pause of pauses) {
        for (const rate of [1, 4]) {
          const r = await keystrokes(env, dir, { fields, rate, pause });
          assert.equal(r.total, r.expectedTotal);
          console.log(`| ${rate === 1 ? 'full speed' : `${rate}× slower`} | ${pause} | ${r.criteria} | ${r.keystrokes} | ${r.median} | ${r.p95} | ${r.max} | ${r.browserMedian} / ${r.browserP95} | ${r.appMedian} / ${r.appP95} | ${r.frameMedian} / ${r.frameP95} | ${r.saves} |`);
        }
      }
    } else if (mode === 'phone3g') {
      const dir = benchFiles({ units: 3, revisions: 1, criteria: Number(process.env.CRITERIA ?? 300) });
      console.log('\n| network | CPU | to the loading screen (ms) | to the start screen (ms) | transferred (KB) | set-up confirmed → scoring table (ms) |');
      console.log('|---|---|---:|---:|---:|---:|');
      for (const [name, network, rate] of [['none', null, 1], ['Fast 3G', FAST_3G, 1], ['Fast 3G', FAST_3G, 4]]) {
        const runs = [];
        for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) runs.push(await phone(env, dir, { network, rate }));
        console.log(`| ${name} | ${rate === 1 ? 'full speed' : `${rate}× slower`} | ${median(runs.map((x) => x.loadingScreen))} | ${median(runs.map((x) => x.startScreen))} | ${runs[0].transferredKB} | ${median(runs.map((x) => x.toTable))} |`);
      }
    } else if (mode === 'council-store') {
      const clusters = Number(process.env.CLUSTERS ?? 30);
      const dir = storageFiles('council', [clusters, Number(process.env.UNITS ?? 30), Number(process.env.YEARS ?? 5)]);
      const r = await councilStore(env, dir, { clusters, runs: Number(process.env.RUNS ?? 3) });
      console.log(JSON.stringify(r, null, 1));
      console.log(councilTables(r));
    } else if (mode === 'head-store') {
      const units = Number(process.env.UNITS ?? 60);
      const criteria = Number(process.env.CRITERIA ?? 300);
      const dir = storageFiles('head', [units, criteria, Number(process.env.REVISIONS ?? 5), Number(process.env.YEARS ?? 5)]);
      const r = await headStore(env, dir, { units, criteria, runs: Number(process.env.RUNS ?? 3) });
      console.log(JSON.stringify(r, null, 1));
      console.log(headTables(r));
    } else {
      console.error('usage: node perf.mjs page-import|keystroke|phone3g|council-store|head-store');
      process.exitCode = 2;
    }
  } finally {
    await env.close();
  }
}
