// The page benchmarks of tests/e2e/perf.mjs at a small size, on every test run, so that they
// cannot rot: what they measure is not asserted (scripts/bench.sh prints it), what a user sees
// is. The files come from examples/bench_files.rs (a debug build here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { benchFiles, pageImport, keystrokes, phone } from './perf.mjs';

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
  assert.equal(r.total, 100);
  assert.deepEqual(r.errors, []);
});

test('a member on a phone, first visit: the start screen, then the set-up opened to the scoring table', async () => {
  const r = await phone(env, dir);
  assert.equal(r.criteria, 300);
  assert.ok(r.transferredKB > 0);
  assert.deepEqual(r.errors, []);
});
