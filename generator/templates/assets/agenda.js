/* "Zet in je agenda": where a recommendation says how often a checklist comes back (the
   checklist's `schedule`), the page offers a repeating event for the reader's own calendar, as an
   iCalendar file (RFC 5545) made on this device. The file holds the checklist's title, the code
   of the list, where the frequency comes from and the page's address: no names, and nothing is
   sent anywhere.

   icsText() and its helpers are pure (tests/js/agenda.test.js); agendaControls() adds the date
   field and the button to the block the page has for it (templates/pages/checklist.md.j2). */

import { el, localIsoDate, saveFile, slug, tekst } from "./common.js";

const CRLF = "\r\n";
const LINE_OCTETS = 75; // RFC 5545 3.1: lines longer than this are folded
const PRODUCT = "-//Richtlijnen Jeugdhulp en Jeugdbescherming//Checklist-agenda//NL";
const encoder = new TextEncoder();

/* A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, a line break as \n. */
export function escapeText(text) {
  return String(text)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/* One content line, folded at 75 octets of UTF-8 (RFC 5545 3.1): each following part starts with a
   space. A character is never split between two parts. */
export function foldLine(line) {
  const parts = [];
  let part = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const room = parts.length === 0 ? LINE_OCTETS : LINE_OCTETS - 1; // the space takes one
    if (octets + size > room) {
      parts.push(part);
      part = "";
      octets = 0;
    }
    part += character;
    octets += size;
  }
  parts.push(part);
  return parts.join(`${CRLF} `);
}

/* "2026-03-05" -> "20260305"; the day after it too, for the end of an all-day event. Null for
   anything that is not a real date. */
export function icsDate(iso, plusDays = 0) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + plusDays));
  if (plusDays === 0 && (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)) return null;
  return date.toISOString().slice(0, 10).replace(/-/g, "");
}

// A moment in UTC as iCalendar writes it: 20260305T143000Z.
export function icsMoment(when) {
  return new Date(when).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/* The calendar file: one repeating all-day event from `start` ("2026-03-05"), by `rrule`
   ("FREQ=MONTHLY;INTERVAL=3"). `label` is the code of the list ("" for none); `uid` and `now`
   (the DTSTAMP) come from the caller, so that the same input gives the same file. */
export function icsText({ title, label, url, source, sourceUrl, quote, rrule, start, uid, now }) {
  const first = icsDate(start);
  if (!first) throw new Error(`not a date: ${start}`);
  if (!/^FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,]+)*$/.test(rrule)) throw new Error(`not a recurrence rule: ${rrule}`);
  const summary = label ? tekst("checklist.agenda.titel", { titel: title, lijst: label }) : title;
  const description = [
    tekst("checklist.agenda.beschrijving", { bron: source, citaat: quote, bron_adres: sourceUrl }),
    tekst("checklist.agenda.adres", { adres: url }),
  ].join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODUCT}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${icsMoment(now)}`,
    `DTSTART;VALUE=DATE:${first}`,
    `DTEND;VALUE=DATE:${icsDate(start, 1)}`,
    `RRULE:${rrule}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${url}`,
    // A reminder to plan the evaluation, not an appointment: the day does not show as busy.
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/* The event's UID: the same for the same checklist and list on the same site, so that a second
   file (another first date) updates the series in the reader's calendar instead of adding one. */
export function eventUid(checklistId, label, host) {
  const list = slug(label);
  return `${checklistId}${list ? `.${list}` : ""}@${host || "richtlijnen"}`;
}

/* The page's block for a checklist with a schedule, with a date field and the button added; null
   on a checklist without one. `checklist` gives the title, the page's address, the id, the code of
   the current list (label(): "" for none) and say(text) for the status line. */
export function agendaControls(root, checklist) {
  const block = root.querySelector(".rl-agenda[data-rl-rrule]");
  if (!block) return null;
  const date = el("input", { id: "rl-agenda-datum", type: "date", required: "" });
  date.value = localIsoDate(new Date());
  const button = el("button", { type: "button", class: "rl-knop rl-knop--hoofd", text: tekst("checklist.agenda.knop") });
  block.append(
    el("div", { class: "rl-veld" }, [el("label", { for: "rl-agenda-datum", text: tekst("checklist.agenda.datum") }), date]),
    el("div", { class: "rl-knoppen" }, [button])
  );
  button.addEventListener("click", () => {
    if (!icsDate(date.value)) {
      checklist.say(tekst("checklist.agenda.datum_leeg"));
      date.focus();
      return;
    }
    const name = `${checklist.id}.ics`;
    const text = icsText({
      title: checklist.title,
      label: checklist.label(),
      url: checklist.url,
      source: block.getAttribute("data-rl-bron"),
      sourceUrl: block.getAttribute("data-rl-bron-url"),
      quote: block.getAttribute("data-rl-citaat"),
      rrule: block.getAttribute("data-rl-rrule"),
      start: date.value,
      uid: eventUid(checklist.id, checklist.label(), location.host),
      now: new Date(),
    });
    saveFile(text, name, "text/calendar;charset=utf-8");
    checklist.say(tekst("checklist.agenda.gemaakt", { bestand: name }));
  });
  return block;
}
