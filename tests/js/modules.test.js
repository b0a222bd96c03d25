// How the site's scripts fit together: ES modules loaded by the engine's MkDocs config
// (generator/templates/mkdocs.engine.yml), importing only modules that overrides/main.html preloads
// (so that an "offline bewaren" save lists them too), and sharing nothing through globals.
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
const preloaded = JSON.parse(read(new URL("generator/templates/overrides/main.html", REPO)).match(/for module in (\[[^\]]*\])/)[1]);
const imported = new Set(Object.values(sources).flatMap(importsOf));

test("the engine's config loads the four entry scripts as modules", () => {
  assert.deepEqual(entries, ["richtlijnen.js", "checklist.js", "search.js", "offline.js"]);
  assert.doesNotMatch(mkdocs, /- path: assets\/\S+\.js\n\s+defer/);
});

test("every module is imported by a relative address and preloaded; nothing else is", () => {
  for (const specifier of imported) assert.match(specifier, /^\.\/[\w-]+\.js$/);
  const modules = [...imported].map((specifier) => specifier.slice(2));
  assert.deepEqual([...modules].sort(), [...preloaded].sort());
  for (const name of modules) assert.ok(scripts.includes(name), name);
  // Every script is an entry, a module one imports, or the service worker.
  assert.deepEqual([...entries, ...modules, WORKER].sort(), [...scripts].sort());
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
