/* Richtlijnen: copy short links and the code that shows a card on an intranet, explain abbreviations on tap, open the phone's navigation drawer
   from the keyboard, and name what the theme leaves unnamed. Runs on every page view, including
   Material's instant navigation (document$). Nothing here makes a network request. */

import { el, embedSnippet, headerPart, onEveryPage, targetOf, tekst } from "./common.js";

function announce(text) {
  const note = el("div", { class: "rl-melding", role: "status", text });
  document.body.append(note);
  setTimeout(() => note.remove(), 2500);
}

function shortLinkFor(anchor) {
  // The href points at r/<id>/index.html (or embed/<id>/index.html) so MkDocs can check it;
  // people get the clean form.
  const url = new URL(anchor.getAttribute("href"), location.href);
  url.pathname = url.pathname.replace(/index\.html$/, "");
  return url.href;
}

// A link that copies something instead of leading to it. Without a clipboard the link is followed:
// to the short link, or to the card itself.
function setUpCopying(root, selector, { label, copied, done, failed }) {
  for (const anchor of root.querySelectorAll(selector)) {
    if (anchor.dataset.rlReady) continue;
    anchor.dataset.rlReady = "1";
    anchor.setAttribute("role", "button");
    anchor.setAttribute("aria-label", label(anchor));
    anchor.addEventListener("click", (event) => {
      if (!navigator.clipboard) return;
      event.preventDefault();
      const text = copied(anchor);
      navigator.clipboard.writeText(text).then(
        () => announce(done(text)),
        () => announce(failed(text))
      );
    });
  }
}

const setUpCopyLinks = (root) =>
  setUpCopying(root, "a.rl-kopieer", {
    label: (anchor) => tekst("link.kopieer", { id: anchor.dataset.rlId }),
    copied: shortLinkFor,
    done: (link) => tekst("link.gekopieerd", { link }),
    failed: (link) => tekst("link.mislukt", { link }),
  });

// "Kopieer insluitcode": an <iframe> of the card the link leads to, at the address the reader
// sees, so a reader under /latest/ copies a card that follows the newest version.
const setUpEmbedCodes = (root) =>
  setUpCopying(root, "a.rl-insluiten", {
    label: (anchor) => tekst("insluiten.kopieer", { id: anchor.dataset.rlId }),
    copied: (anchor) =>
      embedSnippet({ src: shortLinkFor(anchor), title: anchor.dataset.rlFrame, height: Number(anchor.dataset.rlHoogte) }),
    done: () => tekst("insluiten.gekopieerd"),
    failed: (code) => tekst("insluiten.mislukt", { code }),
  });

// One explanation per tap, in the line of text: the chip pushes the words after it along and
// covers none of them. The title moves to data-rl-title, so that neither the browser's own tooltip
// nor Material's (content.tooltips is off for this reason) shows a second one over the text.
function toggleExplanation(abbr) {
  const next = abbr.nextElementSibling;
  if (next && next.classList.contains("rl-uitleg")) {
    next.remove();
    abbr.setAttribute("aria-expanded", "false");
    return;
  }
  abbr.after(el("span", { class: "rl-uitleg", text: abbr.getAttribute("data-rl-title") }));
  abbr.setAttribute("aria-expanded", "true");
}

function setUpAbbreviations(root) {
  for (const abbr of root.querySelectorAll(".md-typeset abbr[title]")) {
    if (abbr.dataset.rlReady) continue;
    abbr.dataset.rlReady = "1";
    const expansion = abbr.getAttribute("title");
    abbr.setAttribute("data-rl-title", expansion);
    abbr.removeAttribute("title");
    abbr.setAttribute("tabindex", "0");
    abbr.setAttribute("role", "button");
    abbr.setAttribute("aria-expanded", "false");
    abbr.setAttribute("aria-label", `${abbr.textContent}: ${expansion}`);
    abbr.addEventListener("click", () => toggleExplanation(abbr));
    abbr.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggleExplanation(abbr);
      }
    });
  }
}

// Material draws the version selector after fetching versions.json; its button's name
// ("Selecteer versie") does not contain the visible version (axe: label-content-name-mismatch).
function nameVersionButton() {
  const button = document.querySelector(".md-version__current");
  if (!button) return false;
  // The alias ("latest") is a separate span with a CSS margin: give it a real space too, so
  // the text that assistive technology reads matches what is shown.
  // The alias keeps its English name in addresses (/latest/, render/addresses.py LATEST_ALIAS),
  // which intranet links hold; a reader sees it in Dutch.
  for (const alias of document.querySelectorAll(".md-version__alias")) {
    if (alias.textContent.trim() === "latest") alias.textContent = tekst("versie.nieuwste");
  }
  for (const alias of button.querySelectorAll(".md-version__alias")) {
    const before = alias.previousSibling;
    if (!(before && before.nodeType === Node.TEXT_NODE && /\s$/.test(before.textContent))) {
      alias.before(document.createTextNode(" "));
    }
  }
  const name = tekst("versie.kies", { versie: button.textContent.replace(/\s+/g, " ").trim() });
  if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
  return true;
}

function watchVersionButton() {
  if (nameVersionButton()) return;
  const observer = new MutationObserver(() => {
    if (nameVersionButton()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

// A section of the navigation that has a page of its own shows a link to it and, beside it, a
// toggle for its subsections: a label with only an icon, which also names the section's nav
// landmark (aria-labelledby). Both get the section's name, the link's text (axe: landmark-unique).
function nameSectionToggles(root) {
  for (const label of root.querySelectorAll(".md-nav__container > label.md-nav__link[for]")) {
    if (label.textContent.trim()) continue;
    const link = label.parentElement.querySelector("a.md-nav__link");
    const name = link ? link.textContent.replace(/\s+/g, " ").trim() : "";
    if (name) label.prepend(el("span", { class: "rl-visueel-verborgen", text: name }));
  }
}

// The phone's navigation drawer. The theme opens it with a label for its checkbox, which the
// keyboard cannot reach; a real button (from overrides/main.html) stands in for it, right after
// the label, which CSS then hides. Opened from the keyboard, focus goes to the drawer's first
// link; Escape there closes it again. Listeners on the document, added once when this module
// runs: instant navigation may swap the header.
function placeMenuButton() {
  const label = document.querySelector(".md-header__button[for='__drawer']");
  if (!label || document.querySelector("[data-rl-menu]")) return;
  const button = headerPart("[data-rl-menu]");
  if (button) label.after(button);
}

function setDrawer(toggle, open) {
  toggle.checked = open;
  toggle.dispatchEvent(new Event("change", { bubbles: true })); // Material follows the checkbox
}

function markDrawer(open) {
  const menu = document.querySelector("[data-rl-menu]");
  if (menu) menu.setAttribute("aria-expanded", String(open));
}

document.addEventListener("click", (event) => {
  const toggle = document.getElementById("__drawer");
  const menu = targetOf(event)?.closest("[data-rl-menu]");
  if (!toggle || !menu) return;
  setDrawer(toggle, !toggle.checked);
  const first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
  // detail 0: the click came from Enter or Space, not from a pointer.
  if (toggle.checked && event.detail === 0 && first) first.focus();
});
document.addEventListener("keydown", (event) => {
  const toggle = document.getElementById("__drawer");
  const target = targetOf(event);
  if (event.key !== "Escape" || !toggle || !toggle.checked || !target || !target.closest(".md-sidebar--primary")) return;
  setDrawer(toggle, false);
  const menu = document.querySelector("[data-rl-menu]");
  if (menu) menu.focus();
});
document.addEventListener("change", (event) => {
  const target = targetOf(event);
  if (target && target.id === "__drawer") markDrawer(target.checked);
});

onEveryPage(() => {
  placeMenuButton();
  nameSectionToggles(document);
  const toggle = document.getElementById("__drawer");
  markDrawer(Boolean(toggle && toggle.checked));
  setUpCopyLinks(document);
  setUpEmbedCodes(document);
  setUpAbbreviations(document);
  watchVersionButton();
});
