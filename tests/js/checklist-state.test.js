// Unit tests of generator/templates/assets/checklist-state.js: what is stored, how it changes, and the
// texts made from it. The browser tests (tests/test_checklists.py, test_checklist_state.py) test
// the same through the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import "./teksten.js";

import {
  addRun,
  cleanLabel,
  confirmTick,
  count,
  deleteRun,
  emptyState,
  FHIR_NOTE,
  fhirDateTime,
  fhirFileName,
  findRun,
  labelTaken,
  load,
  newRun,
  parseState,
  progressSentence,
  questionnaireResponse,
  setTick,
  startingPoint,
  summaryText,
  tickOf,
  writeState,
} from "../../generator/templates/assets/checklist-state.js";

const NOW = new Date(2026, 2, 5, 14, 30); // 5 March 2026, local time
const LATER = new Date(2026, 2, 6, 8, 0);
const KEY = "rl-checklist:overdracht";

// localStorage's three methods over a Map; `refuse` makes a method throw, as a full or
// switched-off storage does.
function memoryStorage(entries = {}, refuse = {}) {
  const map = new Map(Object.entries(entries));
  const guard = (name) => {
    if (refuse[name]) throw new Error(`${name} refused`);
  };
  return {
    map,
    getItem: (key) => (guard("getItem"), map.has(key) ? map.get(key) : null),
    setItem: (key, value) => (guard("setItem"), map.set(key, String(value))),
    removeItem: (key) => (guard("removeItem"), map.delete(key)),
  };
}

const items = [
  { id: "plan", hash: "aaaaaaaaaaaa", text: "Plan na stabilisatie", required: true },
  { id: "analyse", hash: "bbbbbbbbbbbb", text: "Analyse gezinssituatie", required: true },
  { id: "wachttijd", hash: "cccccccccccc", text: "Geen wachttijd", required: false },
];

function runWith(label, ticks) {
  const run = newRun(label, NOW, () => 0.5);
  Object.assign(run.ticks, ticks);
  return run;
}

test("a new run has an id from its time, a label, its creation time and no ticks", () => {
  const run = newRun("gezin A12", NOW, () => 0.123456789);
  assert.equal(run.id, `l${NOW.getTime().toString(36)}4fzzz`);
  assert.equal(run.label, "gezin A12");
  assert.equal(run.created, NOW.toISOString());
  assert.deepEqual(Object.keys(run.ticks), []);
  const state = emptyState(NOW);
  assert.equal(state.format, 1);
  assert.equal(state.current, state.runs[0].id);
});

test("a stored value is read only in its shape, and inherited names are never ticks", () => {
  assert.equal(parseState("{"), null);
  assert.equal(parseState("[]"), null);
  assert.equal(parseState('{"runs": [{"id": "a", "label": "x"}]}'), null, "a run without ticks");
  assert.equal(parseState('{"runs": [{"id": 1, "label": "x", "ticks": {}}]}'), null);
  const state = parseState('{"runs": [{"id": "a", "label": "", "ticks": {"__proto__": {"hash": "h"}, "plan": 3}}], "extra": 1}');
  const [run] = state.runs;
  assert.equal(Object.getPrototypeOf(run.ticks), null);
  assert.deepEqual(tickOf(run, "__proto__"), { hash: "h" }, "kept as data");
  assert.equal(tickOf(run, "plan"), null, "not an object: kept, but no tick");
  assert.equal(tickOf(run, "constructor"), null);
  assert.equal(state.extra, 1, "fields this page does not know stay");
});

test("load tells nothing stored, storage off, and a value set aside from one that could not be", () => {
  assert.deepEqual(load(memoryStorage(), KEY, true, NOW), { state: null });
  assert.deepEqual(load(memoryStorage({}, { getItem: true }), KEY, true, NOW), { state: null, off: true });

  const good = JSON.stringify({ format: 1, current: "a", runs: [{ id: "a", label: "", ticks: {} }] });
  assert.equal(load(memoryStorage({ [KEY]: good }), KEY, true, NOW).state.current, "a");

  // Unreadable: left alone when only reading, moved aside (never over an earlier copy) on a change.
  const stamp = `${KEY}:apart:${NOW.toISOString()}`;
  const storage = memoryStorage({ [KEY]: "kapot", [stamp]: "eerder" });
  assert.deepEqual(load(storage, KEY, false, NOW), { state: null, unreadable: true });
  assert.equal(storage.map.get(KEY), "kapot");
  assert.deepEqual(load(storage, KEY, true, NOW), { state: null, unreadable: true, aside: `${stamp}-2`, stuck: false });
  assert.deepEqual([...storage.map], [[stamp, "eerder"], [`${stamp}-2`, "kapot"]]);

  const full = memoryStorage({ [KEY]: "kapot" }, { setItem: true });
  assert.deepEqual(load(full, KEY, true, NOW), { state: null, unreadable: true, aside: null, stuck: true });
  assert.equal(full.map.get(KEY), "kapot", "never written over");
});

test("writeState says whether storage took it", () => {
  const storage = memoryStorage();
  assert.equal(writeState(storage, KEY, emptyState(NOW)), true);
  assert.equal(JSON.parse(storage.map.get(KEY)).format, 1);
  assert.equal(writeState(memoryStorage({}, { setItem: true }), KEY, emptyState(NOW)), false);
});

test("a change starts from what another tab stored, with this page's run put back", () => {
  const mine = runWith("gezin A12", {});
  const shown = { format: 1, current: mine.id, runs: [mine] };
  const other = runWith("gezin B7", { plan: { hash: "h", at: "t" } });
  other.id = "other";
  const stored = { format: 1, current: other.id, runs: [other] };
  const state = startingPoint(stored, shown, mine.id, false);
  assert.equal(state, stored);
  assert.deepEqual(state.runs.map((r) => r.label), ["gezin B7", "gezin A12"]);
  // After a failed write storage lacks this page's changes: the page's own state is the start.
  assert.equal(startingPoint(structuredClone(stored), shown, mine.id, true), shown);
  assert.equal(startingPoint(null, shown, mine.id, false), shown);
});

test("ticks are kept by item id with the text's hash, and a reworded item is flagged", () => {
  const run = runWith("", {});
  setTick(run, items[0], true, NOW);
  setTick(run, items[2], true, NOW);
  assert.deepEqual(tickOf(run, "plan"), { hash: "aaaaaaaaaaaa", at: NOW.toISOString() });
  setTick(run, items[2], false, NOW);
  assert.equal(tickOf(run, "wachttijd"), null);

  const reworded = [{ ...items[0], hash: "dddddddddddd" }, items[1], items[2]];
  let c = count(reworded, run);
  assert.deepEqual(c, { total: 3, ticked: 1, required: 2, openRequired: 1, changed: 1 });
  assert.equal(
    progressSentence(c),
    "1 van 3 afgevinkt. Nog 1 verplicht punt open. 1 afgevinkt punt heeft een gewijzigde tekst."
  );
  confirmTick(run, reworded[0], LATER);
  assert.deepEqual(tickOf(run, "plan"), { hash: "dddddddddddd", at: LATER.toISOString() });
  confirmTick(run, reworded[1], LATER);
  assert.equal(tickOf(run, "analyse"), null, "confirming never ticks");
  c = count(reworded, run);
  assert.equal(c.changed, 0);
});

test("the progress sentence: complete, incomplete, no required items, several changed", () => {
  assert.equal(progressSentence({ total: 3, ticked: 0, required: 2, openRequired: 2, changed: 0 }), "0 van 3 afgevinkt. Nog 2 verplichte punten open.");
  assert.equal(progressSentence({ total: 3, ticked: 2, required: 2, openRequired: 0, changed: 0 }), "2 van 3 afgevinkt. Compleet: alle verplichte punten zijn afgevinkt.");
  assert.equal(progressSentence({ total: 3, ticked: 3, required: 0, openRequired: 0, changed: 2 }), "3 van 3 afgevinkt. 2 afgevinkte punten hebben een gewijzigde tekst.");
});

test("runs: a new one replaces an empty starting list, deleting the last leaves an empty one", () => {
  const start = runWith("", {});
  const state = { format: 1, current: start.id, runs: [start] };
  const a = newRun("gezin A12", NOW, () => 0.1);
  addRun(state, a, start.id);
  assert.deepEqual(state.runs, [a]);
  assert.equal(state.current, a.id);
  setTick(a, items[0], true, NOW);
  const b = newRun("gezin B7", LATER, () => 0.2);
  addRun(state, b, a.id);
  assert.deepEqual(state.runs.map((r) => r.label), ["gezin A12", "gezin B7"], "a list with ticks stays");
  assert.equal(labelTaken(state, "gezin A12"), true);
  assert.equal(labelTaken(state, "gezin A12", a.id), false, "renaming a list to its own code");
  assert.equal(labelTaken(state, "standaard"), false);

  deleteRun(state, a.id, LATER);
  assert.deepEqual(state.runs, [b]);
  assert.equal(state.current, b.id);
  deleteRun(state, b.id, LATER);
  assert.equal(state.runs.length, 1);
  assert.equal(state.runs[0].label, "");
  assert.equal(state.runs[0].created, LATER.toISOString());
  assert.equal(findRun(state, state.current), state.runs[0]);
  // The list without a code is shown as "standaard": no other list may take that name.
  assert.equal(labelTaken(state, "standaard"), true);
  assert.equal(labelTaken(state, "standaard", state.runs[0].id), false);
});

test("a code is one line of at most 40 characters", () => {
  assert.equal(cleanLabel("  gezin \n A12 "), "gezin A12");
  assert.equal(cleanLabel("x".repeat(50)).length, 40);
});

test("the text for a client file, dated as given", () => {
  const run = runWith("gezin A12", {
    plan: { hash: "aaaaaaaaaaaa", at: NOW.toISOString() },
    wachttijd: { hash: "oud000000000", at: NOW.toISOString() },
  });
  const text = summaryText(
    { title: "Overdracht na crisishulp", release: "2026.1", url: "https://richtlijnen.example.org/checklists/overdracht/", items, run },
    new Date(2026, 2, 5, 23, 59)
  );
  assert.equal(
    text,
    [
      "Checklist: Overdracht na crisishulp",
      "Publicatie: 2026.1",
      "Datum: 5 maart 2026",
      "Lijst: gezin A12",
      "Adres: https://richtlijnen.example.org/checklists/overdracht/",
      "Voortgang: 2 van 3 afgevinkt. Nog 1 verplicht punt open. 1 afgevinkt punt heeft een gewijzigde tekst.",
      "",
      "Afgevinkt (2):",
      "[x] Plan na stabilisatie (verplicht)",
      "[x] Geen wachttijd (tekst gewijzigd sinds afvinken)",
      "",
      "Nog te doen (1):",
      "[ ] Analyse gezinssituatie (verplicht)",
    ].join("\n")
  );
  const empty = summaryText({ title: "T", release: "r", url: "u", items: [], run: runWith("", {}) }, NOW);
  assert.match(empty, /^Lijst: standaard$/m);
  assert.match(empty, /Afgevinkt \(0\):\n\(geen\)\n\nNog te doen \(0\):\n\(geen\)$/);
});

// --- "Opslaan als bestand (FHIR)" ------------------------------------------------------------

test("a FHIR dateTime has the seconds and the device's offset, and names the same moment", () => {
  const text = fhirDateTime(NOW);
  assert.match(text, /^2026-03-05T14:30:00[+-]\d\d:\d\d$/);
  assert.equal(new Date(text).getTime(), NOW.getTime());
  class West extends Date {
    getTimezoneOffset() {
      return 150; // 2 h 30 min behind UTC
    }
  }
  class East extends Date {
    getTimezoneOffset() {
      return -330;
    }
  }
  assert.match(fhirDateTime(new West(NOW)), /-02:30$/);
  assert.match(fhirDateTime(new East(NOW)), /\+05:30$/);
});

test("a QuestionnaireResponse answers every item, nests the groups and names the list by its code in a note", () => {
  const grouped = [
    { ...items[0], group: "groep.1" },
    { ...items[1], group: "groep.2" },
    { ...items[2], group: "groep.1" },
  ];
  const groups = new Map([
    ["groep.1", "Voorbereiding"],
    ["groep.2", "Overdracht"],
  ]);
  const run = runWith("gezin A12", { plan: { hash: "aaaaaaaaaaaa", at: "x" }, wachttijd: { hash: "old", at: "x" } });
  const url = "https://richtlijnen.example.org/latest/api/fhir/Questionnaire-overdracht.json";
  const response = questionnaireResponse({ url, version: "2026.1", items: grouped, groups, run }, NOW);
  assert.equal(response.resourceType, "QuestionnaireResponse");
  assert.equal(response.questionnaire, `${url}|2026.1`);
  assert.equal(response.status, "in-progress"); // "analyse" is required and open
  assert.equal(response.authored, fhirDateTime(NOW));
  assert.deepEqual(response.extension, [{ url: FHIR_NOTE, valueAnnotation: { text: "Lijst: gezin A12" } }]);
  assert.deepEqual(response.item, [
    {
      linkId: "groep.1",
      text: "Voorbereiding",
      item: [
        { linkId: "plan", text: "Plan na stabilisatie", answer: [{ valueBoolean: true }] },
        { linkId: "wachttijd", text: "Geen wachttijd", answer: [{ valueBoolean: true }] },
      ],
    },
    { linkId: "groep.2", text: "Overdracht", item: [{ linkId: "analyse", text: "Analyse gezinssituatie", answer: [{ valueBoolean: false }] }] },
  ]);

  // Without groups the items stand on their own; with every required item ticked it is complete.
  const flat = items.map((item) => ({ ...item, group: "" }));
  const done = runWith("", { plan: { hash: "aaaaaaaaaaaa", at: "x" }, analyse: { hash: "bbbbbbbbbbbb", at: "x" } });
  const complete = questionnaireResponse({ url, version: "ontwikkelversie", items: flat, groups: new Map(), run: done }, NOW);
  assert.equal(complete.status, "completed");
  assert.equal(complete.questionnaire, `${url}|ontwikkelversie`);
  assert.deepEqual(
    complete.item.map((item) => [item.linkId, item.answer[0].valueBoolean]),
    [
      ["plan", true],
      ["analyse", true],
      ["wachttijd", false],
    ]
  );
  assert.equal(complete.extension[0].valueAnnotation.text, "Lijst: standaard");
});

test("the FHIR file is named after the checklist, the list's code in plain letters and the day", () => {
  assert.equal(fhirFileName("overdracht", runWith("Gezin À12 / zus", {}), NOW), "overdracht-gezin-a12-zus-2026-03-05.fhir.json");
  assert.equal(fhirFileName("overdracht", runWith("", {}), NOW), "overdracht-standaard-2026-03-05.fhir.json");
  // A code of no letters or digits: the file is named as for the list without a code.
  assert.equal(fhirFileName("overdracht", runWith("!!!", {}), NOW), "overdracht-standaard-2026-03-05.fhir.json");
});
