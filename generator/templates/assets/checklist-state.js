/* Checklists: the stored state, its changes and the texts made from it, without the page.
   checklist.js draws and wires the page with these; tests/js/ tests them with Node.

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

   `storage` below is anything with localStorage's getItem, setItem and removeItem; each may
   throw, as localStorage does when it is switched off or full. An item is {id, hash, text,
   required}; a run and a state are as stored. */

import { aantal, dutchLongDate, localIsoDate, slug, tekst } from "./common.js";

export const KEY_PREFIX = "rl-checklist:";
export const FORMAT = 1;
export const LABEL_MAX = 40;
const SET_ASIDE = ":apart:";

// --- Small helpers -----------------------------------------------------------------------------

export function cleanLabel(text) {
  return text.replace(/\s+/g, " ").trim().slice(0, LABEL_MAX);
}

// A list without a code is the one a reader ticks on before making any other.
export function labelOf(run) {
  return run.label || tekst("checklist.standaard");
}

// Item ids come from the page and tick keys from stored JSON, so neither may meet anything
// inherited: in a plain object an item "constructor" would be ticked from the start, and a stored
// key "__proto__" could make ticks appear. Ticks live in maps without a prototype, and every
// look-up asks for an own property.
const has = (object, name) => Object.prototype.hasOwnProperty.call(object, name);

const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

export function emptyTicks() {
  return Object.create(null);
}

// The tick of an item, or null. A stored entry that is not an object is kept but counts as no tick.
export function tickOf(run, id) {
  const tick = has(run.ticks, id) ? run.ticks[id] : null;
  return isRecord(tick) ? tick : null;
}

// Ticked, but the item's text changed since: the reader should read it again.
export function isChanged(tick, item) {
  return tick !== null && tick.hash !== item.hash;
}

// --- Runs and states ---------------------------------------------------------------------------

export function newRun(label, now = new Date(), random = Math.random) {
  const id = `l${now.getTime().toString(36)}${random().toString(36).slice(2, 7)}`;
  return { id, label, created: now.toISOString(), ticks: emptyTicks() };
}

export function emptyState(now = new Date()) {
  const run = newRun("", now);
  return { format: FORMAT, current: run.id, runs: [run] };
}

export function findRun(state, id) {
  return state.runs.find((run) => run.id === id) ?? null;
}

export function isState(value) {
  return (
    isRecord(value) &&
    has(value, "runs") &&
    Array.isArray(value.runs) &&
    value.runs.every(
      (run) =>
        isRecord(run) &&
        has(run, "id") &&
        typeof run.id === "string" &&
        has(run, "label") &&
        typeof run.label === "string" &&
        has(run, "ticks") &&
        isRecord(run.ticks)
    )
  );
}

// Assigning to a map without a prototype defines a key, so even "__proto__" is copied as data.
function adopt(state) {
  for (const run of state.runs) {
    const ticks = emptyTicks();
    for (const id of Object.keys(run.ticks)) ticks[id] = run.ticks[id];
    run.ticks = ticks;
  }
  return state;
}

// The state in a stored text, or null when the text is no JSON or fails the shape check.
export function parseState(text) {
  let value = null;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  return isState(value) ? adopt(value) : null;
}

// --- Storage -----------------------------------------------------------------------------------

// Another release's format, or a damaged copy of someone's only lists: moved, never written over,
// and never onto an earlier copy. Returns the new key, or null when storage refused.
export function setAside(storage, key, text, now = new Date()) {
  try {
    const base = key + SET_ASIDE + now.toISOString();
    let aside = base;
    for (let n = 2; storage.getItem(aside) !== null; n++) aside = `${base}-${n}`;
    storage.setItem(aside, text);
    storage.removeItem(key);
    return aside;
  } catch {
    return null;
  }
}

// What is stored for a checklist: {state} (null when nothing is), {off} when storage is switched
// off, or {unreadable} for a value that fails the shape check. When move is true such a value is
// set aside ({aside: key}) or, if that fails, left in place ({stuck}) so that no write replaces it.
export function load(storage, key, move, now = new Date()) {
  let text;
  try {
    text = storage.getItem(key);
  } catch {
    return { state: null, off: true };
  }
  if (text === null) return { state: null };
  const state = parseState(text);
  if (state) return { state };
  if (!move) return { state: null, unreadable: true };
  const aside = setAside(storage, key, text, now);
  return { state: null, unreadable: true, aside, stuck: !aside };
}

// Whether it was written; not when storage is switched off, or full (QuotaExceededError).
export function writeState(storage, key, state) {
  try {
    storage.setItem(key, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

// What a change starts from: what storage holds now, as another tab may have changed the same
// checklist and its changes must survive, with the run shown here put back if that tab deleted it.
// After a failed write the page holds changes that storage lacks, and its own state is kept.
export function startingPoint(stored, shown, runId, unsaved) {
  const state = (!unsaved && stored) || shown;
  if (!findRun(state, runId)) state.runs.push(findRun(shown, runId) || shown.runs[0]);
  return state;
}

// --- Changes -----------------------------------------------------------------------------------

export function setTick(run, item, checked, now = new Date()) {
  if (checked) run.ticks[item.id] = { hash: item.hash, at: now.toISOString() };
  else delete run.ticks[item.id];
}

// The reader read a reworded item again and keeps the tick: it now belongs to the new text.
export function confirmTick(run, item, now = new Date()) {
  const tick = tickOf(run, item.id);
  if (tick) {
    tick.hash = item.hash;
    tick.at = now.toISOString();
  }
}

// Whether another run than `exceptId` already has this label, or shows it (the list without a code).
export function labelTaken(state, label, exceptId = "") {
  return state.runs.some((run) => labelOf(run) === label && run.id !== exceptId);
}

// A new run becomes the current one. An empty run without a label that was current is only the
// starting point; keeping it would be clutter.
export function addRun(state, run, previousId) {
  state.runs = state.runs.filter((r) => !(r.id === previousId && !r.label && Object.keys(r.ticks).length === 0));
  state.runs.push(run);
  state.current = run.id;
}

// Deletes a run; the first one left becomes current, or a new empty one if none is left.
export function deleteRun(state, runId, now = new Date()) {
  state.runs = state.runs.filter((r) => r.id !== runId);
  if (state.runs.length === 0) state.runs.push(newRun("", now));
  state.current = state.runs[0].id;
}

// --- Texts -------------------------------------------------------------------------------------

export function count(items, run) {
  const c = { total: items.length, ticked: 0, required: 0, openRequired: 0, changed: 0 };
  for (const item of items) {
    const tick = tickOf(run, item.id);
    if (tick) c.ticked += 1;
    if (isChanged(tick, item)) c.changed += 1;
    if (item.required) {
      c.required += 1;
      if (!tick) c.openRequired += 1;
    }
  }
  return c;
}

export function completeness(c) {
  if (c.required === 0) return "";
  if (c.openRequired === 0) return tekst("checklist.compleet");
  return aantal("checklist.open", c.openRequired);
}

export function changedNote(c) {
  if (c.changed === 0) return "";
  return aantal("checklist.gewijzigd", c.changed);
}

export function progressSentence(c) {
  const ticked = tekst("checklist.voortgang_zin", { afgevinkt: c.ticked, totaal: c.total });
  return [ticked, completeness(c), changedNote(c)].filter(Boolean).join(" ");
}

// Plain text for a client file ("Kopieer als tekst"), dated `now` in words like every date the
// publication shows: a person reads the file, and "5 maart 2026" cannot be misread as 3 May.
export function summaryText({ title, release, url, items, run }, now) {
  const done = [];
  const open = [];
  for (const item of items) {
    const tick = tickOf(run, item.id);
    let line = (tick ? "[x] " : "[ ] ") + item.text + (item.required ? tekst("checklist.kopie.verplicht") : "");
    if (isChanged(tick, item)) line += tekst("checklist.kopie.gewijzigd");
    (tick ? done : open).push(line);
  }
  return [
    tekst("checklist.kopie.checklist", { titel: title }),
    tekst("checklist.kopie.publicatie", { versie: release }),
    tekst("checklist.kopie.datum", { datum: dutchLongDate(now) }),
    tekst("checklist.kopie.lijst", { lijst: labelOf(run) }),
    tekst("checklist.kopie.adres", { adres: url }),
    tekst("checklist.kopie.voortgang", { voortgang: progressSentence(count(items, run)) }),
    "",
    tekst("checklist.kopie.afgevinkt", { aantal: done.length }),
    ...(done.length ? done : [tekst("checklist.kopie.geen")]),
    "",
    tekst("checklist.kopie.open", { aantal: open.length }),
    ...(open.length ? open : [tekst("checklist.kopie.geen")]),
  ].join("\n");
}

// --- A file for a client file system: FHIR ("Opslaan als bestand (FHIR)") ------------------------
// The list as a FHIR R4 QuestionnaireResponse to the checklist's Questionnaire
// (api/fhir/Questionnaire-<id>.json, generator/render/fhir.py), which an ECD can import. Made on
// this device from what the page shows and what is stored here; nothing is sent anywhere.

// FHIR's own extension for a note on a resource (its Extensions Pack, for R4 too). A
// QuestionnaireResponse has no note element; the list's code goes here, never a name.
export const FHIR_NOTE = "http://hl7.org/fhir/StructureDefinition/note";

const pad = (n) => String(n).padStart(2, "0");

// FHIR's dateTime with the seconds and the device's offset from UTC: "2026-03-05T14:30:00+01:00".
export function fhirDateTime(now) {
  const offset = -now.getTimezoneOffset();
  const zone = `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localIsoDate(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${zone}`;
}

// `items` as the page reads them, each with `group`: its group's linkId ("" for a checklist
// without groups); `groups`: linkId -> the group's title (a Map). Every item gets an answer, true
// for ticked; the groups nest as in the Questionnaire. Complete when no required item is open.
export function questionnaireResponse({ url, version, items, groups, run }, now) {
  const question = (item) => ({ linkId: item.id, text: item.text, answer: [{ valueBoolean: Boolean(tickOf(run, item.id)) }] });
  const top = [];
  const made = new Map();
  for (const item of items) {
    if (!item.group) {
      top.push(question(item));
      continue;
    }
    if (!made.has(item.group)) {
      const group = { linkId: item.group, ...(groups.get(item.group) ? { text: groups.get(item.group) } : {}), item: [] };
      made.set(item.group, group);
      top.push(group);
    }
    made.get(item.group).item.push(question(item));
  }
  return {
    resourceType: "QuestionnaireResponse",
    language: "nl",
    extension: [{ url: FHIR_NOTE, valueAnnotation: { text: tekst("checklist.kopie.lijst", { lijst: labelOf(run) }) } }],
    questionnaire: `${url}|${version}`,
    status: count(items, run).openRequired === 0 ? "completed" : "in-progress",
    authored: fhirDateTime(now),
    item: top,
  };
}

// "overdracht-na-crisishulp-gezin-a12-2026-03-05.fhir.json": the checklist, the list's code in
// plain letters and digits, and the day.
export function fhirFileName(checklistId, run, now) {
  const code = slug(labelOf(run)) || slug(tekst("checklist.standaard"));
  return `${checklistId}-${code}-${localIsoDate(now)}.fhir.json`;
}
