// The release build's stylesheet minifier (scripts/css-min.mjs): what it removes and what it
// must keep. The pages drawn with the minified stylesheets are every other e2e test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyCss } from '../../scripts/css-min.mjs';
import { DIST } from './harness.mjs';

test('comments and white space go; strings, the spaces between tokens and every rule stay', () => {
  const css = `/* a comment */\n.a  .b > c {\n  font-family: "Segoe  UI", x ;\n  grid-template-areas: "brand lang" "brand reminder";\n}\n@media (max-width: 40rem) {\n  .x:not(.y) { margin: 0 auto; width: calc(100% - 1rem); }\n}\n.q[data-k="a; b{c}"] { content: "/* not a comment */"; }\n`;
  assert.equal(
    minifyCss(css),
    '.a .b > c{font-family: "Segoe  UI", x;grid-template-areas: "brand lang" "brand reminder"}'
      + '@media (max-width: 40rem){.x:not(.y){margin: 0 auto;width: calc(100% - 1rem)}}'
      + '.q[data-k="a; b{c}"]{content: "/* not a comment */"}\n',
  );
});

test("the app's stylesheets keep every block and every string when minified", () => {
  for (const name of ['main.css', 'document.css']) {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'style', name), 'utf8');
    const min = minifyCss(css);
    const strings = (t) => t.replace(/\/\*[\s\S]*?\*\//g, '').match(/"[^"]*"/g) ?? [];
    assert.deepEqual(strings(min), strings(css), name);
    const blocks = (t) => t.replace(/\/\*[\s\S]*?\*\//g, '').split('{').length;
    assert.equal(blocks(min), blocks(css), name);
    assert.ok(!min.includes('/*') && min.length < css.length * 0.85, `${name}: ${css.length} -> ${min.length}`);
  }
});

test('the release build ships the stylesheets minified, each linked with its own integrity', () => {
  const sheets = readdirSync(DIST).filter((f) => f.endsWith('.css'));
  assert.equal(sheets.length, 2);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  for (const f of sheets) {
    const css = readFileSync(join(DIST, f));
    assert.equal(css.toString('utf8'), minifyCss(css.toString('utf8')), `${f} is minified`);
    const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
    assert.ok(html.includes(`href="./${f}" integrity="${sri}"`), `${f}: its link's integrity is its own`);
  }
});
