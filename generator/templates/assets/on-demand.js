/* What only some pages or some readers need, loaded when they need it, so that a first visit
   fetches only what the page shows (bench/README.md, "first visit"):

   - the search (search.js, search-rank.js, then Pagefind) when the reader first opens it: with
     the search button, Material's shortcuts ("/", "s", "f"), or the search box itself; and on a
     page reached from a search result (?zoek=), whose found words search.js marks;
   - the checklist code and stylesheet (checklist.js with checklist-state.js and agenda.js, checklist.css) on a page
     that holds a checklist. overrides/main.html names them in such a page's head, so a first visit
     fetches them at once; after Material's instant navigation this module adds them.

   Until search.js has loaded, this module puts the search button and dialog in the header (as
   search.js would: search.js finds them in place) and opens the dialog itself, so the keyboard of
   a phone comes up within the tap. Once search.js runs it is told what happened before it
   listened: an open dialog and a typed query. From then on search.js handles every event alone.
   `richtlijnen build` lists these files in offline.json (generator/write/offline.py), so an
   "offline bewaren" save holds them although no page names them. */

import { onEveryPage, placeSearch, siteRoot, targetOf } from "./common.js";

const SEARCH_SHORTCUTS = new Set(["/", "s", "f"]);

let search = null; // promise of search.js, once asked for
let searchReady = false; // search.js listens for itself
let checklist = null; // promise of checklist.js, once a page had a checklist

const toggle = () => document.getElementById("__search");
const input = () => document.querySelector("[data-rl-search-input]");

function loadSearch() {
  if (!search) {
    search = import("./search.js").then(() => {
      searchReady = true;
      // What search.js missed while it loaded: the dialog opened, a query typed. A reader who
      // meanwhile went on with Tab leaves the search closed behind, as search.js would have.
      const box = toggle();
      if (!box?.checked) return;
      if (!document.querySelector("[data-rl-search]")?.contains(document.activeElement)) {
        box.click();
        return;
      }
      box.dispatchEvent(new Event("change", { bubbles: true }));
      if (input()?.value) input().dispatchEvent(new Event("input", { bubbles: true }));
    });
    search.catch((error) => {
      search = null; // try again on the next use
      console.error("Zoeken laden:", error);
    });
  }
  return search;
}

function openSearch() {
  const box = toggle();
  if (box && !box.checked) box.click(); // Material opens the overlay on the checkbox's change
  input()?.focus();
  loadSearch();
}

function isEditable(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function startSearch() {
  placeSearch();
  onEveryPage(() => {
    placeSearch();
    // A page reached from a search result (?zoek=…) marks the words found; search.js does that.
    if (new URLSearchParams(location.search).get("zoek")) loadSearch();
  });
  document.addEventListener("click", (event) => {
    if (!searchReady && targetOf(event)?.closest("[data-rl-search-open]")) openSearch();
  });
  document.addEventListener("keydown", (event) => {
    if (searchReady || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (SEARCH_SHORTCUTS.has(event.key) && !toggle()?.checked && !isEditable(event.target)) {
      event.preventDefault();
      openSearch();
      input()?.select();
    }
  });
  // The search box in the header (desktop), and Material's labels that open or close the overlay.
  document.addEventListener("focusin", (event) => {
    if (!searchReady && event.target === input()) openSearch();
  });
  document.addEventListener("change", (event) => {
    if (!searchReady && event.target === toggle() && toggle().checked) loadSearch();
  });
  // A keyboard reader who only passes the search box leaves it closed behind, as search.js does
  // once it runs; the overlay does not wait for search.js to load to close again.
  document.addEventListener("focusout", (event) => {
    if (searchReady || event.target !== input() || !toggle()?.checked) return;
    const next = event.relatedTarget;
    if (!(next instanceof Node && document.querySelector("[data-rl-search]")?.contains(next))) toggle().click();
  });
}

function addStylesheet(name) {
  const href = new URL(name, import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === href)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}

// checklist.js draws the checklist of this page view and of every later one (document$).
function startChecklist() {
  if (checklist || !document.querySelector(".rl-checklist[data-rl-checklist]")) return;
  addStylesheet("checklist.css");
  checklist = import("./checklist.js");
  checklist.catch((error) => {
    checklist = null;
    console.error("Checklist laden:", error);
  });
}

// Now, on the page that was loaded: search.js, loaded later, finds Pagefind there (common.js says why).
siteRoot();
// The engine's own search is on (bench/search/recall.py switches Material's on): leave it alone.
if (!document.querySelector('[data-md-component="search"]')) startSearch();
onEveryPage(startChecklist);
