/* Helpers that the site's scripts share: richtlijnen.js, checklist.js, search.js and offline.js
   import them. Nothing here touches the page when it is imported, so Node's test runner imports
   this module too (tests/js/). The service worker (offline-worker.js) is a classic script and
   imports nothing; see the note above its own date function. */

const LONG_DATE = { day: "numeric", month: "long", year: "numeric" };
const TIME = { hour: "2-digit", minute: "2-digit" };

/* Runs `init` for every page view: on Material's instant navigation (its document$ reports the
   first page too) or, without it, once the page is parsed. Modules run once per page load, so
   a script's own listeners on window and document belong at its top level, not in `init`. */
export function onEveryPage(init) {
  const documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    documents.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => init(), { once: true });
  } else {
    init();
  }
}

/* The root of the site, or of this version's folder, from Material's __config: the scripts find
   Pagefind, the service worker and offline/ there, also under a sub-path such as /latest/.
   Worked out once, on the first call: __config's base is relative to the page that was loaded,
   and Material's instant navigation changes the address but not __config. A module loaded later
   (on-demand.js loads search.js on first use) gets the root of the page load, as on-demand.js
   asks for it when the page loads. */
let root = null;

export function siteRoot() {
  if (!root) {
    const config = JSON.parse(document.getElementById("__config").textContent);
    root = new URL(config.base, location.href);
    if (!root.pathname.endsWith("/")) root.pathname += "/";
  }
  return new URL(root.href); // a copy: a caller may change its own
}

/* One of the header's additions (the menu button, the search button, the search dialog), taken
   out of the <template data-rl-header> that overrides/main.html puts after the theme's header, for
   the caller to put in place; null when the template does not hold it (any more). */
export function headerPart(selector) {
  const template = document.querySelector("template[data-rl-header]");
  return template ? template.content.querySelector(selector) : null;
}

/* The search button and dialog at the end of the header's bar, where Material puts its own
   search; once, as the header stays through instant navigation. on-demand.js places them before
   search.js has loaded, search.js finds them in place. */
export function placeSearch() {
  const bar = document.querySelector(".md-header__inner");
  if (!bar || document.querySelector("[data-rl-search]")) return;
  const parts = [headerPart("[data-rl-search-open]"), headerPart("[data-rl-search]")].filter(Boolean);
  const source = bar.querySelector(":scope > .md-header__source");
  if (source) source.before(...parts);
  else bar.append(...parts);
}

/* An element: el("p", { class: "rl-x", text: "Tekst" }) or el("p", {}, [child, " tekst"]).
   Every key but `text` is an attribute; children are nodes or strings. */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// The element an event happened on, or null (text nodes and the document are no elements).
export function targetOf(event) {
  return event.target instanceof Element ? event.target : null;
}

// "5 maart 2026", of a Date or an ISO time, in the reader's own time zone.
export function dutchLongDate(when) {
  return new Date(when).toLocaleDateString("nl-NL", LONG_DATE);
}

// "5 maart 2026 om 09:30".
export function dutchMoment(when) {
  return `${dutchLongDate(when)} om ${new Date(when).toLocaleTimeString("nl-NL", TIME)}`;
}

let texts = null;

/* A text of the catalogue (generator/templates/teksten.yaml, `scripts`), which every page carries
   as JSON in <script id="rl-teksten">, with its {placeholders} filled from `values`. An unknown
   key or placeholder is a developer's mistake: it throws, and the browser tests fail. */
export function tekst(key, values = {}) {
  texts ??= JSON.parse(document.getElementById("rl-teksten")?.textContent ?? "{}");
  const text = texts[key];
  if (typeof text !== "string") throw new Error(`teksten.yaml has no scripts.${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`scripts.${key} wants {${name}}`);
    return String(values[name]);
  });
}

/* A text with a number, in the singular for 1 (`key.een`) and the plural for any other number
   (`key.meer`, which gets the number as {aantal}): Dutch has only these two forms. */
export function aantal(key, n, values = {}) {
  return n === 1 ? tekst(`${key}.een`, values) : tekst(`${key}.meer`, { ...values, aantal: n });
}

/* The code an intranet pastes to show a card (embed/<id>/) in one of its pages: an <iframe> with
   the card's absolute address, a Dutch title for screen readers, and a height to start with.
   Attribute values are escaped, so a title with quotes or "<" stays one attribute. */
export function embedSnippet({ src, title, height }) {
  const attribute = (value) =>
    String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const rows = Number.isInteger(height) && height > 0 ? height : 400;
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="100%" height="${rows}" loading="lazy"></iframe>`;
}

// A day as "2026-03-05" in the reader's own time zone (toISOString would give the day in UTC).
export function localIsoDate(when) {
  const date = new Date(when);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Text as a part of a file name or an identifier: plain a-z, digits and hyphens ("Gezin A12" ->
// "gezin-a12"); "" when nothing is left.
export function slug(text) {
  return String(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// A file made on this device, handed to the browser as a download: no request leaves the device.
export function saveFile(text, name, type) {
  const address = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: address, download: name, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: a browser may still be reading it when click() returns.
  setTimeout(() => URL.revokeObjectURL(address), 10_000);
}
