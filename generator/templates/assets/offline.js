/* Offline reading: registers the service worker and fills the "offline bewaren" control on the home
   page (the whole publication) and on each guideline's overview and chapters (that guideline).

   sw.js lives at the root of the site, or of this version's folder; it is registered with an
   address relative to Material's base URL (as search.js finds Pagefind), so its scope is exactly
   this version. The worker (assets/offline-worker.js) keeps every page and file as it is fetched;
   the control asks it, over a message port, to save all that offline.json lists for a guideline
   or for the publication, and shows how far it got, when it was saved, or what went wrong. What
   the control says in each state is in offline-status.js.

   The page templates mark where a control goes (a hidden .rl-offline-plek) and name a small file
   under offline/ with the group, its title and what a save takes (its form is in
   generator/templates/offline/offline.schema.json); the control is made here, as without a worker
   it could do nothing. `richtlijnen build` writes that file as its last step; the preview has
   none, and so no control. A page reads only its own small file, never a list of
   the whole publication, so it does not load more as the publication grows. Runs on every page
   view, including Material's instant navigation (document$) where that is on.

   No wait here is without end. navigator.serviceWorker.ready settles only once a worker is
   active: never while its script cannot be fetched or its install fails, and only late while a
   new release's worker first saves again what the reader had saved. And a message to a worker
   that is replaced or stopped before it answers is never answered. The control stayed on
   "Nagaan of dit offline bewaard is…" in those cases, and also when the worker did answer, with
   an error (the Cache API threw): that answer has no groups, and reading them threw unseen. Now
   the control offers a save after CHECK_WAIT_MS, and says in Dutch that the check failed on an
   error or after WORKER_WAIT_MS without an answer. */

import { el, onEveryPage, siteRoot, tekst } from "./common.js";
import { TEXT, afterSave, afterStatus, isBusy, view } from "./offline-status.js";

const root = siteRoot();
// How long the control waits for the worker's answer before it offers a save anyway, and how long
// it waits for the worker at all (for its answer to a status question, or to become active).
const CHECK_WAIT_MS = 5000;
const WORKER_WAIT_MS = 30000;

// Per group: {phase, saved, done, total, message, announce}; shared by every page view, so a save
// that runs on while the reader navigates shows up on the next page of the same guideline.
const states = {};
const controls = {}; // small file -> promise of its contents, read once per page load
let worker = null;

// --- The worker ----------------------------------------------------------------------------

function startWorker() {
  if (worker) return worker;
  if (!("serviceWorker" in navigator)) {
    worker = Promise.reject(new Error("geen service worker"));
  } else {
    const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
    // A classic worker (offline-worker.js says why), so no {type: "module"}.
    worker = navigator.serviceWorker
      .register(new URL("sw.js", root).href)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (!controlledAtLoad) send(registration, { type: "visited", urls: loadedSoFar() });
        return registration;
      });
  }
  worker.catch(() => {
    worker = null; // the next question tries again
  });
  return worker;
}

// The promise's outcome, or a rejection after `ms`.
function within(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("geen antwoord")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}

// This page (first: the worker keeps it last) and what it loaded, fetched before the worker ran.
function loadedSoFar() {
  const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)];
  return urls.filter((url) => url.startsWith(root.href));
}

function send(registration, message, onProgress) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
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

async function ask(message, onProgress) {
  return send(await within(startWorker(), WORKER_WAIT_MS), message, onProgress);
}

function loadControl(file) {
  if (!controls[file]) {
    controls[file] = fetch(new URL(file, root).href).then((response) => {
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return response.json();
    });
    controls[file].catch(() => delete controls[file]);
  }
  return controls[file];
}

// --- The control -----------------------------------------------------------------------------

function buildControl(group) {
  const name = group.kind === "publication" ? tekst("offline.naam.publicatie") : tekst("offline.naam.richtlijn", { titel: group.title });
  const box = el("div", { class: "rl-offline", role: "group", "aria-label": name, "data-rl-groep": group.id });
  if (group.explain) {
    // Below a chapter it must be clear that the whole guideline is meant, not this page.
    box.append(el("p", { class: "rl-offline__kop" }, [el("strong", { text: tekst("offline.kop") }), tekst("offline.kop_richtlijn", { titel: group.title })]));
  }
  const status = el("p", { class: "rl-offline__status" });
  const bar = el("progress", { class: "rl-offline__voortgang", max: "1", value: "0", "aria-label": tekst("offline.voortgang_label") });
  bar.hidden = true;
  const save = el("button", { type: "button", class: "rl-knop rl-knop--hoofd", "data-rl-offline": "bewaar" });
  const remove = el("button", { type: "button", class: "rl-knop", "data-rl-offline": "verwijder", text: TEXT.remove });
  box.append(status, bar, el("p", { class: "rl-knoppen" }, [save, remove]));
  save.addEventListener("click", () => startSave(group));
  remove.addEventListener("click", () => startRemove(group));
  return box;
}

function failedControl() {
  const message = el("strong", { class: "rl-offline__fout", text: TEXT.controlFailed });
  return el("div", { class: "rl-offline rl-offline--fout", role: "group", "aria-label": tekst("offline.kop") }, [
    el("p", { class: "rl-offline__status" }, [message]),
  ]);
}

function boxesOf(group) {
  return [...document.querySelectorAll(".rl-offline")].filter((box) => box.getAttribute("data-rl-groep") === group.id);
}

function render(group) {
  const state = states[group.id];
  const shown = view(group, state);
  for (const box of boxesOf(group)) {
    const status = box.querySelector(".rl-offline__status");
    const bar = box.querySelector("progress");
    box.classList.toggle("rl-offline--fout", Boolean(shown.error));
    box.setAttribute("aria-busy", String(shown.busy));
    if (shown.error) {
      // The failure stands out; that an older copy still works is said plainly after it.
      status.replaceChildren(el("strong", { class: "rl-offline__fout", text: shown.error.message }));
      if (shown.error.stillSaved) status.append(shown.error.stillSaved);
    } else {
      status.textContent = shown.status;
    }
    bar.hidden = !shown.progress;
    if (shown.progress && shown.progress.total) {
      bar.max = shown.progress.total;
      bar.value = shown.progress.done;
    } else if (shown.progress) {
      bar.removeAttribute("value"); // indeterminate until the worker knows how many files
    }
    for (const [button, how] of [
      [box.querySelector("[data-rl-offline=bewaar]"), shown.save],
      [box.querySelector("[data-rl-offline=verwijder]"), shown.remove],
    ]) {
      button.hidden = how.hidden;
      button.textContent = how.text;
      button.setAttribute("aria-disabled", String(how.disabled));
    }
    const live = box.querySelector("[role=status]");
    if (live && state.announce !== undefined && live.textContent !== state.announce) {
      const text = state.announce;
      requestAnimationFrame(() => {
        live.textContent = text;
      });
    }
  }
}

function update(group, changes) {
  states[group.id] ??= { phase: "checking", saved: null };
  Object.assign(states[group.id], changes);
  render(group);
}

async function refresh(group) {
  const slow = setTimeout(() => {
    if (states[group.id].phase === "checking") update(group, { phase: "slow" });
  }, CHECK_WAIT_MS);
  let reply = null;
  try {
    reply = await within(ask({ type: "status" }), WORKER_WAIT_MS);
  } catch {
    // no worker, or no answer in time: said below
  } finally {
    clearTimeout(slow);
  }
  if (!reply || reply.type !== "status" || !reply.groups) {
    if (!isBusy(states[group.id])) update(group, { phase: "checkFailed" });
    return;
  }
  const changes = afterStatus(states[group.id], reply.groups[group.id]);
  if (changes) update(group, changes);
}

// Screen readers hear what a button did, not the state on every page view: the live region
// is made on the first click, empty, so that what is put in it next is announced.
function listen(group) {
  for (const box of boxesOf(group)) {
    if (!box.querySelector("[role=status]")) box.append(el("span", { class: "rl-visueel-verborgen", role: "status" }));
  }
}

async function startSave(group) {
  const phase = states[group.id].phase;
  if (isBusy(states[group.id]) || phase === "unsupported") return;
  if (phase === "checkFailed") {
    // "Opnieuw proberen" after a failed check asks again; it does not save unasked.
    update(group, { phase: "checking" });
    refresh(group);
    return;
  }
  listen(group);
  // The reader asked to keep it: ask the browser not to clear it when space runs low.
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  update(group, { phase: "saving", done: 0, total: 0, announce: TEXT.busy });
  let reply;
  try {
    reply = await ask({ type: "save", group: group.id }, (progress) => update(group, { done: progress.done, total: progress.total }));
  } catch {
    update(group, { phase: "error", message: TEXT.failed, announce: TEXT.failed });
    return;
  }
  update(group, afterSave(reply));
  if (reply.type !== "saved") refresh(group); // an older copy may still be there
}

async function startRemove(group) {
  if (isBusy(states[group.id])) return;
  listen(group);
  update(group, { phase: "removing" });
  try {
    await ask({ type: "remove", group: group.id });
  } catch {
    update(group, { phase: "error", message: TEXT.failed, announce: TEXT.failed });
    return;
  }
  update(group, { phase: "idle", saved: null, announce: TEXT.removed });
}

// --- Every page view ---------------------------------------------------------------------------

async function showControl() {
  const article = document.querySelector("article.md-content__inner");
  const spot = article && article.querySelector(".rl-offline-plek[data-rl-offline]");
  if (!spot) return;
  let data;
  try {
    data = await loadControl(spot.getAttribute("data-rl-offline"));
  } catch {
    // Without its file the control cannot say what a save takes: it says that it cannot save.
    if (spot.isConnected) spot.replaceWith(failedControl());
    return;
  }
  // The reader may have gone on to another page meanwhile; and a file without a size would offer
  // a save it cannot describe.
  if (!spot.isConnected || typeof data.size !== "number") return;
  const group = { id: data.group, kind: data.kind, title: data.title, size: data.size, explain: spot.hasAttribute("data-rl-offline-uitleg") };
  spot.replaceWith(buildControl(group));
  if (!("serviceWorker" in navigator)) {
    update(group, { phase: "unsupported" });
    return;
  }
  const state = states[group.id];
  if (state) state.announce = undefined; // a new page view: nothing to announce yet
  const settled = state && !["error", "checkFailed", "slow"].includes(state.phase);
  update(group, settled ? {} : { phase: "checking" });
  refresh(group);
}

// Registered after the page has loaded, so the worker does not compete with it.
if (document.readyState === "complete") startWorker();
else window.addEventListener("load", () => startWorker());

onEveryPage(showControl);
