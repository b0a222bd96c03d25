// Unit tests of generator/templates/assets/offline-status.js: what the "offline bewaren" control says
// and shows in each state. tests/test_offline.py tests the control and the worker in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";

import "./teksten.js";

import { TEXT, afterSave, afterStatus, dutchSize, errorText, statusText, view } from "../../generator/templates/assets/offline-status.js";

const SAVED = new Date(2026, 2, 5, 9, 30).toISOString(); // shown in the local time zone
const guideline = { id: "richtlijn:uhp", kind: "guideline", title: "Uithuisplaatsing", size: 2_345_678 };
const publication = { id: "publicatie", kind: "publication", title: "", size: 800 };

test("sizes in kB below a megabyte, in MB with a decimal comma above", () => {
  assert.equal(dutchSize(800), "1 kB");
  assert.equal(dutchSize(123_456), "123 kB");
  assert.equal(dutchSize(2_345_678), "2,3 MB");
});

test("the status line in each phase", () => {
  assert.equal(statusText(guideline, { phase: "checking" }), TEXT.checking);
  assert.equal(statusText(guideline, { phase: "unsupported" }), "Offline bewaren kan niet in deze browser.");
  assert.equal(statusText(guideline, { phase: "saving", done: 0, total: 0 }), "Bezig met opslaan…");
  assert.equal(statusText(guideline, { phase: "saving", done: 3, total: 40 }), "Bezig met opslaan: 3 van 40 bestanden.");
  assert.equal(statusText(guideline, { phase: "idle", saved: SAVED }), "Opgeslagen voor offline gebruik op 5 maart 2026 om 09:30.");
  assert.match(statusText(guideline, { phase: "idle", saved: null }), /^Nog niet offline bewaard\. Bewaar deze richtlijn .* \(ongeveer 2,3 MB\)\.$/);
  assert.match(statusText(publication, { phase: "idle", saved: null }), /^Nog niet offline bewaard\. Bewaar alle richtlijnen.* \(ongeveer 1 kB\)\.$/);
  assert.match(statusText({ ...publication, size: 0 }, { phase: "idle", saved: null }), /internet te lezen\.$/);
});

test("what the control shows: buttons, progress and errors", () => {
  const checking = view(guideline, { phase: "checking", saved: null });
  assert.equal(checking.save.hidden, true);
  assert.equal(checking.remove.hidden, true);
  assert.equal(checking.progress, null);

  const fresh = view(guideline, { phase: "idle", saved: null });
  assert.deepEqual(fresh.save, { hidden: false, text: "Richtlijn offline bewaren", disabled: false });
  assert.equal(view(publication, { phase: "idle", saved: null }).save.text, "Hele publicatie offline bewaren");

  const saved = view(guideline, { phase: "idle", saved: SAVED });
  assert.equal(saved.save.text, "Opnieuw opslaan");
  assert.deepEqual(saved.remove, { hidden: false, text: "Offline kopie verwijderen", disabled: false });

  const saving = view(guideline, { phase: "saving", saved: SAVED, done: 0, total: 0 });
  assert.equal(saving.busy, true);
  assert.deepEqual(saving.progress, {}, "indeterminate until the worker knows how many");
  assert.deepEqual(saving.save, { hidden: false, text: "Bezig met opslaan…", disabled: true });
  assert.equal(saving.remove.disabled, true);
  assert.deepEqual(view(guideline, { phase: "saving", saved: null, done: 3, total: 40 }).progress, { done: 3, total: 40 });

  const failed = view(guideline, { phase: "error", saved: SAVED, message: TEXT.offline });
  assert.deepEqual(failed.error, { message: TEXT.offline, stillSaved: " De offline kopie van 5 maart 2026 is nog te gebruiken." });
  assert.equal(failed.status, "");
  assert.equal(failed.save.text, "Opnieuw proberen");
  assert.equal(view(guideline, { phase: "error", saved: null, message: TEXT.failed }).error.stillSaved, "");

  const slow = view(guideline, { phase: "slow", saved: null });
  assert.equal(slow.status, "Nog niet bekend of dit offline bewaard is: nagaan duurt lang. Je kunt het wel al bewaren.");
  assert.deepEqual(slow.save, { hidden: false, text: "Richtlijn offline bewaren", disabled: false });
  assert.equal(slow.remove.hidden, true);

  const checkFailed = view(guideline, { phase: "checkFailed", saved: null });
  assert.deepEqual(checkFailed.error, { message: "Nagaan of dit offline bewaard is, is niet gelukt. Probeer het later opnieuw.", stillSaved: "" });
  assert.equal(checkFailed.status, "");
  assert.deepEqual(checkFailed.save, { hidden: false, text: "Opnieuw proberen", disabled: false });
  assert.equal(checkFailed.remove.hidden, true);

  const unsupported = view(guideline, { phase: "unsupported", saved: SAVED });
  assert.equal(unsupported.save.hidden, true);
  assert.equal(unsupported.remove.hidden, true);
});

test("the worker's answers change the state", () => {
  assert.deepEqual(afterStatus({ phase: "checking" }, { saved: SAVED }), { phase: "idle", saved: SAVED });
  assert.deepEqual(afterStatus({ phase: "error" }, undefined), { phase: "error", saved: null });
  assert.deepEqual(afterStatus({ phase: "slow" }, undefined), { phase: "idle", saved: null }, "a late answer still counts");
  assert.deepEqual(afterStatus({ phase: "checkFailed" }, { saved: SAVED }), { phase: "idle", saved: SAVED });
  assert.equal(afterStatus({ phase: "saving" }, undefined), null, "a running save answers for itself");
  assert.equal(afterStatus({ phase: "removing" }, undefined), null);

  assert.deepEqual(afterSave({ type: "saved", saved: SAVED }), {
    phase: "idle",
    saved: SAVED,
    announce: "Opgeslagen voor offline gebruik op 5 maart 2026 om 09:30.",
  });
  const incomplete = afterSave({ type: "error", reason: "incomplete", failed: 2, total: 40 });
  assert.equal(incomplete.phase, "error");
  assert.equal(incomplete.message, incomplete.announce);
  assert.match(incomplete.message, /^Opslaan is niet gelukt: 2 van 40 bestanden konden niet worden opgehaald\./);
  assert.equal(errorText({ type: "error", reason: "offline" }), TEXT.offline);
  assert.equal(errorText({ type: "error", reason: "unknown" }), TEXT.failed);
});
