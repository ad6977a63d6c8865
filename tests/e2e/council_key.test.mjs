// The council office accepts a cluster head's new signing key, deliberately.
//
// Cụm thi đua số 1's head sends its result (examples/council_scenario.rs); later its computer
// is replaced and it sends a corrected result signed by a new key (the same example with
// --new-key). The council refuses the second file by default, shows both fingerprints, what to
// compare with the head by phone and the button "Chấp nhận khoá mới"; nothing is stored until
// it is pressed. Pressing it takes the same file again: the corrected result replaces the kept
// one and the decision is recorded and shown in the district overview, after a reload too. The
// old key's file is then the one refused, and accepting it does not pass the other checks (it is
// older than the kept result): nothing changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openApp, shot, SHOTS, text, norm, waitText, goto, storedStore } from './harness.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(SHOTS, 'council-key');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The example's result file in `dir`, signed by the first or the new head key. */
async function result(dir, ...flags) {
  const { stdout } = await run('cargo', ['run', '--quiet', '--example', 'council_scenario', '--', dir, ...flags], { cwd: ROOT, maxBuffer: 1 << 20 });
  return join(dir, stdout.trim().split('\n')[0]);
}

const council = async (page) => JSON.parse(await storedStore(page, 'council'));
const signer = async (path) => JSON.parse(await readFile(path, 'utf8')).signer;

test('the council takes a head\'s new key only when it presses "Chấp nhận khoá mới", and records it', async () => {
  await rm(OUT, { recursive: true, force: true });
  const first = await result(join(OUT, 'first'));
  const renewed = await result(join(OUT, 'new-key'), '--new-key');
  const [oldKey, newKey] = [await signer(first), await signer(renewed)];
  assert.notEqual(oldKey, newKey);

  const app = await openApp(env);
  const cp = app.page;
  await goto(cp, 'hoi-dong');
  const line = cp.getByTestId('council-import').locator('tbody tr').first();
  const overview = cp.getByTestId('council-overview');

  // The first result: accepted, its key pinned.
  await cp.getByTestId('council-files').setInputFiles([first]);
  await waitText(line, /Đã nhận/);
  assert.equal(await line.getAttribute('data-outcome'), 'accepted');
  const keptFp = norm(await text(line)).match(/Mã nhận diện khoá của Cụm trưởng: ([^—]+) —/)[1].trim();
  const before = await council(cp);
  assert.equal(before.schema, 3);
  assert.equal(before.results[0].head_key, oldKey);

  // The corrected result, another key: refused by default, nothing stored.
  await cp.getByTestId('council-files').setInputFiles([renewed]);
  await waitText(line, /CẢNH BÁO/);
  assert.equal(await line.getAttribute('data-outcome'), 'key-changed');
  const said = norm(await text(line));
  assert.match(said, /Cụm thi đua số 1/);
  assert.match(said, /gọi điện cho Cụm trưởng, đối chiếu mã nhận diện khoá mới/);
  assert.equal(await text(line.getByTestId('kept-fingerprint')), keptFp);
  const newFp = await text(line.getByTestId('new-fingerprint'));
  assert.notEqual(newFp, keptFp);
  assert.ok(said.includes(newFp), said);
  const button = line.getByTestId('accept-key');
  assert.equal(await text(button), 'Chấp nhận khoá mới');
  assert.deepEqual(await council(cp), before, 'nothing stored before the council accepts');
  assert.doesNotMatch(norm(await text(overview)), /khoá của Cụm trưởng đã đổi/i);
  await shot(cp, 'council-key-changed');

  // Accepted: the same file again, with the fingerprint shown.
  await button.click();
  await waitText(line, /Đã chấp nhận khoá mới/, { normalize: true });
  assert.equal(await line.getAttribute('data-outcome'), 'key-accepted');
  assert.equal(await line.getByTestId('accept-key').count(), 0);
  const after1 = await council(cp);
  assert.equal(after1.results.length, 1);
  const kept = after1.results[0];
  assert.equal(kept.head_key, newKey);
  assert.equal(kept.created, '2025-12-20T02:00:00Z');
  assert.equal(kept.previous_key, oldKey);
  assert.match(kept.key_accepted_at, /^\d{4}-\d\d-\d\dT/);
  const note = cp.getByTestId('key-changed-note');
  await waitText(note, /Khoá của Cụm trưởng đã đổi, được Hội đồng chấp nhận ngày \d\d\/\d\d\/\d{4}/, { normalize: true });
  assert.ok((await text(note)).includes(keptFp));
  assert.ok(norm(await text(overview)).includes(newFp), 'the new key is the cluster\'s now');
  await shot(cp, 'council-key-accepted');

  // Stored: shown again after a reload.
  await cp.reload();
  await cp.waitForSelector('nav a[data-page="hoi-dong"]');
  await goto(cp, 'hoi-dong');
  await cp.getByTestId('council-overview').waitFor();
  await waitText(cp.getByTestId('key-changed-note'), /được Hội đồng chấp nhận ngày/, { normalize: true });

  // The old key's file is now the refused one; accepting it still runs every other check:
  // it was made before the kept result, so nothing changes.
  await cp.getByTestId('council-files').setInputFiles([first]);
  await waitText(line, /CẢNH BÁO/);
  assert.equal(await text(line.getByTestId('new-fingerprint')), keptFp);
  await line.getByTestId('accept-key').click();
  await waitText(line, /không mới hơn kết quả đang lưu/, { normalize: true });
  assert.equal(await line.getAttribute('data-outcome'), 'refused');
  assert.deepEqual(await council(cp), after1);
  assert.deepEqual(app.errors, []);
});
