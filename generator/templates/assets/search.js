/* Richtlijnen: site search with Pagefind, shown in Material's search overlay.

   Material's search plugin is off: its lunr search does not stem Dutch prefix queries, so
   "gezinnen" would not find "gezin" (docs/beheer.md, "Search"). `richtlijnen build` writes a Pagefind
   index into pagefind/, and this module puts the search button and the overlay, in Material's
   markup and classes, into the header (from the template of overrides/main.html) and drives them.
   Pagefind itself is loaded on first use, from the site root that Material's __config names, so
   the site also works under a sub-path such as /latest/. What a query means and how the results
   are ordered is in search-rank.js.

   Material opens and closes the overlay with the #__search checkbox (CSS only); this module keeps
   that, and adds what Material's own search component would do: keyboard use, results, links.

   A result's link carries the words it was found by (?zoek=…, search-rank.js); the page it leads
   to marks them in the recommendation or checklist item it lands on, with <mark> in Material's
   look, through Pagefind's own pagefind-highlight.js (loaded only then). */

import { el, onEveryPage, placeSearch, siteRoot, targetOf } from "./common.js";
import {
  HIGHLIGHT_PARAM,
  TEXT,
  highlightWords,
  landingUrl,
  placeOf,
  queryTerms,
  rankPages,
  resultCount,
  searchWithFallback,
} from "./search-rank.js";

const PAGES_PER_BATCH = 10;
// Links per page: the best-matching recommendation first, then the next best ones.
const SECTIONS_PER_PAGE = 3;
const DEBOUNCE_MS = 80;


function start() {
  placeSearch();
  // Resolved once: instant navigation changes the page but keeps this module and its site root.
  const root = siteRoot();

  let pagefind = null; // Promise of the Pagefind module, loaded on first use
  let loaded = false;
  let generation = 0; // the newest query; older answers that arrive late are dropped
  let timer = 0;
  let pending = null; // the rest of the current result list, for "Meer resultaten tonen"
  let leavingByTab = false;

  const dialog = () => document.querySelector("[data-rl-search]");
  const toggle = () => document.getElementById("__search");
  const input = () => document.querySelector("[data-rl-search-input]");
  const statusLine = () => document.querySelector("[data-rl-search-status]");
  const list = () => document.querySelector("[data-rl-search-results]");
  const openButton = () => document.querySelector("[data-rl-search-open]");
  const isOpen = () => toggle().checked;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
        await module.options({ baseUrl: root.pathname, excerptLength: 24 });
        loaded = true;
        return module;
      });
      pagefind.catch(() => {
        pagefind = null; // try again on the next query
      });
    }
    return pagefind;
  }

  // --- Opening and closing ----------------------------------------------------------------

  function setOpen(open) {
    // Material listens to the checkbox (and closes it itself on navigation); a click keeps its
    // change event.
    if (toggle().checked !== open) toggle().click();
  }

  function onToggle() {
    const open = isOpen();
    const button = openButton();
    if (button) button.setAttribute("aria-expanded", String(open));
    if (open) {
      loadPagefind();
      if (document.activeElement !== input()) input().focus({ preventScroll: true });
    } else if (!leavingByTab && dialog().contains(document.activeElement)) {
      // On a phone the input disappears with the overlay: give focus back to the button.
      if (button && button.offsetParent !== null) button.focus();
      else document.activeElement.blur();
    }
  }

  // --- Searching --------------------------------------------------------------------------

  function scheduleSearch() {
    clearTimeout(timer);
    const query = input().value.trim();
    generation += 1;
    if (!query) {
      showStatus(TEXT.idle);
      clearResults();
      return;
    }
    if (!isOpen()) setOpen(true);
    const mine = generation;
    // Pagefind fetches the index chunks of these words during the pause, not after it: on a
    // large publication that is most of what a first search of a word waits for.
    loadPagefind().then(
      (module) => {
        if (mine === generation && module.preload) module.preload(query);
      },
      () => {}
    );
    timer = setTimeout(() => search(query, mine), DEBOUNCE_MS);
  }

  async function search(query, mine) {
    // Only while Pagefind loads; after that answers come faster than a screen reader could say it.
    if (!loaded) showStatus(TEXT.busy);
    try {
      const answer = await searchWithFallback(await loadPagefind(), queryTerms(query));
      if (mine !== generation) return;
      clearResults();
      showStatus(resultCount(answer.results.length, answer.dropped));
      pending = { results: answer.results, terms: answer.words, next: 0, query, generation: mine };
      await renderBatch();
    } catch (error) {
      if (mine !== generation) return;
      clearResults();
      showStatus(TEXT.failed);
      console.error("Zoeken:", error);
    }
  }

  async function renderBatch() {
    const batch = pending;
    const slice = batch.results.slice(batch.next, batch.next + PAGES_PER_BATCH);
    batch.next += slice.length;
    const pages = await Promise.all(slice.map((result) => result.data()));
    if (batch.generation !== generation) return;
    const more = list().querySelector(".rl-zoeken-meer");
    if (more) more.parentElement.remove();
    for (const page of rankPages(pages, batch.terms)) list().append(renderPage(page));
    if (batch.next < batch.results.length) list().append(renderMoreButton());
    // A hook for tests and the benchmark: the list now shows the answer to this query.
    list().setAttribute("data-rl-query", batch.query);
  }

  // --- Showing results in Material's markup -----------------------------------------------

  function showStatus(text) {
    statusLine().textContent = text;
  }

  function clearResults() {
    pending = null;
    list().replaceChildren();
    list().removeAttribute("data-rl-query");
  }

  // Pagefind escapes the page text in an excerpt and marks the matches with <mark>; this keeps
  // exactly that and nothing else.
  function appendExcerpt(parent, html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const node of template.content.childNodes) {
      parent.append(node.nodeName === "MARK" ? el("mark", { text: node.textContent }) : node.textContent);
    }
  }

  // "Richtlijn › Hoofdstuk": two chapters of the same name in two guidelines look different. The
  // sign is only drawn; a screen reader reads the two names as they are.
  function renderPlace(meta) {
    const [owner, title] = placeOf(meta);
    const line = el("p", { class: "rl-zoeken-pagina" });
    if (title === undefined) line.append(owner);
    else line.append(el("span", { class: "rl-zoeken-richtlijn", text: owner }), el("span", { "aria-hidden": "true", text: " › " }), title);
    return line;
  }

  function renderLink(data, section, withPageTitle) {
    const sub = section.sub;
    const article = el("article", { class: "md-search-result__article md-typeset" });
    if (withPageTitle) {
      article.append(el("div", { class: "md-search-result__icon md-icon" })); // Material's page icon
      article.append(renderPlace(data.meta));
    }
    const heading = sub.anchor ? sub.title : "";
    if (heading && heading !== data.meta.title) article.append(el("p", { class: "rl-zoeken-kop", text: heading }));
    const excerpt = el("p", { class: "rl-zoeken-fragment" });
    appendExcerpt(excerpt, sub.excerpt || data.excerpt || "");
    article.append(excerpt);
    const link = el("a", { class: "md-search-result__link" }, [article]);
    link.href = landingUrl(sub.url, highlightWords(section.matched));
    return link;
  }

  function renderPage(page) {
    const item = el("li", { class: "md-search-result__item" });
    page.sections.slice(0, SECTIONS_PER_PAGE).forEach((section, i) => {
      item.append(renderLink(page.data, section, i === 0));
    });
    return item;
  }

  function renderMoreButton() {
    const button = el("button", { type: "button", class: "rl-zoeken-meer", text: TEXT.more });
    button.addEventListener("click", async () => {
      const before = list().querySelectorAll(".md-search-result__link").length;
      await renderBatch();
      const next = list().querySelectorAll(".md-search-result__link")[before];
      if (next) next.focus();
    });
    return el("li", { class: "md-search-result__item" }, [button]);
  }

  // --- Keyboard ---------------------------------------------------------------------------

  function focusables() {
    return [input(), ...list().querySelectorAll("a[href], button")];
  }

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (!isOpen()) {
      // Material's shortcuts for its search: "/", "s" and "f", unless the reader is typing.
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !isEditable(event.target)) {
        event.preventDefault();
        setOpen(true);
        input().focus();
        input().select();
      }
      return;
    }
    const items = focusables();
    const index = items.indexOf(document.activeElement);
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        setOpen(false);
        break;
      case "ArrowDown":
      case "ArrowUp":
        if (index === -1) return;
        event.preventDefault();
        items[(index + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus();
        break;
      case "Tab":
        // Without results, Tab moves on and closes the overlay, as in Material, so a reader who
        // only passes the search box is not caught in it. With results the overlay covers the
        // page, so focus stays in it: the last result wraps to the input.
        if (index === -1) return;
        if (items.length === 1) {
          // Focus goes on from the input, not back to the button: on a phone the button comes
          // before the input, so returning there made Tab go round in a circle.
          leavingByTab = true;
          setOpen(false);
          leavingByTab = false;
          return;
        }
        if (!event.shiftKey && index === items.length - 1) {
          event.preventDefault();
          items[0].focus();
        } else if (event.shiftKey && index === 0) {
          event.preventDefault();
          items[items.length - 1].focus();
        }
        break;
      default:
        break;
    }
  }

  // --- Wiring: delegated to the document, so nothing is lost when Material swaps content ---

  document.addEventListener("input", (event) => {
    if (event.target === input()) scheduleSearch();
  });
  document.addEventListener("focusin", (event) => {
    // Desktop: the search box sits in the header; focusing it opens the overlay, as in Material.
    if (event.target === input() && !isOpen()) setOpen(true);
  });
  document.addEventListener("click", (event) => {
    const target = targetOf(event);
    if (!target) return;
    if (target.closest("[data-rl-search-open]")) {
      setOpen(true);
      input().focus();
    } else if (target.closest("[data-rl-search-results] a[href]")) {
      // Material's instant navigation follows the link; the overlay must not stay on top.
      setOpen(false);
    }
  });
  document.addEventListener("submit", (event) => {
    if (!targetOf(event)?.matches("[data-rl-search-form]")) return;
    event.preventDefault(); // Enter: go to the best result, as Material does
    const first = list().querySelector("a[href]");
    if (first) first.click();
  });
  document.addEventListener("reset", (event) => {
    if (!targetOf(event)?.matches("[data-rl-search-form]")) return;
    setTimeout(() => {
      scheduleSearch();
      input().focus();
    });
  });
  document.addEventListener("change", (event) => {
    if (event.target === toggle()) onToggle();
  });
  document.addEventListener("keydown", onKeydown);

  // Each page view (Material closes the overlay itself on instant navigation): the button's
  // state follows the overlay's, and a page reached from a result marks what was found.
  onEveryPage(() => {
    placeSearch();
    const button = openButton();
    if (button) button.setAttribute("aria-expanded", String(isOpen()));
    markLanding(root);
  });
  // Another result on the same page: Material only scrolls, the page view stays.
  window.addEventListener("hashchange", () => markLanding(root));
}

// --- Marking what was found on the page a result leads to ------------------------------------

const MARK_CLASS = "rl-treffer";
// Whole words only (mark.js's "exactly"), with punctuation as a word's edge: a mark never splits a
// word, so a screen reader reads the sentence as it stands.
const WORD_EDGES = [..."\"'„”“‘’«»()[]{},.;:!?…/"];

/* The words of ?zoek=, marked in the recommendation or checklist item the address points at, or
   in the article when it points at the page itself. Only wraps text nodes: the text of the page
   is unchanged (tests/test_search.py). Nothing to mark and no ?zoek=: old marks are removed, so a
   page reached by the navigation afterwards is clean. */
let marking = 0; // the newest page view; one that was overtaken while the module loaded marks nothing

function unmark(article) {
  for (const mark of article.querySelectorAll(`mark.${MARK_CLASS}`)) {
    const parent = mark.parentNode;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}

async function markLanding(root) {
  const mine = ++marking;
  const article = document.querySelector("article.md-content__inner");
  if (!article) return;
  if (!new URLSearchParams(location.search).getAll(HIGHLIGHT_PARAM).some(Boolean)) {
    unmark(article);
    return;
  }
  try {
    const { default: PagefindHighlight } = await import(new URL("pagefind/pagefind-highlight.js", root).href);
    if (mine !== marking || !article.isConnected) return;
    unmark(article);
    let target = null;
    try {
      target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch {
      target = null; // a malformed %-escape: mark in the article
    }
    const context = (target && article.contains(target) && target.closest(".rl-aanbeveling, .rl-punt")) || article;
    // The constructor marks at once. No styles of its own (the CSP allows no inline <style>):
    // Material's .md-typeset mark gives the look of its own search highlight.
    new PagefindHighlight({
      highlightParam: HIGHLIGHT_PARAM,
      markContext: context,
      addStyles: false,
      markOptions: {
        className: MARK_CLASS,
        exclude: [".rl-acties *", ".rl-id", "[data-pagefind-ignore] *"],
        accuracy: { value: "exactly", limiters: WORD_EDGES },
      },
    });
  } catch (error) {
    console.error("Zoekwoorden markeren:", error); // the page itself is there; only the marks are not
  }
}

// Last, once every binding of the module is initialised: loaded on demand (on-demand.js), the
// module meets a document$ that reports the current page at once, and so runs markLanding now.
// The engine's own search is on (bench/search/recall.py switches Material's on): leave it alone.
if (!document.querySelector('[data-md-component="search"]')) start();
