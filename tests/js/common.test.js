// Unit tests of generator/templates/assets/common.js with Node's test runner (docs/development.md).
import { test } from "node:test";
import assert from "node:assert/strict";

import "./teksten.js";
import { aantal, dutchLongDate, dutchMoment, onEveryPage, tekst } from "../../generator/templates/assets/common.js";

// Dates are made in the local time zone, as the browser shows them, so no test depends on the
// machine's zone or on today.
test("dates in Dutch, in words", () => {
  assert.equal(dutchLongDate(new Date(2026, 8, 30)), "30 september 2026");
  const iso = new Date(2026, 2, 5, 9, 5).toISOString();
  assert.equal(dutchLongDate(iso), "5 maart 2026");
  assert.equal(dutchMoment(iso), "5 maart 2026 om 09:05");
});

test("a text of the catalogue, with its placeholders filled, in the singular for 1 only", () => {
  assert.equal(tekst("checklist.voortgang", { afgevinkt: 2, totaal: 5 }), "2 van 5 afgevinkt");
  assert.throws(() => tekst("checklist.voortgang", { afgevinkt: 2 }), /wants \{totaal\}/);
  assert.throws(() => tekst("checklist.bestaat_niet"), /has no scripts\.checklist\.bestaat_niet/);
  assert.equal(aantal("checklist.open", 1), "Nog 1 verplicht punt open.");
  assert.equal(aantal("checklist.open", 0), "Nog 0 verplichte punten open.");
  assert.equal(aantal("checklist.open", 4), "Nog 4 verplichte punten open.");
});


// onEveryPage reads the page's globals only when called; here they are stand-ins.
function withPage(window, document, run) {
  const saved = { window: globalThis.window, document: globalThis.document };
  Object.assign(globalThis, { window, document });
  try {
    run();
  } finally {
    Object.assign(globalThis, saved);
  }
}

test("onEveryPage follows Material's document$ on every page view", () => {
  const subscribers = [];
  const views = [];
  withPage({ document$: { subscribe: (f) => subscribers.push(f) } }, { readyState: "complete" }, () => {
    onEveryPage(() => views.push("view"));
  });
  assert.deepEqual(views, []);
  subscribers[0]({});
  subscribers[0]({});
  assert.deepEqual(views, ["view", "view"]);
});

test("without instant navigation, onEveryPage runs once the page is parsed", () => {
  const listeners = [];
  const views = [];
  const loading = { readyState: "loading", addEventListener: (type, f, options) => listeners.push({ type, f, options }) };
  withPage({}, loading, () => onEveryPage(() => views.push("view")));
  assert.deepEqual(views, []);
  assert.equal(listeners.length, 1);
  assert.equal(listeners[0].type, "DOMContentLoaded");
  assert.deepEqual(listeners[0].options, { once: true });
  listeners[0].f();
  assert.deepEqual(views, ["view"]);

  withPage({}, { readyState: "interactive" }, () => onEveryPage(() => views.push("now")));
  assert.deepEqual(views, ["view", "now"]);
});
