/* Offline reading: registers the service worker and fills the "offline bewaren" control on the home
   page (the whole publication) and on each guideline's overview and chapters (that guideline).

   sw.js lives at the root of the site, or of this version's folder; it is registered with an
   address relative to Material's base URL (as search.js finds Pagefind), so its scope is exactly
   this version. The worker (assets/offline-worker.js) keeps every page and file as it is fetched;
   the control asks it, over a message port, to save all that offline.json lists for a guideline
   or for the publication, and shows how far it got, when it was saved, or what went wrong.

   The page templates mark where a control goes (a hidden .rl-offline-plek) and name a small file
   under offline/ with the group, its title and what a save takes; the control is made here, as
   without a worker it could do nothing. It appears only when that file has the size, that is after
   `richtlijnen build` (not in the preview). A page reads only its own small file, never a list of
   the whole publication, so it does not load more as the publication grows. Runs on every page
   view, including Material's instant navigation (document$) where that is on. */
(function () {
  "use strict";

  if (window.__rlOffline) return;
  window.__rlOffline = true;

  var TEXT = {
    checking: "Nagaan of dit offline bewaard is…",
    unsupported: "Offline bewaren kan niet in deze browser.",
    notSaved: {
      publication: "Nog niet offline bewaard. Bewaar alle richtlijnen, checklists en PDF's op dit apparaat om ze ook zonder internet te lezen",
      guideline: "Nog niet offline bewaard. Bewaar deze richtlijn met haar checklists en PDF's op dit apparaat om ze ook zonder internet te lezen",
    },
    save: { publication: "Hele publicatie offline bewaren", guideline: "Richtlijn offline bewaren" },
    saveAgain: "Opnieuw opslaan",
    retry: "Opnieuw proberen",
    remove: "Offline kopie verwijderen",
    busy: "Bezig met opslaan…",
    progress: "Bezig met opslaan: # van # bestanden.",
    saved: "Opgeslagen voor offline gebruik op #.",
    removed: "De offline kopie is verwijderd.",
    offline: "Opslaan is niet gelukt: er is geen verbinding met de website. Probeer het opnieuw zodra je online bent.",
    incomplete: "Opslaan is niet gelukt: # van # bestanden konden niet worden opgehaald. Controleer de internetverbinding en probeer het opnieuw.",
    failed: "Opslaan is niet gelukt. Probeer het later opnieuw.",
    stillSaved: " De offline kopie van # is nog te gebruiken.",
  };

  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base, location.href);
  if (!siteRoot.pathname.endsWith("/")) siteRoot.pathname += "/";

  // Per group: {phase, saved, done, total, message}; shared by every page view, so a save that
  // runs on while the reader navigates shows up on the next page of the same guideline.
  var states = {};
  var controls = {}; // small file -> promise of its contents, read once per page load
  var worker = null;

  function fill(text) {
    var values = Array.prototype.slice.call(arguments, 1);
    return text.replace(/#/g, function () { return String(values.shift()); });
  }

  function dutchMoment(iso) {
    var date = new Date(iso);
    return date.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }) +
      " om " + date.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
  }

  function dutchDate(iso) {
    return new Date(iso).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  }

  function dutchSize(bytes) {
    if (bytes < 1e6) return Math.max(1, Math.round(bytes / 1000)) + " kB";
    return (bytes / 1e6).toFixed(1).replace(".", ",") + " MB";
  }

  // --- The worker ----------------------------------------------------------------------------

  function startWorker() {
    if (worker) return worker;
    if (!("serviceWorker" in navigator)) {
      worker = Promise.reject(new Error("geen service worker"));
    } else {
      var controlledAtLoad = Boolean(navigator.serviceWorker.controller);
      worker = navigator.serviceWorker
        .register(new URL("sw.js", siteRoot).href)
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          if (!controlledAtLoad) send(registration, { type: "visited", urls: loadedSoFar() });
          return registration;
        });
    }
    worker.catch(function () {});
    return worker;
  }

  // This page and what it loaded, fetched before the worker ran.
  function loadedSoFar() {
    var urls = [location.href];
    performance.getEntriesByType("resource").forEach(function (entry) { urls.push(entry.name); });
    return urls.filter(function (url) { return url.indexOf(siteRoot.href) === 0; });
  }

  function send(registration, message, onProgress) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (event.data.type === "progress") {
          if (onProgress) onProgress(event.data);
          return;
        }
        channel.port1.close();
        resolve(event.data);
      };
      registration.active.postMessage(message, [channel.port2]);
    });
  }

  function ask(message, onProgress) {
    return startWorker().then(function (registration) { return send(registration, message, onProgress); });
  }

  function loadControl(file) {
    if (!controls[file]) {
      controls[file] = fetch(new URL(file, siteRoot).href).then(function (response) {
        if (!response.ok) throw new Error(file + ": " + response.status);
        return response.json();
      });
      controls[file].catch(function () { delete controls[file]; });
    }
    return controls[file];
  }

  // --- The control -----------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function buildControl(group) {
    var name = group.kind === "publication" ? "Offline lezen: hele publicatie" : "Offline lezen: " + group.title;
    var box = el("div", { class: "rl-offline", role: "group", "aria-label": name, "data-rl-groep": group.id });
    if (group.explain) {
      // Below a chapter it must be clear that the whole guideline is meant, not this page.
      var heading = el("p", { class: "rl-offline__kop" });
      heading.append(el("strong", {}, "Offline lezen"), ": de hele richtlijn " + group.title);
      box.append(heading);
    }
    var status = el("p", { class: "rl-offline__status" });
    var bar = el("progress", { class: "rl-offline__voortgang", max: "1", value: "0", "aria-label": "Voortgang van het opslaan" });
    bar.hidden = true;
    var buttons = el("p", { class: "rl-knoppen" });
    var save = el("button", { type: "button", class: "rl-knop rl-knop--hoofd", "data-rl-offline": "bewaar" });
    var remove = el("button", { type: "button", class: "rl-knop", "data-rl-offline": "verwijder" }, TEXT.remove);
    buttons.append(save, remove);
    box.append(status, bar, buttons);
    save.addEventListener("click", function () { startSave(group); });
    remove.addEventListener("click", function () { startRemove(group); });
    return box;
  }

  function render(group) {
    var state = states[group.id];
    document.querySelectorAll(".rl-offline").forEach(function (box) {
      if (box.getAttribute("data-rl-groep") !== group.id) return;
      var status = box.querySelector(".rl-offline__status");
      var bar = box.querySelector("progress");
      var save = box.querySelector("[data-rl-offline=bewaar]");
      var remove = box.querySelector("[data-rl-offline=verwijder]");
      var busy = state.phase === "saving" || state.phase === "removing";
      box.classList.toggle("rl-offline--fout", state.phase === "error");
      box.setAttribute("aria-busy", busy ? "true" : "false");
      if (state.phase === "error") {
        // The failure stands out; that an older copy still works is said plainly after it.
        status.replaceChildren(el("strong", { class: "rl-offline__fout" }, state.message));
        if (state.saved) status.append(fill(TEXT.stillSaved, dutchDate(state.saved)));
      } else {
        status.textContent = statusText(group, state);
      }
      bar.hidden = state.phase !== "saving";
      if (state.total) {
        bar.max = state.total;
        bar.value = state.done;
      } else {
        bar.removeAttribute("value"); // indeterminate until the worker knows how many files
      }
      save.hidden = state.phase === "checking" || state.phase === "unsupported";
      save.textContent = state.phase === "saving" ? TEXT.busy : state.phase === "error" ? TEXT.retry : state.saved ? TEXT.saveAgain : TEXT.save[group.kind];
      // aria-disabled rather than disabled: the button keeps keyboard focus while it works.
      save.setAttribute("aria-disabled", busy ? "true" : "false");
      remove.hidden = !state.saved || state.phase === "unsupported";
      remove.setAttribute("aria-disabled", busy ? "true" : "false");
      var live = box.querySelector("[role=status]");
      if (live && state.announce !== undefined && live.textContent !== state.announce) {
        var text = state.announce;
        requestAnimationFrame(function () { live.textContent = text; });
      }
    });
  }

  function statusText(group, state) {
    switch (state.phase) {
      case "checking": return TEXT.checking;
      case "unsupported": return TEXT.unsupported;
      case "saving": return state.total ? fill(TEXT.progress, state.done, state.total) : TEXT.busy;
      default:
        if (state.saved) return fill(TEXT.saved, dutchMoment(state.saved));
        return TEXT.notSaved[group.kind] + (group.size ? " (ongeveer " + dutchSize(group.size) + ")." : ".");
    }
  }

  function update(group, changes) {
    var state = states[group.id] || (states[group.id] = { phase: "checking", saved: null });
    Object.keys(changes).forEach(function (key) { state[key] = changes[key]; });
    render(group);
  }

  function refresh(group) {
    return ask({ type: "status" }).then(
      function (reply) {
        var record = reply.groups[group.id];
        var phase = states[group.id].phase;
        if (phase === "saving" || phase === "removing") return;
        update(group, { phase: phase === "error" ? "error" : "idle", saved: record ? record.saved : null });
      },
      function () { update(group, { phase: "unsupported" }); }
    );
  }

  function errorText(reply) {
    if (reply.reason === "offline") return TEXT.offline;
    if (reply.reason === "incomplete") return fill(TEXT.incomplete, reply.failed, reply.total);
    return TEXT.failed;
  }

  // Screen readers hear what a button did, not the state on every page view: the live region
  // is made on the first click, empty, so that what is put in it next is announced.
  function listen(group) {
    document.querySelectorAll(".rl-offline").forEach(function (box) {
      if (box.getAttribute("data-rl-groep") === group.id && !box.querySelector("[role=status]")) {
        box.append(el("span", { class: "rl-visueel-verborgen", role: "status" }));
      }
    });
  }

  function startSave(group) {
    var phase = states[group.id].phase;
    if (phase === "saving" || phase === "removing" || phase === "unsupported") return;
    listen(group);
    // The reader asked to keep it: ask the browser not to clear it when space runs low.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    update(group, { phase: "saving", done: 0, total: 0, announce: TEXT.busy });
    ask({ type: "save", group: group.id }, function (progress) {
      update(group, { done: progress.done, total: progress.total });
    }).then(
      function (reply) {
        if (reply.type === "saved") {
          update(group, { phase: "idle", saved: reply.saved, announce: fill(TEXT.saved, dutchMoment(reply.saved)) });
        } else {
          var message = errorText(reply);
          update(group, { phase: "error", message: message, announce: message });
          refresh(group); // an older copy may still be there
        }
      },
      function () { update(group, { phase: "error", message: TEXT.failed, announce: TEXT.failed }); }
    );
  }

  function startRemove(group) {
    var phase = states[group.id].phase;
    if (phase === "saving" || phase === "removing") return;
    listen(group);
    update(group, { phase: "removing" });
    ask({ type: "remove", group: group.id }).then(
      function () { update(group, { phase: "idle", saved: null, announce: TEXT.removed }); },
      function () { update(group, { phase: "error", message: TEXT.failed, announce: TEXT.failed }); }
    );
  }

  // --- Every page view ---------------------------------------------------------------------------

  function init() {
    var article = document.querySelector("article.md-content__inner");
    var spot = article && article.querySelector(".rl-offline-plek[data-rl-offline]");
    if (!spot) return;
    loadControl(spot.getAttribute("data-rl-offline")).then(function (data) {
      // The reader may have gone on to another page meanwhile; and without the size of a complete
      // build (the preview) there is nothing complete to save.
      if (!spot.isConnected || typeof data.size !== "number") return;
      var group = { id: data.group, kind: data.kind, title: data.title, size: data.size, explain: spot.hasAttribute("data-rl-offline-uitleg") };
      spot.replaceWith(buildControl(group));
      if (!("serviceWorker" in navigator)) {
        update(group, { phase: "unsupported" });
        return;
      }
      var state = states[group.id];
      if (state) state.announce = undefined; // a new page view: nothing to announce yet
      update(group, state && state.phase !== "error" ? {} : { phase: "checking" });
      refresh(group);
    }, function () {});
  }

  // Registered after the page has loaded, so the worker does not compete with it.
  if (document.readyState === "complete") startWorker();
  else window.addEventListener("load", function () { startWorker(); });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
