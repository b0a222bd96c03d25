/* Richtlijnen: copy short links and explain abbreviations on tap. Runs on every page view,
   including Material's instant navigation (document$). Nothing here makes a network request. */
(function () {
  "use strict";

  function announce(text) {
    var note = document.createElement("div");
    note.className = "rl-melding";
    note.setAttribute("role", "status");
    note.textContent = text;
    document.body.appendChild(note);
    setTimeout(function () { note.remove(); }, 2500);
  }

  function shortLinkFor(anchor) {
    // The href points at r/<id>/index.html so MkDocs can check it; people get the clean form.
    var url = new URL(anchor.getAttribute("href"), location.href);
    url.pathname = url.pathname.replace(/index\.html$/, "");
    return url.href;
  }

  function setUpCopyLinks(root) {
    root.querySelectorAll("a.rl-kopieer").forEach(function (anchor) {
      if (anchor.dataset.rlReady) return;
      anchor.dataset.rlReady = "1";
      anchor.setAttribute("role", "button");
      anchor.setAttribute("aria-label", "Kopieer link naar " + anchor.dataset.rlId);
      anchor.addEventListener("click", function (event) {
        if (!navigator.clipboard) return; // no clipboard: follow the link instead
        event.preventDefault();
        var link = shortLinkFor(anchor);
        navigator.clipboard.writeText(link).then(
          function () { announce("Link gekopieerd: " + link); },
          function () { announce("Kopiëren lukte niet; de link is " + link); }
        );
      });
    });
  }

  function toggleExplanation(abbr) {
    var next = abbr.nextElementSibling;
    if (next && next.classList.contains("rl-uitleg")) {
      next.remove();
      abbr.setAttribute("aria-expanded", "false");
      return;
    }
    var note = document.createElement("span");
    note.className = "rl-uitleg";
    note.textContent = abbr.getAttribute("data-rl-title");
    abbr.after(note);
    abbr.setAttribute("aria-expanded", "true");
  }

  function setUpAbbreviations(root) {
    root.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      if (abbr.dataset.rlReady) return;
      abbr.dataset.rlReady = "1";
      abbr.setAttribute("data-rl-title", abbr.getAttribute("title"));
      abbr.setAttribute("tabindex", "0");
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-expanded", "false");
      abbr.setAttribute("aria-label", abbr.textContent + ": " + abbr.getAttribute("title"));
      abbr.addEventListener("click", function () { toggleExplanation(abbr); });
      abbr.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggleExplanation(abbr);
        }
      });
    });
  }

  // Material draws the version selector after fetching versions.json; its button's name
  // ("Selecteer versie") does not contain the visible version (axe: label-content-name-mismatch).
  function nameVersionButton() {
    var button = document.querySelector(".md-version__current");
    if (!button) return false;
    // The alias ("latest") is a separate span with a CSS margin: give it a real space too, so
    // the text that assistive technology reads matches what is shown.
    button.querySelectorAll(".md-version__alias").forEach(function (alias) {
      var before = alias.previousSibling;
      if (!(before && before.nodeType === Node.TEXT_NODE && /\s$/.test(before.textContent))) {
        alias.before(document.createTextNode(" "));
      }
    });
    var name = "Versie " + button.textContent.replace(/\s+/g, " ").trim() + ", kies een andere versie";
    if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
    return true;
  }

  function watchVersionButton() {
    if (nameVersionButton()) return;
    var observer = new MutationObserver(function () {
      if (nameVersionButton()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  // The phone's navigation drawer. Material opens it with a label for its checkbox, which the
  // keyboard cannot reach; the header partial adds a real button that stands in for it. Opened
  // from the keyboard, focus goes to the drawer's first link; Escape there closes it again.
  // Listeners on the document, once: instant navigation may swap the header.
  function setDrawer(toggle, open) {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true })); // Material follows the checkbox
  }

  function setUpDrawer() {
    document.addEventListener("click", function (event) {
      var toggle = document.getElementById("__drawer");
      var menu = event.target instanceof Element ? event.target.closest("[data-rl-menu]") : null;
      if (!toggle || !menu) return;
      setDrawer(toggle, !toggle.checked);
      var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
      // detail 0: the click came from Enter or Space, not from a pointer.
      if (toggle.checked && event.detail === 0 && first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      var toggle = document.getElementById("__drawer");
      var target = event.target instanceof Element ? event.target : null;
      if (event.key !== "Escape" || !toggle || !toggle.checked || !target || !target.closest(".md-sidebar--primary")) return;
      setDrawer(toggle, false);
      var menu = document.querySelector("[data-rl-menu]");
      if (menu) menu.focus();
    });
    document.addEventListener("change", function (event) {
      if (event.target instanceof Element && event.target.id === "__drawer") markDrawer(event.target.checked);
    });
  }

  function markDrawer(open) {
    var menu = document.querySelector("[data-rl-menu]");
    if (menu) menu.setAttribute("aria-expanded", open ? "true" : "false");
  }

  setUpDrawer();

  function init() {
    var toggle = document.getElementById("__drawer");
    markDrawer(Boolean(toggle && toggle.checked));
    setUpCopyLinks(document);
    setUpAbbreviations(document);
    watchVersionButton();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
