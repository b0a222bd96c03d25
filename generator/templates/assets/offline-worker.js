/* Offline reading: the service worker. sw.js, generated at the root of the site (or of a
   version's folder), sets self.RICHTLIJNEN_OFFLINE and imports this file; that folder is the
   worker's scope, so each version deployed with mike has a worker and a cache of its own.

   One cache per scope and release: "richtlijnen-offline <scope path> <release>", for example
   "richtlijnen-offline /latest/ 2026.2". A new release in the same folder installs a new worker;
   it first saves again whatever the reader had saved with the old one (so a saved guideline is
   not lost on the next home visit), and on activation deletes the older caches of its own scope.
   It never touches the cache of another folder.

   What is cached, and when:
   - pages and the site's own files, each time the browser fetches them, also through Material's
     instant navigation: from the network first, so a new release shows at once, and from the
     cache when there is no connection (or it takes too long and a copy is there);
   - files whose name carries a content hash (the theme's bundle, the search index chunks): from
     the cache first, as they never change under the same name;
   - the search index (pagefind/) only once the reader saved something: before that the browser
     fetches it without the worker, which made a first search twice as slow;
   - the downloads (PDFs) only when the reader saves them: a guideline with its own PDFs, or the
     whole publication;
   - "offline bewaren" (assets/offline.js asks over a message port): every file that offline.json
     lists for the guideline or the publication, and a record of when, kept in the same cache
     under .offline/ so that it goes when the cache goes.

   A classic worker, not a module worker: Firefox runs module service workers only since version
   147 (January 2026), and an ESR or an older Firefox would then have no offline reading at all.
   So it imports no module (importScripts cannot load one) and keeps its few helpers itself. */
"use strict";

const SETTINGS = self.RICHTLIJNEN_OFFLINE || {};
const RELEASE = String(SETTINGS.release || "");
const SITE_NAME = String(SETTINGS.siteName || "");
const MANIFEST_FORMAT = SETTINGS.manifestFormat;
// The words of its page for a page not saved, from the catalogue (teksten.yaml `werker`, put in
// sw.js at build time: a worker cannot read a page's JSON).
const TEXTS = SETTINGS.texts || {};
const SCOPE = new URL(self.registration.scope);
const PREFIX = "richtlijnen-offline ";
// A scope path never contains a space (it is URL-encoded), so the prefix tells scopes apart.
const OWN_CACHES = `${PREFIX}${SCOPE.pathname} `;
const CACHE = OWN_CACHES + RELEASE;
const RECORDS = `${SCOPE.pathname}.offline/`; // no page of the site lives under a dot folder
const MANIFEST = "offline.json";
const PARALLEL_DOWNLOADS = 4;
// On a weak connection a reader would rather see the saved copy than wait; the fresh copy still
// replaces it in the cache when it arrives.
const SLOW_NETWORK_MS = 6000;
const HASHED = [/\.[0-9a-f]{8}\.min\.(?:js|css)$/, /\/pagefind\/(?:index|fragment|filter)\//, /\.pf_meta$/];

// --- Which requests are ours, and under which key ------------------------------------------

function ours(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return false;
  const path = url.pathname.slice(SCOPE.pathname.length);
  // The worker's own files are the browser's business; the preview's reload channel is no page.
  return path !== "sw.js" && !path.startsWith(".offline/") && !path.startsWith("livereload/");
}

// The search index: hundreds of small files at scale, of which a search fetches a dozen. Kept
// only once the reader saved something (a save stores all of them); before that the worker lets
// the browser fetch them itself: through the worker each cost twice as long (bench/search), and
// a search then showed its first answer later.
function isSearchFile(url) {
  return url.pathname.slice(SCOPE.pathname.length).startsWith("pagefind/");
}

// Whether this release's cache holds a saved group. Until the records are read, as if it did:
// offline, the saved search index must be found.
let anythingSaved = true;
records(CACHE).then((saved) => {
  anythingSaved = Object.keys(saved).length > 0;
});

function isDownload(url) {
  return url.pathname.slice(SCOPE.pathname.length).startsWith("downloads/");
}

// One key per page: no query (Pagefind adds ?ts=, search links may add ?h=), no fragment, and
// a folder's index.html is the folder.
function keyOf(address) {
  const url = new URL(address, SCOPE);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return url.href;
}

function storable(response) {
  return response && response.status === 200 && response.type === "basic" && !response.redirected;
}

function recordKey(group) {
  return new URL(RECORDS + encodeURIComponent(group), SCOPE).href;
}

// --- Lifecycle -----------------------------------------------------------------------------

self.addEventListener("install", (event) => {
  // When saving again fails for want of a connection, so does this install: the old worker and
  // its cache stay, and the browser tries again on a later visit.
  event.waitUntil(
    caches
      .open(CACHE)
      .then(carryOver)
      .then(() => self.skipWaiting())
  );
});

// The cache is made once, on install. A worker that a newer release replaced may still finish a
// fetch; it must not bring back the cache that the newer worker deleted.
async function ownCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

async function keep(key, response) {
  const cache = await ownCache();
  if (cache) await cache.put(key, response);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(OWN_CACHES) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })()
  );
});

async function carryOver() {
  const older = (await caches.keys()).filter((name) => name.startsWith(OWN_CACHES) && name !== CACHE);
  const groups = new Set();
  for (const name of older) Object.keys(await records(name)).forEach((group) => groups.add(group));
  if (!groups.size) return;
  let manifest;
  try {
    manifest = await fetchManifest();
  } catch (error) {
    if (error instanceof TypeError) throw error; // no connection: try again later
    return; // this release has no usable list: nothing can be saved again, so do not wait for it
  }
  for (const group of groups) {
    const plan = planFor(manifest, group);
    if (!plan) continue; // a guideline this release dropped
    const result = await save(plan, () => undefined);
    if (result.failed) throw new Error(`${group}: ${result.failed} of ${result.total} files not saved`);
  }
}

// --- Fetching ------------------------------------------------------------------------------

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  if (!ours(url) || (!anythingSaved && isSearchFile(url))) return;
  const key = keyOf(url);
  let settle;
  const background = new Promise((resolve) => {
    settle = resolve;
  });
  const fromNetwork = () =>
    fetch(request).then(
      (response) => {
        if (storable(response) && !isDownload(url)) {
          const copy = response.clone();
          settle(keep(key, copy).catch(() => undefined));
        } else {
          settle();
        }
        return response;
      },
      (error) => {
        settle();
        throw error;
      }
    );
  const answer = HASHED.some((pattern) => pattern.test(url.pathname))
    ? cacheFirst(key, fromNetwork, settle)
    : networkFirst(request, key, fromNetwork);
  event.respondWith(answer);
  event.waitUntil(background); // the copy for the cache is written after the answer went out
});

async function cacheFirst(key, fromNetwork, settle) {
  const cached = await caches.match(key, { cacheName: CACHE });
  if (cached) {
    settle();
    return cached;
  }
  return fromNetwork();
}

async function networkFirst(request, key, fromNetwork) {
  const fresh = fromNetwork();
  const cached = await caches.match(key, { cacheName: CACHE });
  if (!cached) return fresh.catch(() => unavailable(request));
  return Promise.race([
    fresh.then(
      (response) => (response.status >= 500 ? cached : response),
      () => cached
    ),
    new Promise((resolve) => {
      setTimeout(() => resolve(cached), SLOW_NETWORK_MS);
    }),
  ]);
}

// Offline and not saved. A page opened in the browser gets a page that says so; a fetch (such as
// Material's instant navigation) gets a network error, on which Material loads the page itself.
async function unavailable(request) {
  if (request.mode !== "navigate") return Response.error();
  const saved = Object.values(await records(CACHE));
  return new Response(offlinePage(saved), {
    status: 503,
    statusText: "Offline",
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// As dutchLongDate in common.js, which this classic worker cannot import.
function dutchDate(iso) {
  return new Date(iso).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

// A text with its {placeholders} filled, escaped for HTML.
function text(key, values = {}) {
  return escapeHtml(String(TEXTS[key] ?? "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? "")));
}

function offlinePage(saved) {
  const home = escapeHtml(SCOPE.pathname);
  const items = saved.map(
    (r) => `<li><a href="${escapeHtml(keyOf(r.start))}">${escapeHtml(r.title)}</a> (${text("opgeslagen", { datum: dutchDate(r.saved) })})</li>`
  );
  const list = saved.length ? `<h2>${text("bewaard")}</h2><ul>${items.join("")}</ul>` : "";
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text("titel")} · ${escapeHtml(SITE_NAME)}</title>
<style>
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1f2937; }
header { background: #1d4f73; color: #fff; padding: 0.8rem 1rem; font-weight: 600; }
main { max-width: 40rem; padding: 0.5rem 1rem 2rem; }
h1 { font-size: 1.5rem; line-height: 1.3; color: #123650; }
h2 { font-size: 1.1rem; }
a { color: #1a5a8a; text-decoration: underline; }
.rl-versie { color: #4b5563; font-size: 0.9rem; }
</style>
</head>
<body>
<header>${escapeHtml(SITE_NAME)}</header>
<main>
<h1>${text("kop")}</h1>
<p>${text("uitleg")}</p>
${list}
<p><a href="${home}">${text("startpagina")}</a> · <a href="">${text("opnieuw")}</a></p>
<p class="rl-versie">${text("publicatie", { versie: RELEASE })}</p>
</main>
</body>
</html>
`;
}

// --- Saving on request ---------------------------------------------------------------------

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports[0];
  const reply = (message) => {
    if (port) port.postMessage(message);
  };
  let work = null;
  if (data.type === "status") work = savedGroups().then(reply);
  else if (data.type === "save") work = saveGroup(String(data.group), reply);
  else if (data.type === "remove") work = remove(String(data.group)).then(reply);
  else if (data.type === "visited") work = keepVisited(Array.isArray(data.urls) ? data.urls : []);
  if (work) event.waitUntil(work.catch((error) => reply({ type: "error", reason: "unexpected", message: String(error) })));
});

async function fetchManifest() {
  const response = await fetch(new URL(MANIFEST, SCOPE), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${MANIFEST}: ${response.status}`);
  return response.json();
}

// What saving a group stores: its pages (removed again with it) and the files every page needs
// (kept, because pages read earlier need them too). offline.json lists both per group, by the rule
// of generator/templates/offline/offline.schema.json, the size the control shows included: a
// group's pages, its files and the shared files. A list of another form than the one this
// worker was generated with is not read.
function planFor(manifest, group) {
  if (!manifest || manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.groups)) return null;
  const found = manifest.groups.find((g) => g.id === group);
  if (!found) return null;
  return { group, title: found.title, start: found.start, pages: found.pages, files: [...found.files, ...manifest.shared] };
}

async function saveGroup(group, reply) {
  let manifest;
  try {
    manifest = await fetchManifest();
  } catch {
    reply({ type: "error", reason: "offline" });
    return;
  }
  const plan = planFor(manifest, group);
  if (!plan) {
    reply({ type: "error", reason: "unknown" });
    return;
  }
  const result = await save(plan, (done, total) => reply({ type: "progress", done, total }));
  if (result.failed) reply({ type: "error", reason: "incomplete", failed: result.failed, total: result.total });
  else reply({ type: "saved", group, saved: result.record.saved, count: result.total });
}

async function save(plan, progress) {
  const pages = [...new Set(plan.pages.map(keyOf))];
  const files = [...new Set(plan.files.map(keyOf))].filter((key) => !pages.includes(key));
  const all = [...pages, ...files];
  let next = 0;
  let done = 0;
  let failed = 0;
  const download = async () => {
    while (next < all.length) {
      const key = all[next++];
      try {
        // Asks the server whether the browser's copy is still current: a new release may have
        // replaced a file under the same name.
        const response = await fetch(key, { cache: "no-cache" });
        if (!storable(response)) throw new Error(`${key}: ${response.status}`);
        await keep(key, response);
      } catch {
        failed++;
      }
      done++;
      progress(done, all.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, download));
  if (failed) return { failed, total: all.length, record: null };
  const record = { group: plan.group, title: plan.title, start: plan.start, saved: new Date().toISOString(), release: RELEASE, pages, files };
  await keep(recordKey(plan.group), new Response(JSON.stringify(record), { headers: { "Content-Type": "application/json" } }));
  anythingSaved = true;
  return { failed: 0, total: all.length, record };
}

async function records(cacheName) {
  const found = {};
  if (!(await caches.has(cacheName))) return found;
  const cache = await caches.open(cacheName);
  for (const request of await cache.keys()) {
    if (!new URL(request.url).pathname.startsWith(RECORDS)) continue;
    try {
      const record = await (await cache.match(request)).json();
      found[record.group] = record;
    } catch {
      await cache.delete(request); // unreadable: as if it had not been saved
    }
  }
  return found;
}

async function savedGroups() {
  const groups = {};
  for (const record of Object.values(await records(CACHE))) {
    groups[record.group] = { title: record.title, saved: record.saved, count: record.pages.length + record.files.length };
  }
  return { type: "status", release: RELEASE, cache: CACHE, groups };
}

async function remove(group) {
  const saved = await records(CACHE);
  const record = saved[group];
  if (record) {
    const stillNeeded = new Set();
    for (const other of Object.values(saved)) {
      if (other.group !== group) other.pages.forEach((key) => stillNeeded.add(key));
    }
    const cache = await caches.open(CACHE); // records(CACHE) found it, so it exists
    await Promise.all(record.pages.filter((key) => !stillNeeded.has(key)).map((key) => cache.delete(key)));
    await cache.delete(recordKey(group));
    anythingSaved = Object.keys(saved).length > 1;
  }
  return { type: "removed", group };
}

// The page that registered the worker was loaded before the worker ran, so it and its files
// passed by unseen: fetch them once more (mostly from the browser's cache) and keep them. The page
// comes first in `addresses` and is kept last: once it is in the cache, so are its scripts and the
// modules they import, and it opens offline whole.
async function keepVisited(addresses) {
  const keys = new Set();
  for (const address of addresses) {
    let url;
    try {
      url = new URL(address);
    } catch {
      continue;
    }
    if (ours(url) && !isDownload(url)) keys.add(keyOf(url));
  }
  const fetchAndKeep = async (key) => {
    try {
      const response = await fetch(key);
      if (storable(response)) await keep(key, response);
    } catch {
      // gone offline in the meantime: it is cached on the next visit
    }
  };
  const [page, ...files] = keys;
  await Promise.all(files.map(fetchAndKeep));
  if (page) await fetchAndKeep(page);
}
