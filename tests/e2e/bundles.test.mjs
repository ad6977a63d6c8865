// Signed bundles end to end: a member exports its self-score, the head imports it in another
// browser (an isolated context: its own storage, its own keys), the merged view shows the
// scores, and tampered, duplicate and foreign-key copies get the right report lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, openApp, scoreInput, typeInto, shot, stored, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const text = async (loc) => (await loc.innerText()).trim();

let saved = 0;

/** Clicks a button that downloads a file; returns { name, path, content }. Each download is
 * saved under its own folder, since two devices may offer files with the same name. */
async function downloadFrom(page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  saved += 1;
  await mkdir(join(SHOTS, `download-${saved}`), { recursive: true });
  const path = join(SHOTS, `download-${saved}`, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, content: await readFile(path, 'utf8') };
}

async function goto(page, slug) {
  await page.locator(`nav a[data-page="${slug}"]`).click();
}

/** A member device for `unit`, with some scores, that exports its self-score bundle. */
async function memberExports(unit, scores) {
  const member = await openApp(env);
  await member.page.getByTestId('unit-select').selectOption(unit);
  for (const [code, value] of Object.entries(scores)) {
    await typeInto(scoreInput(member.page, code), value);
  }
  await member.page.keyboard.press('Tab');
  await goto(member.page, 'ho-so');
  const fingerprint = await text(member.page.getByTestId('fingerprint'));
  assert.match(fingerprint, /^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  const file = await downloadFrom(member.page, 'send-button');
  return { ...member, fingerprint, file };
}

async function headImports(head, paths) {
  await goto(head.page, 'nhan-ho-so');
  await head.page.getByTestId('inbox-files').setInputFiles(paths);
  await head.page.getByTestId('import-report').waitFor();
  return head.page.getByTestId('import-report').locator('tbody tr');
}

test('a member sends its self-score and the head sees it merged; a tampered copy is refused', async () => {
  const member = await memberExports('phuong-kien-hung', { 'I.1.a': '45', 'I.2.a': '18', 'C.2': '5' });
  assert.equal(member.file.name, '2025_cum-3_phuong-kien-hung_r1.thidua.json');
  const bundle = JSON.parse(member.file.content);
  assert.equal(bundle.type, 'unit-submission');
  assert.equal(bundle.payload.scores['I.1.a'].points, 450);
  assert.equal(await member.page.getByTestId('sent-history').locator('tbody tr').count(), 1);
  await shot(member.page, 'member-sent');

  // A tampered copy: one score raised after signing.
  const tamperedPath = member.file.path.replace('.thidua.json', '_tampered.thidua.json');
  await writeFile(tamperedPath, member.file.content.replace('"points": 450', '"points": 500'));
  const notJsonPath = join(SHOTS, 'notes.txt');
  await writeFile(notJsonPath, 'Biên bản họp cụm — not a bundle');

  const head = await openApp(env); // the demo's head unit, UBND phường Hà Cầu
  const rows = await headImports(head, [member.file.path, tamperedPath, member.file.path, notJsonPath]);
  assert.equal(await rows.count(), 4);
  assert.equal(await rows.nth(0).getAttribute('data-outcome'), 'accepted');
  assert.match(await text(rows.nth(0)), new RegExp(`Đã nhận\\. Đã ghi nhận khoá ký của đơn vị, mã nhận diện ${member.fingerprint}`));
  assert.equal(await rows.nth(1).getAttribute('data-outcome'), 'refused');
  assert.match(await text(rows.nth(1)), /Chữ ký không hợp lệ: tệp đã bị sửa sau khi ký/);
  assert.equal(await rows.nth(2).getAttribute('data-outcome'), 'duplicate');
  assert.equal(await rows.nth(3).getAttribute('data-outcome'), 'refused');
  assert.match(await text(rows.nth(3)), /Tệp không đọc được dưới dạng JSON/);
  assert.match(await text(head.page.getByTestId('keys')), new RegExp(member.fingerprint));
  await shot(head.page, 'head-import-report');

  await goto(head.page, 'tong-hop');
  const merged = head.page.getByTestId('merged');
  assert.match(await text(head.page.getByTestId('merged-summary')), /Đã nhận hồ sơ của 1\/8 đơn vị\. Chưa gửi: UBND phường Hà Cầu, UBND phường Phú La/);
  assert.equal(await text(merged.locator('tr[data-code="I.1.a"] td[data-unit="phuong-kien-hung"]')), '45');
  assert.equal(await text(merged.locator('tr[data-code="I.2.a"] td[data-unit="phuong-kien-hung"]')), '18');
  assert.equal(await text(merged.locator('tr[data-place="top"] td[data-total="phuong-kien-hung"]')), '58'); // 45 + 18 − 5
  assert.equal(await text(merged.locator('tr[data-place="bottom"] td[data-total="phuong-phu-la"]')), '');
  assert.match(await text(merged.locator('th[data-unit="phuong-kien-hung"]')), /r1 · Thời điểm nhận/);
  await shot(head.page, 'head-merged');

  // The audit trail survives a reload.
  await head.page.reload();
  await head.page.waitForSelector('.card');
  assert.equal(await text(head.page.locator('tr[data-place="bottom"] td[data-total="phuong-kien-hung"]')), '58');
  assert.deepEqual(member.errors, []);
  assert.deepEqual(head.errors, []);
  await member.context.close();
  await head.context.close();
});

test('a newer revision replaces the older one; the older arriving late is kept as superseded', async () => {
  const member = await memberExports('phuong-phu-la', { 'I.1.a': '40' });
  const r1 = member.file;
  await goto(member.page, 'cham-diem');
  await typeInto(scoreInput(member.page, 'I.1.a'), '42,5');
  await member.page.keyboard.press('Tab');
  await goto(member.page, 'ho-so');
  const r2 = await downloadFrom(member.page, 'send-button');
  assert.equal(r2.name, '2025_cum-3_phuong-phu-la_r2.thidua.json');
  const [p1, p2] = [JSON.parse(r1.content).payload, JSON.parse(r2.content).payload];
  assert.equal(p1.supersedes, null);
  assert.equal(p2.revision, 2);
  assert.match(p2.supersedes, /^[0-9a-f]{64}$/);
  assert.deepEqual(p2.changes.map((c) => [c.code, c.old, c.new]), [['I.1.a', null, 425]]);

  // In order: r2 follows r1 in the chain.
  const head = await openApp(env);
  let rows = await headImports(head, [r1.path, r2.path]);
  assert.equal(await rows.nth(0).getAttribute('data-outcome'), 'accepted');
  assert.equal(await rows.nth(1).getAttribute('data-outcome'), 'accepted');
  assert.doesNotMatch(await text(rows.nth(1)), /Chưa nhận được các lần gửi trước đó/);
  await goto(head.page, 'tong-hop');
  assert.equal(await text(head.page.locator('tr[data-code="I.1.a"] td[data-unit="phuong-phu-la"]')), '42,5');
  assert.match(await text(head.page.locator('th[data-unit="phuong-phu-la"]')), /^UBND phường Phú La\s+r2/);

  // Out of order, on another head device: r2 first (its predecessor unseen), then r1 late.
  const head2 = await openApp(env);
  rows = await headImports(head2, [r2.path, r1.path]);
  assert.match(await text(rows.nth(0)), /Chưa nhận được các lần gửi trước đó/);
  assert.equal(await rows.nth(1).getAttribute('data-outcome'), 'superseded');
  assert.match(await text(head2.page.getByTestId('audit')), /Bản cũ/);
  await head2.context.close();
  await member.context.close();
  await head.context.close();
});

test('a bundle signed with another key for an enrolled unit needs the head\'s explicit decision', async () => {
  const first = await memberExports('phuong-van-phuc', { 'I.1.a': '30' });
  const other = await memberExports('phuong-van-phuc', { 'I.1.a': '50' }); // another device, another key
  assert.notEqual(first.fingerprint, other.fingerprint);
  const head = await openApp(env);
  const rows = await headImports(head, [first.file.path, other.file.path]);
  assert.equal(await rows.nth(1).getAttribute('data-outcome'), 'key-changed');
  assert.match(await text(rows.nth(1)), /CẢNH BÁO: hồ sơ của “UBND phường Vạn Phúc” được ký bằng khoá khác/);
  const decision = head.page.getByTestId('key-decision');
  assert.match(await text(decision), new RegExp(other.fingerprint));
  await shot(head.page, 'head-key-warning');
  // Until decided, the first key's bundle stays in force.
  await goto(head.page, 'tong-hop');
  assert.equal(await text(head.page.locator('tr[data-code="I.1.a"] td[data-unit="phuong-van-phuc"]')), '30');
  await goto(head.page, 'nhan-ho-so');
  await decision.getByRole('button', { name: 'Chấp nhận khoá mới' }).click();
  // Same revision number, other content: now a conflict to settle, side by side.
  const conflict = head.page.getByTestId('conflict-decision');
  assert.match(await text(conflict), /I\.1\.a\s+30\s+50/);
  await conflict.getByRole('button', { name: 'Dùng bản mới' }).click();
  await goto(head.page, 'tong-hop');
  assert.equal(await text(head.page.locator('tr[data-code="I.1.a"] td[data-unit="phuong-van-phuc"]')), '50');
  for (const c of [first, other, head]) await c.context.close();
});

test('the head sends the cluster set-up; a member starts its year from it', async () => {
  const head = await openApp(env);
  await goto(head.page, 'ho-so');
  const headFp = await text(head.page.getByTestId('fingerprint'));
  await head.page.getByTestId('head-setup').locator('input[type="date"]').first().fill('2025-12-10');
  const setup = await downloadFrom(head.page, 'make-setup');
  assert.equal(setup.name, '2025_cum-3_thiet-lap.thidua.json');
  const payload = JSON.parse(setup.content).payload;
  assert.equal(payload.deadlines.self_score, '2025-12-10');
  assert.match(payload.table_hash, /^[0-9a-f]{64}$/);

  const member = await openApp(env);
  await member.page.getByTestId('unit-select').selectOption('phuong-mo-lao');
  await goto(member.page, 'ho-so');
  assert.match(await text(member.page.getByTestId('setup-current')), /Chưa nhận tệp thiết lập của cụm trưởng/);
  await member.page.getByTestId('setup-file').setInputFiles(setup.path);
  const card = member.page.getByTestId('setup-import');
  await card.locator('.notice').waitFor();
  assert.match(await text(card.locator('.notice')), new RegExp(`Đã nhận hồ sơ thiết lập\\. Mã nhận diện khoá của cụm trưởng: ${headFp}`));
  assert.match(await text(member.page.getByTestId('setup-current')), new RegExp(headFp));
  assert.equal(await text(member.page.getByTestId('self-score-due')), 'Hạn gửi kết quả tự chấm: 10/12/2025');
  // A member's own bundle is not a set-up: refused with its reason.
  const own = await downloadFrom(member.page, 'send-button');
  await member.page.getByTestId('setup-file').setInputFiles(own.path);
  await card.locator('.notice.error').waitFor();
  assert.match(await text(card.locator('.notice.error')), /Đây là hồ sơ tự chấm điểm của đơn vị, không phải hồ sơ thiết lập cụm/);
  await shot(member.page, 'member-setup');
  await member.context.close();
  await head.context.close();
});

test('the unit key is backed up under a passphrase and restored on another device', async () => {
  const a = await openApp(env);
  await a.page.getByTestId('unit-select').selectOption('phuong-la-khe');
  await goto(a.page, 'ho-so');
  const fp = await text(a.page.getByTestId('fingerprint'));
  const sentBefore = await downloadFrom(a.page, 'send-button');
  const card = a.page.getByTestId('backup');
  await a.page.getByTestId('passphrase').fill('mật khẩu an toàn 2025');
  await a.page.getByTestId('passphrase-again').fill('mật khẩu khác 2025');
  await card.getByTestId('make-backup').click();
  assert.equal(await text(card.locator('.notice.error')), 'Hai mật khẩu không khớp.');
  await a.page.getByTestId('passphrase-again').fill('mật khẩu an toàn 2025');
  const started = Date.now();
  const file = await downloadFrom(a.page, 'make-backup');
  console.log(`key backup (PBKDF2, 600 000 iterations) took ${Date.now() - started} ms in the browser`);
  assert.equal(file.name, 'phuong-la-khe.thidua-key.json');
  const backup = JSON.parse(file.content);
  assert.equal(backup.unit_id, 'phuong-la-khe');
  const seed = JSON.parse(await stored(a.page)).identities['phuong-la-khe'];
  assert.ok(!file.content.includes(seed), 'the backup file holds the secret key in clear');

  const b = await openApp(env);
  await b.page.getByTestId('unit-select').selectOption('phuong-la-khe');
  await goto(b.page, 'ho-so');
  assert.notEqual(await text(b.page.getByTestId('fingerprint')), fp);
  const restoreCard = b.page.getByTestId('backup');
  await b.page.getByTestId('passphrase').fill('sai mật khẩu 2025');
  await b.page.getByTestId('restore-file').setInputFiles(file.path);
  await restoreCard.locator('.notice').waitFor();
  assert.equal(await text(restoreCard.locator('.notice')), 'Mật khẩu không đúng, hoặc tệp sao lưu đã bị sửa.');
  await b.page.getByTestId('passphrase').fill('mật khẩu an toàn 2025');
  await b.page.getByTestId('restore-file').setInputFiles(file.path);
  await restoreCard.locator('.notice.ok').waitFor();
  assert.equal(await text(b.page.getByTestId('fingerprint')), fp);
  // The new device continues the revision chain from the file sent on the old one.
  await b.page.getByTestId('adopt-file').setInputFiles(sentBefore.path);
  await b.page.getByTestId('send').locator('.notice.ok').waitFor();
  assert.match(await text(b.page.getByTestId('send')), /Đã ghi nhận lần gửi thứ 1 từ tệp/);
  const next = await downloadFrom(b.page, 'send-button');
  assert.equal(next.name, '2025_cum-3_phuong-la-khe_r2.thidua.json');
  // A backup of another unit's key is refused.
  await b.page.getByTestId('unit-select').selectOption('phuong-phuc-la');
  await b.page.getByTestId('restore-file').setInputFiles(file.path);
  await restoreCard.locator('.notice.error').waitFor();
  assert.match(await text(restoreCard.locator('.notice.error')), /khoá của đơn vị “UBND phường La Khê”, không phải đơn vị đang chọn/);
  await a.context.close();
  await b.context.close();
});

test('files dragged from another window onto the inbox are imported like chosen ones', async () => {
  const member = await memberExports('phuong-phu-la', { 'I.1.a': '40' });
  const head = await openApp(env);
  await goto(head.page, 'nhan-ho-so');
  const zone = head.page.locator('label.dropzone');
  // What the browser hands the page when files are dropped: a DataTransfer holding them.
  const files = await head.page.evaluateHandle(([name, content]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], name, { type: 'application/json' }));
    dt.items.add(new File(['không phải hồ sơ'], 'ghi-chu.txt', { type: 'text/plain' }));
    return dt;
  }, [member.file.name, member.file.content]);
  await zone.dispatchEvent('dragover', { dataTransfer: files });
  assert.match(await zone.getAttribute('class'), /\bdragging\b/, 'the zone shows where to drop');
  await zone.dispatchEvent('drop', { dataTransfer: files });
  const rows = head.page.getByTestId('import-report').locator('tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(0).getAttribute('data-outcome'), 'accepted');
  assert.equal(await rows.nth(1).getAttribute('data-outcome'), 'refused');
  assert.doesNotMatch(await zone.getAttribute('class'), /\bdragging\b/);
  assert.deepEqual(head.errors, []);
  assert.deepEqual(member.errors, []);
  await head.context.close();
  await member.context.close();
});
