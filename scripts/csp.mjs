// Puts the app's Content-Security-Policy into the built index.html, as a
// <meta http-equiv="Content-Security-Policy"> right after <meta charset>.
//
// Run by trunk after every build (Trunk.toml, [[hooks]] stage = "post_build"), on the staging
// copy of index.html, so `trunk build` and `trunk serve` both serve it. Also usable by hand or
// by another build step (the one-file build must call `withCsp` on its own final HTML):
//
//   node scripts/csp.mjs [index.html | dir]     (default: $TRUNK_STAGING_DIR/index.html)
//
// The policy (docs/security.md explains every directive): nothing but the app's own files.
// Inline code is allowed only by the SHA-256 of each inline <script> and <style> element the
// build wrote (trunk's module loader), computed here from the HTML itself, so a change in the
// loader changes the hash with it. Style attributes are allowed only for the exact values written
// as literals in the UI's views (src/ui, `style="..."`), by their hashes ('unsafe-hashes'):
// an injected style attribute with any other value is refused.
//
// Idempotent: a policy already in the page is replaced. Exits non-zero if the page has no
// <head>, so a broken build is not shipped without its policy.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** 'sha256-…' of a text, as CSP writes it (the HTML parser normalises CRLF to LF first). */
export const hashOf = (text) =>
  `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;

/** The text of every inline <script> (no src, JavaScript or module) and <style> element. */
export function inlineCode(html) {
  const scripts = [];
  const styles = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1];
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    // Data blocks (JSON, import maps are not used) are not run; only code needs a hash.
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    scripts.push(m[2]);
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) styles.push(m[1]);
  return { scripts, styles };
}

/**
 * The literal style attributes of the UI's views: `style="..."` in src/ui/**.rs. Leptos sets
 * them with setAttribute, which style-src checks as inline style.
 */
export function styleAttributes(root = ROOT) {
  const dir = join(root, 'src', 'ui');
  const found = new Set();
  if (!existsSync(dir)) return [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.rs')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\bstyle="([^"]*)"/g)) found.add(m[1]);
      }
    }
  };
  walk(dir);
  return [...found].sort();
}

/** The policy, given the hashes of the inline scripts, styles and style attributes. */
export function policy({ scripts = [], styles = [], styleAttrs = [] } = {}) {
  const attr = styleAttrs.length ? ["'unsafe-hashes'", ...styleAttrs] : ["'none'"];
  return [
    "default-src 'none'",
    `script-src 'self' ${[...scripts, "'wasm-unsafe-eval'"].join(' ')}`,
    `style-src 'self'${styles.length ? ` ${styles.join(' ')}` : ''}`,
    `style-src-attr ${attr.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `html` with its policy (replacing one already there). */
export function withCsp(html, { root = ROOT } = {}) {
  const clean = html.replace(/[ \t]*<meta\s+http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>\n?/gi, '');
  const { scripts, styles } = inlineCode(clean);
  const content = policy({
    scripts: [...new Set(scripts.map(hashOf))],
    styles: [...new Set(styles.map(hashOf))],
    styleAttrs: styleAttributes(root).map(hashOf),
  });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${content}">`;
  const charset = /<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*\/?>/i.exec(clean);
  if (charset) {
    const at = charset.index + charset[0].length;
    return `${clean.slice(0, at)}\n  ${meta}${clean.slice(at)}`;
  }
  const head = /<head\b[^>]*>/i.exec(clean);
  if (!head) throw new Error('no <head> in the page: cannot put the Content-Security-Policy in');
  const at = head.index + head[0].length;
  return `${clean.slice(0, at)}\n  ${meta}${clean.slice(at)}`;
}

/**
 * `trunk serve` (debug builds) appends its live-reload script with placeholders the dev server
 * fills in per request, which would change the script after its hash was taken. They are
 * replaced here by what the script computes at run time, so the hash holds.
 */
export function fixDevReload(html) {
  return html
    .replace(/'\{\{__TRUNK_ADDRESS__\}\}'/g, 'window.location.host')
    .replace(/'\{\{__TRUNK_WS_BASE__\}\}'/g, "new URL('./', window.location.href).pathname");
}

function target(arg) {
  const given = arg ?? process.env.TRUNK_STAGING_DIR ?? join(ROOT, 'dist');
  const p = resolve(given);
  return existsSync(p) && statSync(p).isDirectory() ? join(p, 'index.html') : p;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = target(process.argv[2]);
  // The head's and the council's parts are built from their own pages (public/parts/*.html),
  // which are never served: scripts/parts.mjs writes their loader into index.html, then the
  // policy again.
  if (!process.argv[2] && process.env.TRUNK_STAGING_DIR && !existsSync(file)) {
    console.log('csp: not index.html (a part of the app): nothing to do');
    process.exit(0);
  }
  try {
    let html = readFileSync(file, 'utf8');
    if (process.env.TRUNK_PROFILE === 'debug') html = fixDevReload(html);
    const out = withCsp(html);
    writeFileSync(file, out);
    const { scripts } = inlineCode(out);
    console.log(`csp: ${file}: policy written (${scripts.length} inline script(s) hashed)`);
  } catch (e) {
    console.error(`csp: ${file}: ${e.message}`);
    process.exit(1);
  }
}
