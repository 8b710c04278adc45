"""The built site under a strict Content Security Policy, in Chromium: nothing inline runs or is needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page
from serving import serve
from test_browser import SOURCE, TOPIC

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def strict_url(site: Path) -> Iterator[str]:
    """The built site, served with the policy on every response."""
    with serve(site, strict=True) as url:
        yield url


@pytest.fixture
def strict_page(browser: Browser, strict_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A page on the strictly served site, and the policy violations its console reports."""
    context = browser.new_context(base_url=strict_url)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: _note_violation(message, violations))
    yield page, violations
    context.close()


def _note_violation(message: ConsoleMessage, violations: list[str]) -> None:
    if "Content Security Policy" in message.text:
        violations.append(message.text)


def test_site_works_under_a_strict_policy(strict_page: tuple[Page, list[str]]) -> None:
    """No violation on any page type; previews, the theme switch and search still work."""
    page, violations = strict_page
    for path in ["index.html", SOURCE, "coverage.html"]:
        page.goto(path)
        assert page.locator("body").get_attribute("data-theme") in {"auto", "light", "dark"}
    page.goto(TOPIC)
    citation = page.locator(".corpus-citation").first
    citation.locator("a").hover()
    assert citation.locator(".corpus-preview").is_visible()
    before = page.locator("body").get_attribute("data-theme")
    page.locator(".theme-toggle:visible").first.click()
    assert page.locator("body").get_attribute("data-theme") != before
    page.goto("search.html?q=Shaddadi")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    assert violations == []


def test_the_policy_is_really_enforced(strict_page: tuple[Page, list[str]]) -> None:
    """The same server refuses an inline script: the test above would see a violation."""
    page, violations = strict_page
    page.goto("index.html")
    inject = "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
    page.evaluate(inject + " document.body.append(s); }")
    assert page.evaluate("() => window.ran") is None
    assert violations
