// Puts the app's three parts and its on-demand files module into one release build
// (ARCHITECTURE.md, "Parts"):
//
//   node scripts/parts.mjs [dist] [partsDir]
//
// trunk builds the member's part from index.html into dist/ (its loader and the Content-Security-
// Policy included), and the head's and the council's parts and the files module from
// public/parts/<name>.html into <partsDir>/<name>/ (scripts/release.sh runs the builds). This
// script:
//   - copies each other part's and the files module's hashed .js glue and .wasm into dist/;
//   - replaces trunk's loader in dist/index.html with one (an async module at the end of the
//     body) that starts the part stored under
//     localStorage "thidua.part" (member when none or unknown), fetching its .wasm while its glue
//     loads; a part asked for a page it does not serve stores the right one and reloads
//     (src/ui/shared/shell.rs); meanwhile it keeps index.html's loading screen up to date (the
//     bar as the .wasm arrives, then "opening the stored data", or why the part cannot start);
//   - defines in that loader `window.thiduaFiles()`, which imports the files module (the table
//     readers and the .xlsx writers, src/bin/thidua-files.rs) the first time a part calls it and
//     resolves to its exports (src/ui/shared/files_module.rs); a failed load is forgotten, so a
//     later call tries again;
//   - drops trunk's preloads (they would fetch the member's part on every device);
//   - writes the policy again (scripts/csp.mjs), for the new loader's hash.
// The loader names every part's files as `js: '…'` / `wasm: '…'`, and the files module's the
// same way, which is how public/sw.js finds them to cache them all after one visit, and
// scripts/single-file.mjs to inline them.
//
// Fails loudly (non-zero exit, index.html untouched) if a piece is missing.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withCsp } from './csp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PARTS = ['member', 'head', 'council'];
export const PART_KEY = 'thidua.part';
/** The on-demand files module: its build's folder under partsDir, and the global function the
 * loader defines to load it (`files_module::LOADER` in Rust). */
export const FILES = 'files';
export const FILES_LOADER = 'thiduaFiles';

const fail = (msg) => {
  throw new Error(msg);
};

const TRUNK_LOADER = /[ \t]*<script type="module"[^>]*>\s*import init, \* as bindings from '\.\/([^']+\.js)';[\s\S]*?module_or_path: '\.\/([^']+\.wasm)'[\s\S]*?<\/script>\n?/;

/** The glue and wasm that trunk's loader in `html` starts. */
function trunkPart(html, where) {
  const m = TRUNK_LOADER.exec(html) ?? fail(`${where}: no trunk loader script`);
  return { js: m[1], wasm: m[2], loader: m[0] };
}

/** The loading screen's helpers (index.html's `#loading`), shared by this loader and the one
 * file's (scripts/single-file.mjs): `phase(p)` shows one of its phases (`download`, `open`,
 * `failed`, `unsupported`), `failed(e)` says the part could not start (and throws `e` on, so the
 * console has it). */
export const LOADING = `const loading = document.getElementById('loading');
const phase = (p) => { if (loading) loading.dataset.phase = p; };
const wasmRuns = typeof WebAssembly === 'object';
document.getElementById('loading-reload')?.addEventListener('click', () => location.reload());
const failed = (e) => {
  phase(wasmRuns ? 'failed' : 'unsupported');
  throw e;
};
phase(wasmRuns ? 'download' : 'unsupported');
`;

/** The served loader's bar (the one file has nothing to download): `counted(response, total)`
 * is the response with the bar moved as its body arrives (`total`: the .wasm's size, since a
 * gzipped response's length is not the body's). */
const COUNTED = `const counted = (response, total) => {
  const bar = document.getElementById('loading-bar');
  const percent = document.getElementById('loading-percent');
  if (!response.ok || !response.body || !bar || !total || typeof TransformStream !== 'function') return response;
  let done = 0;
  const body = response.body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      done += chunk.byteLength;
      const f = Math.min(done / total, 1);
      bar.value = f;
      if (percent) percent.textContent = Math.floor(f * 100) + '%';
      out.enqueue(chunk);
    },
  }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
`;

/** The loader that starts the stored part; `files` maps each part, and FILES, to its
 * { js, wasm }, and each part to its .wasm's `size` in bytes (the loading screen's bar). */
export function loader(files) {
  const map = PARTS.map((p) => `  ${p}: { js: './${files[p].js}', wasm: './${files[p].wasm}' },`).join('\n');
  const sizes = PARTS.map((p) => `${p}: ${files[p].size ?? 0}`).join(', ');
  return `<script type="module" async>
const parts = {
${map}
};
const wasmSizes = { ${sizes} };
const filesModule = { js: './${files[FILES].js}', wasm: './${files[FILES].wasm}' };
let filesLoading;
window.${FILES_LOADER} = () => (filesLoading ??= import(filesModule.js).then(async (m) => {
  await m.default({ module_or_path: fetch(filesModule.wasm) });
  return m;
}).catch((e) => {
  filesLoading = undefined;
  throw e;
}));
${LOADING}${COUNTED}let name = 'member';
try {
  const stored = localStorage.getItem('${PART_KEY}');
  if (stored && Object.hasOwn(parts, stored)) name = stored;
} catch (_) {}
if (wasmRuns) {
  try {
    const part = parts[name];
    const wasmFile = fetch(part.wasm).then((r) => counted(r, wasmSizes[name]));
    const bindings = await import(part.js);
    const wasm = await bindings.default({ module_or_path: wasmFile });
    phase('open');
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    failed(e);
  }
}
</script>
`;
}

/** The parts a built index.html's loader names: { member: { js, wasm }, … }. */
export function partsOf(html) {
  const found = {};
  for (const m of html.matchAll(/\b(\w+): \{ js: '\.\/([^']+)', wasm: '\.\/([^']+)' \}/g)) {
    found[m[1]] = { js: m[2], wasm: m[3] };
  }
  for (const p of PARTS) if (!found[p]) fail(`index.html: the loader names no ${p} part`);
  return Object.fromEntries(PARTS.map((p) => [p, found[p]]));
}

/** The files module a built index.html's loader names: { js, wasm }. */
export function filesOf(html) {
  const m = /\bconst filesModule = \{ js: '\.\/([^']+)', wasm: '\.\/([^']+)' \}/.exec(html)
    ?? fail('index.html: the loader names no files module');
  return { js: m[1], wasm: m[2] };
}

export function assemble(dist, partsDir, { root = ROOT } = {}) {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) fail(`${indexPath}: missing (run trunk build --release first)`);
  let html = readFileSync(indexPath, 'utf8');
  const member = trunkPart(html, indexPath);
  const sizeOf = (f) => statSync(f).size;
  const files = { member: { js: member.js, wasm: member.wasm, size: sizeOf(join(dist, member.wasm)) } };
  for (const p of [...PARTS.filter((p) => p !== 'member'), FILES]) {
    const dir = join(partsDir, p);
    const page = join(dir, 'index.html');
    if (!existsSync(page)) fail(`${page}: missing (build the ${p} part first)`);
    const { js, wasm } = trunkPart(readFileSync(page, 'utf8'), page);
    for (const f of [js, wasm]) {
      if (!existsSync(join(dir, f))) fail(`${join(dir, f)}: missing`);
      copyFileSync(join(dir, f), join(dist, f));
    }
    files[p] = { js, wasm, size: sizeOf(join(dir, wasm)) };
  }
  // At the end of the body and `async`: it runs as soon as it is parsed, the loading screen
  // above it, so the .wasm is asked for at once, not after the style sheets (which a deferred
  // script waits for: one more round trip, 0.56 s on a phone's 3G).
  html = html.replace(member.loader, '');
  if (!html.includes('</body>')) fail(`${indexPath}: no </body>`);
  html = html.replace('</body>', `${loader(files)}</body>`);
  // trunk's preloads of the member's glue and wasm.
  html = html.replace(/[ \t]*<link rel="(?:modulepreload|preload)"[^>]*>\n?/g, '');
  return { html: withCsp(html, { root }), files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  const partsDir = resolve(process.argv[3] ?? join(ROOT, 'target', 'parts'));
  try {
    const { html, files } = assemble(dist, partsDir);
    writeFileSync(join(dist, 'index.html'), html);
    for (const p of [...PARTS, FILES]) console.log(`parts: ${p}: ${files[p].js}, ${files[p].wasm}`);
  } catch (e) {
    console.error(`parts: ${e.message}`);
    process.exit(1);
  }
}
