// The page benchmarks of tests/e2e/perf.mjs at a small size, on every test run, so that they
// cannot rot: what they measure is not asserted (scripts/bench.sh prints it), what a user sees
// is. The files come from examples/bench_files.rs (a debug build here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { benchFiles, pageImport, keystrokes, phone, storageFiles, councilStore, headStore } from './perf.mjs';

let env;
let dir;
before(async () => {
  env = await start();
  dir = benchFiles({ units: 3, revisions: 2, criteria: 300, release: false });
});
after(async () => { await env?.close(); });

test('the head imports files in chunks with a progress bar and count; every file is accepted, as at once', async () => {
  const r = await pageImport(env, dir);
  assert.equal(r.files, 6);
  assert.ok(r.progressShown, 'the progress bar showed');
  assert.match(r.counts[0], /^Đang nhập \d+\/6 tệp…$/);
  assert.equal(r.counts.at(-1), 'Đang nhập 6/6 tệp…');
  assert.equal(r.rows, 6);
  assert.equal(r.accepted, 6, 'revision 2 of each unit accepted after its revision 1');
  assert.deepEqual(r.errors, []);
});

test('a member types score keystrokes into a 300-criterion table and the total follows each', async () => {
  const r = await keystrokes(env, dir, { fields: 10, rate: 1 });
  assert.equal(r.criteria, 300);
  assert.equal(r.keystrokes, 20);
  assert.equal(r.changes, 20, 'the total changed at every keystroke');
  assert.equal(r.split, 20, "each keystroke's time split into the browser's and the app's");
  assert.ok(r.appMedian > 0 && r.browserMedian >= 0);
  assert.equal(r.total, 100);
  assert.ok(r.saves >= 1, 'the keystrokes were saved in IndexedDB');
  assert.deepEqual(r.errors, []);
});

test('a member on a phone, first visit: the loading screen, the start screen, then the set-up opened to the scoring table', async () => {
  const r = await phone(env, dir);
  assert.ok(r.loadingScreen > 0 && r.loadingScreen <= r.startScreen, 'the loading screen painted, then the start screen');
  assert.equal(r.criteria, 300);
  assert.ok(r.transferredKB > 0);
  assert.deepEqual(r.errors, []);
});

// The storage benchmarks (issue 15 item 3; `scripts/bench.sh council-store|head-store`) at a
// small size: their data made by examples/bench_storage.rs, stored in IndexedDB, the page
// reopened, and what they time shown.

test('a council office stores two years of two clusters\' results, reopens to the year\'s clusters, draws each year and the report across clusters', async () => {
  const small = storageFiles('council', [2, 3, 2], { release: false });
  const r = await councilStore(env, small, { clusters: 2, runs: 1 });
  assert.deepEqual(r.imports.map((i) => [i.year, i.files, i.accepted]), [['2024', 2, 2], ['2025', 2, 2]]);
  assert.equal(r.stored.records, 1 + 4, 'the base record and one per result');
  assert.ok(r.reopened[0].year >= r.reopened[0].page, 'the page, then the year\'s clusters');
  assert.deepEqual(r.yearViews.map((y) => y.year), ['2024', '2025']);
  assert.equal(r.clustersShown, 2);
  assert.equal(r.namesInReport, 2, 'the report across clusters names both');
  assert.deepEqual(r.errors, []);
});

test('a head\'s workspace with received files and closed years reopens from its IndexedDB records to the scoring table; the merged view shows every unit; a score is saved; its backup restores on an empty browser', async () => {
  const small = storageFiles('head', [3, 20, 2, 2], { release: false });
  const r = await headStore(env, small, { units: 3, criteria: 20, runs: 1 });
  assert.equal(r.records, 1 + 6 + 2, 'the base record, 3 units × 2 revisions, 2 closed years');
  assert.equal(r.stored.records, r.records);
  assert.ok(r.reopened[0].table > 0);
  assert.equal(r.unitColumns, 3);
  assert.equal(r.rows, 20);
  assert.match(r.summary, /3\/3/);
  assert.match(r.total.trim(), /^10([,.]0)?$/, 'both scores typed are in the total');
  assert.ok(r.backup.bytes > 0);
  assert.equal(r.backup.records, r.records, 'the backup restored on an empty browser holds every record');
  assert.deepEqual(r.errors, []);
});
