// Unit tests of embedSnippet (generator/templates/assets/common.js): the code "Kopieer insluitcode"
// puts on the clipboard, which an intranet pastes into its pages.
import { test } from "node:test";
import assert from "node:assert/strict";

import { embedSnippet } from "../../generator/templates/assets/common.js";

test("an iframe with the card's address, a Dutch title, the full width and a height", () => {
  assert.equal(
    embedSnippet({
      src: "https://richtlijnen.example.org/latest/embed/uhp-voorkomen-2/",
      title: "Aanbeveling uhp-voorkomen-2 uit de richtlijn Uithuisplaatsing en terugplaatsing",
      height: 420,
    }),
    '<iframe src="https://richtlijnen.example.org/latest/embed/uhp-voorkomen-2/" ' +
      'title="Aanbeveling uhp-voorkomen-2 uit de richtlijn Uithuisplaatsing en terugplaatsing" ' +
      'width="100%" height="420" loading="lazy"></iframe>'
  );
});

test("quotes and angle brackets in a title stay inside its attribute", () => {
  const code = embedSnippet({ src: "https://x.example/embed/a/?b=1&c=2", title: 'Checklist "A" <b> & C', height: 300 });
  assert.match(code, /src="https:\/\/x\.example\/embed\/a\/\?b=1&amp;c=2"/);
  assert.match(code, / title="Checklist &quot;A&quot; &lt;b&gt; &amp; C" /);
  assert.equal(code.match(/"/g).length % 2, 0);
});

test("a missing or broken height falls back to one that shows a short card", () => {
  for (const height of [undefined, Number.NaN, 0, -5, 2.5]) {
    assert.match(embedSnippet({ src: "https://x.example/embed/a/", title: "T", height }), / height="400" /);
  }
});
