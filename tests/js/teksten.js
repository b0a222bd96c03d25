// The catalogue's texts for the site's scripts (generator/templates/teksten.yaml, `scripts`), as
// the page carries them in <script id="rl-teksten">, for modules that Node imports without a page.
// Node has no YAML reader, so the project's own Python reads the catalogue the way the build does
// (generator/render/teksten.py for_scripts): the tests meet the real words, never a copy that
// could drift. Import this module before one that calls common.js tekst().
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const PROGRAM = `import json
from generator.render.teksten import catalogue, for_scripts
werker = {key.removeprefix("werker."): text for key, text in catalogue().items() if key.startswith("werker.")}
print(json.dumps({"scripts": for_scripts(), "werker": werker}))`;

const texts = JSON.parse(execFileSync(`${REPO}.venv/bin/python`, ["-c", PROGRAM], { cwd: REPO, encoding: "utf8" }));
export const TEKSTEN = JSON.stringify(texts.scripts);
// What sw.js gives the service worker as `texts` (generator/templates/offline/sw.js.j2).
export const WERKER = texts.werker;

globalThis.document ??= {
  getElementById: (id) => (id === "rl-teksten" ? { textContent: TEKSTEN } : null),
};
