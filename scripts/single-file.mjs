// The one-file build: dist/thidua.html, the whole app in a single self-contained HTML file that
// runs when opened straight from the file system (file://, a double-click), for offices where
// nothing can be hosted. Copy that one file onto a computer (USB stick, e-mail) and open it.
//
//   node scripts/single-file.mjs [dir]        (default: dist/; run after `trunk build --release`)
//
// Why a separate file, built from trunk's output: on file:// Chromium gives the page an opaque
// origin, so it refuses the ES-module import of the wasm-bindgen glue from a sibling file and any
// fetch() of the .wasm. So this script takes the release build in dist/ and writes one page with:
//   - the style sheet inlined as a <style> element;
//   - the favicon as a data: URL;
//   - every part's glue inlined into the module script, each wrapped in a function so that its
//     top-level names stay its own (its `export`s become the `bindings` object trunk's loader
//     exposes), run only for the part that starts (the stored one, as scripts/parts.mjs does);
//     the on-demand files module's glue the same way, run by `window.thiduaFiles()` the first
//     time a part reads or makes a file (as the served loader imports it);
//   - every part's .wasm, and the files module's, gzip-compressed and base64-encoded in a data
//     block (<script type="application/octet-stream">, never run), the started part's decoded
//     in the page with DecompressionStream and given to its glue's init({ module_or_path:
//     bytes }), the files module's only when it is asked for, so nothing is fetched;
//   - the Content-Security-Policy of the served app (scripts/csp.mjs, withCsp), computed on this
//     page: its inline module script and <style> allowed by hash, 'wasm-unsafe-eval' for the
//     wasm, nothing else.
// Left out, as they mean nothing on file://: the service worker and the script registering it
// (public/offline.js, which skips file:// anyway), the manifest and its icons, the preloads.
// The app keeps its data in localStorage, which Chromium keeps for file:// pages too.
//
// Fails loudly (non-zero exit, nothing written) if a piece it expects is missing or if the page
// would still name another file: a new <link>/<script> in index.html must be handled here.
// dist/thidua.html is not part of the served app: scripts/size-report.sh counts only
// dist/*.wasm, *.js and *.css, and public/sw.js caches only the files index.html names.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { withCsp } from './csp.mjs';
import { FILES, FILES_LOADER, LOADING, PARTS, PART_KEY, filesOf, partsOf } from './parts.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = 'thidua.html';

const fail = (msg) => {
  throw new Error(msg);
};

/** A file of the build, named relative to the page ("./main-….css"); must exist. */
function piece(dir, ref) {
  if (/^[a-z][a-z0-9+.-]*:|^\/|\.\./i.test(ref)) fail(`${ref}: not a file of the build`);
  const path = join(dir, ref);
  if (!existsSync(path)) fail(`${ref}: named by index.html but missing from ${dir}`);
  return readFileSync(path);
}

const attr = (tag, name) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/**
 * The glue as a function body returning its exports: `export class A` → `class A`, …, and
 * `export { initSync, __wbg_init as default }` → `return { A, …, initSync, default: __wbg_init }`.
 * Refuses what an inline script cannot hold: an import (snippets), a dynamic import, or text
 * that would end or confuse the <script> element.
 */
export function glueAsFunction(glue) {
  if (/^\s*import\b(?!\s*\.\s*meta)/m.test(glue)) fail('the glue imports another module (a snippet?): it cannot be inlined');
  if (/\bimport\s*\(/.test(glue)) fail('the glue has a dynamic import(): it cannot be inlined');
  if (/<\/script|<!--|<script/i.test(glue)) fail('the glue contains "</script", "<script" or "<!--"');
  const names = [];
  let body = glue.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm, (_, kind, name) => {
    names.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\};?[ \t]*$/gm, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
      if (!m) fail(`the glue's export list is not understood: ${item}`);
      names.push([m[2] ?? m[1], m[1]]);
    }
    return '';
  });
  if (/^\s*export\b/m.test(body)) fail('the glue has an export form this script does not know');
  if (!names.some(([n]) => n === 'default')) fail('the glue has no default export (its init)');
  const exports = names.map(([as, name]) => (as === name ? name : `${JSON.stringify(as)}: ${name}`));
  return `${body.trimEnd()}\nreturn { ${exports.join(', ')} };`;
}

/**
 * The module script of the one file: every part's glue (each wrapped in a function, run only
 * when its part starts), and the start of the stored part (as the served loader does,
 * scripts/parts.mjs) with its wasm decoded from its data block; the files module's glue, run
 * with its wasm by `window.thiduaFiles()` when a part first asks for it.
 */
function loader(glues) {
  const factories = PARTS.map((p) => `  ${p}: () => {\n${glueAsFunction(glues[p])}\n  },`).join('\n');
  return `
const parts = {
${factories}
};
const filesGlue = () => {
${glueAsFunction(glues[FILES])}
};
const decoded = async (id) => {
  const b64 = document.getElementById('thidua-wasm-' + id).textContent.replace(/\\s+/g, '');
  const raw = atob(b64);
  const gz = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) gz[i] = raw.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
let filesLoading;
window.${FILES_LOADER} = () => (filesLoading ??= (async () => {
  const m = filesGlue();
  await m.default({ module_or_path: await decoded('${FILES}') });
  return m;
})().catch((e) => {
  filesLoading = undefined;
  throw e;
}));
${LOADING}let name = 'member';
try {
  const stored = localStorage.getItem('${PART_KEY}');
  if (stored && Object.hasOwn(parts, stored)) name = stored;
} catch (_) {}
if (wasmRuns) {
  // Nothing to download: the part's wasm is decoded from this file.
  phase('open');
  try {
    const bindings = parts[name]();
    const wasm = await bindings.default({ module_or_path: await decoded(name) });
    phase('open');
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    failed(e);
  }
}
`;
}

/** The one-file page from the release build in `dir` (its index.html and the files it names). */
export function singleFile(dir, { root = ROOT } = {}) {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) fail(`${indexPath}: missing (run trunk build --release first)`);
  let html = readFileSync(indexPath, 'utf8');
  html = html.replace(/[ \t]*<meta\s+http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>\n?/gi, '');
  html = html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '').replace(/\n(?:[ \t]*\n)+/g, '\n');

  // The loader (scripts/parts.mjs) names every part's glue and wasm.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  const boot = scripts.filter((m) => /\bconst parts = \{/.test(m[2]));
  if (boot.length !== 1) fail(`index.html: expected one parts loader script, found ${boot.length}`);
  const files = { ...partsOf(boot[0][0]), [FILES]: filesOf(boot[0][0]) };
  const glues = {};
  let blocks = '';
  for (const p of [...PARTS, FILES]) {
    glues[p] = piece(dir, files[p].js).toString('utf8');
    const wasmBytes = piece(dir, files[p].wasm);
    if (wasmBytes.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${files[p].wasm}: not a WebAssembly module`);
    const b64 = gzipSync(wasmBytes, { level: 9 }).toString('base64').replace(/.{1,4096}/g, '$&\n');
    blocks += `<script type="application/octet-stream" id="thidua-wasm-${p}">\n${b64}</script>\n`;
  }

  let styles = 0;
  let icons = 0;
  let out = html.replace(/[ \t]*<link\b[^>]*>\n?/gi, (tag) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href') ?? fail(`a <link> with no href: ${tag}`);
    if (rel === 'stylesheet') {
      const css = piece(dir, href).toString('utf8');
      if (/<\/style/i.test(css)) fail(`${href} contains "</style"`);
      if (/\burl\s*\(|@import/i.test(css)) fail(`${href} names other files (url() or @import): inline them first`);
      styles += 1;
      return `  <style>\n${css.trimEnd()}\n</style>\n`;
    }
    if (rel === 'icon') {
      const type = href.endsWith('.svg') ? 'image/svg+xml' : href.endsWith('.png') ? 'image/png' : fail(`${href}: icon type unknown`);
      icons += 1;
      return `  <link rel="icon" href="data:${type};base64,${piece(dir, href).toString('base64')}">\n`;
    }
    // Nothing to do on file://: the manifest, its icons, trunk's preloads of the glue and wasm.
    if (['manifest', 'apple-touch-icon', 'modulepreload', 'preload'].includes(rel)) return '';
    return fail(`index.html: a <link rel="${rel}"> this script does not know: ${tag.trim()}`);
  });
  if (styles === 0) fail('index.html: no style sheet');
  if (icons === 0) fail('index.html: no icon');

  let booted = 0;
  out = out.replace(/[ \t]*<script\b([^>]*)>([\s\S]*?)<\/script\s*>\n?/gi, (whole, attrs, code) => {
    const src = attr(attrs, 'src');
    if (src !== undefined) {
      // The service worker's registration (public/offline.js): no worker on file://.
      if (/^(?:\.\/)?offline-[0-9a-f]{1,16}\.js$/.test(src)) return '';
      return fail(`index.html: a <script src="${src}"> this script does not know`);
    }
    if (code !== boot[0][2]) return whole;
    booted += 1;
    return `${blocks}<script type="module">${loader(glues)}</script>\n`;
  });
  if (booted !== 1) fail('the parts loader script was not replaced');

  out = withCsp(out, { root });
  // Nothing may name another file: every src/href left must be a data: URL.
  const markup = out.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, '$1$3');
  for (const m of markup.matchAll(/<[a-z][^>]*?\s(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)) {
    if (!m[1].startsWith('data:')) fail(`the one file still names another file: ${m[1]}`);
  }
  if (!/<meta http-equiv="Content-Security-Policy"/.test(out)) fail('no Content-Security-Policy');
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  try {
    const html = singleFile(dir);
    const file = join(dir, OUTPUT);
    writeFileSync(file, html);
    const raw = Buffer.byteLength(html);
    const gz = gzipSync(html, { level: 9 }).length;
    console.log(`single-file: ${file}: ${raw} bytes (${Math.round(raw / 1024)} KB), gzip -9 ${gz} bytes (${Math.round(gz / 1024)} KB)`);
  } catch (e) {
    console.error(`single-file: ${e.message}`);
    process.exit(1);
  }
}
