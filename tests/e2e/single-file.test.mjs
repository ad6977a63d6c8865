// The one-file build (scripts/single-file.mjs), end to end: dist/thidua.html, copied alone into
// an empty folder, opened from file:// as a double-click would, runs the app: a score and its
// evidence are kept over a reload (localStorage on file://), the signed self-score bundle is
// downloaded (a Blob and <a download>) and its Ed25519 signature checks out; nothing is loaded
// but the page itself, no console error appears (a CSP violation would be one), and the page's
// own Content-Security-Policy is in force.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createPublicKey, verify } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST, SHOTS, start, openApp, scoreInput, evidenceInput, typeInto, stored, shot, text, goto,
  downloadTo,
} from './harness.mjs';

let env;
let dir;
let fileUrl;
before(async () => {
  env = await start();
  // The one file alone in an empty folder: it can only work if it needs no sibling file.
  dir = await mkdtemp(join(tmpdir(), 'thidua-one-file-'));
  await copyFile(join(DIST, 'thidua.html'), join(dir, 'thidua.html'));
  fileUrl = pathToFileURL(join(dir, 'thidua.html')).href;
});
after(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The page's markup with the contents of its <script> and <style> elements left out. */
const markup = (html) => html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, '$1$3');

/** The directives of the page's one policy: { name: [sources] }. */
function policyOf(html) {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)">/g)];
  assert.equal(metas.length, 1, 'one Content-Security-Policy');
  assert.ok(html.indexOf(metas[0][0]) < html.search(/<(script|style|link)\b/), 'the policy comes first');
  return Object.fromEntries(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

/** RFC 8785 canonical JSON, for data of strings, integers, booleans, null, arrays and objects. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  assert.ok(typeof v !== 'number' || Number.isSafeInteger(v), `an integer: ${v}`);
  return JSON.stringify(v);
}

/** Whether the envelope's Ed25519 signature is its signer's, over the envelope without it. */
function signatureHolds(envelope) {
  const { signature, ...signed } = envelope;
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(envelope.signer, 'hex').toString('base64url') },
    format: 'jwk',
  });
  return verify(null, Buffer.from(canonical(signed), 'utf8'), key, Buffer.from(signature, 'hex'));
}

test('the one file names no other file, carries its policy and holds the app', async () => {
  const html = await readFile(join(DIST, 'thidua.html'), 'utf8');
  // Every src/href is a data: URL (the favicon); the style sheet and the code are inline.
  const refs = [...markup(html).matchAll(/<[a-z][^>]*?\s(src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[2]);
  assert.deepEqual(refs.filter((r) => !r.startsWith('data:')), [], 'no reference to another file');
  assert.ok(refs.some((r) => r.startsWith('data:image/svg+xml;base64,')), 'the favicon is a data: URL');
  assert.doesNotMatch(html, /\bimport\s[^;]*\bfrom\s*['"]/, 'no module import');
  assert.doesNotMatch(markup(html), /rel=["']?manifest|sw\.js|offline-[0-9a-f]{1,16}\.js/, 'no manifest, no service worker');
  assert.match(html, /<style>[\s\S]*\.criterion[\s\S]*<\/style>/, 'the style sheet is inline');
  for (const part of ['member', 'head', 'council', 'files']) {
    assert.match(html, new RegExp(`<script type="application/octet-stream" id="thidua-wasm-${part}">\\s*H4sI`), `the ${part} part's wasm, gzipped, is embedded`);
  }

  const policy = policyOf(html);
  assert.deepEqual(policy['default-src'], ["'none'"]);
  const sources = Object.values(policy).flat();
  assert.ok(!sources.some((s) => /^'unsafe-(inline|eval)'$|^https?:|^\*$|^blob:$/.test(s)), `no loophole: ${sources.join(' ')}`);
  assert.ok(policy['script-src'].includes("'wasm-unsafe-eval'"));
  // The loader, and the line that tells a browser without module scripts it cannot run the app.
  assert.equal(policy['script-src'].filter((s) => s.startsWith("'sha256-")).length, 2, 'two inline scripts allowed, each by its hash');
  // Each of the served page's style sheets (the app's and the printed documents') inlined and
  // allowed by its hash, no other.
  const served = await readFile(join(DIST, 'index.html'), 'utf8');
  const sheets = (served.match(/<link\b[^>]*\brel=["']?stylesheet/gi) ?? []).length;
  assert.equal(sheets, 2, 'the served page links main.css and document.css');
  assert.equal((html.match(/<style>/g) ?? []).length, sheets, 'every style sheet inline');
  assert.equal(policy['style-src'].filter((s) => s.startsWith("'sha256-")).length, sheets, 'each inline style sheet allowed, by its hash');

  // Only the served app's files are counted by the size report and cached by the worker.
  assert.doesNotMatch(served, /thidua\.html/, 'index.html does not name the one file');
  assert.ok((await readdir(DIST)).includes('index.html'));
});

test('opened from file://: a score and its evidence survive a reload, the signed bundle downloads', async () => {
  const { context, page, errors } = await openApp({ browser: env.browser, url: fileUrl }, { acceptDownloads: true });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  assert.equal(await page.evaluate(() => location.href), fileUrl);
  assert.equal(await page.locator('.criterion').count(), 52);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Thi đua');

  await page.getByTestId('unit-select').selectOption('phuong-kien-hung');
  await typeInto(scoreInput(page, 'I.1.a'), '45');
  await typeInto(scoreInput(page, 'I.2.a'), '17,5');
  await typeInto(evidenceInput(page, 'I.1.a'), 'Báo cáo số 125/BC-UBND ngày 10/12/2025');
  await page.keyboard.press('Tab');
  assert.equal(await text(page.getByTestId('total')), '62,5');
  // Kept in localStorage, which Chromium keeps for file:// pages.
  const saved = JSON.parse(await stored(page));
  assert.equal(saved.sheets['phuong-kien-hung'].entries['I.1.a'].points, 450);
  assert.equal(saved.sheets['phuong-kien-hung'].entries['I.2.a'].points, 175);
  assert.match(JSON.stringify(saved.sheets['phuong-kien-hung'].entries['I.1.a']), /Báo cáo số 125\/BC-UBND ngày 10\/12\/2025/);

  await page.reload();
  await page.waitForSelector('.criterion');
  assert.equal(await page.getByTestId('loading').count(), 0, 'the loading screen gave way to the app');
  assert.equal(await page.getByTestId('unit-select').inputValue(), 'phuong-kien-hung');
  assert.equal(await scoreInput(page, 'I.1.a').inputValue(), '45');
  assert.equal(await scoreInput(page, 'I.2.a').inputValue(), '17,5');
  assert.equal(await evidenceInput(page, 'I.1.a').inputValue(), 'Báo cáo số 125/BC-UBND ngày 10/12/2025');
  assert.equal(await text(page.getByTestId('total')), '62,5');
  await shot(page, 'one-file-scored');

  // The self-score bundle for the head: a Blob downloaded through <a download>.
  await goto(page, 'ho-so');
  const file = await downloadTo(join(SHOTS, 'one-file'), page, page.getByTestId('send-button'));
  assert.equal(file.name, '2025_cum-3_phuong-kien-hung_r1.thidua.json');
  const bundle = JSON.parse(file.content.toString('utf8'));
  assert.equal(bundle.thidua, 1);
  assert.equal(bundle.type, 'unit-submission');
  assert.match(bundle.signer, /^[0-9a-f]{64}$/);
  assert.match(bundle.signature, /^[0-9a-f]{128}$/);
  assert.equal(bundle.payload.scores['I.1.a'].points, 450);
  assert.equal(bundle.payload.scores['I.2.a'].points, 175);
  assert.ok(signatureHolds(bundle), 'the signature checks out');
  // The check can fail: a score raised after signing breaks it.
  const tampered = structuredClone(bundle);
  tampered.payload.scores['I.1.a'].points = 500;
  assert.equal(signatureHolds(tampered), false, 'a tampered copy does not check out');

  // Nothing but the page itself was loaded (the download is a blob: of the page).
  const others = requests.filter((u) => u !== fileUrl && !/^(data|blob):/.test(u));
  assert.ok(requests.includes(fileUrl), `the requests were recorded: ${requests}`);
  assert.deepEqual(others, [], 'no other file was requested');
  assert.deepEqual(errors, [], 'no console error, no CSP violation');
  await context.close();
});

test('opened from file://, the files module in the page reads a table file and makes the Excel sheets', async () => {
  const { context, page, errors } = await openApp({ browser: env.browser, url: fileUrl }, { acceptDownloads: true });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  // The table's Excel sheet, from the head's cluster page (the demo is the head's part).
  await goto(page, 'cum-thi-dua');
  const card = page.getByTestId('cluster-table');
  const sheet = await downloadTo(join(SHOTS, 'one-file'), page, card.getByTestId('table-in-force-xlsx'));
  assert.match(sheet.name, /\.xlsx$/);
  assert.equal(sheet.content.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');

  // That sheet read back by the table import of a new version's editor: the same table.
  await card.getByTestId('table-version-start').click();
  await card.getByTestId('table-editor').waitFor();
  await card.getByTestId('table-import-file').setInputFiles(sheet.path);
  await card.getByTestId('import-summary').waitFor({ timeout: 15000 });
  assert.match(await text(card.getByTestId('import-summary')), /^Đọc được \d+ dòng: /);
  assert.equal(await card.locator('[data-testid="import-preview"] tr[data-unsure="true"]').count(), 0, 'the app\'s own sheet reads back exactly');

  const others = requests.filter((u) => u !== fileUrl && !/^(data|blob):/.test(u));
  assert.deepEqual(others, [], 'no other file was requested');
  assert.deepEqual(errors, [], 'no console error, no CSP violation');
  await context.close();
});

test('opened from file://, the page\'s policy is in force: injected code is refused', async () => {
  const { context, page, errors } = await openApp({ browser: env.browser, url: fileUrl });
  assert.deepEqual(errors, [], 'the app started with no console error');
  const result = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    setTimeout('window.__evaluated = true', 0);
    await new Promise((r) => setTimeout(r, 300));
    return { seen: [...new Set(seen)].sort(), ran: window.__ran === true, evaluated: window.__evaluated === true };
  });
  assert.equal(result.ran, false, 'no injected script ran');
  assert.equal(result.evaluated, false, 'eval is refused');
  assert.deepEqual(result.seen, ['script-src', 'script-src-elem']);
  assert.ok(errors.length >= 2 && errors.every((e) => /Content Security Policy/.test(e)), errors.join('\n'));
  await context.close();
});
