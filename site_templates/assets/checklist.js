/* Checklists: progress, several runs (one per family) and ticks that stay on this device.

   Storage: one localStorage key per checklist, "rl-checklist:<checklist id>", holding
     {"format": 1, "current": "<run id>",
      "runs": [{"id": "<run id>", "label": "gezin A12", "created": "<ISO time>",
                "ticks": {"<item id>": {"hash": "<12 hex>", "at": "<ISO time>"}}}]}
   Ticks are keyed by item id, not by position, so a release that reorders or inserts items keeps
   every tick on its item. The hash of the item's text is stored with the tick, so an item that was
   reworded after it was ticked can be flagged. Ticks (and any fields) this page does not know are
   left as they are: an older or newer release of the same checklist may still need them.
   A stored value that fails the shape check is never written over: it is moved to
   "rl-checklist:<checklist id>:apart:<ISO time>" first (a "-2", "-3" ... suffix if that key is taken).

   Runs on every page view, including Material's instant navigation (document$). Every listener is
   attached to an element inside the checklist, so it goes away with the page; the three listeners
   on window are added once, when this file loads. Nothing here makes a network request. */
(function () {
  "use strict";

  var KEY_PREFIX = "rl-checklist:";
  var FORMAT = 1;
  var LABEL_MAX = 40;
  // Screen readers already say "aangevinkt" for each box; the totals follow once the user pauses,
  // so ticking five boxes in a row gives one summary instead of five.
  var ANNOUNCE_DELAY_MS = 1200;
  var NO_LABEL = "(zonder code)";
  var SET_ASIDE = ":apart:";

  var READ_ASIDE = "De bewaarde lijsten van deze checklist waren niet te lezen. Ze zijn apart gezet op dit apparaat, niet gewist.";
  var READ_STUCK = "De bewaarde lijsten van deze checklist zijn niet te lezen en konden niet apart gezet worden; ze blijven staan zoals ze zijn.";
  // Follows what was not saved, e.g. "Vinkje niet bewaard".
  var NOT_SAVED = ": de opslag op dit apparaat staat uit of is vol. Na herladen van de pagina is deze wijziging weg.";
  var SAVED_AGAIN = "Alles is weer bewaard op dit apparaat.";

  var active = null; // the checklist of the current page view, or null

  // --- Small helpers ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // dd-mm-jjjj in the reader's own time zone: the date a Dutch client file expects.
  function dutchDate(date) {
    return pad(date.getDate()) + "-" + pad(date.getMonth() + 1) + "-" + date.getFullYear();
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function cleanLabel(text) {
    return text.replace(/\s+/g, " ").trim().slice(0, LABEL_MAX);
  }

  function labelOf(run) {
    return run.label || NO_LABEL;
  }

  // --- Storage -----------------------------------------------------------------------------------

  // Item ids come from the page and tick keys from stored JSON, so neither may meet anything
  // inherited: in a plain object an item "constructor" would be ticked from the start, and a stored
  // key "__proto__" could make ticks appear. Ticks live in maps without a prototype, and every
  // look-up asks for an own property.
  var hasOwn = Object.prototype.hasOwnProperty;

  function has(object, name) {
    return hasOwn.call(object, name);
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function emptyTicks() {
    return Object.create(null);
  }

  // The tick of an item, or null. A stored entry that is not an object is kept but counts as no tick.
  function tickOf(run, id) {
    var tick = has(run.ticks, id) ? run.ticks[id] : null;
    return isRecord(tick) ? tick : null;
  }

  function newRun(label) {
    var id = "l" + Date.now().toString(36) + Math.random().toString(36).slice(2, 7);
    return { id: id, label: label, created: new Date().toISOString(), ticks: emptyTicks() };
  }

  function emptyState() {
    var run = newRun("");
    return { format: FORMAT, current: run.id, runs: [run] };
  }

  function isState(value) {
    return (
      isRecord(value) &&
      has(value, "runs") &&
      Array.isArray(value.runs) &&
      value.runs.every(function (run) {
        return (
          isRecord(run) &&
          has(run, "id") &&
          typeof run.id === "string" &&
          has(run, "label") &&
          typeof run.label === "string" &&
          has(run, "ticks") &&
          isRecord(run.ticks)
        );
      })
    );
  }

  // Assigning to a map without a prototype defines a key, so even "__proto__" is copied as data.
  function adopt(state) {
    state.runs.forEach(function (run) {
      var ticks = emptyTicks();
      Object.keys(run.ticks).forEach(function (id) {
        ticks[id] = run.ticks[id];
      });
      run.ticks = ticks;
    });
    return state;
  }

  // Another release's format, or a damaged copy of someone's only lists: moved, never written over,
  // and never onto an earlier copy. Returns the new key, or null when storage refused.
  function setAside(key, text) {
    try {
      var base = key + SET_ASIDE + new Date().toISOString();
      var aside = base;
      for (var n = 2; window.localStorage.getItem(aside) !== null; n++) aside = base + "-" + n;
      window.localStorage.setItem(aside, text);
      window.localStorage.removeItem(key);
      return aside;
    } catch (error) {
      return null;
    }
  }

  // What is stored for a checklist: {state} (null when nothing is), {off} when storage is switched
  // off, or {unreadable} for a value that fails the shape check. When move is true such a value is
  // set aside ({aside: key}) or, if that fails, left in place ({stuck}) so that no write replaces it.
  function load(key, move) {
    var text;
    try {
      text = window.localStorage.getItem(key);
    } catch (error) {
      return { state: null, off: true };
    }
    if (text === null) return { state: null };
    var value = null;
    try {
      value = JSON.parse(text);
    } catch (error) {
      value = null;
    }
    if (isState(value)) return { state: adopt(value) };
    if (!move) return { state: null, unreadable: true };
    var aside = setAside(key, text);
    return { state: null, unreadable: true, aside: aside, stuck: !aside };
  }

  function writeState(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
      return true;
    } catch (error) {
      return false; // switched off, or full (QuotaExceededError)
    }
  }

  function findRun(state, id) {
    for (var i = 0; i < state.runs.length; i++) if (state.runs[i].id === id) return state.runs[i];
    return null;
  }

  // Read, change, write: another tab may have changed the same checklist in the meantime, and its
  // changes must survive. The run shown here is put back if that tab deleted it. The status then
  // says what happened: done (text, or a function for text that depends on the change) when the
  // change was saved, or failed + NOT_SAVED when it was not; a change that was not saved stays on
  // this page only, and the page never claims otherwise. Returns whether it was saved.
  function update(checklist, change, done, failed) {
    var loaded = load(checklist.key, true);
    // After a failed write this page holds changes that storage lacks; rereading would drop them.
    var state = (!checklist.unsaved && loaded.state) || checklist.state;
    if (!findRun(state, checklist.runId)) state.runs.push(checklist.run());
    change(state, findRun(state, checklist.runId));
    state.format = FORMAT;
    checklist.state = state;
    var saved = !loaded.stuck && writeState(checklist.key, state);
    var savedAgain = saved && checklist.unsaved;
    checklist.unsaved = !saved;
    render(checklist);

    var outcome = saved ? (typeof done === "function" ? done() : done) || (savedAgain ? SAVED_AGAIN : "") : failed + NOT_SAVED;
    var text = [loaded.aside ? READ_ASIDE : "", loaded.stuck ? READ_STUCK : "", outcome].filter(Boolean).join(" ");
    if (text) say(checklist, text);
    return saved;
  }

  // --- The page ----------------------------------------------------------------------------------

  function readItems(root) {
    return Array.prototype.map.call(root.querySelectorAll(".rl-punt[data-rl-item]"), function (node) {
      var box = node.querySelector("input.rl-vink");
      var label = node.querySelector("label");
      return {
        node: node,
        id: node.getAttribute("data-rl-item"),
        hash: node.getAttribute("data-rl-hash"),
        box: box,
        text: label ? label.textContent.replace(/\s+/g, " ").trim() : "",
        required: !!box && box.getAttribute("data-rl-nodig") === "ja",
      };
    }).filter(function (item) {
      return item.box;
    });
  }

  function buildControls(checklist) {
    var select = el("select", { id: "rl-lijst-keuze", "aria-describedby": "rl-privacy" });
    var code = el("input", {
      id: "rl-lijst-code",
      type: "text",
      maxlength: String(LABEL_MAX),
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "bijv. gezin A12",
      "aria-describedby": "rl-privacy",
    });
    var form = el("form", { class: "rl-veld rl-nieuwe-lijst" }, [
      el("label", { for: "rl-lijst-code", text: "Code" }),
      code,
      el("span", { class: "rl-knoppen" }, [
        el("button", { type: "submit", class: "rl-knop", "data-rl-actie": "nieuw", text: "Nieuwe lijst" }),
        el("button", { type: "submit", class: "rl-knop", "data-rl-actie": "hernoem", text: "Hernoem huidige lijst" }),
      ]),
    ]);
    var panel = el("div", { class: "rl-bediening" }, [
      el("div", { class: "rl-veld" }, [
        el("label", { for: "rl-lijst-keuze", text: "Afvinken voor" }),
        select,
        el("button", { type: "button", class: "rl-knop", "data-rl-actie": "verwijder", text: "Verwijder lijst" }),
      ]),
      form,
      el("p", {
        class: "rl-privacy",
        id: "rl-privacy",
        text: "Afvinkingen blijven op dit apparaat; er gaat niets naar een server. Gebruik een code (bijv. gezin A12), geen naam.",
      }),
      el("div", { class: "rl-knoppen rl-acties-lijst" }, [
        el("button", { type: "button", class: "rl-knop rl-knop--hoofd", "data-rl-actie": "kopieer", text: "Kopieer als tekst" }),
        el("button", { type: "button", class: "rl-knop", "data-rl-actie": "wis", text: "Alles wissen" }),
        el("button", { type: "button", class: "rl-knop", "data-rl-actie": "print", text: "Afdrukken" }),
      ]),
      el("p", { class: "rl-status", role: "status" }),
    ]);
    var message = el("p", { id: "rl-dialoog-tekst" });
    var dialog = el("dialog", { class: "rl-dialoog", "aria-labelledby": "rl-dialoog-tekst" }, [
      message,
      el("form", { method: "dialog", class: "rl-knoppen" }, [
        // Cancel comes first and gets the focus: Enter or Escape by reflex never erases anything.
        el("button", { type: "submit", value: "nee", class: "rl-knop", autofocus: "", text: "Annuleren" }),
        el("button", { type: "submit", value: "ja", class: "rl-knop rl-knop--gevaar", "data-rl-bevestig": "" }),
      ]),
    ]);
    return { panel: panel, select: select, code: code, form: form, status: panel.querySelector(".rl-status"), dialog: dialog, message: message };
  }

  function setUp(root) {
    var key = KEY_PREFIX + root.getAttribute("data-rl-checklist");
    // Unreadable lists are set aside now rather than at the first tick, so that the reader learns it
    // on opening the page, before ticking anything.
    var loaded = load(key, true);
    var state = loaded.state || { format: FORMAT, current: null, runs: [] };
    var run = findRun(state, state.current) || state.runs[0] || null;
    // Nothing is written until the user ticks or makes a list: opening a page leaves no trace.
    var fresh = run ? null : newRun("");
    if (fresh) {
      state.runs.push(fresh);
      state.current = fresh.id;
    }

    var checklist = {
      root: root,
      key: key,
      id: root.getAttribute("data-rl-checklist"),
      title: root.getAttribute("data-rl-title") || "",
      release: root.getAttribute("data-rl-release") || "",
      url: root.getAttribute("data-rl-url") || location.href,
      items: readItems(root),
      state: state,
      runId: (run || fresh).id,
      timer: null,
      unsaved: false, // a change on this page failed to save, so storage is behind it
      run: function () {
        return findRun(checklist.state, checklist.runId) || checklist.state.runs[0];
      },
    };
    checklist.ui = buildControls(checklist);

    var progress = root.querySelector(".rl-voortgang") || el("p", { class: "rl-voortgang" });
    if (!progress.parentNode) root.prepend(progress);
    progress.textContent = "";
    checklist.progress = progress;
    checklist.announcer = el("p", { class: "rl-visueel-verborgen", role: "status" });
    progress.before(checklist.ui.panel);
    progress.after(checklist.announcer);
    root.append(checklist.ui.dialog);

    var printHead = root.querySelector(".rl-printkop");
    checklist.printExtra = el("span", { class: "rl-printkop-extra" });
    if (printHead) printHead.append(checklist.printExtra);

    root.addEventListener("change", function (event) {
      if (event.target.matches("input.rl-vink")) tick(checklist, event.target);
      else if (event.target === checklist.ui.select) switchRun(checklist, event.target.value);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-rl-actie]");
      if (!button || button.type === "submit") return;
      act(checklist, button.getAttribute("data-rl-actie"), button);
    });
    checklist.ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var action = event.submitter ? event.submitter.getAttribute("data-rl-actie") : "nieuw";
      nameRun(checklist, action === "hernoem");
    });

    root.classList.add("rl-js");
    render(checklist);
    if (loaded.aside) say(checklist, READ_ASIDE + " Je begint met een lege lijst.");
    else if (loaded.stuck) say(checklist, READ_STUCK + " Wat je nu afvinkt, wordt niet bewaard.");
    return checklist;
  }

  // --- Actions -----------------------------------------------------------------------------------

  function itemFor(checklist, box) {
    for (var i = 0; i < checklist.items.length; i++) if (checklist.items[i].box === box) return checklist.items[i];
    return null;
  }

  function tick(checklist, box) {
    var item = itemFor(checklist, box);
    if (!item) return;
    update(
      checklist,
      function (state, run) {
        if (box.checked) run.ticks[item.id] = { hash: item.hash, at: new Date().toISOString() };
        else delete run.ticks[item.id];
      },
      "",
      box.checked ? "Vinkje niet bewaard" : "Uitvinken niet bewaard"
    );
    scheduleAnnouncement(checklist);
  }

  function confirmChanged(checklist, item) {
    update(
      checklist,
      function (state, run) {
        var existing = tickOf(run, item.id);
        if (existing) {
          existing.hash = item.hash;
          existing.at = new Date().toISOString();
        }
      },
      "Vinkje bevestigd voor de nieuwe tekst.",
      "Bevestiging niet bewaard"
    );
    item.box.focus(); // the button that had the focus is gone now
  }

  function switchRun(checklist, runId) {
    if (!findRun(checklist.state, runId)) return;
    checklist.runId = runId;
    update(
      checklist,
      function (state) {
        state.current = runId;
      },
      function () {
        return "Lijst " + labelOf(checklist.run()) + ": " + progressSentence(count(checklist));
      },
      "Keuze van de lijst niet bewaard"
    );
  }

  function nameRun(checklist, rename) {
    var label = cleanLabel(checklist.ui.code.value);
    if (!label) {
      say(checklist, "Vul eerst een code in, bijvoorbeeld gezin A12.");
      checklist.ui.code.focus();
      return;
    }
    var taken = checklist.state.runs.some(function (run) {
      return run.label === label && run.id !== (rename ? checklist.runId : "");
    });
    if (taken) {
      say(checklist, "Er is al een lijst met de code " + label + ".");
      checklist.ui.code.focus();
      return;
    }
    if (rename) {
      update(
        checklist,
        function (state, run) {
          run.label = label;
        },
        "De huidige lijst heet nu " + label + ".",
        "Nieuwe code " + label + " niet bewaard"
      );
    } else {
      var run = newRun(label);
      var previous = checklist.run();
      update(
        checklist,
        function (state) {
          // An empty list without a code is only the starting point; keeping it would be clutter.
          state.runs = state.runs.filter(function (r) {
            return !(r.id === previous.id && !r.label && Object.keys(r.ticks).length === 0);
          });
          state.runs.push(run);
          state.current = run.id;
          checklist.runId = run.id;
        },
        "Nieuwe lijst " + label + " gemaakt; je vinkt nu af voor " + label + ".",
        "Nieuwe lijst " + label + " niet bewaard"
      );
    }
    checklist.ui.code.value = "";
  }

  function confirmThen(checklist, text, confirmLabel, opener, onYes) {
    var dialog = checklist.ui.dialog;
    if (typeof dialog.showModal !== "function") {
      if (window.confirm(text)) onYes(); // browsers without <dialog>
      return;
    }
    checklist.ui.message.textContent = text;
    dialog.querySelector("[data-rl-bevestig]").textContent = confirmLabel;
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      function () {
        if (dialog.returnValue === "ja") onYes();
        if (opener.isConnected) opener.focus();
      },
      { once: true }
    );
    dialog.showModal();
  }

  function deleteRun(checklist) {
    var doomed = checklist.run();
    update(
      checklist,
      function (state) {
        state.runs = state.runs.filter(function (r) {
          return r.id !== doomed.id;
        });
        if (state.runs.length === 0) state.runs.push(newRun(""));
        state.current = state.runs[0].id;
        checklist.runId = state.runs[0].id;
      },
      function () {
        return "Lijst " + labelOf(doomed) + " verwijderd. Je vinkt nu af voor " + labelOf(checklist.run()) + ".";
      },
      "Verwijderen van lijst " + labelOf(doomed) + " niet bewaard"
    );
  }

  function clearRun(checklist) {
    // Also ticks of items this release does not show: "alles wissen" has to mean everything.
    update(
      checklist,
      function (state, run) {
        run.ticks = emptyTicks();
      },
      function () {
        return "Alle afvinkingen van " + labelOf(checklist.run()) + " zijn gewist.";
      },
      "Wissen niet bewaard"
    );
  }

  function act(checklist, action, button) {
    if (action === "kopieer") copyText(checklist);
    else if (action === "print") window.print();
    else if (action === "bevestig") {
      var node = button.closest(".rl-punt");
      checklist.items.forEach(function (item) {
        if (item.node === node) confirmChanged(checklist, item);
      });
    } else if (action === "wis") {
      confirmThen(checklist, "Alle afvinkingen van " + labelOf(checklist.run()) + " wissen? Dit kun je niet ongedaan maken.", "Wis afvinkingen", button, function () {
        clearRun(checklist);
      });
    } else if (action === "verwijder") {
      confirmThen(checklist, "Lijst " + labelOf(checklist.run()) + " verwijderen, met alle afvinkingen? Dit kun je niet ongedaan maken.", "Verwijder lijst", button, function () {
        deleteRun(checklist);
      });
    }
  }

  // --- Plain text for a client file --------------------------------------------------------------

  function summaryText(checklist, now) {
    var run = checklist.run();
    var counts = count(checklist);
    var done = [];
    var open = [];
    checklist.items.forEach(function (item) {
      var tick = tickOf(run, item.id);
      var line = (tick ? "[x] " : "[ ] ") + item.text + (item.required ? " (nodig voor compleet)" : "");
      if (tick && tick.hash !== item.hash) line += " (tekst gewijzigd sinds afvinken)";
      (tick ? done : open).push(line);
    });
    return [
      "Checklist: " + checklist.title,
      "Publicatie: " + checklist.release,
      "Datum: " + dutchDate(now),
      "Lijst: " + labelOf(run),
      "Adres: " + checklist.url,
      "Voortgang: " + progressSentence(counts),
      "",
      "Afgevinkt (" + done.length + "):",
    ]
      .concat(done.length ? done : ["(geen)"])
      .concat(["", "Open (" + open.length + "):"])
      .concat(open.length ? open : ["(geen)"])
      .join("\n");
  }

  function copyText(checklist) {
    var text = summaryText(checklist, new Date());
    var done = function () {
      say(checklist, "Gekopieerd als tekst. Plak het in het dossier.");
    };
    var failed = function () {
      say(checklist, "Kopiëren lukte niet in deze browser.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      // The Clipboard API exists only on https (and localhost); an intranet on plain http still
      // has the older way through a selection.
      var button = document.activeElement;
      var area = el("textarea", { class: "rl-visueel-verborgen", readonly: "", tabindex: "-1", "aria-hidden": "true" });
      area.value = text;
      checklist.root.append(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      if (button && button.focus) button.focus();
      (copied ? done : failed)();
    }
  }

  // --- Showing the state -------------------------------------------------------------------------

  function count(checklist) {
    var run = checklist.run();
    var c = { total: checklist.items.length, ticked: 0, required: 0, openRequired: 0, changed: 0 };
    checklist.items.forEach(function (item) {
      var tick = tickOf(run, item.id);
      if (tick) c.ticked += 1;
      if (tick && tick.hash !== item.hash) c.changed += 1;
      if (item.required) {
        c.required += 1;
        if (!tick) c.openRequired += 1;
      }
    });
    return c;
  }

  function completeness(c) {
    if (c.required === 0) return "";
    if (c.openRequired === 0) return "Compleet: alle nodige punten afgevinkt.";
    return "Nog niet compleet: " + plural(c.openRequired, "nodig punt", "nodige punten") + " open.";
  }

  function changedNote(c) {
    if (c.changed === 0) return "";
    return c.changed === 1 ? "1 afgevinkt punt heeft een gewijzigde tekst." : c.changed + " afgevinkte punten hebben een gewijzigde tekst.";
  }

  function progressSentence(c) {
    return [c.ticked + " van " + c.total + " afgevinkt.", completeness(c), changedNote(c)].filter(Boolean).join(" ");
  }

  function scheduleAnnouncement(checklist) {
    clearTimeout(checklist.timer);
    checklist.timer = setTimeout(function () {
      checklist.announcer.textContent = progressSentence(count(checklist));
    }, ANNOUNCE_DELAY_MS);
  }

  function say(checklist, text) {
    if (checklist.ui) checklist.ui.status.textContent = text;
  }

  function showChanged(item, changed) {
    var noteId = "rl-gewijzigd-" + item.id;
    var note = item.node.querySelector(".rl-gewijzigd");
    if (!changed) {
      if (note) note.remove();
      item.box.removeAttribute("aria-describedby");
      item.node.classList.remove("rl-punt--gewijzigd");
      return;
    }
    if (!note) {
      note = el("p", { class: "rl-gewijzigd", id: noteId }, [
        el("strong", { text: "Tekst gewijzigd sinds je dit afvinkte." }),
        " Lees het punt opnieuw en bevestig je vinkje, of vink het uit. ",
        el("button", { type: "button", class: "rl-knop rl-knop--klein", "data-rl-actie": "bevestig", text: "Vinkje klopt nog" }),
      ]);
      var line = item.node.querySelector(".rl-punt-regel");
      if (line) line.after(note);
      else item.node.prepend(note);
    }
    item.box.setAttribute("aria-describedby", noteId);
    item.node.classList.add("rl-punt--gewijzigd");
  }

  function render(checklist) {
    var run = checklist.run();
    checklist.runId = run.id;
    checklist.items.forEach(function (item) {
      var tick = tickOf(run, item.id);
      item.box.checked = !!tick;
      item.node.classList.toggle("rl-punt--af", !!tick);
      showChanged(item, !!tick && tick.hash !== item.hash);
    });

    var c = count(checklist);
    var figure = el("strong", { text: c.ticked + " van " + c.total + " afgevinkt" });
    var parts = [figure];
    var state = completeness(c);
    if (state) parts.push(" · ", el("span", { class: c.openRequired ? "rl-onvolledig" : "rl-compleet", text: state }));
    if (c.changed) parts.push(" · ", el("span", { class: "rl-onvolledig", text: changedNote(c) }));
    checklist.progress.replaceChildren.apply(checklist.progress, parts);

    var select = checklist.ui.select;
    select.replaceChildren.apply(
      select,
      checklist.state.runs.map(function (r) {
        var option = el("option", { value: r.id, text: labelOf(r) });
        option.selected = r.id === run.id;
        return option;
      })
    );
    updatePrintHead(checklist);
  }

  function updatePrintHead(checklist) {
    checklist.printExtra.textContent = " · afgedrukt op " + dutchDate(new Date()) + " · lijst: " + labelOf(checklist.run());
  }

  // --- Page views --------------------------------------------------------------------------------

  function init() {
    var root = document.querySelector(".rl-checklist[data-rl-checklist]");
    if (active && active.root === root) return; // the same page view reported twice
    if (active) clearTimeout(active.timer); // a pending announcement for a page that is gone
    active = root ? setUp(root) : null;
  }

  // These three are added once, when this file loads, and act on whichever checklist is shown.

  // The print date must be the day of printing, also when the page has been open since yesterday.
  window.addEventListener("beforeprint", function () {
    if (active && active.root.isConnected) updatePrintHead(active);
  });

  // Another tab (say, the same checklist for another family) changed the ticks or the lists: show
  // them. This tab keeps showing its own list unless that one was deleted.
  function reload() {
    if (!active || !active.root.isConnected) return;
    // Setting aside is left to this page's next change: a tab that reacts to another tab by
    // writing could go back and forth with it.
    var loaded = load(active.key, false);
    if (loaded.off || loaded.unreadable) return;
    active.state = loaded.state || emptyState();
    active.unsaved = false;
    render(active);
  }

  window.addEventListener("storage", function (event) {
    if (active && (event.key === active.key || event.key === null)) reload();
  });

  // A page restored from the back/forward cache may show ticks from before.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) reload();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
