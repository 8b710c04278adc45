"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from builds import ROOT
from playwright.sync_api import Browser, Page
from serving import serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCREENSHOTS = ROOT / "_build" / "screenshots"
TOPIC = "topics/detention-camps-and-prisons.html"
SOURCE = "sources/abna-2026-01-isis-inmates-breaking-free-analysis.html"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh desktop page on the served site, failing the test on any script error."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "el => { const r = el.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }",
        )
    )


def _background(page: Page, selector: str) -> str:
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor"))


def test_preview_opens_on_hover_and_focus_and_closes_on_escape(page: Page) -> None:
    """The preview shows the passage (quoted words marked), title, outlet and date, without leaving."""
    page.goto(TOPIC)
    quote = page.locator(".corpus-citation:has(a.corpus-cite[href*=':~:text='])").first
    preview = quote.locator(".corpus-preview")
    assert not preview.is_visible()
    quote.locator("a").hover()
    assert preview.is_visible()
    assert preview.get_attribute("role") == "tooltip"
    assert quote.locator("a").get_attribute("aria-describedby") == preview.get_attribute("id")
    marked = preview.locator(".corpus-mark").inner_text()
    assert f"“{marked}”" == quote.locator("a").inner_text()
    assert "·" in preview.locator(".corpus-preview-source").inner_text()
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    page.mouse.move(0, 0)

    cite = page.locator(".corpus-citation:has(a.corpus-cite:not([href*=':~:text=']))").first
    cite.locator("a").focus()
    assert cite.locator(".corpus-preview").is_visible()
    assert page.url.endswith(TOPIC)
    page.keyboard.press("Escape")
    assert not cite.locator(".corpus-preview").is_visible()


def test_preview_on_touch_first_tap_shows_second_follows(browser: Browser, base_url: str) -> None:
    """On a phone, a tap shows the preview; a second tap opens the passage."""
    context = browser.new_context(
        base_url=base_url, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(TOPIC)
    citation = page.locator(".corpus-citation").first
    citation.locator("a").tap()
    assert citation.locator(".corpus-preview").is_visible()
    assert page.url.endswith(TOPIC)
    citation.locator("a").tap()
    page.wait_for_url("**/sources/**")
    context.close()


def test_citation_lands_on_the_highlighted_passage_and_backlink_returns(page: Page) -> None:
    """Following a citation scrolls the passage into view, highlighted; its backlink finds the sentence."""
    page.goto(TOPIC)
    link = page.locator("a.corpus-cite").nth(5)
    wrapper_id = link.evaluate("a => a.closest('.corpus-citation').id")
    passage_id = str(link.get_attribute("href")).split("#")[1].split(":~:")[0]
    link.click()
    page.wait_for_url(f"**/sources/**#{passage_id}*")
    target = f"[id='{passage_id}']"
    assert _in_viewport(page, target)
    assert page.eval_on_selector(target, "el => el.matches(':target')")
    assert _background(page, target) not in {"rgba(0, 0, 0, 0)", "transparent"}
    backlink = page.locator(f".corpus-backlinks a[href$='{TOPIC.split('/')[1]}#{wrapper_id}']")
    backlink.first.click()
    page.wait_for_url(f"**/{TOPIC}#{wrapper_id}")
    assert _in_viewport(page, f"#{wrapper_id}")
    assert page.eval_on_selector(f"#{wrapper_id}", "el => el.matches(':target')")


RESULT = ".pagefind-ui__result-link"


def _results(page: Page, path: str) -> list[str]:
    """Every result Pagefind lists for ``path`` (a search address), as built paths."""
    page.goto(path)
    # Pagefind says "N results for ..." once the search is done; results then render one by one, and more
    # come only by pressing "Load more". Network idleness says nothing of either (its worker fetches), so
    # wait for the page itself: press the button while it shows, until N links are there.
    message = ".pagefind-ui__message"
    page.wait_for_function(
        "selector => /^\\d+ results? for /.test(document.querySelector(selector)?.textContent ?? '')",
        arg=message,
        timeout=30000,
    )
    total = int(page.locator(message).inner_text().split()[0])
    page.wait_for_function(
        """total => {
            const more = document.querySelector('.pagefind-ui__button');
            if (more) more.click();
            return !more && document.querySelectorAll('.pagefind-ui__result-link').length === total;
        }""",
        arg=total,
        polling=250,
        timeout=30000,
    )
    hrefs = page.locator(RESULT).evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return sorted(str(href).split("/", 1)[1] for href in hrefs)


def _pages_saying(word: str) -> list[str]:
    """The source and topic pages whose text (not front matter) has ``word``, as built paths."""
    found = []
    for folder in ("sources", "topics"):
        for path in (ROOT / "docs" / folder).glob("*.md"):
            body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            if word in body:
                found.append(f"{folder}/{path.stem}.html")
    return sorted(found)


def test_search_finds_the_one_source_with_a_word(page: Page) -> None:
    """Pagefind finds a word only one source has, and the topic pages that discuss it; the result
    opens that source."""
    assert _pages_saying("Shaddadi")[0] == SOURCE
    assert _results(page, "search.html?q=Shaddadi") == _pages_saying("Shaddadi")
    page.locator(RESULT, has_text="ISIS Inmates").first.click()
    page.wait_for_url(f"**/{SOURCE}*")


def test_filtered_search(page: Page) -> None:
    """Filters narrow a search: by outlet (ticked in the interface) and by kind (from the address)."""
    everything = _results(page, "search.html?q=ISIS")
    national = [path for path in everything if path.startswith("sources/national-")]
    assert len(national) == 3 and len(everything) > len(national)
    page.locator(".pagefind-ui__filter-checkbox[name='outlet'][value='The National']").check()
    page.wait_for_function(
        "n => document.querySelectorAll('.pagefind-ui__result-link').length === n", arg=len(national)
    )
    ticked = page.locator(RESULT).evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert sorted(str(href).split("/", 1)[1] for href in ticked) == national
    assert _results(page, "search.html?q=ISIS&kind=Opinion+%2F+analysis") == [SOURCE]
    assert _results(page, "search.html?q=ISIS&kind=Topic+page") == sorted(
        f"topics/{path.stem}.html" for path in (ROOT / "docs" / "topics").glob("*.md")
    )


REUSED = "sources/national-2024-12-19-isis-reorganising-ranks-warns-iraq.html"
PAGES = [TOPIC, SOURCE, REUSED, "topics/border-security.html", "reuse.html", "listings/sources-001.html"]


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        *PAGES,
        "search.html?q=border",
        "coverage.html",
        "timeline.html",
        "claims.html",
        "exports.html",
    ],
)
def test_no_serious_accessibility_violations(page: Page, path: str) -> None:
    """axe-core (its axe.min.js as the test-only PyPI package axe-playwright-python ships it, never part
    of the site) finds nothing serious or critical."""
    page.goto(path)
    if path.startswith("search"):
        page.locator(RESULT).first.wait_for(timeout=15000)
    with as_file(files("axe_playwright_python") / "axe.min.js") as axe:
        page.add_script_tag(path=axe)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_timeline_filters_by_topic_and_entity(page: Page) -> None:
    """Choosing a topic or an entity shows exactly the events that have it, and says how many."""
    page.goto("timeline.html")
    events = page.locator(".corpus-timeline .corpus-event")
    total = events.count()
    assert total >= 15
    dates = events.evaluate_all("items => items.map(item => item.getAttribute('data-date'))")
    assert len(dates) == total
    topics = events.evaluate_all("items => items.map(item => item.dataset.topics.split(' '))")
    entities = events.evaluate_all("items => items.map(item => (item.dataset.entities || '').split(' '))")
    status = page.locator(".corpus-timeline-count")
    assert status.inner_text() == f"{total} of {total} events shown"
    for kind, value, owners in [
        ("topic", "topics/detention-camps-and-prisons", topics),
        ("entity", "al-shaddadi-prison", entities),
    ]:
        page.select_option(f"select[data-filter={kind}]", value)
        expected = [index for index, names in enumerate(owners) if value in names]
        shown = events.evaluate_all(
            "items => items.map((item, i) => item.hidden ? -1 : i).filter(i => i >= 0)"
        )
        assert shown == expected and 0 < len(expected) < total
        assert status.inner_text() == f"{len(expected)} of {total} events shown"
        page.select_option(f"select[data-filter={kind}]", "")
    assert events.evaluate_all("items => items.filter(item => item.hidden).length") == 0


def test_site_works_without_javascript(browser: Browser, base_url: str) -> None:
    """With JavaScript off, citations are plain links to passages and previews stay hidden."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(TOPIC)
    link = page.locator("a.corpus-cite").first
    assert link.get_attribute("title")  # the browser's own tooltip carries the passage text
    assert not page.locator(".corpus-preview").first.is_visible()
    href = str(link.get_attribute("href"))
    link.click()
    page.wait_for_url("**/sources/**")
    assert page.url.split("#")[1].split(":~:")[0] == href.split("#")[1].split(":~:", maxsplit=1)[0]
    context.close()


def test_printed_source_page_shows_provenance_and_passage_ids(page: Page) -> None:
    """In print, the provenance panel is open and each paragraph shows its passage ID."""
    page.goto(SOURCE)
    sha = page.locator(".corpus-provenance").get_by_text("SHA-256")
    assert not sha.is_visible()
    page.emulate_media(media="print")
    assert sha.is_visible()
    first = page.locator("p.corpus-paragraph").first
    shown = first.evaluate("p => getComputedStyle(p, '::before').content")
    assert shown == f'"{first.get_attribute("id")}"'
    assert not page.locator(".corpus-permalink").first.is_visible()


def test_passage_links_appear_on_hover(page: Page) -> None:
    """Hovering a sentence reveals its own link, which points at its ID."""
    page.goto(SOURCE)
    sentence = page.locator(".corpus-sentence").nth(2)
    anchor = sentence.locator("> a.corpus-permalink")
    assert anchor.evaluate("a => getComputedStyle(a).visibility") == "hidden"
    sentence.hover()
    assert anchor.evaluate("a => getComputedStyle(a).visibility") == "visible"
    assert anchor.get_attribute("href") == f"#{sentence.get_attribute('id')}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_each_page_type(browser: Browser, base_url: str, width: str) -> None:
    """Screenshots for people to look at, in _build/screenshots/ (ignored by git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w, h = WIDTHS[width]
    context = browser.new_context(base_url=base_url, viewport={"width": w, "height": h})
    page = context.new_page()
    for name, path in [
        ("index", "index.html"),
        ("topic", TOPIC),
        ("source", SOURCE),
        ("coverage", "coverage.html"),
        ("timeline", "timeline.html"),
        ("claims", "claims.html"),
    ]:
        page.goto(path)
        out = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(out), full_page=True)
        assert out.stat().st_size > 10_000
    page.goto(TOPIC)
    page.locator(".corpus-citation a").first.hover()
    page.screenshot(path=str(SCREENSHOTS / f"preview-{width}.png"))
    page.emulate_media(color_scheme="dark")
    page.goto(SOURCE)
    page.screenshot(path=str(SCREENSHOTS / f"source-dark-{width}.png"))
    context.close()


def test_pages_load_nothing_from_another_host(browser: Browser, base_url: str) -> None:
    """No CDN, no remote fonts, no network at all: every request goes to the local server."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["index.html", TOPIC, SOURCE, "coverage.html", "search.html?q=border"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert requested
    assert [url for url in requested if not url.startswith(base_url)] == []


ENTITY_PREVIEW = "#corpus-entity-preview"


def test_entity_mark_previews_on_hover_and_focus_and_closes_on_escape(page: Page) -> None:
    """A mark shows its entity's preferred name, type and description on hover and on keyboard focus,
    described by the preview for screen readers; Escape closes it."""
    page.goto(SOURCE)
    mark = page.locator('a.corpus-entity[data-entity="al-hol-camp"]').first
    assert mark.get_attribute("href") == "../entities/al-hol-camp.html"
    preview = page.locator(ENTITY_PREVIEW)
    assert not preview.is_visible()
    mark.hover()
    assert preview.is_visible()
    assert preview.inner_text().split("\n")[0] == "Al Hol camp · Facility"
    assert "north-eastern Syria" in preview.inner_text()
    assert mark.get_attribute("aria-describedby") == "corpus-entity-preview"
    page.keyboard.press("Escape")
    assert not preview.is_visible()
    page.mouse.move(0, 0)
    mark.focus()
    assert preview.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "entity-preview-desktop.png"))
    page.keyboard.press("Escape")
    assert not preview.is_visible()


def test_entity_marks_turn_off_and_stay_off(page: Page) -> None:
    """The switch turns the marks into plain text (out of the tab order, no preview), and the choice
    holds on the next page; turned on again, they are back."""
    page.goto(TOPIC)
    mark = page.locator("a.corpus-entity").first
    toggle = page.locator("button.corpus-entity-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    decoration = "a => getComputedStyle(a).textDecorationLine"
    assert mark.evaluate(decoration) == "underline"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert mark.evaluate(decoration) == "none"
    assert mark.get_attribute("tabindex") == "-1"
    page.goto(SOURCE)
    assert page.locator("button.corpus-entity-toggle").get_attribute("aria-pressed") == "false"
    first = page.locator("a.corpus-entity").first
    assert first.evaluate(decoration) == "none"
    first.focus()
    assert not page.locator(ENTITY_PREVIEW).is_visible()
    page.locator("button.corpus-entity-toggle").click()
    assert first.evaluate(decoration) == "underline"
    assert first.get_attribute("tabindex") is None


def test_printed_entity_marks_read_as_plain_text(page: Page) -> None:
    """In print, a mark has its sentence's colour and no underline, and the switch is not printed."""
    page.goto(SOURCE)
    page.emulate_media(media="print")
    mark = page.locator("a.corpus-entity").first
    style = mark.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color,"
        " getComputedStyle(a).textDecorationLine]"
    )
    assert style[0] == style[1] and style[2] == "none"
    assert not page.locator("button.corpus-entity-toggle").is_visible()


@pytest.mark.parametrize(
    ("query", "page_writing", "not_writing"),
    [
        ("Al-Hawl", "sources/national-2024-12-19-isis-reorganising-ranks-warns-iraq.html", "Hawl"),
        ("Jolani", "sources/caliber-2025-06-12-reuters-isis-seeks-foothold-syria-iraq.html", "Jolani"),
    ],
)
def test_a_search_for_one_spelling_finds_pages_with_another(
    page: Page, query: str, page_writing: str, not_writing: str
) -> None:
    """Each page is indexed with every name of the entities it mentions: 'Al-Hawl' finds the report that
    writes 'Al Hol', and 'Jolani' the one that writes 'al-Sharaa'."""
    assert page_writing not in _pages_saying(not_writing)
    assert page_writing in _results(page, f"search.html?q={query}")


def test_the_entity_filter_narrows_a_search(page: Page) -> None:
    """?entity= keeps the pages that mention the entity."""
    everything = _results(page, "search.html?q=ISIS")
    narrowed = _results(page, "search.html?q=ISIS&entity=Al+Hol+camp")
    assert narrowed and set(narrowed) < set(everything)
    assert "sources/national-2024-12-19-isis-reorganising-ranks-warns-iraq.html" in narrowed


def test_an_entity_page_in_the_browser(page: Page) -> None:
    """The entity page shows its mentions, each leading to its passage; screenshot for people to look at."""
    page.goto("entities/al-hol-camp.html")
    assert page.locator("h1").inner_text() == "Al Hol camp"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "entity-page-desktop.png"), full_page=True)
    page.locator("#mentions li a").first.click()
    page.wait_for_url("**/sources/**#*")
    target = page.url.split("#")[1]
    assert page.locator(f'[id="{target}"]').locator('a.corpus-entity[data-entity="al-hol-camp"]').count() == 1
