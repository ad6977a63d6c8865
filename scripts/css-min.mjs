// Makes the release build's stylesheets smaller, in place: comments out, white space down to
// what CSS needs (one space where two tokens would otherwise touch, none beside a brace or a
// semicolon), the last semicolon of each block dropped. Strings ("Segoe UI", attribute values,
// grid areas) are kept exactly as written. About 1.7 KB gzipped less in every part's first
// load (docs/performance.md, "Download size"); trunk's own minification (`--minify`) would also
// rewrite the HTML, which scripts/csp.mjs and scripts/parts.mjs read.
//
//   node scripts/css-min.mjs [dist]
//
// Run by scripts/release.sh after scripts/parts.mjs and before scripts/single-file.mjs (which
// inlines the stylesheets). The files keep trunk's hashed names (the same sources always give
// the same minified text, so a name still stands for one content); the `integrity` trunk wrote
// on each stylesheet's link in index.html is written again for the minified text, else the
// browser refuses the stylesheet. Fails (non-zero exit, nothing written) when a stylesheet has
// no such link.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TOKEN = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\/\*[\s\S]*?\*\/)|(\s+)|([^"'\/\s]+|\/)/g;

/** `css` minified (see the top of this file). */
export function minifyCss(css) {
  let out = '';
  let space = false;
  for (const m of css.matchAll(TOKEN)) {
    const [, string, comment, white, other] = m;
    if (comment !== undefined) continue;
    if (white !== undefined) {
      space = true;
      continue;
    }
    const piece = string ?? other;
    if (string === undefined && piece.startsWith('}') && out.endsWith(';')) out = out.slice(0, -1);
    if (space && out !== '' && !/[{};]$/.test(out) && !/^[{};]/.test(piece)) out += ' ';
    space = false;
    out += piece;
  }
  return `${out}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
  const indexPath = join(dist, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const sheets = [];
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.css'))) {
    const before = readFileSync(join(dist, f), 'utf8');
    const after = minifyCss(before);
    const link = new RegExp(`(<link rel="stylesheet" href="\\./${f.replace(/[.]/g, '\\.')}" integrity=")sha384-[A-Za-z0-9+/=]+(")`);
    if (!link.test(html)) {
      console.error(`css-min: index.html has no link with an integrity for ${f}`);
      process.exit(1);
    }
    const sri = `sha384-${createHash('sha384').update(after, 'utf8').digest('base64')}`;
    html = html.replace(link, `$1${sri}$2`);
    sheets.push([f, before, after]);
  }
  for (const [f, before, after] of sheets) {
    writeFileSync(join(dist, f), after);
    console.log(`css-min: ${f}: ${before.length} -> ${after.length} bytes`);
  }
  writeFileSync(indexPath, html);
}
