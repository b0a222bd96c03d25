/* Offline reading: what the "offline bewaren" control says and shows in each state, without the
   page. offline.js draws the control with it; tests/js/ tests it with Node.

   A group is {id, kind: "publication" or "guideline", title, size (bytes), explain}. Its state is
   {phase, saved, done, total, message, announce}: phase is "checking", "slow" (the worker has not
   answered yet; a save is offered all the same), "checkFailed" (the worker could not say),
   "unsupported", "idle", "saving", "removing" or "error"; saved is the ISO time of the copy on this
   device, or null. */

import { dutchLongDate, dutchMoment, tekst } from "./common.js";

// The control's texts without a value in them (teksten.yaml, scripts.offline); a text with a
// number or a date is asked for where it is filled.
export const TEXT = {
  checking: tekst("offline.nagaan"),
  slow: tekst("offline.traag"),
  checkFailed: tekst("offline.nagaan_mislukt"),
  controlFailed: tekst("offline.bediening_mislukt"),
  unsupported: tekst("offline.niet_ondersteund"),
  save: { publication: tekst("offline.bewaar.publicatie"), guideline: tekst("offline.bewaar.richtlijn") },
  saveAgain: tekst("offline.opnieuw_opslaan"),
  retry: tekst("offline.opnieuw_proberen"),
  remove: tekst("offline.verwijder"),
  busy: tekst("offline.bezig"),
  removed: tekst("offline.verwijderd"),
  offline: tekst("offline.geen_verbinding"),
  failed: tekst("offline.mislukt"),
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
      return state.total ? tekst("offline.voortgang", { klaar: state.done, totaal: state.total }) : TEXT.busy;
    default:
      if (state.saved) return tekst("offline.opgeslagen", { moment: dutchMoment(state.saved) });
      return notSaved(group);
  }
}

function notSaved(group) {
  const omvang = group.size ? tekst("offline.omvang", { omvang: dutchSize(group.size) }) : "";
  if (group.kind === "publication") return tekst("offline.niet_bewaard.publicatie", { omvang });
  return tekst("offline.niet_bewaard.richtlijn", { omvang });
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
    error: error ? { message, stillSaved: state.saved ? tekst("offline.nog_bruikbaar", { datum: dutchLongDate(state.saved) }) : "" } : null,
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
  if (reply.reason === "incomplete") return tekst("offline.onvolledig", { mislukt: reply.failed, totaal: reply.total });
  return TEXT.failed;
}

// The changes after the worker answered a save.
export function afterSave(reply) {
  if (reply.type === "saved") return { phase: "idle", saved: reply.saved, announce: tekst("offline.opgeslagen", { moment: dutchMoment(reply.saved) }) };
  const message = errorText(reply);
  return { phase: "error", message, announce: message };
}
