// Issue 6, security: the Content-Security-Policy, no request leaving the app's origin during a
// whole session, every text that arrives in a file shown as text, and the size limit of files.
//
// The files with payloads come from `cargo run --example payload_scenario` (examples/
// payload_scenario.rs): every name, title, note, evidence, reason, document number, citation,
// registration, meeting text, one criterion's code and one award's id carry (unit ids are ASCII
// slugs, refused otherwise since issue 16)
//   <img src=x onerror=alert(1)><script>alert(2)</script>"'><svg onload=alert(3)>
// (or a shorter `"><img src=x onerror=alert(8)>` where the limit is 64 characters). Each page
// that shows them is checked for injected markup in the DOM itself (any `on…` attribute, an
// `img[src="x"]`, an `svg`, a script holding `alert(`), independently of the policy, which
// would also block an injected handler; a dialog opening fails the test; and the payload must be
// visible as text. The files it leaves are under screenshots/security/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  start, scoreInput, evidenceInput, typeInto, shot, stored, storedStore, SHOTS, DIST, text, norm, waitText,
  goto, downloadTo,
} from './harness.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(SHOTS, 'security');

const P = `<img src=x onerror=alert(1)><script>alert(2)</script>"'><svg onload=alert(3)>`;
const SHORT = `"><img src=x onerror=alert(8)>`;
const PAYLOAD_UNIT = 'don-vi-3';
const MAX_BYTES = 4 * 1024 * 1024;

let env;
let origin;
before(async () => {
  env = await start();
  origin = new URL(env.url).origin;
});
after(async () => { await env?.close(); });

/** The payload files: { kind: path }. */
async function payloadFiles() {
  const dir = join(OUT, 'files');
  await rm(dir, { recursive: true, force: true });
  const { stdout } = await run('cargo', ['run', '--quiet', '--example', 'payload_scenario', '--', dir], { cwd: ROOT, maxBuffer: 1 << 20 });
  const files = Object.fromEntries(stdout.trim().split('\n').map((l) => {
    const [kind, name] = l.split('\t');
    return [kind, join(dir, name)];
  }));
  assert.deepEqual(Object.keys(files).sort(), ['result', 'review', 'rules', 'setup', 'submission']);
  return files;
}

/**
 * A fresh device at the app that records every request its context makes (from before the first
 * one), the console errors, page errors and dialogs. `foreign` must stay empty: nothing leaves
 * the origin (data: and blob: URLs of the page never leave the machine).
 */
async function device({ empty = false } = {}) {
  const context = await env.browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
  const requests = [];
  const foreign = [];
  context.on('request', (r) => {
    const u = r.url();
    requests.push(u);
    if (!u.startsWith('data:') && new URL(u).origin !== origin) foreign.push(u);
  });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(env.url);
  await page.getByTestId('start-screen').waitFor();
  if (!empty) {
    await page.getByTestId('start-demo-button').click();
    await page.waitForSelector('.criterion');
  }
  return { context, page, requests, foreign, errors, dialogs };
}

/** Opens a page by its address (print pages have no tab). */
async function visit(page, slug) {
  await page.evaluate((s) => { window.location.hash = `#/${s}`; }, slug);
}

/** No markup from data in the DOM, no dialog: fails naming `where`. */
async function clean(d, where) {
  const bad = await d.page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) {
        if (/^on/i.test(a)) out.push(`<${el.localName} ${a}>`);
      }
    }
    for (const el of document.querySelectorAll('img[src="x"], svg')) out.push(`<${el.localName}>`);
    for (const s of document.scripts) if (s.textContent.includes('alert(')) out.push('<script>alert');
    return out;
  });
  assert.deepEqual(bad, [], `${where}: markup from data was inserted into the page`);
  assert.equal(await d.page.locator('img[src="x"]').count(), 0, where);
  assert.deepEqual(d.dialogs, [], `${where}: a dialog opened`);
}

/** The payload is shown as text in `locator` (and nothing was injected on the page). */
async function showsPayload(d, locator, where, payload = P) {
  await locator.first().waitFor();
  const t = await locator.first().innerText();
  assert.ok(t.includes(payload), `${where}: the payload is shown as text; got ${JSON.stringify(t.slice(0, 300))}`);
  await clean(d, where);
}

function nothingLeft(d, who) {
  assert.deepEqual(d.foreign, [], `${who}: requests left the origin ${origin}`);
  assert.ok(d.requests.some((u) => u.endsWith('.wasm')), `${who}: the requests were recorded`);
  assert.deepEqual(d.errors, [], `${who}: console errors (a CSP violation is one)`);
  assert.deepEqual(d.dialogs, [], `${who}: dialogs`);
}

test('the built page carries the policy: own files only, each inline script by its hash', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)">/g)];
  assert.equal(metas.length, 1, 'one policy');
  assert.ok(html.indexOf(metas[0][0]) < html.search(/<(script|link)\b/), 'the policy comes before any script or link');
  const policy = Object.fromEntries(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(policy['default-src'], ["'none'"]);
  for (const d of ['connect-src', 'worker-src', 'manifest-src', 'font-src', 'style-src']) {
    assert.deepEqual(policy[d], ["'self'"], d);
  }
  assert.deepEqual(policy['img-src'], ["'self'", 'data:']);
  for (const d of ['object-src', 'base-uri', 'form-action']) assert.deepEqual(policy[d], ["'none'"], d);
  const sources = Object.values(policy).flat();
  assert.ok(!sources.some((s) => /^'unsafe-(inline|eval)'$|^https?:|^\*$|^'strict-dynamic'$/.test(s)), `no loophole: ${sources.join(' ')}`);
  // script-src: 'self', 'wasm-unsafe-eval' and exactly the hash of each inline script.
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]));
  assert.ok(inline.length >= 1, "trunk's loader is inline");
  const hashes = inline.map((m) => `'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`);
  assert.deepEqual(policy['script-src'].sort(), ["'self'", "'wasm-unsafe-eval'", ...new Set(hashes)].sort());
  // Style attributes: only by hashes of fixed values.
  assert.equal(policy['style-src-attr'][0], "'unsafe-hashes'");
  assert.ok(policy['style-src-attr'].slice(1).every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)));
});

test('the policy is enforced: injected script, eval, a remote request and a style attribute are refused', async () => {
  const d = await device();
  const violations = await d.page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ran = true');
    img.src = 'x';
    document.body.append(img);
    // A string run as code later (not inside this evaluation, which the debugger lets eval).
    setTimeout('window.__evaluated = true', 0);
    const remote = await fetch('http://example.invalid/').then(() => 'fetched', () => 'refused');
    document.body.setAttribute('style', 'outline: 5px solid red');
    await new Promise((r) => setTimeout(r, 300));
    document.body.removeAttribute('style');
    return { seen: [...new Set(seen)].sort(), ran: window.__ran === true, evaluated: window.__evaluated === true, remote };
  });
  // The check the session below relies on sees such an element.
  await assert.rejects(clean(d, 'self-check'), /markup from data was inserted/);
  await d.page.evaluate(() => document.querySelector('img[src="x"]').remove());
  await clean(d, 'after removal');
  assert.equal(violations.ran, false, 'no injected code ran');
  assert.equal(violations.evaluated, false, 'eval is refused');
  assert.equal(violations.remote, 'refused');
  for (const dir of ['script-src', 'script-src-attr', 'script-src-elem', 'connect-src', 'style-src-attr']) {
    assert.ok(violations.seen.includes(dir), `a ${dir} violation was reported: ${violations.seen}`);
  }
  // Those refusals are logged as console errors: the only ones.
  assert.ok(d.errors.length >= 5);
  // (the image's own 404 is one more).
  assert.ok(d.errors.every((e) => /Content Security Policy|Failed to load resource/.test(e)), d.errors.join('\n'));
  await d.context.close();
});

test('a whole session as members, head and council: every text from a file shown as text, no request leaves the origin', async () => {
  const files = await payloadFiles();
  // The member's bundle under a file name that is a payload too (import report, audit trail).
  const named = join(OUT, 'named');
  await mkdir(named, { recursive: true });
  const oddName = join(named, '<img src=x onerror=alert(5)>.thidua.json');
  await copyFile(files.submission, oddName);

  // A member of the demo cluster scores and exports its self-score.
  const member = await device();
  const mp = member.page;
  await mp.getByTestId('unit-select').selectOption('phuong-phu-la');
  await typeInto(scoreInput(mp, 'I.1.a'), '45');
  await typeInto(evidenceInput(mp, 'I.1.a'), `Báo cáo ${P}`);
  await mp.keyboard.press('Tab');
  await goto(mp, 'ho-so');
  const own = await downloadTo(join(OUT, 'member'), mp, mp.getByTestId('send-button'));
  await clean(member, 'member: sending');

  // The head (the demo's head unit): scores, imports both bundles.
  const head = await device();
  const hp = head.page;
  await typeInto(scoreInput(hp, 'I.1.a'), '50');
  await hp.keyboard.press('Tab');
  await goto(hp, 'nhan-ho-so');
  await hp.getByTestId('inbox-files').setInputFiles([oddName, own.path]);
  const rows = hp.getByTestId('import-report').locator('tbody tr');
  await rows.nth(1).waitFor();
  for (let i = 0; i < 2; i += 1) assert.equal(await rows.nth(i).getAttribute('data-outcome'), 'accepted', await text(rows.nth(i)));
  await showsPayload(head, hp.getByTestId('import-report'), 'head: import report (file name)', '<img src=x onerror=alert(5)>.thidua.json');
  await showsPayload(head, hp.getByTestId('audit'), 'head: audit trail', '<img src=x onerror=alert(5)>.thidua.json');
  const submitted = JSON.parse(await stored(hp)).inbox.received.find((r) => r.unit_id === 'phuong-kien-hung');
  assert.ok(submitted.text.includes('Minh chứng <img src=x onerror=alert(1)>'), 'the evidence with its payload is kept as received');

  // The merged view.
  await goto(hp, 'tong-hop');
  await hp.getByTestId('merged').waitFor();
  assert.equal(await text(hp.locator('tr[data-code="I.1.a"] td[data-unit="phuong-kien-hung"]')), '50');
  await clean(head, 'head: merged view');

  // The payload rule set, put in force; the quotas for its awards.
  await goto(hp, 'binh-xet');
  await hp.getByTestId('rules-file').setInputFiles(files.rules);
  await showsPayload(head, hp.getByTestId('rules-in-force'), 'head: the rule set in force');
  const quotas = hp.locator('input[data-quota]');
  assert.equal(await quotas.count(), 3);
  assert.equal(await quotas.nth(2).getAttribute('data-quota'), `certificate${SHORT}`, 'an award id with a payload, as an attribute value');
  for (let i = 0; i < 3; i += 1) {
    await quotas.nth(i).fill('1');
    await quotas.nth(i).press('Tab');
  }
  await showsPayload(head, hp.getByTestId('quotas'), 'head: quotas (award names)');

  // The review of the member with payloads: a changed score and its reason typed by the head.
  await goto(hp, 'tham-dinh');
  await hp.getByTestId('review-unit').selectOption('phuong-kien-hung');
  const line = hp.locator('[data-testid="review-table"] tr[data-code="I.1.a"]');
  await line.locator('input.review-input').fill('40');
  await line.locator('input.review-input').press('Tab');
  await line.locator('input.reason-input').fill(`Lý do ${P}`);
  await line.locator('input.reason-input').press('Tab');
  await hp.getByTestId('missing-reasons').waitFor({ state: 'detached' });
  await clean(head, 'head: review');

  // The results, their explanations (citations with payloads) and the printed documents.
  await goto(hp, 'binh-xet');
  const results = hp.getByTestId('results-table');
  await results.waitFor();
  for (const s of await results.locator('details[data-testid="explain"] summary').all()) await s.click();
  await showsPayload(head, results, 'head: results and explanations');
  await shot(hp, 'security-results');
  await hp.getByTestId('print-summary').click();
  await showsPayload(head, hp.getByTestId('doc'), 'head: printed summary');
  await goto(hp, 'binh-xet');
  await hp.getByTestId('print-proposals').click();
  await hp.getByTestId('doc').waitFor();
  await clean(head, 'head: printed proposals');
  await goto(hp, 'binh-xet');
  await downloadTo(join(OUT, 'head'), hp, hp.getByTestId('send-review'));
  await downloadTo(join(OUT, 'head'), hp, hp.getByTestId('export-xlsx'));

  // The registrations: the member's, with payloads, in the consolidated list and its print.
  await goto(hp, 'dang-ky');
  await showsPayload(head, hp.locator('body'), 'head: registrations');
  await visit(hp, 'in-danh-sach-dang-ky');
  await showsPayload(head, hp.getByTestId('doc'), 'head: printed registrations');

  // A meeting whose texts the head types with payloads, closed and printed.
  await goto(hp, 'cuoc-hop');
  await hp.getByTestId('plan-kind').selectOption('compact');
  await hp.getByTestId('plan-date').fill('2025-02-20');
  await hp.getByTestId('plan-time').fill('08:00');
  await hp.getByTestId('plan-submit').click();
  await hp.getByTestId('meeting-ky-giao-uoc-1').click();
  await hp.getByTestId('meeting-editor').waitFor();
  await hp.getByTestId('meeting-place').fill(`Hội trường ${P}`);
  await hp.getByTestId('chair-name').fill(`Chủ trì ${SHORT}`);
  await hp.getByTestId('chair-position').fill('Chủ tịch');
  await hp.getByTestId('secretary-name').fill(`Thư ký ${SHORT}`);
  await hp.getByTestId('secretary-position').fill('Công chức');
  await hp.getByTestId('meeting-content').fill(`Nội dung ${P}`);
  await hp.getByTestId('meeting-save').click();
  const demoUnits = JSON.parse(await stored(hp)).cluster.units.map((u) => u.id);
  for (const u of demoUnits) {
    await hp.getByTestId(`attend-${u}`).selectOption('present');
    await hp.getByTestId(`rep-${u}`).fill(`Đại diện ${SHORT}`);
  }
  await hp.getByTestId('decision-text').fill(`Kết luận ${P}`);
  await hp.getByTestId('decision-add').click();
  await waitText(hp.getByTestId('decision-list'), /Kết luận/, { normalize: true });
  await hp.getByTestId('closing-time').fill('11:00');
  await hp.getByTestId('meeting-close').click();
  await hp.getByTestId('meeting-reopen').waitFor();
  await clean(head, 'head: meetings');
  await hp.getByTestId('print-minutes').click();
  await showsPayload(head, hp.getByTestId('doc'), 'head: printed minutes');

  // The reports, and the signed result for the council.
  await goto(hp, 'bao-cao');
  await hp.getByTestId('report-half-print').click();
  await hp.getByTestId('doc').waitFor();
  await clean(head, 'head: 6-month report');
  await goto(hp, 'bao-cao');
  await downloadTo(join(OUT, 'head'), hp, hp.getByTestId('report-year-docx'));
  const result = await downloadTo(join(OUT, 'head'), hp, hp.getByTestId('send-to-council-button'));
  await goto(hp, 'nhiem-ky');
  await clean(head, 'head: terms');
  await goto(hp, 'cham-diem');
  await clean(head, 'head: scoring');

  // A member of cluster cum-x, on its own device: names and titles from its set-up.
  const other = await device({ empty: true });
  const op = other.page;
  await op.getByTestId('join-file').setInputFiles(files.setup);
  await showsPayload(other, op.getByTestId('join-preview'), 'member: the set-up opened');
  await op.locator(`input[data-testid="join-unit"][value="${PAYLOAD_UNIT}"]`).check();
  await showsPayload(other, op.getByTestId('join-confirm'), 'member: the unit confirmed by name');
  await op.getByTestId('join-confirm').click();
  await op.waitForSelector('.criterion');
  // A reload in between: the set-up is stored, so the member's device opens on it.
  await op.reload();
  await op.waitForSelector('.criterion');
  await showsPayload(other, op.locator('.cluster-line'), 'member: cluster name');
  await showsPayload(other, op.getByTestId('device-unit'), 'member: its unit');
  assert.ok(norm(await text(op.getByTestId('device-unit'))).includes(norm(`Đơn vị 3 ${P}`)), 'member: unit name as text');
  await showsPayload(other, op.locator('.criterion').first(), 'member: criteria titles');
  const codes = await op.locator('.criterion').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  assert.ok(codes.includes(`B${SHORT}`), 'a criterion code with a payload, as an attribute value');
  await shot(op, 'security-member-setup');
  await goto(op, 'ket-qua-tham-dinh');
  await op.getByTestId('review-file').setInputFiles(files.review);
  await op.getByTestId('reviewed-own').waitFor();
  await showsPayload(other, op.getByTestId('reviewed'), 'member: the review received');
  await shot(op, 'security-member-review');
  for (const slug of ['dang-ky', 'ho-so', 'nhiem-ky', 'cuoc-hop', 'bao-cao', 'tong-hop']) {
    await visit(op, slug);
    await op.waitForTimeout(200);
    await clean(other, `member: ${slug}`);
  }

  // The council: this cluster's result and cum-x's, whose every name carries a payload.
  const council = await device();
  const cp = council.page;
  await goto(cp, 'hoi-dong');
  await cp.getByTestId('council-files').setInputFiles([result.path, files.result]);
  const lines = cp.getByTestId('council-import').locator('tbody tr');
  await lines.nth(1).waitFor();
  for (let i = 0; i < 2; i += 1) assert.equal(await lines.nth(i).getAttribute('data-outcome'), 'accepted', await text(lines.nth(i)));
  await showsPayload(council, cp.getByTestId('council-import'), 'council: import report');
  const overview = cp.getByTestId('council-overview');
  await showsPayload(council, overview, 'council: overview');
  const overviewText = norm(await text(overview));
  for (const name of ['Cụm ', 'Đơn vị 1 ', 'Đơn vị 3 ']) {
    assert.ok(overviewText.includes(norm(name + P)), `council: “${name}…” with its payload, as text`);
  }
  await shot(cp, 'security-council');

  for (const [who, d] of [['member', member], ['head', head], ['cum-x member', other], ['council', council]]) {
    nothingLeft(d, who);
    await d.context.close();
  }
});

test('a file over the size limit is refused unread with its size, and nothing is stored', async () => {
  const big = (name, bytes) => ({ name, mimeType: 'application/json', buffer: Buffer.alloc(bytes, 0x20) });
  const tooBig = /Tệp quá lớn \(4097 KB; tối đa 4096 KB\)\./;
  const d = await device();
  const p = d.page;
  /** Chooses an oversized file in `input`; the message appears in `where`; storage unchanged. */
  // What is stored: the workspace as is; of the council's store only what it received (the
  // council page writes its store, unchanged, after every import).
  const storage = async () => {
    const council = await storedStore(p, 'council');
    return JSON.stringify({
      all: await p.evaluate(() => ({ ...localStorage })),
      workspace: await stored(p),
      results: council ? JSON.parse(council).results : [],
    });
  };
  async function refused(what, input, where, bytes = MAX_BYTES + 1, want = tooBig) {
    const before = await storage();
    await p.getByTestId(input).setInputFiles([big(`${what}.thidua.json`, bytes)]);
    await waitText(where, want);
    assert.ok(await storage() === before, `${what}: nothing is stored`);
  }

  // The head's inbox: one report line per file.
  await goto(p, 'nhan-ho-so');
  await refused('hop-thu', 'inbox-files', p.getByTestId('import-report').locator('tbody tr').first());
  assert.equal(await p.getByTestId('import-report').locator('tbody tr').first().getAttribute('data-outcome'), 'refused');
  // A rule set file.
  await goto(p, 'binh-xet');
  await refused('quy-tac', 'rules-file', p.getByTestId('rules').locator('.notice.error'));
  // A set-up file and a sent bundle to adopt, on the exchange page (which makes the unit's key
  // on its first visit, so the page is opened first).
  await goto(p, 'ho-so');
  await p.getByTestId('fingerprint').waitFor();
  await refused('thiet-lap', 'setup-file', p.getByTestId('setup-import').locator('.notice.error'));
  await refused('da-gui', 'adopt-file', p.getByTestId('send').locator('.notice.error'));
  // A review file (a member's page).
  await goto(p, 'ket-qua-tham-dinh');
  await refused('tham-dinh', 'review-file', p.getByTestId('reviewed').locator('.notice.error'));
  // The council's import, with a larger file (the council office's part, started for its page).
  await goto(p, 'hoi-dong');
  await p.getByTestId('council-import').waitFor();
  await refused('ket-qua', 'council-files', p.getByTestId('council-import').locator('tbody tr').first(),
    5 * 1024 * 1024, /Tệp quá lớn \(5120 KB; tối đa 4096 KB\)\./);
  assert.equal(await p.getByTestId('council-import').locator('tbody tr').first().getAttribute('data-outcome'), 'refused');
  assert.deepEqual(d.errors, []);
  assert.deepEqual(d.foreign, []);
  await d.context.close();
});

test('a key backup file over the size limit is refused with its size', async () => {
  const d = await device();
  const p = d.page;
  await goto(p, 'ho-so');
  await p.getByTestId('fingerprint').waitFor();
  const before = await stored(p);
  await p.getByTestId('passphrase').fill('mot mat khau dai du');
  await p.getByTestId('restore-file').setInputFiles({ name: 'khoa.thidua-key.json', mimeType: 'application/json', buffer: Buffer.alloc(MAX_BYTES + 1, 0x20) });
  const notice = p.getByTestId('backup').locator('.notice.error');
  await notice.waitFor();
  assert.match(await text(notice), /Tệp quá lớn \(4097 KB; tối đa 4096 KB\)\./);
  assert.ok(await stored(p) === before, 'nothing is stored');
  await d.context.close();
});

test('a set-up of another cluster is refused in the demo; opened on an empty device, it lists its units at once', async () => {
  const files = await payloadFiles();
  const d = await device();
  await goto(d.page, 'ho-so');
  const before = await stored(d.page);
  await d.page.getByTestId('setup-file').setInputFiles(files.setup);
  await waitText(d.page.getByTestId('setup-import').locator('.notice.error'), /^Tệp thiết lập của cụm khác/);
  assert.equal(await stored(d.page), before, 'nothing changed');
  const fresh = await device({ empty: true });
  await fresh.page.getByTestId('join-file').setInputFiles(files.setup);
  const values = await fresh.page.getByTestId('join-unit').evaluateAll((rs) => rs.map((r) => r.value));
  assert.deepEqual(values, ['don-vi-2', PAYLOAD_UNIT], 'every member but the head');
  await d.context.close();
  await fresh.context.close();
});
