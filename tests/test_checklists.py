"""Checklist pages in Chromium: ticks kept on the device, runs per family, copy as text, print."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, Route, expect

from generator.render.view import dutch_date
from tests.browser import axe_violations, horizontal_overflow, record_requests
from tests.conftest import BUILD_DATE, REPO, build_site_into, serve_directory

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

CHECKLIST_IDS = sorted(p.stem for p in (REPO / "checklists").glob("[!_]*.yaml"))  # not _niet-in-checklist.yaml
OVERDRACHT = "checklists/overdracht-na-crisishulp/"
STORAGE_KEY = "rl-checklist:overdracht-na-crisishulp"


def open_checklist(page: Page, site_url: str, path: str = OVERDRACHT) -> None:
    page.goto(site_url + path)
    expect(page.locator(".rl-bediening")).to_be_visible()


def open_panel(page: Page) -> None:
    """Unfold the list controls ("Lijst: … ▾") if they are folded."""
    toggle = page.locator(".rl-lijstknop")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.locator("#rl-lijstpaneel")).to_be_visible()


def box(page: Page, item_id: str) -> Locator:
    return page.locator(f"[id='punt-{item_id}']")


def tick(page: Page, *item_ids: str) -> None:
    for item_id in item_ids:
        box(page, item_id).check()


def ticked(page: Page) -> list[str]:
    return list(page.eval_on_selector_all(".rl-vink:checked", "boxes => boxes.map(b => b.id.slice(5))"))


def stored(page: Page, key: str = STORAGE_KEY) -> Any:
    return json.loads(page.evaluate("key => localStorage.getItem(key)", key))


def make_run(page: Page, label: str) -> None:
    open_panel(page)
    page.get_by_label("Code", exact=True).fill(label)
    page.get_by_role("button", name="Nieuwe lijst").click()
    expect(page.get_by_label("Lijst", exact=True)).to_have_value(current_run_id(page))
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text(label)


def current_run_id(page: Page) -> str:
    return str(page.evaluate("document.querySelector('#rl-lijst-keuze').value"))


def progress(page: Page) -> Locator:
    return page.locator(".rl-voortgang")


# --- Progress and storage --------------------------------------------------------------------


def test_progress_figure_and_completeness_follow_the_ticks(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    expect(progress(page)).to_have_text("0 van 10 afgevinkt · Nog 7 verplichte punten open.")
    assert page.evaluate("localStorage.length") == 0  # opening a checklist leaves no trace
    tick(page, "plan-na-stabilisatie", "maatregelen-herhaling")
    expect(progress(page)).to_have_text("2 van 10 afgevinkt · Nog 6 verplichte punten open.")
    required = page.eval_on_selector_all(".rl-vink[data-rl-nodig='ja']", "boxes => boxes.map(b => b.id.slice(5))")
    tick(page, *required[:-1])
    expect(progress(page)).to_have_text("7 van 10 afgevinkt · Nog 1 verplicht punt open.")
    tick(page, required[-1])
    expect(progress(page)).to_have_text("8 van 10 afgevinkt · Compleet: alle verplichte punten zijn afgevinkt.")


def test_ticks_survive_a_reload_and_are_stored_by_item_id_with_the_text_hash(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    tick(page, "geen-wachttijd", "terugvalpreventieplan")
    page.reload()
    expect(page.locator(".rl-bediening")).to_be_visible()
    assert ticked(page) == ["terugvalpreventieplan", "geen-wachttijd"]
    expect(progress(page)).to_contain_text("2 van 10 afgevinkt")

    state = stored(page)
    assert set(state) == {"format", "current", "runs"}
    assert state["format"] == 1
    [run] = state["runs"]
    assert state["current"] == run["id"]
    assert run["label"] == ""
    assert set(run["ticks"]) == {"geen-wachttijd", "terugvalpreventieplan"}
    expected_hash = hashlib.sha256(b"Regel naadloze aansluiting, zonder wachttijd voor het gezin").hexdigest()[:12]
    assert run["ticks"]["geen-wachttijd"]["hash"] == expected_hash


def enable_instant_navigation(page: Page, site_url: str) -> None:
    """Material navigates instantly only to addresses in sitemap.xml, compared without the port;
    rewrite it as if site_url were this test server, as it is for a real deployment."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("https://richtlijnen.example.org/", site_url))

    page.route("**/sitemap.xml", rewrite)


def test_ticks_survive_instant_navigation_without_leaking_listeners(page: Page, site_url: str) -> None:
    enable_instant_navigation(page, site_url)
    # Count listeners that checklist.js adds to window and document: one per page view would leak.
    page.add_init_script(
        """(() => {
          window.rlGlobalListeners = 0;
          const add = EventTarget.prototype.addEventListener;
          EventTarget.prototype.addEventListener = function (...args) {
            if ((this === window || this === document) && /checklist\\.js/.test(new Error().stack)) window.rlGlobalListeners++;
            return add.apply(this, args);
          };
        })()"""
    )
    open_checklist(page, site_url)
    tick(page, "aansluiting-crisisplan")
    page.evaluate("window.rlSamePageLoad = true")
    for _ in range(3):
        page.locator(".rl-punt[data-rl-item='aansluiting-crisisplan'] .rl-bronnen a").click()
        expect(page.locator("h1")).to_have_text("Na de crisis")
        # "Gebruikt in": the recommendation links back to the checklists that cite it.
        page.locator("p.rl-checklists a").filter(has_text="Overdracht na crisishulp").first.click()
        expect(page.locator(".rl-bediening")).to_have_count(1)
        assert ticked(page) == ["aansluiting-crisisplan"]
    tick(page, "geen-wachttijd")  # the page set up again after navigating also stores
    page.go_back()
    expect(page.locator("h1")).to_have_text("Na de crisis")
    page.go_forward()
    expect(page.locator(".rl-bediening")).to_have_count(1)
    assert ticked(page) == ["aansluiting-crisisplan", "geen-wachttijd"]
    assert sorted(stored(page)["runs"][0]["ticks"]) == ["aansluiting-crisisplan", "geen-wachttijd"]
    # Material's instant loading swapped the content: the same page load all along.
    assert page.evaluate("window.rlSamePageLoad") is True
    assert page.evaluate("window.rlGlobalListeners") == 3  # beforeprint, storage, pageshow: added once


def test_instant_navigation_from_a_chapter_brings_the_checklist_code_and_style(page: Page, site_url: str) -> None:
    """A chapter loads no checklist code; Material's instant navigation to a checklist then gets it
    from assets/on-demand.js, as no new page load names it."""
    enable_instant_navigation(page, site_url)
    requests = record_requests(page)
    page.goto(site_url + "uithuisplaatsing-en-terugplaatsing/na-de-crisis/", wait_until="networkidle")
    assert [url for url in requests if "/assets/checklist" in url] == []
    page.evaluate("window.rlSamePageLoad = true")
    page.locator("p.rl-checklists a").filter(has_text="Overdracht na crisishulp").first.click()
    page.wait_for_url(re.compile(re.escape(OVERDRACHT) + "(#.*)?$"))
    expect(page.locator('link[rel="stylesheet"][href$="/assets/checklist.css"]')).to_have_count(1)
    page.wait_for_function("() => [...document.styleSheets].some((s) => s.href && s.href.endsWith('/assets/checklist.css'))")
    tick(page, "aansluiting-crisisplan")
    assert "aansluiting-crisisplan" in stored(page)["runs"][0]["ticks"]
    assert page.evaluate("window.rlSamePageLoad") is True
    assert {"checklist.js", "checklist-state.js", "checklist.css"} <= {url.rsplit("/", 1)[1] for url in requests}


def test_ticking_makes_no_request_and_screen_readers_hear_the_totals_once_after_a_pause(page: Page, site_url: str) -> None:
    page.goto(site_url + OVERDRACHT, wait_until="networkidle")
    announcer = page.locator(".rl-voortgang + [role='status']")
    expect(announcer).to_have_text("")
    page.evaluate(
        """el => { window.rlAnnouncements = 0;
                   new MutationObserver(rs => window.rlAnnouncements += rs.length).observe(el, {childList: true}); }""",
        announcer.element_handle(),
    )
    requests = record_requests(page)
    # Three quick ticks (in one go, so a slow test machine cannot spread them out).
    page.evaluate(
        "ids => ids.forEach(id => document.getElementById('punt-' + id).click())",
        ["plan-na-stabilisatie", "analyse-gezinssituatie", "maatregelen-herhaling"],
    )
    expect(progress(page)).to_contain_text("3 van 10 afgevinkt")  # the visible figure at once
    expect(announcer).to_have_text("3 van 10 afgevinkt. Nog 5 verplichte punten open.")
    page.wait_for_timeout(300)
    assert page.evaluate("window.rlAnnouncements") == 1
    box(page, "plan-na-stabilisatie").uncheck()
    make_run(page, "gezin Q1")
    tick(page, "geen-wachttijd")
    # Chromium fetches the tab icon on its own schedule, not because of anything the page does.
    assert [url for url in requests if not url.endswith("/assets/logo.svg")] == []


def test_two_tabs_of_the_same_checklist_stay_in_step(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    make_run(page, "gezin A12")
    other = page.context.new_page()
    open_checklist(other, site_url)
    expect(other.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin A12")
    make_run(other, "gezin B7")
    tick(other, "geen-wachttijd")
    # The first tab learns about the new list but keeps showing its own.
    expect(page.locator("#rl-lijst-keuze option")).to_have_text(["gezin A12", "gezin B7"])
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin A12")
    tick(page, "plan-na-stabilisatie")
    # Chromium hands one tab's storage to another a moment later; a write made in that moment (the
    # switch below writes the chosen list) starts from what its tab has heard so far. A person is
    # never that fast in two tabs, so wait, as their tab would have, until the other tab has heard.
    other.wait_for_function("key => (localStorage.getItem(key) || '').includes('plan-na-stabilisatie')", arg=STORAGE_KEY)
    other.get_by_label("Lijst", exact=True).select_option(label="gezin A12")
    expect(box(other, "plan-na-stabilisatie")).to_be_checked()
    assert ticked(other) == ["plan-na-stabilisatie"]
    runs = {r["label"]: sorted(r["ticks"]) for r in stored(page)["runs"]}
    assert runs == {"gezin A12": ["plan-na-stabilisatie"], "gezin B7": ["geen-wachttijd"]}


# --- Runs, clearing, copying --------------------------------------------------------------


def test_two_runs_stay_separate_and_a_run_is_deleted_only_after_confirmation(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    expect(page.locator(".rl-privacy")).to_have_text(
        "Vinkjes en lijsten blijven op dit apparaat; er gaat niets naar een server. Gebruik een code (bijv. gezin A12), geen naam."
    )
    make_run(page, "gezin A12")
    tick(page, "plan-na-stabilisatie", "geen-wachttijd")
    run_a = current_run_id(page)
    make_run(page, "gezin B7")
    assert ticked(page) == []
    tick(page, "terugvalpreventieplan")
    run_b = current_run_id(page)

    # The empty run without a code that the page started with is gone; the two runs remain.
    assert page.eval_on_selector_all("#rl-lijst-keuze option", "os => os.map(o => o.textContent)") == ["gezin A12", "gezin B7"]
    page.get_by_label("Lijst", exact=True).select_option(run_a)
    assert ticked(page) == ["plan-na-stabilisatie", "geen-wachttijd"]
    page.reload()
    expect(page.locator(".rl-lijstknop")).to_have_text("Lijst: gezin A12▾")  # the last run chosen, folded
    expect(page.locator(".rl-lijstknop")).to_have_accessible_name("Lijst: gezin A12")
    open_panel(page)
    expect(page.get_by_label("Lijst", exact=True)).to_have_value(run_a)
    page.get_by_label("Lijst", exact=True).select_option(run_b)
    assert ticked(page) == ["terugvalpreventieplan"]

    dialog = page.locator("dialog.rl-dialoog")
    page.get_by_role("button", name="Verwijder deze lijst").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Lijst gezin B7 verwijderen")
    assert axe_violations(page) == []  # with the dialog open
    dialog.get_by_role("button", name="Annuleren").click()
    expect(dialog).to_be_hidden()
    assert [r["label"] for r in stored(page)["runs"]] == ["gezin A12", "gezin B7"]

    page.get_by_role("button", name="Verwijder deze lijst").click()
    dialog.get_by_role("button", name="Verwijder de lijst").click()
    expect(page.locator(".rl-status")).to_have_text("Lijst gezin B7 verwijderd. Je vinkt nu af voor gezin A12.")
    assert [r["label"] for r in stored(page)["runs"]] == ["gezin A12"]
    assert ticked(page) == ["plan-na-stabilisatie", "geen-wachttijd"]


def test_a_run_can_be_renamed_and_codes_are_unique(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    tick(page, "plan-na-stabilisatie")
    # The list a reader starts with has a plain name, taken like a code.
    expect(page.locator(".rl-lijstknop")).to_have_accessible_name("Lijst: standaard")
    open_panel(page)
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("standaard")
    page.get_by_label("Code", exact=True).fill("standaard")
    page.get_by_role("button", name="Nieuwe lijst").click()
    expect(page.locator(".rl-status")).to_have_text("Er is al een lijst met de code standaard.")
    page.get_by_label("Code", exact=True).fill("  gezin   C3 ")
    page.get_by_role("button", name="Hernoem huidige lijst").click()
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin C3")
    expect(page.locator(".rl-lijstknop")).to_have_accessible_name("Lijst: gezin C3")
    page.get_by_label("Code", exact=True).fill("gezin C3")
    page.get_by_role("button", name="Nieuwe lijst").click()
    expect(page.locator(".rl-status")).to_have_text("Er is al een lijst met de code gezin C3.")
    page.get_by_label("Code", exact=True).fill(" ")
    page.get_by_role("button", name="Nieuwe lijst").click()
    expect(page.locator(".rl-status")).to_have_text("Vul eerst een code in, bijvoorbeeld gezin A12.")
    assert [(r["label"], list(r["ticks"])) for r in stored(page)["runs"]] == [("gezin C3", ["plan-na-stabilisatie"])]


def test_alles_wissen_clears_only_the_current_run(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    make_run(page, "gezin A12")
    tick(page, "plan-na-stabilisatie", "geen-wachttijd")
    make_run(page, "gezin B7")
    tick(page, "terugvalpreventieplan", "veiligheid-in-beeld")

    page.get_by_role("button", name="Alles wissen").click()
    dialog = page.locator("dialog.rl-dialoog")
    expect(dialog).to_contain_text("Alle vinkjes van gezin B7 wissen?")
    page.keyboard.press("Escape")  # cancelling keeps everything
    expect(dialog).to_be_hidden()
    assert ticked(page) == ["terugvalpreventieplan", "veiligheid-in-beeld"]

    page.get_by_role("button", name="Alles wissen").click()
    dialog.get_by_role("button", name="Wis de vinkjes").click()
    expect(page.locator(".rl-vink:checked")).to_have_count(0)
    expect(progress(page)).to_contain_text("0 van 10 afgevinkt")
    runs = {r["label"]: sorted(r["ticks"]) for r in stored(page)["runs"]}
    assert runs == {"gezin A12": ["geen-wachttijd", "plan-na-stabilisatie"], "gezin B7": []}


def test_copy_as_text_gives_the_exact_summary(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.clock.set_fixed_time(dt.datetime(2026, 3, 5, 12, 0))
    open_checklist(page, site_url)
    make_run(page, "gezin A12")
    tick(page, "analyse-gezinssituatie", "maatregelen-herhaling", "geen-wachttijd")
    page.get_by_role("button", name="Kopieer als tekst").click()
    expect(page.locator(".rl-status")).to_have_text("Gekopieerd als tekst. Plak het in het dossier.")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(
        [
            "Checklist: Overdracht na crisishulp — compleetheid",
            "Publicatie: ontwikkelversie",
            "Datum: 5 maart 2026",
            "Lijst: gezin A12",
            "Adres: https://richtlijnen.example.org/checklists/overdracht-na-crisishulp/",
            "Voortgang: 3 van 10 afgevinkt. Nog 5 verplichte punten open.",
            "",
            "Afgevinkt (3):",
            "[x] Baseer het plan op een zorgvuldige analyse van de gezinssituatie (verplicht)",
            "[x] Bepaal samen met de gezinsleden maatregelen tegen herhaling van de crisis",
            "[x] Regel naadloze aansluiting, zonder wachttijd voor het gezin (verplicht)",
            "",
            "Nog te doen (7):",
            "[ ] Stel een helder hulpverleningsplan op zodra de crisissituatie gestabiliseerd is (verplicht)",
            "[ ] Betrek een gedragswetenschapper bij de analyse en het hulpverleningsplan (verplicht)",
            "[ ] Laat het hulpverleningsplan aansluiten op het crisisplan (verplicht)",
            "[ ] Stel met de gezinsleden een terugvalpreventieplan op (verplicht)",
            "[ ] Kies de reguliere richtlijn voor het vervolg",
            "[ ] Draag over aan de reguliere hulpverlening, zodat die de ingezette lijn voortzet (verplicht)",
            "[ ] Houd de veiligheid en de kans op een nieuwe crisis in beeld",
        ]
    )
    # Nothing ticked, and no code: the empty sections say so.
    page.get_by_role("button", name="Alles wissen").click()
    page.locator("dialog.rl-dialoog").get_by_role("button", name="Wis de vinkjes").click()
    expect(progress(page)).to_contain_text("0 van 10 afgevinkt")
    page.get_by_role("button", name="Kopieer als tekst").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert "\nAfgevinkt (0):\n(geen)\n\nNog te doen (10):\n" in text


def test_save_as_fhir_downloads_a_questionnaire_response_made_on_the_device(page: Page, site_url: str, built_site: Path) -> None:
    """ "Opslaan als bestand (FHIR)": the list as a QuestionnaireResponse to the checklist's
    Questionnaire, read by fhir.resources' R4B model; made in the page, with no request at all."""
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    moment = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)
    page.clock.set_fixed_time(moment)
    requests = record_requests(page)
    open_checklist(page, site_url)
    make_run(page, "gezin A12")
    tick(page, "plan-na-stabilisatie", "geen-wachttijd")
    questionnaire = json.loads((built_site / "api/fhir/Questionnaire-overdracht-na-crisishulp.json").read_text("utf-8"))
    groups = {group["linkId"]: group for group in questionnaire["item"]}
    item_ids = [item["linkId"] for group in questionnaire["item"] for item in group["item"]]
    required = {item["linkId"] for group in questionnaire["item"] for item in group["item"] if item.get("required")}

    def download() -> tuple[str, dict[str, Any]]:
        before = len(requests)
        with page.expect_download() as info:
            page.get_by_role("button", name="Opslaan als bestand (FHIR)").click()
        data = json.loads(Path(info.value.path()).read_text("utf-8"))
        QuestionnaireResponse.model_validate(data)
        assert [url for url in requests[before:] if not url.startswith("blob:")] == []  # nothing is sent
        return info.value.suggested_filename, data

    name, data = download()
    response = QuestionnaireResponse.model_validate(data)
    assert response.questionnaire == f"{questionnaire['url']}|{questionnaire['version']}"
    assert response.status == "in-progress"  # required items are open
    assert dt.datetime.fromisoformat(data["authored"]) == moment
    assert re.fullmatch(r"2026-03-0[45]T\d\d:\d\d:00[+-]\d\d:\d\d", data["authored"])
    assert name == f"overdracht-na-crisishulp-gezin-a12-{data['authored'][:10]}.fhir.json"
    # The list's code as a note (FHIR's note extension), never a name.
    assert data["extension"] == [
        {"url": "http://hl7.org/fhir/StructureDefinition/note", "valueAnnotation": {"text": "Lijst: gezin A12"}}
    ]
    # Groups as in the Questionnaire, every item answered.
    assert [(g.linkId, g.text) for g in response.item or []] == [(key, group["text"]) for key, group in groups.items()]
    answers = {q.linkId: [a.valueBoolean for a in q.answer or []] for g in response.item or [] for q in g.item or []}
    assert answers == {item_id: [item_id in {"plan-na-stabilisatie", "geen-wachttijd"}] for item_id in item_ids}
    first = (response.item or [])[0].item or []
    assert first[0].text == "Stel een helder hulpverleningsplan op zodra de crisissituatie gestabiliseerd is"
    expect(page.locator(".rl-status")).to_have_text(
        f"Bestand {name} gemaakt op dit apparaat; je vindt het bij je downloads. Er is niets verstuurd."
    )

    # Every required item ticked: complete. "Kopieer als tekst" is still there.
    tick(page, *required)
    _, data = download()
    assert data["status"] == "completed"
    assert {q["linkId"] for g in data["item"] for q in g["item"] if q["answer"] == [{"valueBoolean": True}]} == required | {
        "plan-na-stabilisatie",
        "geen-wachttijd",
    }
    expect(page.get_by_role("button", name="Kopieer als tekst")).to_be_visible()


# --- A new release of the checklist -----------------------------------------------------------


def new_release_of_overdracht(checklists: Path) -> None:
    """Reorder items, insert one, reword one and drop one, as an editor might between releases."""
    path = checklists / "overdracht-na-crisishulp.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = {g["title"]: g["items"] for g in data["groups"]}
    overdracht = groups["Overdracht"]
    wachttijd = next(i for i in overdracht if i["id"] == "geen-wachttijd")
    overdracht.remove(wachttijd)
    groups["Hulpverleningsplan"].insert(0, wachttijd)
    groups["Hulpverleningsplan"].insert(
        1, {"id": "overdracht-schriftelijk", "text": "Leg de overdracht schriftelijk vast", "cites": ["uhp-na-de-crisis-1"]}
    )
    for item in groups["Hulpverleningsplan"]:
        if item["id"] == "analyse-gezinssituatie":
            item["text"] = "Baseer het plan op een zorgvuldige analyse van de hele gezinssituatie"
    groups["Overdracht"] = [i for i in overdracht if i["id"] != "veiligheid-in-beeld"]
    for group in data["groups"]:
        group["items"] = groups[group["title"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def two_releases(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This release under /a/ and a changed one under /b/ of one origin, as versions are deployed."""
    tmp = tmp_path_factory.mktemp("releases")
    checklists = Path(shutil.copytree(REPO / "checklists", tmp / "checklists"))
    new_release_of_overdracht(checklists)
    completed = build_site_into(tmp / "site-b", "--checklists", str(checklists), "--release", "2026.2")
    assert completed.returncode == 0, completed.stderr
    root = tmp / "root"
    root.mkdir()
    (root / "a").symlink_to(built_site, target_is_directory=True)
    (root / "b").symlink_to(tmp / "site-b", target_is_directory=True)
    with serve_directory(root) as url:
        yield url


def test_new_release_keeps_ticks_on_their_items_and_flags_reworded_ones(page: Page, two_releases: str) -> None:
    open_checklist(page, two_releases + "a/")
    tick(page, "analyse-gezinssituatie", "maatregelen-herhaling", "geen-wachttijd", "veiligheid-in-beeld")
    expect(page.locator(".rl-gewijzigd")).to_have_count(0)

    open_checklist(page, two_releases + "b/")
    expect(page.locator(".rl-checklist")).to_have_attribute("data-rl-release", "2026.2")
    assert page.eval_on_selector_all(".rl-punt", "ps => ps.slice(0, 3).map(p => p.dataset.rlItem)") == [
        "geen-wachttijd",
        "overdracht-schriftelijk",
        "plan-na-stabilisatie",
    ]
    assert ticked(page) == ["geen-wachttijd", "analyse-gezinssituatie", "maatregelen-herhaling"]
    changed = page.locator(".rl-punt--gewijzigd")
    expect(changed).to_have_count(1)
    expect(changed).to_have_attribute("data-rl-item", "analyse-gezinssituatie")
    expect(changed.locator(".rl-gewijzigd")).to_contain_text("Tekst gewijzigd sinds je dit afvinkte.")
    expect(box(page, "analyse-gezinssituatie")).to_have_accessible_description(
        "Tekst gewijzigd sinds je dit afvinkte. Lees het punt opnieuw en bevestig je vinkje, of vink het uit. Vinkje klopt nog"
    )
    expect(progress(page)).to_have_text(
        "3 van 10 afgevinkt · Nog 5 verplichte punten open. · 1 afgevinkt punt heeft een gewijzigde tekst."
    )
    assert axe_violations(page) == []
    # The tick of an item this release does not have is ignored, but kept.
    assert "veiligheid-in-beeld" in stored(page)["runs"][0]["ticks"]

    changed.get_by_role("button", name="Vinkje klopt nog").click()
    expect(page.locator(".rl-gewijzigd")).to_have_count(0)
    expect(box(page, "analyse-gezinssituatie")).to_be_focused()
    new_hash = hashlib.sha256(b"Baseer het plan op een zorgvuldige analyse van de hele gezinssituatie").hexdigest()[:12]
    ticks = stored(page)["runs"][0]["ticks"]
    assert ticks["analyse-gezinssituatie"]["hash"] == new_hash
    assert "veiligheid-in-beeld" in ticks

    open_checklist(page, two_releases + "a/")
    assert ticked(page) == ["analyse-gezinssituatie", "maatregelen-herhaling", "geen-wachttijd", "veiligheid-in-beeld"]


# --- Keyboard, accessibility, phones --------------------------------------------------------


def tab_until(page: Page, condition: str, limit: int = 150) -> list[str]:
    """Press Tab until the focused element meets the condition; return what had the focus on the way."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("(e => e.id || e.textContent.trim())(document.activeElement)"))
        if page.evaluate(f"(e => {condition})(document.activeElement)"):
            return seen
    raise AssertionError(f"never reached: {condition}; seen {seen}")


def test_keyboard_only(page: Page, site_url: str) -> None:
    open_checklist(page, site_url)
    toggle = page.locator(".rl-lijstknop")
    panel = page.locator("#rl-lijstpaneel")
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")  # "Ga naar inhoud": Tab goes on from the top of the content
    # Folded, the list controls are one stop on the way to the first item.
    seen = tab_until(page, "e.id === 'punt-plan-na-stabilisatie'")
    assert seen[-2:] == ["Lijst: standaard▾", "punt-plan-na-stabilisatie"]
    page.keyboard.press("Shift+Tab")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    # Unfolded, Tab goes through the controls in order, deleting last, then on to the items.
    assert tab_until(page, "e.id === 'punt-plan-na-stabilisatie'") == [
        "rl-lijst-keuze",
        "rl-lijst-code",
        "Nieuwe lijst",
        "Hernoem huidige lijst",
        "Kopieer als tekst",
        "Opslaan als bestand (FHIR)",
        "Afdrukken",
        "Alles wissen",
        "Verwijder deze lijst",
        "punt-plan-na-stabilisatie",
    ]
    # Escape in the panel folds it and gives the focus back to the line that opened it.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Verwijder deze lijst")).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(panel).to_be_visible()
    tab_until(page, "e.id === 'punt-plan-na-stabilisatie'")
    page.keyboard.press("Space")
    expect(box(page, "plan-na-stabilisatie")).to_be_checked()
    expect(progress(page)).to_contain_text("1 van 10 afgevinkt")
    page.keyboard.press("Space")
    expect(box(page, "plan-na-stabilisatie")).not_to_be_checked()
    page.keyboard.press("Space")

    # The source text opens from the keyboard.
    tab_until(page, "e.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    expect(page.locator(".rl-punt[data-rl-item='plan-na-stabilisatie'] details")).to_have_attribute("open", "")

    # A new run: type a code (letters Material would take as shortcuts, too) and press Enter.
    page.locator("#rl-lijst-code").focus()
    page.keyboard.type("gezin fs2")
    page.keyboard.press("Enter")
    expect(page.locator("#rl-lijst-keuze option:checked")).to_have_text("gezin fs2")
    expect(page.locator(".md-search__input")).not_to_be_focused()
    tab_until(page, "e.id === 'punt-analyse-gezinssituatie'")
    page.keyboard.press("Space")
    assert ticked(page) == ["analyse-gezinssituatie"]

    # Switching runs with the arrow keys, then clearing through the dialog.
    page.locator("#rl-lijst-keuze").focus()
    page.keyboard.press("ArrowUp")
    assert ticked(page) == ["plan-na-stabilisatie"]
    page.get_by_role("button", name="Alles wissen").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.rl-dialoog")
    expect(dialog.get_by_role("button", name="Annuleren")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Wis de vinkjes")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".rl-vink:checked")).to_have_count(0)
    expect(page.get_by_role("button", name="Alles wissen")).to_be_focused()


def tick_some_and_open_a_source(page: Page) -> None:
    boxes = page.locator(".rl-vink")
    for index in (0, 2, 3):
        boxes.nth(index).check()
    page.locator(".rl-brontekst summary").nth(1).click()


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_phone_no_sideways_scrolling_and_no_axe_violations(phone: Page, site_url: str, checklist_id: str) -> None:
    """With a list of its own, ticks and a source text open. On a desktop screen axe checks a
    checklist with its confirmation dialog open, and one after a new release (both in this file)."""
    open_checklist(phone, site_url, f"checklists/{checklist_id}/")
    make_run(phone, "gezin A12")
    tick_some_and_open_a_source(phone)
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []


# --- Print and no JavaScript --------------------------------------------------------------


def computed(page: Page, selector: str, prop: str, pseudo: str | None = None) -> str:
    return str(
        page.evaluate(
            "([s, p, pseudo]) => getComputedStyle(document.querySelector(s), pseudo).getPropertyValue(p)",
            [selector, prop, pseudo],
        )
    )


def test_print_shows_black_boxes_the_print_heading_and_no_navigation(page: Page, site_url: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 3, 5, 12, 0))
    open_checklist(page, site_url)
    make_run(page, "gezin A12")
    tick(page, "plan-na-stabilisatie")
    page.emulate_media(media="print")
    for hidden in [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".rl-bediening",
        ".rl-brontekst",
        ".rl-werkkaart",
        ".rl-meter",
    ]:
        assert computed(page, hidden, "display") == "none", hidden
    for selector in ["#punt-plan-na-stabilisatie", "#punt-analyse-gezinssituatie"]:
        assert computed(page, selector, "border-top-color") == "rgb(0, 0, 0)"
        assert float(computed(page, selector, "border-top-width").removesuffix("px")) >= 1.5
        assert computed(page, selector, "background-color") == "rgb(255, 255, 255)"
    # The tick itself is drawn with borders, so it prints without background graphics.
    assert computed(page, "#punt-plan-na-stabilisatie", "border-right-color", "::after") == "rgb(0, 0, 0)"
    assert computed(page, "#punt-analyse-gezinssituatie", "border-right-color", "::after") == "rgba(0, 0, 0, 0)"
    heading = page.locator(".rl-printkop")
    expect(heading).to_be_visible()
    expect(heading).to_have_text(
        re.compile(
            rf"^Overdracht na crisishulp — compleetheid · Publicatie ontwikkelversie · gemaakt op {dutch_date(BUILD_DATE)} · "
            r"https://richtlijnen\.example\.org/checklists/overdracht-na-crisishulp/ · afgedrukt op 5 maart 2026 · lijst: gezin A12$"
        )
    )
    expect(page.locator(".rl-punt[data-rl-item='reguliere-richtlijn'] .rl-bronnen")).to_have_text(
        "Bron: uhp-na-de-crisis-1, sbh-beslisproces"
    )
    expect(progress(page)).to_be_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


def test_without_javascript_the_checklist_is_readable_and_printable(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + OVERDRACHT)
        expect(page.locator(".rl-bediening")).to_have_count(0)
        expect(page.locator(".rl-voortgang")).to_have_text("10 punten, waarvan 7 verplicht.")
        expect(
            page.get_by_label("Stel een helder hulpverleningsplan op zodra de crisissituatie gestabiliseerd is")
        ).to_be_visible()
        # (Material's header title sticks out a little without JavaScript, on every page.)
        assert page.evaluate("document.querySelector('.rl-checklist').scrollWidth <= innerWidth")
        page.emulate_media(media="print")
        expect(page.locator(".rl-printkop")).to_contain_text(
            "https://richtlijnen.example.org/checklists/overdracht-na-crisishulp/"
        )
        assert computed(page, ".rl-vink", "border-top-color") == "rgb(0, 0, 0)"
        assert computed(page, ".md-header", "display") == "none"
    finally:
        context.close()
