// Unit tests of generator/templates/assets/search-rank.js: what a query means and how results are
// ordered. tests/test_search.py and bench/search/ measure the same on the real index.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  HIGHLIGHT_PARAM,
  highlightWords,
  landingUrl,
  loosen,
  normalise,
  placeOf,
  queryTerms,
  rankPages,
  resultCount,
  searchWithFallback,
  similarity,
  subsets,
} from "../../generator/templates/assets/search-rank.js";

test("words are compared without case, accents and punctuation around them", () => {
  assert.equal(normalise("Financiële,"), "financiele");
  assert.equal(normalise("„crisis”"), "crisis");
  assert.equal(normalise("jeugd-GGZ"), "jeugd-ggz");
});

test("a query's terms leave out words without meaning, unless nothing else is left", () => {
  assert.deepEqual(queryTerms("  de veiligheid van het Kind "), ["veiligheid", "kind"]);
  assert.deepEqual(queryTerms("wat is dat"), ["wat", "is", "dat"]);
  assert.deepEqual(queryTerms("   "), []);
});

test("similarity is the shared prefix of the longer word", () => {
  assert.equal(similarity("gezin", "gezin"), 1);
  assert.equal(similarity("gezinnen", "gezin"), 5 / 8);
  assert.equal(similarity("", ""), 0);
  assert.equal(loosen("kort"), "kort");
  assert.equal(loosen("organiseren"), "organise");
  assert.equal(loosen("evalueren"), "evaluer");
});

test("subsets keep the first terms longest", () => {
  assert.deepEqual(subsets([0, 1, 2], 2), [[0, 1], [0, 2], [1, 2]]);
  assert.deepEqual(subsets([0, 1], 0), [[]]);
  assert.deepEqual(subsets([0], 2), []);
});

// A page as Pagefind's result.data() gives it: the words of its text, headings with their word
// positions, and per heading the positions of the words that matched.
function page(url, text, headings, matches) {
  const words = text.split(" ");
  const position = (word, from = 0) => words.indexOf(word, from);
  const anchors = headings.map(([id, word]) => ({ element: id === "top" ? "h1" : "h2", id, text: word, location: position(word) }));
  return {
    url,
    raw_content: text,
    meta: { title: headings[0][1] },
    anchors,
    sub_results: anchors.map((anchor, i) => {
      const end = i + 1 < anchors.length ? anchors[i + 1].location : words.length;
      const locations = [];
      words.forEach((word, at) => {
        if (at >= anchor.location && at < end && matches.some((m) => normalise(word).startsWith(m))) locations.push(at);
      });
      return { url: `${url}#${anchor.id}`, anchor, title: anchor.text, locations };
    }),
  };
}

test("the best section leads, the title section comes last, pages follow their best section", () => {
  const terms = queryTerms("veiligheid gezin");
  const a = page(
    "/a/",
    "Titel intro tekst Eerste over iets anders hier Tweede veiligheid van het gezin en veiligheid weer",
    [["top", "Titel"], ["eerste", "Eerste"], ["tweede", "Tweede"]],
    terms
  );
  const b = page("/b/", "Andere pagina met gezin Sectie zonder het woord", [["top", "Andere"], ["sectie", "Sectie"]], terms);
  const ranked = rankPages([b, a], terms);
  assert.deepEqual(ranked.map((p) => p.data.url), ["/a/", "/b/"], "the page with the better section first");
  assert.equal(ranked[0].sections[0].sub.anchor.id, "tweede");
  assert.equal(ranked[0].sections.at(-1).sub.anchor.id, "top", "the title section last");
  assert.ok(ranked[0].best > ranked[1].best);
});

test("a term Pagefind matched without a position still counts where the word stands", () => {
  const terms = ["monitor"];
  const p = page("/m/", "Titel tekst Sectie de monitoren lopen", [["top", "Titel"], ["sectie", "Sectie"]], []);
  p.sub_results[0].locations = [0]; // Pagefind found the page, but pointed at another word
  const [ranked] = rankPages([p], terms);
  assert.equal(ranked.sections[0].sub.anchor.id, "sectie");
  assert.ok(ranked.sections[0].score > 0);
});

test("a checklist item a word stands in is a section of its own, landing on the item", () => {
  const terms = ["naadloze"];
  // A checklist page: a group heading, then two items whose checkboxes carry their text.
  const p = page("/c/", "Titel Overdracht Regel naadloze aansluiting Houd de veiligheid in beeld", [["top", "Titel"], ["groep", "Overdracht"]], terms);
  p.anchors.push({ element: "input", id: "punt-a", text: "", location: 2 }, { element: "input", id: "punt-b", text: "", location: 5 });
  const [ranked] = rankPages([p], terms);
  const best = ranked.sections[0];
  assert.equal(best.sub.url, "/c/#punt-a");
  assert.equal(best.sub.title, "Overdracht", "headed by the group it stands in");
  assert.equal(best.sub.excerpt, "Regel <mark>naadloze</mark> aansluiting", "the item's words only, the match marked");
  assert.deepEqual(best.matched, ["naadloze"]);
  assert.ok(!ranked.sections.some((s) => s.sub.url === "/c/#groep"), "the group's section, now empty, is gone");
});

test("an item's excerpt escapes the page's text", () => {
  const p = page("/c/", "Titel Kop <b>&</b> zorg", [["top", "Titel"], ["kop", "Kop"]], ["zorg"]);
  p.anchors.push({ element: "input", id: "punt-x", text: "", location: 2 });
  const [ranked] = rankPages([p], ["zorg"]);
  assert.equal(ranked.sections[0].sub.excerpt, "&lt;b&gt;&amp;&lt;/b&gt; <mark>zorg</mark>");
});

test("a result names guideline and chapter, or what else the page belongs to", () => {
  assert.deepEqual(placeOf({ title: "Kernaanbevelingen", richtlijn: "Samen beslissen over hulp" }), ["Samen beslissen over hulp", "Kernaanbevelingen"]);
  assert.deepEqual(placeOf({ title: "Overdracht", soort: "Checklist" }), ["Checklist", "Overdracht"]);
  assert.deepEqual(placeOf({ title: "Begrippen" }), ["Begrippen"]);
  assert.deepEqual(placeOf({ title: "Checklist", soort: "Checklist" }), ["Checklist"]);
});

test("a landing marks the words as they stand in the text, once each", () => {
  assert.deepEqual(highlightWords(["crisisplan.", "(Crisisplan)", "gezin,", "", "—"]), ["crisisplan", "gezin"]);
  assert.equal(highlightWords(Array.from({ length: 20 }, (_, i) => `woord${i}`)).length, 8);
  assert.equal(HIGHLIGHT_PARAM, "zoek");
  assert.equal(landingUrl("/a/#uhp-1", ["gezin", "één"]), "/a/?zoek=gezin&zoek=%C3%A9%C3%A9n#uhp-1");
  assert.equal(landingUrl("/a/", ["x&y"]), "/a/?zoek=x%26y");
  assert.equal(landingUrl("/a/?v=1#k", ["x"]), "/a/?v=1&zoek=x#k");
  assert.equal(landingUrl("/a/#k", []), "/a/#k");
});

// Pagefind's search(), answering from a list of queries that find something.
function fakePagefind(answers) {
  const asked = [];
  return {
    asked,
    search: async (query) => {
      asked.push(query);
      return { results: answers[query] || [] };
    },
  };
}

test("without results the terms are loosened, then as few as possible left out", async () => {
  const found = [{ score: 2 }];
  let pagefind = fakePagefind({ "veiligheid gezin": found });
  assert.deepEqual(await searchWithFallback(pagefind, ["veiligheid", "gezin"]), { words: ["veiligheid", "gezin"], results: found, dropped: [] });
  assert.deepEqual(pagefind.asked, ["veiligheid gezin"]);

  pagefind = fakePagefind({ "organise evaluer": found });
  const loosened = await searchWithFallback(pagefind, ["organiseren", "evalueren"]);
  assert.deepEqual(loosened, { results: found, words: ["organiseren", "evalueren"], dropped: [] });

  pagefind = fakePagefind({ gezin: [{ score: 1 }], xyzabc: [{ score: 3 }] });
  const dropped = await searchWithFallback(pagefind, ["gezin", "xyzabc", "qqq"]);
  assert.deepEqual(dropped.words, ["xyzabc"], "the better-scoring of the two one-word answers");
  assert.deepEqual(dropped.dropped, ["gezin", "qqq"]);

  pagefind = fakePagefind({});
  assert.deepEqual(await searchWithFallback(pagefind, ["niets"]), { words: ["niets"], results: [], dropped: [] });
});

test("the status line counts results and says which words were left out", () => {
  assert.equal(resultCount(0, []), "Geen resultaten gevonden");
  assert.equal(resultCount(1, []), "1 resultaat");
  assert.equal(resultCount(12, ["gezin", "qqq"]), "12 resultaten, zonder „gezin qqq”");
  assert.equal(resultCount(0, ["gezin"]), "Geen resultaten gevonden");
});
