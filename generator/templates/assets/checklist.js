/* Checklists: progress, several runs (one per family) and ticks that stay on this device.

   What is stored, and how it changes, is in checklist-state.js; this module draws the controls,
   reads the page's items and wires them up.

   Runs on every page view, including Material's instant navigation (document$). Every listener is
   attached to an element inside the checklist, so it goes away with the page; the three listeners
   on window are added once, when this module runs. Nothing here makes a network request. */

import { el, onEveryPage, dutchLongDate, saveFile, tekst } from "./common.js";
import { agendaControls } from "./agenda.js";
import {
  KEY_PREFIX,
  FORMAT,
  LABEL_MAX,
  addRun,
  changedNote,
  cleanLabel,
  completeness,
  confirmTick,
  count,
  deleteRun,
  emptyState,
  emptyTicks,
  fhirFileName,
  findRun,
  isChanged,
  labelOf,
  labelTaken,
  load,
  newRun,
  progressSentence,
  questionnaireResponse,
  setTick,
  startingPoint,
  summaryText,
  tickOf,
  writeState,
} from "./checklist-state.js";

// Screen readers already say "aangevinkt" for each box; the totals follow once the user pauses,
// so ticking five boxes in a row gives one summary instead of five.
const ANNOUNCE_DELAY_MS = 1200;

// window.localStorage itself throws where storage is switched off, so it is looked up on each use,
// inside the try of the function in checklist-state.js that uses it.
const storage = {
  getItem: (key) => window.localStorage.getItem(key),
  setItem: (key, value) => window.localStorage.setItem(key, value),
  removeItem: (key) => window.localStorage.removeItem(key),
};

let active = null; // the checklist of the current page view, or null

// Read, change, write: another tab may have changed the same checklist in the meantime, and its
// changes must survive (startingPoint). The status then says what happened: done (text, or a
// function for text that depends on the change) when the change was saved, or names what failed
// (`failed`) when it was not; a change that was not saved stays on this page only, and the page never claims
// otherwise. Returns whether it was saved.
function update(checklist, change, done, failed) {
  const loaded = load(storage, checklist.key, true);
  const state = startingPoint(loaded.state, checklist.state, checklist.runId, checklist.unsaved);
  change(state, findRun(state, checklist.runId));
  state.format = FORMAT;
  checklist.state = state;
  const saved = !loaded.stuck && writeState(storage, checklist.key, state);
  const savedAgain = saved && checklist.unsaved;
  checklist.unsaved = !saved;
  render(checklist);

  const outcome = saved
    ? (typeof done === "function" ? done() : done) || (savedAgain ? tekst("checklist.opslag.weer_bewaard") : "")
    : tekst("checklist.opslag.niet_bewaard", { wat: failed });
  const aside = loaded.aside ? tekst("checklist.opslag.apart") : "";
  const stuck = loaded.stuck ? tekst("checklist.opslag.vast") : "";
  const text = [aside, stuck, outcome].filter(Boolean).join(" ");
  say(checklist, text); // an empty text clears the last message: it was about an earlier change
  return saved;
}

// --- The page ----------------------------------------------------------------------------------

function readItems(root) {
  return Array.from(root.querySelectorAll(".rl-punt[data-rl-item]"), (node) => {
    const box = node.querySelector("input.rl-vink");
    const label = node.querySelector("label");
    return {
      node,
      id: node.getAttribute("data-rl-item"),
      hash: node.getAttribute("data-rl-hash"),
      box,
      text: label ? label.textContent.replace(/\s+/g, " ").trim() : "",
      required: Boolean(box) && box.getAttribute("data-rl-nodig") === "ja",
      group: node.getAttribute("data-rl-groep") || "",
    };
  }).filter((item) => item.box);
}

// linkId -> title of the checklist's groups, from their headings (without the heading's permalink).
function readGroups(root) {
  return new Map(
    Array.from(root.querySelectorAll("[data-rl-groep]:not(.rl-punt)"), (heading) => {
      const copy = heading.cloneNode(true);
      for (const link of copy.querySelectorAll(".headerlink")) link.remove();
      return [heading.getAttribute("data-rl-groep"), copy.textContent.replace(/\s+/g, " ").trim()];
    })
  );
}

function buildControls() {
  const select = el("select", { id: "rl-lijst-keuze", "aria-describedby": "rl-privacy" });
  const code = el("input", {
    id: "rl-lijst-code",
    type: "text",
    maxlength: String(LABEL_MAX),
    autocomplete: "off",
    spellcheck: "false",
    placeholder: tekst("checklist.bediening.voorbeeld"),
    "aria-describedby": "rl-privacy",
  });
  const form = el("form", { class: "rl-veld rl-nieuwe-lijst" }, [
    el("label", { for: "rl-lijst-code", text: tekst("checklist.bediening.code") }),
    code,
    el("span", { class: "rl-knoppen" }, [
      el("button", { type: "submit", class: "rl-knop", "data-rl-actie": "nieuw", text: tekst("checklist.bediening.nieuw") }),
      el("button", { type: "submit", class: "rl-knop", "data-rl-actie": "hernoem", text: tekst("checklist.bediening.hernoem") }),
    ]),
  ]);
  // On a phone the items come first: the controls fold into one line that names the list.
  const name = el("span", { class: "rl-lijstnaam" });
  const toggle = el("button", { type: "button", class: "rl-lijstknop", "aria-expanded": "false", "aria-controls": "rl-lijstpaneel" }, [
    tekst("checklist.bediening.lijst"),
    name,
    el("span", { class: "rl-pijl", "aria-hidden": "true", text: "▾" }),
  ]);
  const panel = el("div", { class: "rl-lijstpaneel", id: "rl-lijstpaneel", hidden: "" }, [
    el("div", { class: "rl-veld" }, [el("label", { for: "rl-lijst-keuze", text: tekst("checklist.bediening.kies") }), select]),
    form,
    el("p", {
      class: "rl-privacy",
      id: "rl-privacy",
      text: tekst("checklist.bediening.privacy"),
    }),
    el("div", { class: "rl-knoppen rl-acties-lijst" }, [
      el("button", { type: "button", class: "rl-knop rl-knop--hoofd", "data-rl-actie": "kopieer", text: tekst("checklist.bediening.kopieer") }),
      el("button", { type: "button", class: "rl-knop", "data-rl-actie": "fhir", text: tekst("checklist.bediening.fhir") }),
      el("button", { type: "button", class: "rl-knop", "data-rl-actie": "print", text: tekst("checklist.bediening.afdrukken") }),
      el("button", { type: "button", class: "rl-knop", "data-rl-actie": "wis", text: tekst("checklist.bediening.wis") }),
    ]),
    // Apart from the list it would delete, and last, so that a thumb choosing a list cannot hit it.
    el("div", { class: "rl-knoppen rl-verwijderen" }, [
      el("button", { type: "button", class: "rl-knop", "data-rl-actie": "verwijder", text: tekst("checklist.bediening.verwijder") }),
    ]),
  ]);
  const controls = el("div", { class: "rl-bediening" }, [toggle, panel]);
  // Messages stand in the bar that stays in view, so one about a tick far down is seen too.
  const status = el("p", { class: "rl-status", role: "status" });
  const meter = el("progress", { class: "rl-meter", "aria-hidden": "true" });
  const bar = el("div", { class: "rl-vast" });
  const message = el("p", { id: "rl-dialoog-tekst" });
  const dialog = el("dialog", { class: "rl-dialoog", "aria-labelledby": "rl-dialoog-tekst" }, [
    message,
    el("form", { method: "dialog", class: "rl-knoppen" }, [
      // Cancel comes first and gets the focus: Enter or Escape by reflex never erases anything.
      el("button", { type: "submit", value: "nee", class: "rl-knop", autofocus: "", text: tekst("checklist.bediening.annuleren") }),
      el("button", { type: "submit", value: "ja", class: "rl-knop rl-knop--gevaar", "data-rl-bevestig": "" }),
    ]),
  ]);
  return { controls, toggle, name, panel, select, code, form, status, meter, bar, dialog, message };
}

function openPanel(checklist, open) {
  checklist.ui.panel.hidden = !open;
  checklist.ui.toggle.setAttribute("aria-expanded", String(open));
}

// The bar with the progress sticks under the header; the browser keeps a focused item out from
// under both (WCAG 2.4.11) when the page's scroll padding is as tall as they are.
function padScrolling(bar) {
  if (typeof ResizeObserver !== "function") return;
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--rl-vast-hoogte", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
  }).observe(bar);
}

function setUp(root) {
  const key = KEY_PREFIX + root.getAttribute("data-rl-checklist");
  // Unreadable lists are set aside now rather than at the first tick, so that the reader learns it
  // on opening the page, before ticking anything.
  const loaded = load(storage, key, true);
  const state = loaded.state || { format: FORMAT, current: null, runs: [] };
  const run = findRun(state, state.current) || state.runs[0] || null;
  // Nothing is written until the user ticks or makes a list: opening a page leaves no trace.
  const fresh = run ? null : newRun("");
  if (fresh) {
    state.runs.push(fresh);
    state.current = fresh.id;
  }

  const checklist = {
    root,
    key,
    id: root.getAttribute("data-rl-checklist"),
    title: root.getAttribute("data-rl-title") || "",
    release: root.getAttribute("data-rl-release") || "",
    url: root.getAttribute("data-rl-url") || location.href,
    fhirUrl: root.getAttribute("data-rl-fhir-url") || "",
    fhirVersion: root.getAttribute("data-rl-fhir-versie") || "",
    items: readItems(root),
    groups: readGroups(root),
    state,
    runId: (run || fresh).id,
    timer: null,
    unsaved: false, // a change on this page failed to save, so storage is behind it
    run: () => findRun(checklist.state, checklist.runId) || checklist.state.runs[0],
  };
  const ui = buildControls();
  checklist.ui = ui;

  const progress = root.querySelector(".rl-voortgang") || el("p", { class: "rl-voortgang" });
  progress.textContent = "";
  checklist.progress = progress;
  checklist.announcer = el("p", { class: "rl-visueel-verborgen", role: "status" });
  const printHead = root.querySelector(".rl-printkop");
  if (printHead) printHead.after(ui.controls);
  else root.prepend(ui.controls);
  ui.controls.after(ui.bar);
  ui.bar.append(progress, checklist.announcer, ui.meter, ui.status);
  root.append(ui.dialog);
  padScrolling(ui.bar);

  // "Zet in je agenda", for the current list, in the panel before deleting it.
  const agenda = agendaControls(root, {
    id: checklist.id,
    title: checklist.title,
    url: checklist.url,
    label: () => checklist.run().label || "",
    say: (text) => say(checklist, text),
  });
  if (agenda) ui.panel.querySelector(".rl-verwijderen").before(agenda);

  checklist.printExtra = el("span", { class: "rl-printkop-extra" });
  if (printHead) printHead.append(checklist.printExtra);

  root.addEventListener("change", (event) => {
    if (event.target.matches("input.rl-vink")) tick(checklist, event.target);
    else if (event.target === ui.select) switchRun(checklist, event.target.value);
  });
  root.addEventListener("click", (event) => {
    if (event.target.closest(".rl-lijstknop") === ui.toggle) {
      openPanel(checklist, ui.panel.hidden);
      return;
    }
    const button = event.target.closest("button[data-rl-actie]");
    if (!button || button.type === "submit") return;
    act(checklist, button.getAttribute("data-rl-actie"), button);
  });
  ui.controls.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || ui.panel.hidden) return;
    openPanel(checklist, false);
    ui.toggle.focus();
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const action = event.submitter ? event.submitter.getAttribute("data-rl-actie") : "nieuw";
    nameRun(checklist, action === "hernoem");
  });

  root.classList.add("rl-js");
  render(checklist);
  if (loaded.aside) say(checklist, `${tekst("checklist.opslag.apart")} ${tekst("checklist.opslag.apart_leeg")}`);
  else if (loaded.stuck) say(checklist, `${tekst("checklist.opslag.vast")} ${tekst("checklist.opslag.vast_niet_bewaard")}`);
  return checklist;
}

// --- Actions -----------------------------------------------------------------------------------

function tick(checklist, box) {
  const item = checklist.items.find((i) => i.box === box);
  if (!item) return;
  update(
    checklist,
    (state, run) => setTick(run, item, box.checked),
    "",
    box.checked ? tekst("checklist.melding.vinkje_mislukt") : tekst("checklist.melding.uitvinken_mislukt")
  );
  scheduleAnnouncement(checklist);
}

function confirmChanged(checklist, item) {
  update(
    checklist,
    (state, run) => confirmTick(run, item),
    tekst("checklist.melding.bevestigd"),
    tekst("checklist.melding.bevestigen_mislukt")
  );
  item.box.focus(); // the button that had the focus is gone now
}

function switchRun(checklist, runId) {
  if (!findRun(checklist.state, runId)) return;
  checklist.runId = runId;
  update(
    checklist,
    (state) => {
      state.current = runId;
    },
    () =>
      tekst("checklist.melding.gekozen", {
        lijst: labelOf(checklist.run()),
        voortgang: progressSentence(count(checklist.items, checklist.run())),
      }),
    tekst("checklist.melding.kiezen_mislukt")
  );
}

function nameRun(checklist, rename) {
  const label = cleanLabel(checklist.ui.code.value);
  if (!label) {
    say(checklist, tekst("checklist.melding.code_leeg"));
    checklist.ui.code.focus();
    return;
  }
  if (labelTaken(checklist.state, label, rename ? checklist.runId : "")) {
    say(checklist, tekst("checklist.melding.code_bestaat", { code: label }));
    checklist.ui.code.focus();
    return;
  }
  if (rename) {
    update(
      checklist,
      (state, run) => {
        run.label = label;
      },
      tekst("checklist.melding.hernoemd", { code: label }),
      tekst("checklist.melding.hernoemen_mislukt", { code: label })
    );
  } else {
    const run = newRun(label);
    const previous = checklist.run();
    update(
      checklist,
      (state) => {
        addRun(state, run, previous.id);
        checklist.runId = run.id;
      },
      tekst("checklist.melding.nieuw", { code: label }),
      tekst("checklist.melding.nieuw_mislukt", { code: label })
    );
  }
  checklist.ui.code.value = "";
}

function confirmThen(checklist, text, confirmLabel, opener, onYes) {
  const dialog = checklist.ui.dialog;
  if (typeof dialog.showModal !== "function") {
    if (window.confirm(text)) onYes(); // browsers without <dialog>
    return;
  }
  checklist.ui.message.textContent = text;
  dialog.querySelector("[data-rl-bevestig]").textContent = confirmLabel;
  dialog.returnValue = "";
  dialog.addEventListener(
    "close",
    () => {
      if (dialog.returnValue === "ja") onYes();
      if (opener.isConnected) opener.focus();
    },
    { once: true }
  );
  dialog.showModal();
}

function removeRun(checklist) {
  const doomed = checklist.run();
  update(
    checklist,
    (state) => {
      deleteRun(state, doomed.id);
      checklist.runId = state.current;
    },
    () => tekst("checklist.melding.verwijderd", { lijst: labelOf(doomed), nu: labelOf(checklist.run()) }),
    tekst("checklist.melding.verwijderen_mislukt", { lijst: labelOf(doomed) })
  );
}

function clearRun(checklist) {
  // Also ticks of items this release does not show: "alles wissen" has to mean everything.
  update(
    checklist,
    (state, run) => {
      run.ticks = emptyTicks();
    },
    () => tekst("checklist.melding.gewist", { lijst: labelOf(checklist.run()) }),
    tekst("checklist.melding.wissen_mislukt")
  );
}

function act(checklist, action, button) {
  const label = labelOf(checklist.run());
  if (action === "kopieer") {
    copyText(checklist);
  } else if (action === "fhir") {
    saveFhir(checklist);
  } else if (action === "print") {
    window.print();
  } else if (action === "bevestig") {
    const node = button.closest(".rl-punt");
    for (const item of checklist.items) if (item.node === node) confirmChanged(checklist, item);
  } else if (action === "wis") {
    const question = tekst("checklist.vraag.wis", { lijst: label });
    confirmThen(checklist, question, tekst("checklist.vraag.wis_ja"), button, () => clearRun(checklist));
  } else if (action === "verwijder") {
    const question = tekst("checklist.vraag.verwijder", { lijst: label });
    confirmThen(checklist, question, tekst("checklist.vraag.verwijder_ja"), button, () => removeRun(checklist));
  }
}

// --- Plain text for a client file --------------------------------------------------------------

function copyText(checklist) {
  const { title, release, url, items } = checklist;
  const text = summaryText({ title, release, url, items, run: checklist.run() }, new Date());
  const done = () => say(checklist, tekst("checklist.kopie.gelukt"));
  const failed = () => say(checklist, tekst("checklist.kopie.mislukt"));
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, failed);
    return;
  }
  // The Clipboard API exists only on https (and localhost); an intranet on plain http still has
  // the older way through a selection.
  const button = document.activeElement;
  const area = el("textarea", { class: "rl-visueel-verborgen", readonly: "", tabindex: "-1", "aria-hidden": "true" });
  area.value = text;
  checklist.root.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  if (button && button.focus) button.focus();
  (copied ? done : failed)();
}

// --- A FHIR file for a client file system -----------------------------------------------------

// Made here and handed to the browser as a download: no request leaves the device.
function saveFhir(checklist) {
  const now = new Date();
  const run = checklist.run();
  const { fhirUrl: url, fhirVersion: version, items, groups } = checklist;
  const response = questionnaireResponse({ url, version, items, groups, run }, now);
  const name = fhirFileName(checklist.id, run, now);
  saveFile(`${JSON.stringify(response, null, 2)}\n`, name, "application/fhir+json");
  say(checklist, tekst("checklist.fhir.gemaakt", { bestand: name }));
}

// --- Showing the state -------------------------------------------------------------------------

function scheduleAnnouncement(checklist) {
  clearTimeout(checklist.timer);
  checklist.timer = setTimeout(() => {
    checklist.announcer.textContent = progressSentence(count(checklist.items, checklist.run()));
  }, ANNOUNCE_DELAY_MS);
}

function say(checklist, text) {
  if (checklist.ui) checklist.ui.status.textContent = text;
}

function showChanged(item, changed) {
  const noteId = `rl-gewijzigd-${item.id}`;
  let note = item.node.querySelector(".rl-gewijzigd");
  if (!changed) {
    if (note) note.remove();
    item.box.removeAttribute("aria-describedby");
    item.node.classList.remove("rl-punt--gewijzigd");
    return;
  }
  if (!note) {
    note = el("p", { class: "rl-gewijzigd", id: noteId }, [
      el("strong", { text: tekst("checklist.gewijzigd.kop") }),
      tekst("checklist.gewijzigd.uitleg"),
      el("button", { type: "button", class: "rl-knop rl-knop--klein", "data-rl-actie": "bevestig", text: tekst("checklist.gewijzigd.knop") }),
    ]);
    const line = item.node.querySelector(".rl-punt-regel");
    if (line) line.after(note);
    else item.node.prepend(note);
  }
  item.box.setAttribute("aria-describedby", noteId);
  item.node.classList.add("rl-punt--gewijzigd");
}

function render(checklist) {
  const run = checklist.run();
  checklist.runId = run.id;
  for (const item of checklist.items) {
    const tick = tickOf(run, item.id);
    item.box.checked = Boolean(tick);
    item.node.classList.toggle("rl-punt--af", Boolean(tick));
    showChanged(item, isChanged(tick, item));
  }

  const c = count(checklist.items, run);
  const parts = [el("strong", { text: tekst("checklist.voortgang", { afgevinkt: c.ticked, totaal: c.total }) })];
  const state = completeness(c);
  if (state) parts.push(" · ", el("span", { class: c.openRequired ? "rl-onvolledig" : "rl-compleet", text: state }));
  if (c.changed) parts.push(" · ", el("span", { class: "rl-onvolledig", text: changedNote(c) }));
  checklist.progress.replaceChildren(...parts);
  checklist.ui.meter.max = Math.max(c.total, 1);
  checklist.ui.meter.value = c.ticked;
  checklist.ui.name.textContent = labelOf(run);

  checklist.ui.select.replaceChildren(
    ...checklist.state.runs.map((r) => {
      const option = el("option", { value: r.id, text: labelOf(r) });
      option.selected = r.id === run.id;
      return option;
    })
  );
  updatePrintHead(checklist);
}

function updatePrintHead(checklist) {
  checklist.printExtra.textContent = tekst("checklist.printkop", { datum: dutchLongDate(new Date()), lijst: labelOf(checklist.run()) });
}

// --- Page views --------------------------------------------------------------------------------

onEveryPage(() => {
  const root = document.querySelector(".rl-checklist[data-rl-checklist]");
  if (active && active.root === root) return; // the same page view reported twice
  if (active) clearTimeout(active.timer); // a pending announcement for a page that is gone
  active = root ? setUp(root) : null;
});

// These three are added once, when this module runs, and act on whichever checklist is shown.

// The print date must be the day of printing, also when the page has been open since yesterday.
window.addEventListener("beforeprint", () => {
  if (active && active.root.isConnected) updatePrintHead(active);
});

// Another tab (say, the same checklist for another family) changed the ticks or the lists: show
// them. This tab keeps showing its own list unless that one was deleted.
function reload() {
  if (!active || !active.root.isConnected) return;
  // Setting aside is left to this page's next change: a tab that reacts to another tab by
  // writing could go back and forth with it.
  const loaded = load(storage, active.key, false);
  if (loaded.off || loaded.unreadable) return;
  active.state = loaded.state || emptyState();
  active.unsaved = false;
  render(active);
}

window.addEventListener("storage", (event) => {
  if (active && (event.key === active.key || event.key === null)) reload();
});

// A page restored from the back/forward cache may show ticks from before.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) reload();
});
