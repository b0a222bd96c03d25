// Unit tests of the service worker's pure parts. offline-worker.js is a classic script (it says
// why), so it is run here as the browser runs it, in a context of its own with a stand-in for the
// worker's `self` and Cache Storage; its top-level functions are then properties of that context.
// tests/test_offline.py tests the worker itself in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

import { WERKER } from "./teksten.js";

const SOURCE = readFileSync(new URL("../../generator/templates/assets/offline-worker.js", import.meta.url), "utf8");
const SCOPE = "https://richtlijnen.example.org/latest/";

function loadWorker() {
  const context = {
    self: {
      RICHTLIJNEN_OFFLINE: { release: "2026.1", siteName: "Richtlijnen <Jeugd>", manifestFormat: 3, texts: WERKER },
      registration: { scope: SCOPE },
      addEventListener: () => {},
    },
    caches: { has: async () => false },
    URL,
  };
  vm.runInNewContext(SOURCE, context, { filename: "offline-worker.js" });
  return context;
}

const worker = loadWorker();

test("one cache key per page: no query, no fragment, a folder for index.html", () => {
  assert.equal(worker.keyOf("r/uhp-1/index.html?h=x#y"), `${SCOPE}r/uhp-1/`);
  assert.equal(worker.keyOf(`${SCOPE}pagefind/pagefind.js?ts=1`), `${SCOPE}pagefind/pagefind.js`);
  assert.equal(worker.keyOf(""), SCOPE);
});

test("only this version's own files are the worker's business", () => {
  const ours = (path) => worker.ours(new URL(path, SCOPE));
  assert.equal(ours("uithuisplaatsing/"), true);
  assert.equal(ours("assets/common.js"), true);
  assert.equal(ours("sw.js"), false);
  assert.equal(ours(".offline/publicatie"), false);
  assert.equal(ours("livereload/123"), false);
  assert.equal(ours("/other-version/"), false);
  assert.equal(ours("https://elders.example.org/latest/"), false);
});

// The same file tests/test_offline_manifest.py validates against offline.schema.json, the form
// the generator writes.
const manifest = JSON.parse(readFileSync(new URL("fixtures/offline.json", import.meta.url), "utf8"));

test("a save plans the pages of its group, its files and the shared files, as offline.json lists them", () => {
  const guideline = worker.planFor(manifest, "richtlijn:uhp");
  assert.equal(guideline.title, "Uithuisplaatsing");
  assert.equal(guideline.start, "uhp/");
  assert.deepEqual([...guideline.pages], ["uhp/", "uhp/h1/", "checklists/", "checklists/c/", "r/uhp-1/", "downloads/uhp.pdf"]);
  assert.deepEqual([...guideline.files], [
    "",
    "begrippen/",
    "offline/richtlijn-uhp.json",
    "assets/common.js",
    "sitemap.xml",
    "pagefind/pagefind.js",
    "offline.json",
    "offline/publicatie.json",
  ]);
  const publication = worker.planFor(manifest, "publicatie");
  assert.equal(publication.title, "Hele publicatie");
  assert.ok(publication.pages.includes("downloads/zakgids.pdf"));
  assert.ok(publication.files.includes("offline/richtlijn-uhp.json"), "every guideline's control shows offline");
  assert.equal(worker.planFor(manifest, "richtlijn:weg"), null, "a guideline this release dropped");
  assert.equal(worker.planFor({}, "publicatie"), null);
});

test("a list of another form than the worker was generated for is not read", () => {
  assert.equal(worker.planFor({ ...manifest, format: manifest.format - 1 }, "publicatie"), null);
  assert.equal(worker.planFor({ ...manifest, format: String(manifest.format) }, "publicatie"), null);
});

test("the page for an unsaved page offline lists what is saved, escaped, with Dutch dates", () => {
  const saved = new Date(2026, 2, 5, 9, 30).toISOString();
  const html = worker.offlinePage([{ start: "uhp/", title: "Uithuisplaatsing & terugplaatsing", saved }]);
  assert.match(html, /<title>Niet offline beschikbaar · Richtlijnen &lt;Jeugd&gt;<\/title>/);
  assert.match(html, /<li><a href="https:\/\/richtlijnen\.example\.org\/latest\/uhp\/">Uithuisplaatsing &amp; terugplaatsing<\/a> \(opgeslagen op 5 maart 2026\)<\/li>/);
  assert.match(html, /Publicatie 2026\.1/);
  assert.doesNotMatch(worker.offlinePage([]), /Offline bewaard op dit apparaat/);
  assert.equal(worker.escapeHtml(`"'<>&`), "&quot;&#39;&lt;&gt;&amp;");
});
