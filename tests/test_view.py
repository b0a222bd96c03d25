"""The view model every output formats (generator/render/view.py), the addresses it takes from
generator/render/addresses.py, and the rule that no output reaches into another's helpers."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from generator.model.corpus import Corpus
from generator.render.addresses import (
    Address,
    SiteBase,
    link,
    short_link,
    site_base,
    url_from,
    version_link,
    versioned_site_url,
)
from generator.render.pdf.render import pdf_jobs
from generator.render.settings import SiteSettings, read_site_settings
from generator.render.site import render_docs_tree
from generator.render.view import (
    SHORT_FORM_LENGTH,
    PublicationView,
    RecommendationView,
    day,
    publication_view,
    short_form,
)
from generator.stages import read_corpus
from tests.conftest import MINIMAL, REPO

GENERATOR = REPO / "generator"


@pytest.fixture(scope="module")
def view(corpus: Corpus, settings: SiteSettings) -> PublicationView:
    return publication_view(corpus, settings)


def recommendations(view: PublicationView) -> list[RecommendationView]:
    return [r for g in view.guidelines for c in g.chapters for s in c.sections for r in s.recommendations]


# --- The view model ---------------------------------------------------------------------------


def test_built_once_for_the_site_and_the_pdfs(corpus: Corpus, settings: SiteSettings, view: PublicationView) -> None:
    assert publication_view(corpus, settings) is view
    other = dataclasses.replace(settings, release="2099.1")
    assert publication_view(corpus, other) is not view


def test_heading_levels_never_skip_one(view: PublicationView) -> None:
    for g in view.guidelines:
        for chapter in g.chapters:
            for section in chapter.sections:
                assert section.level == 1
                for rec in section.recommendations:
                    assert rec.level == (2 if section.title else 1), rec.id
                    assert rec.explanation_level == rec.level + 1


def test_the_short_form_is_the_title_or_the_verbatim_opening_of_the_first_sentence(corpus: Corpus) -> None:
    """One short form names a recommendation everywhere: its title, or its first sentence as it
    stands, cut at a word boundary with an ellipsis beyond SHORT_FORM_LENGTH characters."""
    for target in corpus.recommendations():
        rec = target.recommendation
        assert rec is not None
        short = short_form(rec)
        if rec.title:
            assert short == rec.title
            continue
        opening = short.removesuffix("…")
        assert rec.text.startswith(opening), rec.id
        assert len(opening) <= SHORT_FORM_LENGTH, rec.id
        if short.endswith("…"):
            assert rec.text[len(opening)] in " ,;:", rec.id  # cut between words
        else:
            assert short[-1] in ".?!" and rec.text[len(short) :][:1] in ("", " "), rec.id  # the whole sentence
    shorts = {t.id: short_form(t.recommendation) for t in corpus.recommendations() if t.recommendation}
    assert shorts["uhp-voorkomen-1"] == "Wees zeer terughoudend bij het uithuisplaatsen van kinderen."
    assert shorts["uhp-voorkomen-2"] == (
        "Verhelder samen met het gezin opnieuw de vraag en kom tot een gedeelde verklarende analyse die…"
    )
    assert shorts["uhp-voorkomen-5"] == (
        "Zorg voor zo veel mogelijk continuïteit in de hulpverlening: weinig wisselingen van hulpverleners…"
    )
    assert shorts["sbh-beslisproces"] == "Het beslisproces"


def test_a_chapter_lists_its_recommendations_and_no_section_repeats_its_title(view: PublicationView) -> None:
    uhp = next(g for g in view.guidelines if g.id == "uithuisplaatsing")
    chapter = next(c for c in uhp.chapters if c.id == "uhp-voorkomen")
    assert [r.id for r in chapter.recommendations] == [
        *(f"uhp-voorkomen-{n}" for n in range(1, 9)),
        *(f"uhp-interventies-{n}" for n in range(1, 6)),
    ]
    assert [s.title for s in chapter.sections] == [None, "Interventies", "Evalueren"]
    assert chapter.place == "Uithuisplaatsing en terugplaatsing › 2. Voorkomen van uithuisplaatsing"


def test_cited_by_lists_the_checklists_that_cite_a_recommendation_once_each(corpus: Corpus, view: PublicationView) -> None:
    for rec in recommendations(view):
        citing = [c.id for c in corpus.checklists if any(rec.id in item.cites for item in c.all_items())]
        assert [ref.id for ref in rec.checklists] == citing, rec.id
        assert all(ref.address == view.sitemap.resolve(ref.id) for ref in rec.checklists)


def test_checklist_items_resolve_the_recommendations_they_cite(corpus: Corpus, view: PublicationView) -> None:
    for checklist, model in zip(view.checklists, corpus.checklists, strict=True):
        items = [item for group in checklist.groups for item in group.items]
        assert [item.id for item in items] == [item.id for item in model.all_items()]
        for item, source in zip(items, model.all_items(), strict=True):
            assert [s.id for s in item.sources] == source.cites
            for cited in item.sources:
                target = corpus.index()[cited.id]
                assert target.recommendation is not None and cited.text == target.recommendation.text
                assert cited.address == view.sitemap.resolve(cited.id)


def test_glossary_usage_and_chapter_terms_agree(view: PublicationView) -> None:
    for term in view.glossary:
        for usage in term.used_in:
            part = usage.label.split(" · ")[1]
            chapters = [c for g in view.guidelines for c in g.chapters if usage.address.page == c.address.page]
            assert chapters and term.id in chapters[0].terms, (term.id, part)
    assert any(term.used_in for term in view.glossary)


def test_every_address_of_a_recommendation_is_the_sitemaps(view: PublicationView) -> None:
    for rec in recommendations(view):
        assert rec.address == view.sitemap.resolve(rec.id)
        assert rec.short_link == Address(f"r/{rec.id}/index.html")
    for g in view.guidelines:
        assert g.page_url == view.base.url + g.address.url
        assert g.guide_file.page == f"downloads/richtlijnen/{g.slug}.pdf"


# --- Addresses --------------------------------------------------------------------------------


def test_a_release_site_url_and_its_base_are_one_rule_both_ways() -> None:
    url = versioned_site_url("https://example.org/richtlijnen/", "2026.2")
    assert url == "https://example.org/richtlijnen/2026.2/"
    assert site_base(url, "2026.2") == SiteBase("https://example.org/richtlijnen/", "2026.2")
    assert site_base("https://example.org/richtlijnen/", "2026.2") == SiteBase("https://example.org/richtlijnen/")
    base = SiteBase("https://example.org/", "2026.2")
    assert base.page_url(Address("checklists/x.md")) == "https://example.org/2026.2/checklists/x/"
    assert base.short_link_url("<id>") == "https://example.org/2026.2/r/<id>/"
    assert base.version_url("latest") == "https://example.org/latest/"


def test_relative_links_and_urls_between_pages_and_versions() -> None:
    assert link("uhp/na-de-crisis.md", Address("checklists/x.md")) == "../checklists/x.md"
    assert link("index.md", Address("downloads/zakgids.pdf")) == "downloads/zakgids.pdf"
    assert link("uhp/index.md", short_link("uhp-1")) == "../r/uhp-1/index.html"
    assert url_from("r/uhp-1/index.html", Address("uhp/na-de-crisis.md", "uhp-1")) == "../../uhp/na-de-crisis/#uhp-1"
    assert url_from("r/uhp-1/index.html", Address("index.md")) == "../../"
    assert version_link("wat-is-er-veranderd.md", "2026.1", short_link("uhp-1")) == "../../2026.1/r/uhp-1/"
    assert version_link("r/uhp-1/index.html", "2026.1", short_link("uhp-1")) == "../../../2026.1/r/uhp-1/"


# --- A field of a recommendation, from the YAML to both outputs ---------------------------------


def test_last_reviewed_reaches_the_site_and_the_pocket_guide() -> None:
    """The field README's "Where to change what" describes: model, schema, view model, one template each."""
    corpus = read_corpus(MINIMAL / "content", MINIMAL / "checklists")
    settings = dataclasses.replace(read_site_settings(REPO / "mkdocs.yml", "2027.1"), build_date="2027-01-15")
    recs = {r.id: r for r in recommendations(publication_view(corpus, settings))}
    assert recs["proef-2"].last_reviewed == day("2027-01-10")
    assert recs["proef-2"].last_reviewed.text == "10 januari 2027"
    assert recs["proef-1"].last_reviewed is None
    page = str(render_docs_tree(corpus, settings, downloads=False)["proefrichtlijn/hoofdstuk.md"])
    assert page.count("Laatst nagekeken door de redactie: 10 januari 2027\n{: .rl-nagekeken }") == 1
    zakgids = pdf_jobs(corpus, settings)[0].html
    assert zakgids.count('Laatst nagekeken door de redactie: <span class="datum">10 januari 2027</span>') == 1
    # Not guideline text: not compared with the sources, and no wording change of a release.
    from generator.model.types import reader_texts

    target = corpus.index()["proef-2"].recommendation
    assert target is not None and "2027-01-10" not in " ".join(reader_texts(target))


# --- No output reaches into another -------------------------------------------------------------

OUTPUTS = {
    # The cards for intranets are files of the site, as the short-link pages are.
    "site": ["render/site.py", "render/pages.py", "render/site_markdown.py", "render/embed.py"],
    "pdf": ["render/pdf/views.py", "render/pdf/render.py"],
    "release": ["release/render.py"],
    "data": ["render/api.py"],
    "fhir": ["render/fhir.py"],
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("output", sorted(OUTPUTS))
def test_no_output_imports_another_outputs_modules(output: str) -> None:
    others = {
        "generator." + file.removesuffix(".py").replace("/", ".")
        for name, files in OUTPUTS.items()
        if name != output
        for file in files
    }
    # The release's change page is a Markdown page of the site: it uses the site's Markdown format.
    allowed = {"generator.render.site_markdown"} if output == "release" else set()
    for file in OUTPUTS[output]:
        assert not (imported_modules(GENERATOR / file) & (others - allowed)), file
