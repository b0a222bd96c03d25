/* Search: what a query means and how the results are ordered, without the page. search.js shows
   the results; tests/js/ tests this with Node.

   A page, as Pagefind's result.data() gives it, has raw_content (or content), meta ({title, and
   richtlijn or soort: what the page belongs to}), anchors ({element, id, text, location}),
   sub_results ({url, anchor, locations, excerpt, title}) and locations: word positions in that
   text. */

// Every text the search shows, in one place: the counts made here, and what search.js says
// while it waits, fails or offers more.
export const TEXT = {
  none: "Geen resultaten gevonden",
  one: "1 resultaat",
  other: "# resultaten",
  without: ", zonder „#”",
  idle: "Typ om te zoeken",
  busy: "Zoeken…",
  more: "Meer resultaten tonen",
  failed: "Zoeken is nu niet beschikbaar. Probeer het later opnieuw.",
};
// How much of a word must match a query term to count as the same word in another form:
// jeugdige/jeugdigen, familie/families, Monitor/monitoren.
const CLOSE = 0.75;
// BM25's parameters: how soon more occurrences stop counting, and how much length weighs.
const K1 = 1.2;
const B = 0.5;
// Words that carry no meaning in a query; Pagefind would otherwise rank on "van" and "de".
const STOPWORDS = new Set(
  (
    "de het een en of van in op te met voor bij aan na om tot als is zijn dat die dit deze er " +
    "over uit door naar ook je jij u ze zij hij hun wat wie hoe welke waar wanneer niet wel dan " +
    "maar zo nog al moet moeten kan kunnen mag wordt worden"
  ).split(" ")
);

export function normalise(word) {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// The words of a query that carry meaning; all of them if none does.
export function queryTerms(query) {
  const terms = query.split(/\s+/).map(normalise).filter(Boolean);
  const meaningful = terms.filter((t) => !STOPWORDS.has(t));
  return meaningful.length ? meaningful : terms;
}

function commonPrefix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// How much of the longer of two words their common prefix is: 1 for the same word.
export function similarity(word, term) {
  return commonPrefix(word, term) / Math.max(word.length, term.length, 1);
}

const isHeading = (a) => /h\d/i.test(a.element) && a.text && /\S/.test(a.text);
// A checklist item: its checkbox carries the item's anchor (and, for Pagefind, its text, since
// Pagefind does not index a <label>; pages/checklist.md.j2).
const isItem = (a) => /^input$/i.test(a.element) && Boolean(a.id);

// How many words an item's excerpt shows, as search.js asks Pagefind for its own excerpts.
export const EXCERPT_WORDS = 24;

const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/* Pagefind makes a section of a page only at a heading with an id; a checklist's items are no
   headings, so a word in an item would lead to the top of its group. Each item a section matches
   in becomes a section of its own here, with the item's anchor and an excerpt of its words (the
   matches in <mark>, as Pagefind writes its excerpts), so the hit lands on the item itself. */
export function splitItems(data, subs, words, starts) {
  const items = data.anchors.filter(isItem).sort((a, b) => a.location - b.location);
  if (!items.length) return subs;
  const page = String(data.url || "").split("#")[0];
  const result = [];
  for (const sub of subs) {
    const start = sub.anchor ? sub.anchor.location : 0;
    const rest = [];
    const found = new Map();
    for (const location of sub.locations) {
      const item = items.filter((i) => i.location >= start && i.location <= location).pop();
      if (!item) rest.push(location);
      else found.set(item, [...(found.get(item) || []), location]);
    }
    if (rest.length || !found.size) result.push({ ...sub, locations: rest });
    for (const [item, locations] of found) {
      const next = starts.find((s) => s > item.location);
      const end = next === undefined ? words.length : next;
      const from = Math.max(item.location, Math.min(end - EXCERPT_WORDS, locations[0] - 6));
      const marked = new Set(locations);
      const excerpt = words
        .slice(from, Math.min(end, from + EXCERPT_WORDS))
        .map((word, i) => (marked.has(from + i) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
        .join(" ");
      result.push({ url: `${page}#${item.id}`, anchor: item, title: sub.title, locations, excerpt });
    }
  }
  return result;
}

/* A page's sections, one per heading with an id (each recommendation is one), with how often
   each query term occurs in them. Each matched word counts for the query term it shares the
   longest prefix with, so "gezinnen" and "gezin" count as one term, and by how much of it they
   share: Pagefind also matches "zorg" for "zorgtaken", which should count for less. */
export function sectionsOf(data, terms) {
  const words = (data.raw_content || data.content || "").split(/[\r\n\s]+/g);
  const starts = data.anchors
    .filter((a) => isHeading(a) || isItem(a))
    .map((a) => a.location)
    .sort((a, b) => a - b);
  const pagefindSubs = data.sub_results && data.sub_results.length ? data.sub_results : [{ url: data.url, locations: data.locations || [] }];
  const subs = splitItems(data, pagefindSubs, words, starts);
  const sections = subs.map((sub) => {
    const start = sub.anchor ? sub.anchor.location : 0;
    const next = starts.find((s) => s > start);
    const tf = terms.map(() => 0);
    const matched = [];
    for (const location of sub.locations) {
      matched.push(words[location] || "");
      const word = normalise(words[location] || "");
      let best = 0;
      let shared = 0;
      terms.forEach((term, i) => {
        const s = similarity(word, term);
        if (s > shared) {
          best = i;
          shared = s;
        }
      });
      tf[best] += shared;
    }
    return {
      sub,
      top: !sub.anchor || /^h1$/i.test(sub.anchor.element) ? 1 : 0,
      start,
      tf,
      matched,
      length: Math.max(1, (next === undefined ? words.length : next) - start),
    };
  });
  sections.sort((x, y) => x.start - y.start);
  // Pagefind sometimes finds a page through a stemmed form but reports no position for it
  // ("monitoren" for "Monitor"), or only positions of a shorter word ("zorg" where the page
  // also says "zorgtaken"). A term without a close match is looked up in the page's words here,
  // by the same measure, so it still counts for the section it stands in.
  terms.forEach((term, i) => {
    let closest = 0;
    for (const sub of subs) {
      for (const location of sub.locations) {
        closest = Math.max(closest, similarity(normalise(words[location] || ""), term));
      }
    }
    if (closest >= CLOSE) return;
    words.forEach((raw, location) => {
      const shared = similarity(normalise(raw), term);
      if (shared < CLOSE) return;
      const owner = sections.filter((s) => s.start <= location).pop();
      if (!owner) return;
      owner.tf[i] += shared;
      owner.matched.push(raw);
    });
  });
  // The average section length of BM25 over the page's headings, as Pagefind cuts it: a
  // checklist's dozens of one-line items would make every recommendation look long.
  const headings = data.anchors.filter(isHeading).length;
  return { data, sections, count: headings + 1, words: words.length };
}

/* Pagefind ranks whole pages, and lists a page's sections in page order. A reader looks for a
   recommendation, so the sections of the pages shown are ranked with BM25 over the query terms
   (rare terms weigh more, long sections a little less), each page gets its best section first,
   and the pages are ordered by their best section. */
export function rankPages(pages, terms) {
  const analysed = pages.map((data) => sectionsOf(data, terms));
  const all = analysed.flatMap((a) => a.sections);
  const count = analysed.reduce((n, a) => n + a.count, 0);
  const averageLength = analysed.reduce((n, a) => n + a.words, 0) / Math.max(count, 1);
  const idf = terms.map((_, i) => {
    const df = all.filter((s) => s.tf[i] > 0).length;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  });
  for (const s of all) {
    s.score = s.tf.reduce((sum, tf, i) => sum + (idf[i] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * s.length) / averageLength)), 0);
  }
  analysed.forEach((a, order) => {
    a.order = order;
    a.best = Math.max(0, ...a.sections.map((s) => s.score));
    // A hit should lead to the recommendation, not to the top of its page: the page's title
    // section comes last when anything else on the page matches.
    a.sections.sort((x, y) => x.top - y.top || y.score - x.score);
  });
  analysed.sort((x, y) => y.best - x.best || x.order - y.order);
  return analysed;
}

// A shorter prefix of a word, so that verb forms and spellings whose stems differ still meet:
// organiseren/organiseer, evalueren/evalueer, sociaal/sociale.
export function loosen(term) {
  return term.length < 7 ? term : term.slice(0, Math.max(5, Math.ceil(term.length * 0.7)));
}

// Every choice of `size` of the terms, in their order; the first ones are kept longest.
export function subsets(terms, size) {
  if (size === 0) return [[]];
  if (terms.length < size) return [];
  const [first, ...rest] = terms;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

/* Pagefind finds only pages that contain every word of the query (that it knows at all). When
   that gives nothing, a reader still wants the closest recommendations: first the same words
   loosened to shorter prefixes, then with as few words left out as possible (the status line
   says which). `pagefind` is Pagefind's module, or anything with its search(). The answer:
   {results, words: the terms searched for, dropped: the terms left out}. */
export async function searchWithFallback(pagefind, terms) {
  const run = async (words) => {
    const response = await pagefind.search(words.join(" "));
    return { words, results: (response && response.results) || [] };
  };
  const strict = await run(terms);
  if (strict.results.length || terms.length === 0) return { ...strict, dropped: [] };
  const loose = terms.map(loosen);
  const indexes = terms.map((_, i) => i);
  for (let size = terms.length; size > 0; size--) {
    const answers = await Promise.all(
      subsets(indexes, size).map(async (kept) => ({ ...(await run(kept.map((i) => loose[i]))), kept }))
    );
    const found = answers.filter((a) => a.results.length);
    if (!found.length) continue;
    found.sort((x, y) => y.results[0].score - x.results[0].score);
    const best = found[0];
    return {
      results: best.results,
      words: best.kept.map((i) => terms[i]),
      dropped: terms.filter((_, i) => !best.kept.includes(i)),
    };
  }
  return { ...strict, dropped: [] };
}

// The status line over the results: "3 resultaten", or "1 resultaat, zonder „woord”".
export function resultCount(count, dropped) {
  const text = count === 0 ? TEXT.none : count === 1 ? TEXT.one : TEXT.other.replace("#", String(count));
  return count && dropped.length ? text + TEXT.without.replace("#", dropped.join(" ")) : text;
}

/* Where a result stands, shown above it: "guideline › chapter", or "Checklist › title"; pages that
   belong to nothing (home, glossary, a guideline's own page) by their title alone. The guideline
   comes from the page's context line (pages/macros.md.j2), the kind from a checklist's heading. */
export function placeOf(meta) {
  const title = (meta && meta.title) || "";
  const owner = meta && (meta.richtlijn || meta.soort);
  return owner && owner !== title ? [owner, title] : [title];
}

/* The landing page marks the words a hit was found by (search.js). Pagefind stems, so these are
   the words as they stand in the section ("crisisplan" for "crisisplannen"), not the query's:
   the page then marks what the reader was led to. */
export const HIGHLIGHT_PARAM = "zoek";
const HIGHLIGHT_MAX = 8;

export function highlightWords(matched) {
  const seen = new Map();
  for (const raw of matched) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const key = normalise(word);
    if (word && !seen.has(key)) seen.set(key, word);
  }
  return [...seen.values()].slice(0, HIGHLIGHT_MAX);
}

// A result's address with the words to mark; the fragment stays last, so the page still scrolls
// to the recommendation.
export function landingUrl(url, words) {
  if (!words.length) return url;
  const cut = url.indexOf("#");
  const path = cut < 0 ? url : url.slice(0, cut);
  const fragment = cut < 0 ? "" : url.slice(cut);
  const query = words.map((w) => `${HIGHLIGHT_PARAM}=${encodeURIComponent(w)}`).join("&");
  return `${path}${path.includes("?") ? "&" : "?"}${query}${fragment}`;
}
