// Page benchmarks on the release build (dist/), in headless Chromium through playwright-core:
//
//   page-import  the head's inbox given UNITS × REVISIONS signed files at once (the page
//                restored from a head's backup of that cluster): the longest main-thread task
//                while the files are worked through (PerformanceObserver 'longtask'), the
//                progress bar and its count seen, the time to the report, every file accepted;
//   keystroke    a member's device opened from a set-up over a table of CRITERIA criteria:
//                score keystrokes typed one by one, the time from each keydown event to the
//                total on screen changed (median, 95th percentile), at full speed and under
//                Chromium's 4× CPU slowdown;
//   phone3g      a member's first visit on a phone (viewport 390 × 844, touch) over DevTools'
//                "Fast 3G" network preset, from a cold cache: the time to the start screen, then
//                from opening the set-up file to the scoring table.
//
// Measures, never asserts on time; asserts what a user would see (every file accepted, the
// total right, the screens shown). `scripts/bench.sh page-import|keystroke|phone3g` runs the
// full sizes (`node perf.mjs MODE`), tests/e2e/perf.test.mjs the small ones on every test run.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { start, openEmpty, goto, scoreInput, DIST } from './harness.mjs';

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
 * total); returns the latencies (ms) from each keydown to the total changed on screen. */
export async function keystrokes(env, dir, { fields, rate = 1 }) {
  const { context, page, errors } = await openEmpty(env);
  await memberFromSetup(page, dir);
  const criteria = await page.locator('.criterion').count();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.evaluate(() => {
    window.__k = { down: 0, seen: 0, lat: [], frame: [], store: [] };
    // The browser's part of each save (the text handed to localStorage), timed on its own.
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      const t = performance.now();
      try { return setItem.call(this, key, value); } finally { window.__k.store.push(performance.now() - t); }
    };
    const total = document.querySelector('[data-testid="total"]');
    document.addEventListener('keydown', (e) => { window.__k.down = e.timeStamp; }, true);
    new MutationObserver(() => {
      const k = window.__k;
      const at = performance.now();
      k.lat.push(at - k.down);
      k.seen += 1;
      // The frame that shows it: the next animation frame's start.
      requestAnimationFrame((f) => k.frame.push(f - k.down));
    }).observe(total, { subtree: true, childList: true, characterData: true });
  });
  let n = 0;
  for (let i = 0; i < fields; i++) {
    await scoreInput(page, code(i)).focus();
    for (const key of ['1', '0']) {
      n += 1;
      await page.keyboard.press(key);
      await page.waitForFunction((want) => window.__k.seen >= want, n, { timeout: 30000 });
    }
  }
  await page.waitForFunction((want) => window.__k.frame.length >= want, n, { timeout: 30000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const k = await page.evaluate(() => window.__k);
  const total = points(await page.getByTestId('total').innerText());
  const stored = await page.evaluate(() => Object.entries(localStorage)
    .reduce((most, [, v]) => Math.max(most, v.length), 0));
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
    storedChars: stored,
    setItemMedian: round(median(k.store)),
    saves: k.store.length,
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
  const startBytes = bytes;
  const toTable = await memberFromSetup(page, dir);
  const criteria = await page.locator('.criterion').count();
  await context.close();
  await new Promise((ok) => server.close(ok));
  return {
    startScreen: round(startScreen),
    transferredKB: Math.round(startBytes / 1024),
    toTable: round(toTable),
    criteria,
    errors,
  };
}

// The command line: node perf.mjs page-import|keystroke|phone3g
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
      const dir = benchFiles({ units: 3, revisions: 1, criteria });
      console.log('\n| CPU | criteria | keystrokes | median (ms) | p95 (ms) | max (ms) | to next frame, median / p95 (ms) | stored text (chars) | localStorage.setItem alone, median (ms) |');
      console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|');
      for (const rate of [1, 4]) {
        const r = await keystrokes(env, dir, { fields, rate });
        assert.equal(r.total, r.expectedTotal);
        console.log(`| ${rate === 1 ? 'full speed' : `${rate}× slower`} | ${r.criteria} | ${r.keystrokes} | ${r.median} | ${r.p95} | ${r.max} | ${r.frameMedian} / ${r.frameP95} | ${r.storedChars} | ${r.setItemMedian} |`);
      }
    } else if (mode === 'phone3g') {
      const dir = benchFiles({ units: 3, revisions: 1, criteria: Number(process.env.CRITERIA ?? 300) });
      console.log('\n| network | CPU | to the start screen (ms) | transferred (KB) | set-up confirmed → scoring table (ms) |');
      console.log('|---|---|---:|---:|---:|');
      for (const [name, network, rate] of [['none', null, 1], ['Fast 3G', FAST_3G, 1], ['Fast 3G', FAST_3G, 4]]) {
        const runs = [];
        for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) runs.push(await phone(env, dir, { network, rate }));
        console.log(`| ${name} | ${rate === 1 ? 'full speed' : `${rate}× slower`} | ${median(runs.map((x) => x.startScreen))} | ${runs[0].transferredKB} | ${median(runs.map((x) => x.toTable))} |`);
      }
    } else {
      console.error('usage: node perf.mjs page-import|keystroke|phone3g');
      process.exitCode = 2;
    }
  } finally {
    await env.close();
  }
}
