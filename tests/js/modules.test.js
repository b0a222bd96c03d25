// How the site's scripts fit together: ES modules loaded by the engine's MkDocs config
// (generator/templates/mkdocs.engine.yml), importing only modules that overrides/main.html preloads,
// or that on-demand.js loads when a page or a reader needs them (generator/write/offline.py lists
// every one for an "offline bewaren" save), and sharing nothing through globals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const REPO = new URL("../../", import.meta.url);
const ASSETS = new URL("generator/templates/assets/", REPO);
const WORKER = "offline-worker.js";
const read = (url) => readFileSync(url, "utf8");
const scripts = readdirSync(ASSETS).filter((name) => name.endsWith(".js"));
const sources = Object.fromEntries(scripts.map((name) => [name, read(new URL(name, ASSETS))]));

function importsOf(source) {
  return [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]);
}

const mkdocs = read(new URL("generator/templates/mkdocs.engine.yml", REPO));
const entries = [...mkdocs.matchAll(/- path: assets\/(\S+\.js)\n\s+type: module\n/g)].map((m) => m[1]);
const main = read(new URL("generator/templates/overrides/main.html", REPO));
const [everyPage, checklistPage] = [...main.matchAll(/for module in (\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]));
const imported = new Set(Object.values(sources).flatMap(importsOf));
const loadedLater = [...sources["on-demand.js"].matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
const importedBy = (names) => new Set(names.flatMap((name) => importsOf(sources[name])));

test("the engine's config loads the three entry scripts as modules", () => {
  assert.deepEqual(entries, ["richtlijnen.js", "on-demand.js", "offline.js"]);
  assert.doesNotMatch(mkdocs, /- path: assets\/\S+\.js\n\s+defer/);
  assert.doesNotMatch(mkdocs, /assets\/checklist\.css/, "only pages with a checklist load it");
});

test("the search and the checklist are loaded on demand, not on every page", () => {
  assert.deepEqual(loadedLater, ["./search.js", "./checklist.js"]);
  for (const name of ["search.js", "checklist.js"]) assert.ok(!entries.includes(name), name);
  for (const name of ["search-rank.js", "checklist-state.js"]) assert.ok(!everyPage.includes(name), name);
  assert.deepEqual(checklistPage, ["checklist.js", "checklist-state.js", "agenda.js"]);
});

test("every module is imported by a relative address and preloaded where it is needed; nothing else is", () => {
  for (const specifier of [...imported, ...loadedLater]) assert.match(specifier, /^\.\/[\w-]+\.js$/);
  const modules = [...imported].map((specifier) => specifier.slice(2));
  for (const name of modules) assert.ok(scripts.includes(name), name);
  // What the entry scripts import comes with them; what the modules loaded later import, with those.
  assert.deepEqual([...importedBy(entries)].sort(), [...everyPage.map((name) => `./${name}`)].sort());
  assert.ok(importedBy(["checklist.js"]).has("./checklist-state.js"));
  assert.ok(importedBy(["checklist.js"]).has("./agenda.js"));
  // Every script is an entry, loaded later, a module one imports, or the service worker.
  const later = loadedLater.map((specifier) => specifier.slice(2));
  assert.deepEqual([...new Set([...entries, ...later, ...modules, WORKER])].sort(), [...scripts].sort());
});

test("the service worker stays a classic script", () => {
  assert.equal(importsOf(sources[WORKER]).length, 0);
  assert.doesNotMatch(sources[WORKER], /^export /m);
  const sw = read(new URL("generator/templates/offline/sw.js.j2", REPO));
  assert.match(sw, /importScripts\("assets\/offline-worker\.js"\)/);
});

test("no script shares anything through a global", () => {
  for (const [name, source] of Object.entries(sources)) {
    assert.doesNotMatch(source, /\b(?:window|self|globalThis)\.[\w$]+\s*=[^=]/, name);
    assert.doesNotMatch(source, /__rl/, name);
  }
});
