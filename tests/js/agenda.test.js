// Unit tests of the calendar file that "Zet in je agenda" makes (generator/templates/assets/agenda.js).
// tests/test_agenda.py reads the file the page makes with the icalendar library.
import { test } from "node:test";
import assert from "node:assert/strict";

import "./teksten.js";

import { escapeText, foldLine, icsDate, icsMoment, icsText, eventUid } from "../../generator/templates/assets/agenda.js";
import { localIsoDate } from "../../generator/templates/assets/common.js";

const octets = (text) => new TextEncoder().encode(text).length;

const EVENT = {
  title: "Voorkomen van uithuisplaatsing: evalueren",
  label: "gezin A12",
  url: "https://richtlijnen.example/checklists/voorkomen-uithuisplaatsing-evalueren/",
  source: "uhp-interventies-5",
  sourceUrl: "https://richtlijnen.example/r/uhp-interventies-5/",
  quote: "ten minste vier keer per jaar",
  rrule: "FREQ=MONTHLY;INTERVAL=3",
  start: "2026-03-05",
  uid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  now: new Date(Date.UTC(2026, 2, 5, 13, 30, 15, 123)),
};

// The content lines, unfolded (RFC 5545 3.1: a line break followed by a space is no break).
function unfolded(text) {
  return text.replace(/\r\n /g, "").split("\r\n");
}

function property(text, name) {
  const line = unfolded(text).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line === undefined ? undefined : line.slice(line.indexOf(":") + 1);
}

test("a TEXT value escapes backslash, semicolon and comma, and writes a line break as \\n", () => {
  assert.equal(escapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  assert.equal(escapeText("gewoon: tekst"), "gewoon: tekst");
});

test("a long line is folded at 75 octets, never inside a character", () => {
  const short = "SUMMARY:kort";
  assert.equal(foldLine(short), short);
  const line = `DESCRIPTION:${"é".repeat(60)}${"x".repeat(40)}`;
  const parts = foldLine(line).split("\r\n");
  assert.ok(parts.length > 1);
  parts.forEach((part, index) => {
    assert.ok(octets(part) <= 75, `${index}: ${octets(part)} octets`);
    if (index > 0) assert.equal(part[0], " ");
  });
  // "é" takes two octets: the first part ends before one that would not fit whole.
  assert.equal(octets(parts[0]), 74);
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(""), line);
});

test("dates: all-day values, the day after, and no impossible date", () => {
  assert.equal(icsDate("2026-03-05"), "20260305");
  assert.equal(icsDate("2026-12-31", 1), "20270101");
  assert.equal(icsDate("2028-02-28", 1), "20280229");
  assert.equal(icsDate("2026-02-30"), null);
  assert.equal(icsDate(""), null);
  assert.equal(icsDate("5-3-2026"), null);
  assert.equal(icsMoment(EVENT.now), "20260305T133015Z");
  assert.equal(localIsoDate(new Date(2026, 0, 9, 23, 59)), "2026-01-09");
});

test("the file is one repeating all-day event with CRLF line ends", () => {
  const text = icsText(EVENT);
  assert.ok(text.endsWith("\r\n"));
  assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/, "every line ends in CRLF");
  for (const line of text.split("\r\n")) assert.ok(octets(line) <= 75, line);
  const lines = unfolded(text);
  assert.deepEqual(lines.slice(0, 2), ["BEGIN:VCALENDAR", "VERSION:2.0"]);
  assert.deepEqual(lines.slice(-3), ["END:VEVENT", "END:VCALENDAR", ""]);
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, 1);
  assert.equal(property(text, "UID"), EVENT.uid);
  assert.equal(property(text, "DTSTAMP"), "20260305T133015Z");
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20260305"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20260306"));
  assert.equal(property(text, "RRULE"), "FREQ=MONTHLY;INTERVAL=3");
  assert.equal(property(text, "URL"), EVENT.url);
});

test("the title names the checklist and the list's code, nothing else", () => {
  assert.equal(property(icsText(EVENT), "SUMMARY"), "Voorkomen van uithuisplaatsing: evalueren — lijst gezin A12");
  // The default list has no code: the title alone.
  assert.equal(property(icsText({ ...EVENT, label: "" }), "SUMMARY"), EVENT.title);
  // A code with the characters a TEXT value escapes.
  assert.match(property(icsText({ ...EVENT, label: "A;1,2" }), "SUMMARY"), /lijst A\\;1\\,2$/);
});

test("the description says where the frequency comes from and links the checklist", () => {
  const description = property(icsText(EVENT), "DESCRIPTION");
  const [source, page] = description.split("\\n");
  assert.match(source, /^Volgens uhp-interventies-5: ten minste vier keer per jaar\. /);
  assert.ok(source.endsWith(EVENT.sourceUrl));
  assert.equal(page, `Checklist: ${EVENT.url}`);
});

test("a bad start date or recurrence rule is refused, not written", () => {
  assert.throws(() => icsText({ ...EVENT, start: "" }), /not a date/);
  assert.throws(() => icsText({ ...EVENT, rrule: "FREQ=MONTHLY\r\nATTENDEE:x" }), /not a recurrence rule/);
});

test("a UID names the checklist, the list and the site, so a second file updates the same series", () => {
  assert.equal(eventUid("voorkomen-evalueren", "Gezin A12", "intranet.example"), "voorkomen-evalueren.gezin-a12@intranet.example");
  assert.equal(eventUid("voorkomen-evalueren", "", "intranet.example"), "voorkomen-evalueren@intranet.example");
  assert.equal(eventUid("voorkomen-evalueren", "Gezin A12", ""), "voorkomen-evalueren.gezin-a12@richtlijnen");
});
