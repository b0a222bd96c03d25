/* Offline reading: what the "offline bewaren" control says and shows in each state, without the
   page. offline.js draws the control with it; tests/js/ tests it with Node.

   A group is {id, kind: "publication" or "guideline", title, size (bytes), explain}. Its state is
   {phase, saved, done, total, message, announce}: phase is "checking", "slow" (the worker has not
   answered yet; a save is offered all the same), "checkFailed" (the worker could not say),
   "unsupported", "idle", "saving", "removing" or "error"; saved is the ISO time of the copy on this
   device, or null. */

import { dutchLongDate, dutchMoment, fill } from "./common.js";

export const TEXT = {
  checking: "Nagaan of dit offline bewaard is…",
  slow: "Nog niet bekend of dit offline bewaard is: nagaan duurt lang. Je kunt het wel al bewaren.",
  checkFailed: "Nagaan of dit offline bewaard is, is niet gelukt. Probeer het later opnieuw.",
  controlFailed: "Offline bewaren kan nu niet: de gegevens daarvoor konden niet worden opgehaald. Probeer het later opnieuw.",
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

export function dutchSize(bytes) {
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  return `${(bytes / 1e6).toFixed(1).replace(".", ",")} MB`;
}

export function isBusy(state) {
  return state.phase === "saving" || state.phase === "removing";
}

// The status line of every phase but "error" and "checkFailed", which view() shows on their own.
export function statusText(group, state) {
  switch (state.phase) {
    case "checking":
      return TEXT.checking;
    case "slow":
      return TEXT.slow;
    case "unsupported":
      return TEXT.unsupported;
    case "saving":
      return state.total ? fill(TEXT.progress, state.done, state.total) : TEXT.busy;
    default:
      if (state.saved) return fill(TEXT.saved, dutchMoment(state.saved));
      return TEXT.notSaved[group.kind] + (group.size ? ` (ongeveer ${dutchSize(group.size)}).` : ".");
  }
}

/* What the control shows in a state:
   - error: null, or {message, stillSaved} (an older copy that still works is said after it);
   - status: the status line when there is no error;
   - progress: null (hidden), {done, total}, or {} while the worker does not yet know how many;
   - save, remove: the buttons, {hidden, text, disabled}; disabled as aria-disabled, so that a
     button keeps the keyboard focus while it works. */
export function view(group, state) {
  const busy = isBusy(state);
  const error = state.phase === "error" || state.phase === "checkFailed";
  let saveText = TEXT.save[group.kind];
  if (state.phase === "saving") saveText = TEXT.busy;
  else if (error) saveText = TEXT.retry;
  else if (state.saved) saveText = TEXT.saveAgain;
  const message = state.phase === "checkFailed" ? TEXT.checkFailed : state.message;
  return {
    busy,
    error: error ? { message, stillSaved: state.saved ? fill(TEXT.stillSaved, dutchLongDate(state.saved)) : "" } : null,
    status: error ? "" : statusText(group, state),
    progress: state.phase !== "saving" ? null : state.total ? { done: state.done, total: state.total } : {},
    save: { hidden: state.phase === "checking" || state.phase === "unsupported", text: saveText, disabled: busy },
    remove: { hidden: !state.saved || state.phase === "unsupported" || state.phase === "checkFailed", text: TEXT.remove, disabled: busy },
  };
}

// The changes after the worker said what is saved (record: this group's, or undefined), or null
// while a save or removal runs: its own answer will tell. An error of a save stays shown.
export function afterStatus(state, record) {
  if (isBusy(state)) return null;
  return { phase: state.phase === "error" ? "error" : "idle", saved: record ? record.saved : null };
}

export function errorText(reply) {
  if (reply.reason === "offline") return TEXT.offline;
  if (reply.reason === "incomplete") return fill(TEXT.incomplete, reply.failed, reply.total);
  return TEXT.failed;
}

// The changes after the worker answered a save.
export function afterSave(reply) {
  if (reply.type === "saved") return { phase: "idle", saved: reply.saved, announce: fill(TEXT.saved, dutchMoment(reply.saved)) };
  const message = errorText(reply);
  return { phase: "error", message, announce: message };
}
