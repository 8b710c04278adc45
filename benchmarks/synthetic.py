"""A synthetic corpus shaped like the real seeds, deterministic from a seed number, exercising every
feature of the site: saved pages, entities, text reuse, claims, the timeline and the exports.

N seeds rotate through the real forms and sizes: HTML fragments with links (as seeds 000 and 001),
plain text with one paragraph a line (002), a web page's text with its navigation and footer (003),
plain text with subheadings (004), each of 3.5 to 9 kB, and, one seed in five, a whole saved web page
(``html-page``, 6 to 10 kB): a <head> stating its title, outlet, canonical URL, date and author in
JSON-LD, Open Graph and <meta> (its catalog entry gives only its kind, so the converter takes the rest
from the page), site navigation, a newsletter prompt, related links and a footer around an <article>
with a byline, dateline and share box. Every sentence of every form comes out verbatim, so any quote of
it resolves.

N/20 topic pages cite their passages, 40 citations each in their prose, half by passage ID and half by
quote; each also has one disputed claim (``corpus:claim``, three answers citing three of its sources,
one by quote) and three events (``corpus:event``, dated in EDTF before their sources were published,
naming registered entities, each citing two sources, one by quote). ``generate_docs`` writes the index,
the topic pages grouped 100 to a page, the claims, timeline and exports pages (``corpus:claims``,
``corpus:timeline``, ``corpus:exports``), and with ``registry=True`` an entity registry of 1,000
entities and 5,000 aliases (``registry_text``).

Each sentence names people and places from a generated lexicon, so that two sentences are alike only
where one was made from the other. One source in ``REUSE_EVERY`` takes in a sentence of one of the
``REUSE_WINDOW`` sources before it, copied, lightly edited (a name and the day changed) or partly
copied (its first 60% with a new ending), as outlets repeat each other; each ``SyntheticSeed`` lists
what it took in (``planted``), the ground truth of ``benchmarks/reuse_bench.py``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from borderlines.contract.metadata import PAGE_KIND_KEY
from borderlines.contract.names import PageKind

PLACES = [
    "Al-Qaim", "Albu Kamal", "Deir ez-Zor", "Hasakah", "Raqqa", "Sinjar", "Rabia", "Anbar",
    "Al Hol", "Al-Shaddadi", "Qamishli", "Mosul", "Tal Afar", "Palmyra", "Baghdad", "Damascus",
]  # fmt: skip
ACTORS = [
    "Iraqi border guards", "the Syrian Democratic Forces", "a US-led coalition patrol",
    "local tribal leaders", "the interior ministry", "Popular Mobilisation Forces units",
    "camp administrators", "a UN monitoring team", "Syrian government troops", "residents",
]  # fmt: skip
VERBS = [
    "reported", "described", "denied", "confirmed", "warned of", "investigated", "disputed",
    "documented", "played down", "called for an inquiry into",
]  # fmt: skip
EVENTS = [
    "a rise in cross-border smuggling", "an attack on a checkpoint", "the escape of detainees",
    "new fortifications along the frontier", "a drone strike on a convoy", "sleeper cell arrests",
    "a shortage of guards at the prison", "the transfer of detainees to Iraq",
    "renewed clashes with armed factions", "a curfew in several villages",
]  # fmt: skip
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week"]
OUTLETS = ["The Daily Frontier", "Levant Wire", "Tigris Times", "Euphrates Post", "Border Desk"]
SUBHEADINGS = ["Security on the border", "Camps and prisons", "Reactions in Baghdad", "What comes next"]
CHROME_TOP = [
    "twitter", "youtube", "instagram", "facebook", "telegram", "apple store", "play market",
    "night_theme", "ru", "arm", "search", "WHAT ARE YOU LOOKING FOR ?",
    "Any use of materials is allowed only if there is a hyperlink to the site", "WORLD", "A+", "A-",
]  # fmt: skip
CHROME_BOTTOM = ["Share", "Print", "Views: 1,204", "Any use of materials is allowed only with a hyperlink"]
#: One seed in five is a whole saved web page (``html-page``).
FORMS = ("html", "paragraphs", "web-page", "sections", "html-page")
#: A saved page's site navigation, related links and footer, outside its <article>.
SITE_NAV = ["Home", "World", "Middle East", "Iraq", "Syria", "Opinion", "Video", "Podcasts"]
RELATED = ["Camps and prisons: the detainees no one wants", "Inside the fight for the Euphrates valley"]
FOOTER = ["About us", "Contact", "Terms of use", "Privacy policy", "Advertise", "Careers"]
_SYLLABLES = [consonant + vowel for consonant in "bdfghjklmnrstvz" for vowel in "aeiou"]
#: Words news sentences share, between the generated ones (about one word in three).
_COMMON = ["the", "of", "and", "in", "to", "a", "on", "for", "with", "at", "by", "from", "that", "was"]
REUSE_EVERY = 10
REUSE_WINDOW = 50
REUSE_KINDS = ("copied", "edited", "partly copied")
#: The synthetic registry leaves this place out, so a test can add it and see what a registry edit rewrites.
UNREGISTERED_PLACE = "Damascus"
#: The armed groups the registry holds besides the places: ID, name, spellings.
ARMED_GROUPS = [
    ("sdf", "Syrian Democratic Forces", ["Syrian Democratic Forces", "SDF"]),
    ("pmf", "Popular Mobilisation Forces", ["Popular Mobilisation Forces"]),
]


@dataclass(frozen=True)
class Planted:
    """A sentence one source took in from an earlier one: how, from which source, the original, the copy."""

    kind: str
    origin: str  # the earlier source's slug
    original: str
    planted: str


@dataclass(frozen=True)
class SyntheticSeed:
    """One generated seed: its file, slug, form and the phrase each quote citation can use."""

    file: str
    slug: str
    form: str
    text: str
    quotes: tuple[str, ...]
    planted: tuple[Planted, ...] = ()


def entity_id(place: str) -> str:
    """The registry's ID of a place: its name in lower case, hyphenated."""
    return re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")


def _capital(text: str) -> str:
    """``text`` with its first letter a capital and the others as they were."""
    return text[:1].upper() + text[1:]


def _name(rng: random.Random) -> str:
    """A name from the generated lexicon (some 10^5 of them)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _words(rng: random.Random, count: int) -> str:
    """``count`` words of the lexicon, about one in three a common one, as in news prose."""
    return " ".join(rng.choice(_COMMON) if rng.random() < 0.35 else _name(rng).lower() for _ in range(count))


def _detail(rng: random.Random) -> str:
    return f"{_name(rng)} {_name(rng)} {_words(rng, rng.randint(4, 7))}"


def _sentence(rng: random.Random, number: int, serial: int) -> str:
    """A news sentence; "dispatch N-M" makes it, and any quote of it, unique in its source. Its
    words come mostly from a generated lexicon: two sentences share a run of words only where one
    was made from the other, as in news (a fixed template would make every sentence a near copy)."""
    return (
        f"{_name(rng)} {_name(rng)} {rng.choice(VERBS)} {_words(rng, rng.randint(3, 6))} near "
        f"{rng.choice(PLACES)} {rng.choice(DAYS)}, {_detail(rng)}, according to dispatch {number}-{serial}."
    )


def _reused(rng: random.Random, kind: str, original: str) -> str:
    """A copy of ``original``: as it is, with a name and the day changed, or its start with a new end."""
    if kind == "copied":
        return original
    if kind == "edited":
        words = original.split()
        names = [index for index, word in enumerate(words) if word[:1].isupper() and index > 2]
        index = rng.choice(names)
        words[index] = _name(rng) + words[index][-1:] * (not words[index][-1:].isalpha())
        day = next((day for day in DAYS if day in original), "")
        edited = " ".join(words)
        return (
            edited.replace(day, rng.choice([other for other in DAYS if other != day]), 1) if day else edited
        )
    words = original.split()
    return " ".join(words[: len(words) * 6 // 10]).rstrip(",") + f", {_detail(rng)}."


def _plant(
    rng: random.Random, number: int, paragraphs: list[list[str]], earlier: list[list[list[str]]]
) -> tuple[Planted, ...]:
    """Put into ``paragraphs`` a sentence of one of the sources before, as ``REUSE_EVERY`` sources do."""
    if number == 0 or rng.randrange(REUSE_EVERY):
        return ()
    origin = rng.randrange(max(0, number - REUSE_WINDOW), number)
    original = rng.choice([sentence for paragraph in earlier[origin] for sentence in paragraph])
    kind = REUSE_KINDS[number // REUSE_EVERY % len(REUSE_KINDS)]
    copy = _reused(rng, kind, original)
    rng.choice(paragraphs).append(copy)
    return (Planted(kind, f"synthetic-{origin:05d}", original, copy),)


def _paragraphs(rng: random.Random, number: int, target_bytes: int) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    serial, size = 0, 0
    while size < target_bytes:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            serial += 1
            sentences.append(_sentence(rng, number, serial))
        paragraphs.append(sentences)
        size += sum(len(sentence) + 1 for sentence in sentences)
    return paragraphs


def _linked(rng: random.Random, sentence: str, number: int) -> str:
    """An HTML sentence with one place name linked, as The National's fragments link tags."""
    place = next((place for place in PLACES if place in sentence), None)
    if place is None or rng.random() < 0.5:
        return sentence
    href = f"https://news.example.org/tags/{place.lower().replace(' ', '-')}/{number}/"
    return sentence.replace(place, f'<a href="{href}" target="_blank">{place}</a>', 1)


def _render(rng: random.Random, form: str, number: int, title: str, paragraphs: list[list[str]]) -> str:
    if form == "html":
        return "".join(f"<p>{' '.join(_linked(rng, s, number) for s in p)}</p>" for p in paragraphs) + "\n"
    lines = [" ".join(p) for p in paragraphs]
    if form == "sections":
        for index in range(len(lines) - 2, 0, -3):
            lines.insert(index, SUBHEADINGS[index % len(SUBHEADINGS)])
    if form == "web-page":
        lines = [
            *CHROME_TOP,
            "",
            title,
            "",
            f"{rng.randint(1, 28)} June 2025 15:29",
            "",
            *lines,
            *CHROME_BOTTOM,
        ]
    return "\n".join(lines) + "\n"


def _saved_page(
    rng: random.Random, number: int, title: str, paragraphs: list[list[str]], facts: dict[str, str]
) -> str:
    """A whole saved web page: <head> metadata (title, canonical link, Open Graph, JSON-LD) as news
    sites write it, site navigation, a newsletter prompt, related links and a footer around an
    <article> whose headline, byline and share box the converter leaves out."""
    author = f"{_name(rng)} {_name(rng)}"
    outlet, url, published = (escape(facts[key]) for key in ("outlet", "url", "date"))
    headline = escape(title)
    linked = "".join(f"<p>{' '.join(_linked(rng, s, number) for s in p)}</p>\n" for p in paragraphs)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": f"{facts['date']}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00+03:00",
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": facts["outlet"]},
        "mainEntityOfPage": facts["url"],
    }
    nav = "".join(f'<li><a href="/{item.lower().replace(" ", "-")}/">{item}</a></li>' for item in SITE_NAV)
    related = "".join(f'<li><a href="/news/{n}/">{item}</a></li>' for n, item in enumerate(RELATED))
    footer = "".join(f'<a href="/{item.lower().replace(" ", "-")}/">{item}</a> ' for item in FOOTER)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{headline} | {outlet}</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{headline}">
<meta property="og:site_name" content="{outlet}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{escape(str(data["datePublished"]))}">
<meta name="author" content="{escape(author)}">
<script type="application/ld+json">{json.dumps(data)}</script>
<style>.site-header {{ display: flex; }} .newsletter {{ background: #eee; }}</style>
</head>
<body>
<header class="site-header"><a class="logo" href="/">{outlet}</a>
<nav class="main-menu"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main>
<article class="story">
<h1>{headline}</h1>
<p class="byline">By {escape(author)}</p>
<time class="dateline" datetime="{published}">{published}</time>
<div class="share-buttons"><a href="/share/facebook">Facebook</a> <a href="/share/x">X</a></div>
{linked}</article>
<aside class="newsletter"><h2>Sign up to our daily briefing</h2>
<p>The day's top stories from the region, in your inbox every morning.</p>
<form action="/subscribe"><input name="email" placeholder="Your email">
<button>Subscribe</button></form></aside>
<section class="related"><h2>More from {outlet}</h2><ul>{related}</ul></section>
</main>
<footer class="site-footer"><p>{footer}</p>
<p>&copy; {facts["date"][:4]} {outlet}. All rights reserved.</p></footer>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
</body>
</html>
"""


def generate_seeds(seeds: Path, count: int, seed: int = 0) -> list[SyntheticSeed]:
    """Write ``count`` seeds and their catalog into ``seeds``; return what was written."""
    seeds.mkdir(parents=True, exist_ok=True)
    made = []
    generated: list[list[list[str]]] = []
    for number in range(count):
        rng = random.Random(f"{seed}-{number}")
        form = FORMS[number % len(FORMS)]
        # Web pages are mostly chrome around a short article, as seed 003 is; an HTML fragment's markup
        # (paragraph tags, linked place names) adds about a quarter to its text, and a saved page's head
        # and site chrome some 3 kB more.
        sizes = {"web-page": (3000, 4000), "html": (3000, 7000), "html-page": (3000, 5000)}
        low, high = sizes.get(form, (3500, 9000))
        size = rng.randint(low, high)
        paragraphs = _paragraphs(rng, number, size)
        generated.append([list(paragraph) for paragraph in paragraphs])
        planted = _plant(random.Random(f"{seed}-reuse-{number}"), number, paragraphs, generated)
        title = f"Report {number}: {rng.choice(EVENTS)} near {rng.choice(PLACES)}"
        slug = f"synthetic-{number:05d}"
        if form == "html-page":
            text = _saved_page(rng, number, title, paragraphs, _facts(slug, seed))
        else:
            text = _render(rng, form, number, title, paragraphs)
        file = f"{number:05d}_{form}.{'html' if form.startswith('html') else 'txt'}"
        quotes = tuple(
            f"according to dispatch {number}-{k}" for k in range(1, 1 + sum(map(len, generated[number])))
        )
        made.append(SyntheticSeed(file, slug, form, text, quotes, planted))
        (seeds / file).write_text(text, encoding="utf-8")
    (seeds / "catalog.toml").write_text(
        "\n".join(_catalog_entry(item, seed) for item in made), encoding="utf-8"
    )
    return made


def _facts(slug: str, seed: int) -> dict[str, str]:
    """What the catalog says of a source; a saved page states its outlet, URL and date itself (and its
    headline as its title), and its catalog entry only its kind."""
    rng = random.Random(f"{seed}-catalog-{slug}")
    return {
        "title": f"Synthetic report {int(slug.rsplit('-', 1)[1])}",
        "outlet": rng.choice(OUTLETS),
        "url": f"https://news.example.org/{slug}/",
        "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "language": "en",
        "kind": "news-report",
    }


def _catalog_entry(item: SyntheticSeed, seed: int) -> str:
    """A seed's catalog entry; a saved page's gives only its kind, as its page states the rest."""
    fields = _facts(item.slug, seed)
    if item.form == "html-page":
        fields = {"kind": fields["kind"]}
    lines = ["[[seed]]", f'file = "{item.file}"', f'slug = "{item.slug}"']
    lines += [
        f'{key} = {{ value = "{value}", status = "stated", basis = "synthetic" }}'
        for key, value in fields.items()
    ]
    return "\n".join(lines) + "\n"


_PASSAGE = re.compile(r"^```\{corpus:passage\} (\S+)\n:sentences: (.+)$", re.MULTILINE)
CITATIONS_PER_SOURCE = 2
SOURCES_PER_TOPIC = 20
CLAIM_ANSWERS = 3
EVENTS_PER_TOPIC = 3


def passage_ids(page: Path) -> list[str]:
    """Every paragraph and sentence ID of a generated source page, in page order."""
    ids = []
    for paragraph, sentences in _PASSAGE.findall(page.read_text(encoding="utf-8")):
        ids += [paragraph, *sentences.split()]
    return ids


def topic_text(number: int, made: list[SyntheticSeed], pages: Path, seed: int) -> str:
    """A topic page citing each of its sources twice, once by passage ID and once by quote, then a
    disputed claim whose ``CLAIM_ANSWERS`` answers cite three of them and ``EVENTS_PER_TOPIC`` events,
    each citing one source by ID and another by quote, dated before either reported it."""
    rng = random.Random(f"{seed}-topic-{number}")
    ids = {item.slug: passage_ids(pages / f"{item.slug}.md") for item in made}
    lines = ["---", f"{PAGE_KIND_KEY}: {PageKind.TOPIC}", "---", "", f"# Topic {number}", ""]
    for index, item in enumerate(made):
        if index % 5 == 0:
            lines += [f"## Section {index // 5 + 1}", ""]
        passage = rng.choice(ids[item.slug])
        quote = rng.choice(item.quotes)
        lines += [
            f"{_capital(rng.choice(ACTORS))} {rng.choice(VERBS)} events near {rng.choice(PLACES)} "
            f"{{corpus:cite}}`{passage}`. The same report gives its source as "
            f"{{corpus:quote}}`{item.slug}: {quote}`.",
            "",
        ]

    def by_id(item: SyntheticSeed) -> str:
        return f"{{corpus:cite}}`{rng.choice(ids[item.slug])}`"

    def by_quote(item: SyntheticSeed) -> str:
        return f"{{corpus:quote}}`{item.slug}: {rng.choice(item.quotes)}`"

    lines += ["## Where the sources differ", ""]
    lines += _claim(rng, number, rng.sample(made, CLAIM_ANSWERS), by_id, by_quote, seed)
    lines += ["## Events the sources report", ""]
    for event in range(1, EVENTS_PER_TOPIC + 1):
        lines += _event(rng, f"t{number}-e{event}", rng.sample(made, 2), by_id, by_quote, seed)
    return "\n".join(lines)


Cite = Callable[[SyntheticSeed], str]


def _claim(
    rng: random.Random, number: int, answering: list[SyntheticSeed], cite: Cite, quote: Cite, seed: int
) -> list[str]:
    """A disputed claim (four backticks around three), one answer per source in ``answering``: the
    first with a note, the second quoting its source, the others citing a passage."""
    question = f"Who was behind {rng.choice(EVENTS)} near {rng.choice(PLACES)}?"
    lines = [f"````{{corpus:claim}} {question}", f":name: topic-{number}", ""]
    for index, item in enumerate(answering):
        actor = rng.choice(ACTORS)
        lines += [f"```{{corpus:answer}} {_capital(actor)}, as {_facts(item.slug, seed)['outlet']} reports"]
        lines += [":note: One party to the events.", ""] if index == 0 else [""]
        culprit = _capital(rng.choice(ACTORS))
        said = f"It was {quote(item)}." if index == 1 else f"{culprit} were behind it {cite(item)}."
        lines += [said, "```", ""]
    return [*lines, "````", ""]


def _event(
    rng: random.Random, name: str, reporting: list[SyntheticSeed], cite: Cite, quote: Cite, seed: int
) -> list[str]:
    """An event both sources of ``reporting`` report, the first by passage ID and the second by quote,
    dated in one of four EDTF shapes (a day, an interval, "by" a day, an approximate day) no later than
    the first of them was published."""
    first, second = reporting
    published = min(date.fromisoformat(_facts(item.slug, seed)["date"]) for item in reporting)
    day = published - timedelta(days=rng.randint(0, 20))
    shape = rng.randrange(4)
    when = [
        day.isoformat(),
        f"{(day - timedelta(days=rng.randint(1, 3))).isoformat()}/{day.isoformat()}",
        f"../{day.isoformat()}",
        f"{day.isoformat()}~",
    ][shape]
    place = rng.choice([place for place in PLACES if place != UNREGISTERED_PLACE])
    outlets = [_facts(item.slug, seed)["outlet"] for item in reporting]
    return [
        f"```{{corpus:event}} {when}",
        f":title: {_capital(rng.choice(EVENTS))} near {place}",
        f":entities: {entity_id(place)} {rng.choice(ARMED_GROUPS)[0]}",
        f":name: {name}",
        "",
        f"{outlets[0]} reports it {cite(first)}, and {outlets[1]} writes that it came {quote(second)}.",
        "```",
        "",
    ]


#: Topic pages are grouped into pages of this many, as sources are into listings: a flat toctree of N/20
#: topics would put N/20 links in every page's sidebar.
TOPICS_PER_GROUP = 100

INDEX = """# Synthetic corpus

```{toctree}
:caption: Topics
:glob:
:maxdepth: 1

topic-groups/*
```

```{toctree}
:caption: Across the corpus
:maxdepth: 1

claims
timeline
exports
```

```{toctree}
:caption: Sources
:glob:
:maxdepth: 1

listings/*
```
"""

#: The pages gathering what every topic page records, as the real site's docs/claims.md, timeline.md
#: and exports.md do: each page's name (that of its directive too), title and kind.
SUMMARIES = {
    "claims": ("Disputed claims", PageKind.SUMMARY),
    "timeline": ("Timeline", PageKind.SUMMARY),
    "exports": ("Data and exports", PageKind.OTHER),
}
#: The entity registry ``generate_docs`` writes when asked: as large as a big registry's.
REGISTRY_ENTITIES, REGISTRY_ALIASES = 1000, 5000


def generate_docs(docs: Path, made: list[SyntheticSeed], seed: int = 0, *, registry: bool = False) -> None:
    """Write the index, the N/20 topic pages, the pages grouping them and the claims, timeline and
    exports pages, and if ``registry`` the entity registry (``REGISTRY_ENTITIES`` entities,
    ``REGISTRY_ALIASES`` aliases); the sources must be converted."""
    (docs / "topics").mkdir(parents=True, exist_ok=True)
    (docs / "topic-groups").mkdir(exist_ok=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    for name, (title, kind) in SUMMARIES.items():
        text = f"---\n{PAGE_KIND_KEY}: {kind}\n---\n\n# {title}\n\n```{{corpus:{name}}}\n```\n"
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    if registry:
        text = registry_text(REGISTRY_ENTITIES, REGISTRY_ALIASES, seed)
        (docs / "entities.toml").write_text(text, encoding="utf-8")
    topics = len(made) // SOURCES_PER_TOPIC
    for number in range(topics):
        cited = made[number * SOURCES_PER_TOPIC : (number + 1) * SOURCES_PER_TOPIC]
        text = topic_text(number, cited, docs / "sources", seed)
        (docs / "topics" / f"topic-{number:04d}.md").write_text(text, encoding="utf-8")
    for group, first in enumerate(range(0, topics, TOPICS_PER_GROUP), start=1):
        last = min(first + TOPICS_PER_GROUP, topics)
        entries = "".join(f"/topics/topic-{number:04d}\n" for number in range(first, last))
        text = f"# Topics {first}\u2013{last - 1}\n\n```{{toctree}}\n:maxdepth: 1\n\n{entries}```\n"
        (docs / "topic-groups" / f"topics-{group:03d}.md").write_text(text, encoding="utf-8")


_FILLER_SYLLABLES = ["bar", "dun", "kel", "mor", "vas", "tek", "lum", "ryn", "sol", "gav", "pim", "zor"]


def registry_text(entities: int = 0, aliases: int = 0, seed: int = 0) -> str:
    """An entity registry for the synthetic corpus: each place it names (but ``UNREGISTERED_PLACE``) and
    two armed groups, then made-up people (names the text never uses: they make the automaton as large as
    a big registry's) up to ``entities`` entities and ``aliases`` aliases in all (5 or 6 spellings each)."""
    rng = random.Random(f"{seed}-registry")
    entries: list[tuple[str, str, str, list[str]]] = []
    for place in PLACES:
        if place != UNREGISTERED_PLACE:
            entries.append((entity_id(place), "place", place, [place]))
    entries += [(slug, "armed-group", name, spellings) for slug, name, spellings in ARMED_GROUPS]
    fillers = max(entities - len(entries), 0)
    extra = max(aliases - sum(len(entry[3]) for entry in entries) - 5 * fillers, 0)
    for number in range(fillers):
        first = "".join(rng.choice(_FILLER_SYLLABLES) for _ in range(2)).capitalize()
        last = "".join(rng.choice(_FILLER_SYLLABLES) for _ in range(3)).capitalize() + f"{number:05d}"
        forms = [f"{first} {last}", f"{first} al-{last}", f"{last} {first}", f"Q{number:05d}X", f"Mr {last}"]
        if number < extra:
            forms.append(f"Abu {last}")
        entries.append((f"filler-{number:05d}", "person", f"{first} {last}", forms))
    lines = []
    for identifier, kind, name, spellings in entries:
        listed = ", ".join(f'{{ name = "{alias}", basis = "synthetic" }}' for alias in spellings)
        lines += [
            "[[entity]]",
            f'id = "{identifier}"',
            f'type = "{kind}"',
            f'name = "{name}"',
            'description = { value = "Synthetic.", basis = "synthetic" }',
            f"aliases = [{listed}]",
            "",
        ]
    return "\n".join(lines)
