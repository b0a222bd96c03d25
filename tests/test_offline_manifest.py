"""offline.json and the control files, held to their contract on both sides (no browser).

generator/templates/offline/offline.schema.json states the form the generator writes and the
worker reads, with the rule for what a save downloads. Here: the schema and the generator name the
same format; the built site's files validate, and so does the list the JavaScript unit tests
(tests/js/offline-worker.test.js) plan from; and the worker's own planFor, run in Node on the built
site's list through the built sw.js, downloads exactly the bytes that each control announces.
tests/test_offline.py saves and reads offline in Chromium.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.render.offline import MANIFEST_FORMAT
from tests.conftest import REPO

SCHEMA = json.loads((REPO / "generator" / "templates" / "offline" / "offline.schema.json").read_text("utf-8"))
JS_FIXTURE = REPO / "tests" / "js" / "fixtures" / "offline.json"
GUIDELINE = "uithuisplaatsing-en-terugplaatsing/"
CHAPTER = GUIDELINE + "voorkomen-van-uithuisplaatsing/"
OTHER_CHAPTER = GUIDELINE + "na-de-crisis/"
CHECKLIST = "checklists/overdracht-na-crisishulp/"  # fed by this guideline


def validator(definition: str | None = None) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))
    schema = {"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"} if definition else SCHEMA
    return Draft202012Validator(schema, registry=registry)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def page_size(site: Path, url: str) -> int:
    path = site / url / "index.html" if url == "" or url.endswith("/") else site / url
    return path.stat().st_size


def test_the_schema_and_the_generator_name_the_same_format() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format"]["const"] == MANIFEST_FORMAT
    assert SCHEMA["$defs"]["control"]["properties"]["format"]["const"] == MANIFEST_FORMAT


def test_the_list_the_javascript_tests_plan_from_has_the_built_form() -> None:
    assert sorted(str(e.message) for e in validator().iter_errors(read_json(JS_FIXTURE))) == []


def test_the_built_list_and_controls_hold_to_the_contract(built_site: Path) -> None:
    manifest = read_json(built_site / "offline.json")
    assert sorted(str(e.message) for e in validator().iter_errors(manifest)) == []
    for group in manifest["groups"]:
        control = read_json(built_site / group["control"])
        assert sorted(str(e.message) for e in validator("control").iter_errors(control)) == []
        expected = {"format": MANIFEST_FORMAT, "release": manifest["release"], "group": group["id"]}
        assert control == {**expected, "kind": group["kind"], "title": group["title"], "size": group["size"]}
    # The worker reads only lists of the form its sw.js was generated with.
    assert f"manifestFormat: {MANIFEST_FORMAT}" in (built_site / "sw.js").read_text(encoding="utf-8")


# The built sw.js, with the worker it imports, in a context of Node's own (as the JavaScript unit
# tests run the worker); prints what planFor plans for every group of the built offline.json.
PLANS = """
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const site = process.argv[1];
const context = {
  self: { registration: { scope: "https://richtlijnen.example.org/" }, addEventListener: () => {} },
  caches: { has: async () => false },
  URL,
};
context.importScripts = (...names) => names.forEach((name) => vm.runInContext(fs.readFileSync(path.join(site, name), "utf8"), context));
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(site, "sw.js"), "utf8"), context);
const manifest = JSON.parse(fs.readFileSync(path.join(site, "offline.json"), "utf8"));
const plans = Object.fromEntries(manifest.groups.map((g) => [g.id, context.planFor(manifest, g.id)]));
process.stdout.write(JSON.stringify(plans));
"""


def test_the_worker_downloads_the_bytes_each_control_announces(built_site: Path) -> None:
    completed = subprocess.run(
        ["node", "--input-type=commonjs", "-e", PLANS, str(built_site)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    plans = json.loads(completed.stdout)
    manifest = read_json(built_site / "offline.json")
    assert set(plans) == {group["id"] for group in manifest["groups"]}
    for group in manifest["groups"]:
        plan = plans[group["id"]]
        downloads = set(plan["pages"]) | set(plan["files"])
        assert sum(page_size(built_site, url) for url in downloads) == group["size"], group["id"]
        assert read_json(built_site / group["control"])["size"] == group["size"]


def test_what_the_list_holds(built_site: Path) -> None:
    manifest = read_json(built_site / "offline.json")
    groups = {group["id"]: group for group in manifest["groups"]}
    publication, uhp = groups["publicatie"], groups["richtlijn:uithuisplaatsing"]
    pages = {
        "" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
    }
    downloads = {p.relative_to(built_site).as_posix() for p in (built_site / "downloads").rglob("*.pdf")}
    data = {p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*.json")}
    assert data, "the publication as data (api/) is saved with the whole publication"
    assert set(publication["pages"]) == pages | downloads | data
    assert set(publication["files"]) == {group["control"] for group in manifest["groups"] if group is not publication}
    for path in [*manifest["shared"], *publication["pages"]]:
        assert page_size(built_site, path) > 0, path
    # What the home page loads (Material's hashed bundle among it) is saved with every group.
    home = (built_site / "index.html").read_text(encoding="utf-8")
    # As the page writes them: MkDocs "assets/…", Zensical "./assets/…".
    found = re.findall(r'<(?:script src|link rel="(?:stylesheet|icon)" href)="([^"]+)"', home)
    loaded = {posixpath.normpath(path) for path in found}
    assert any(path.startswith("assets/javascripts/bundle.") for path in loaded)
    shared = set(manifest["shared"])
    assert loaded <= shared
    assert {"sitemap.xml", "offline.json", "offline/publicatie.json", "pagefind/pagefind.js"} <= shared
    assert any(p.endswith(".pf_meta") for p in shared)
    assert not any("-ui." in p for p in shared), "Pagefind's own UI is not used"

    assert uhp["title"] == "Uithuisplaatsing en terugplaatsing" and uhp["start"] == GUIDELINE
    assert uhp["pages"][:3] == [GUIDELINE, CHAPTER, OTHER_CHAPTER]
    assert {CHECKLIST, "r/uhp-voorkomen-3/", "downloads/checklists/overdracht-na-crisishulp.pdf"} <= set(uhp["pages"])
    assert "downloads/zakgids.pdf" not in uhp["pages"]
    assert set(uhp["pages"]) <= pages | downloads
    assert uhp["files"] == ["", "begrippen/", "offline/richtlijn-uithuisplaatsing.json"]
    assert 0 < uhp["size"] < publication["size"]


@pytest.mark.parametrize(
    ("path", "control", "explained"),
    [
        (CHAPTER, "offline/richtlijn-uithuisplaatsing.json", True),
        (GUIDELINE, "offline/richtlijn-uithuisplaatsing.json", False),
        ("", "offline/publicatie.json", False),
        ("begrippen/", None, False),  # pages without a control read nothing for it
    ],
)
def test_a_page_names_the_control_file_it_reads(built_site: Path, path: str, control: str | None, explained: bool) -> None:
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<div class="rl-offline-plek" data-rl-offline="([^"]+)"( data-rl-offline-uitleg)?', html)
    assert found == ([(control, " data-rl-offline-uitleg" if explained else "")] if control else [])
