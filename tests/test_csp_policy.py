"""The Content-Security-Policy itself: first in the head of every built page, with the referrer
policy, and allowing no inline script or style but the page's own (tests/test_csp.py loads the
pages in Chromium under it)."""

from __future__ import annotations

from pathlib import Path

from generator.write.csp import REFERRER_POLICY, policy_for, with_policy


def test_every_page_has_the_policy_first_in_its_head(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head") :]
        first_meta = head.index("<meta", head.index("<meta") + 1) if "<meta charset" in head[:80] else head.index("<meta")
        assert head[first_meta:].startswith('<meta http-equiv="Content-Security-Policy"'), path
        assert f'<meta name="referrer" content="{REFERRER_POLICY}">' in html, path
        assert html.count("Content-Security-Policy") == 1, path


def test_the_policy_allows_no_inline_script_but_the_pages_own() -> None:
    page = "<html><head><meta charset=utf-8><script>var a=1;</script><script src=x.js></script></head></html>"
    policy = policy_for(page)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert policy.count("'sha256-") == 1


def test_a_style_element_is_allowed_by_its_hash_and_nothing_else() -> None:
    page = "<html><head><style>a{color:red}</style></head><body><p style='x'>t</p></body></html>"
    policy = policy_for(page)
    assert "style-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy


def test_a_card_allows_no_script_not_even_its_own_and_only_its_style() -> None:
    """The cards for intranets (embed/<id>/) need nothing but their one <style>."""
    page = "<html><head><meta charset=utf-8><style>a{color:red}</style><script>var a=1;</script></head></html>"
    policy = policy_for(page, card=True)
    assert policy.startswith("default-src 'none'; script-src 'none'; style-src 'sha256-")
    assert policy.count("'sha256-") == 1 and "'self'" not in policy and "'unsafe-inline'" not in policy
    assert policy_for("<html><head></head></html>", card=True).count("style-src 'none'") == 1


def test_a_page_quoting_the_policys_words_still_gets_the_policy_and_only_once() -> None:
    """A recommendation may quote `http-equiv="Content-Security-Policy"` (Markdown leaves its
    quotes as they are); that must not pass for the policy of its page or its card."""
    page = (
        '<html><head><meta charset=utf-8></head><body><p>Zet <code>http-equiv="Content-Security-Policy"</code></p></body></html>'
    )
    for card in (False, True):
        once = with_policy(page, card=card)
        assert once.index('<meta http-equiv="Content-Security-Policy"') < once.index("</head>")
        assert with_policy(once, card=card) == once  # a second pass adds nothing
