// thidua's service worker: keeps the app shell (the page, its wasm, JS, CSS, icons and manifest)
// in the Cache Storage, so that after one visit the app opens and works with no network.
//
// trunk puts a hash in the built file names, so the worker learns them from the page itself: it
// reads the href/src of index.html and caches every same-origin file named there (and the icons
// the manifest names) under a cache named after a digest of that page. Each time the page is
// loaded from the network and differs (a new release), its files are cached under a new name and,
// once all are stored, the older caches are deleted. Nothing from another origin is ever
// intercepted or cached; the workspace itself lives in localStorage, not here.
'use strict';

const PREFIX = 'thidua-shell-';
/** trunk's hashed names (main-fc7969c895892a42.css, thidua-8caacac385031633_bg.wasm): a 64-bit
 * hash in hex without its leading zeros, so 16 digits or a few less (never "icon-192.png"). */
const HASHED = /-[0-9a-f]{12,16}(?:_bg)?\.\w+$/;

const scope = () => self.registration.scope;
const isPage = (url) => {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href === scope() || u.href === scope() + 'index.html';
};

/** The same-origin files a page names (link href, script src, the loader's parts). */
function shellFiles(html, base) {
  const found = new Set();
  // `js:` and `wasm:` are the loader's names of each part's files and of the on-demand files
  // module's (scripts/parts.mjs): every part and the module are cached, so every role works
  // offline after one visit, reading and making files included.
  const re = /(?:\b(?:href|src)\s*=\s*|\bfrom\s+|\bmodule_or_path\s*:\s*|\b(?:js|wasm)\s*:\s*)["']([^"'#]+)["']/g;
  for (const [, ref] of html.matchAll(re)) {
    const url = new URL(ref, base);
    if (url.origin === self.location.origin && !isPage(url.href)) found.add(url.href);
  }
  return [...found];
}

/** Stores the shell of the page `html` (unless already stored), then drops older shells. */
async function store(html) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(html));
  const hex = [...new Uint8Array(digest, 0, 8)].map((b) => b.toString(16).padStart(2, '0'));
  const name = PREFIX + hex.join('');
  const cache = await caches.open(name);
  if (!(await cache.match(scope()))) {
    try {
      await fill(cache, html);
    } catch (e) {
      // A shell that could not be stored whole (a file gone: a newer release replaced it) is
      // of no use: it is dropped, never left behind empty beside the complete one.
      await caches.delete(name);
      throw e;
    }
  }
  for (const old of await caches.keys()) {
    if (old.startsWith(PREFIX) && old !== name) await caches.delete(old);
  }
}

/** Stores every file of the page `html`, the page last. */
async function fill(cache, html) {
  const todo = shellFiles(html, scope());
  for (let i = 0; i < todo.length; i += 1) {
    const url = todo[i];
    let res = await cache.match(url);
    if (!res) {
      // Hashed files never change, so the HTTP cache's copy (from the page's own load) will do.
      const mode = HASHED.test(new URL(url).pathname) ? 'force-cache' : 'no-cache';
      res = await fetch(new Request(url, { cache: mode }));
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await cache.put(url, res.clone());
    }
    if (new URL(url).pathname.endsWith('.webmanifest')) {
      for (const icon of (await res.json()).icons ?? []) {
        const src = new URL(icon.src, url);
        if (src.origin === self.location.origin && !todo.includes(src.href)) todo.push(src.href);
      }
    }
  }
  // The page last: a cache that holds it holds the whole shell.
  const headers = { 'content-type': 'text/html; charset=utf-8' };
  await cache.put(scope(), new Response(html, { headers }));
}

// One store at a time, so that two versions never delete each other's cache.
let queue = Promise.resolve();
const keep = (html) => {
  const run = () => store(html);
  queue = queue.then(run, run);
  return queue;
};

/** The newest complete stored page. */
async function storedPage() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  for (const name of names.reverse()) {
    const page = await (await caches.open(name)).match(scope());
    if (page) return page;
  }
  return undefined;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const res = await fetch(new Request(scope(), { cache: 'no-cache' }));
    if (!res.ok) throw new Error(`${scope()}: ${res.status}`);
    await keep(await res.text());
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The page: from the network when it answers (and its shell stored), else the stored one. */
async function page(event) {
  const { request } = event;
  try {
    const res = await fetch(request);
    if (res.ok && isPage(request.url)) {
      event.waitUntil(res.clone().text().then(keep).catch(() => {}));
    }
    return res;
  } catch {
    const stored = isPage(request.url) ? await storedPage() : await caches.match(request);
    return stored ?? Response.error();
  }
}

/** A hashed file: from the cache, else from the network. */
async function cacheFirst(request) {
  return (await caches.match(request)) ?? fetch(request);
}

/** Any other same-origin file (manifest, icons): from the network, else from the cache. */
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch {
    return (await caches.match(request)) ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(event));
  else if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});
