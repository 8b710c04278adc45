"""A synthetic corpus shaped like the real seeds, deterministic from a seed number.

N seeds rotate through the real forms and sizes: HTML fragments with links (as seeds 000 and 001),
plain text with one paragraph a line (002), a web page's text with its navigation and footer (003),
and plain text with subheadings (004), each of 3.5 to 9 kB. N/20 topic pages cite their passages,
about 40 citations each, half by passage ID and half by quote.

Each sentence names people and places from a generated lexicon, so that two sentences are alike only
where one was made from the other. One source in ``REUSE_EVERY`` takes in a sentence of one of the
``REUSE_WINDOW`` sources before it, copied, lightly edited (a name and the day changed) or partly
copied (its first 60% with a new ending), as outlets repeat each other; each ``SyntheticSeed`` lists
what it took in (``planted``), the ground truth of ``benchmarks/reuse_bench.py``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
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
FORMS = ("html", "paragraphs", "web-page", "sections")
_SYLLABLES = [consonant + vowel for consonant in "bdfghjklmnrstvz" for vowel in "aeiou"]
#: Words news sentences share, between the generated ones (about one word in three).
_COMMON = ["the", "of", "and", "in", "to", "a", "on", "for", "with", "at", "by", "from", "that", "was"]
REUSE_EVERY = 10
REUSE_WINDOW = 50
REUSE_KINDS = ("copied", "edited", "partly copied")


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


def generate_seeds(seeds: Path, count: int, seed: int = 0) -> list[SyntheticSeed]:
    """Write ``count`` seeds and their catalog into ``seeds``; return what was written."""
    seeds.mkdir(parents=True, exist_ok=True)
    made = []
    generated: list[list[list[str]]] = []
    for number in range(count):
        rng = random.Random(f"{seed}-{number}")
        form = FORMS[number % len(FORMS)]
        # Web pages are mostly chrome around a short article, as seed 003 is; an HTML fragment's markup
        # (paragraph tags, linked place names) adds about a quarter to its text.
        low, high = {"web-page": (3000, 4000), "html": (3000, 7000)}.get(form, (3500, 9000))
        size = rng.randint(low, high)
        paragraphs = _paragraphs(rng, number, size)
        generated.append([list(paragraph) for paragraph in paragraphs])
        planted = _plant(random.Random(f"{seed}-reuse-{number}"), number, paragraphs, generated)
        title = f"Report {number}: {rng.choice(EVENTS)} near {rng.choice(PLACES)}"
        text = _render(rng, form, number, title, paragraphs)
        file = f"{number:05d}_{form}.{'html' if form == 'html' else 'txt'}"
        quotes = tuple(
            f"according to dispatch {number}-{k}" for k in range(1, 1 + sum(map(len, generated[number])))
        )
        made.append(SyntheticSeed(file, f"synthetic-{number:05d}", form, text, quotes, planted))
        (seeds / file).write_text(text, encoding="utf-8")
    (seeds / "catalog.toml").write_text(
        "\n".join(_catalog_entry(item, seed) for item in made), encoding="utf-8"
    )
    return made


def _catalog_entry(item: SyntheticSeed, seed: int) -> str:
    rng = random.Random(f"{seed}-catalog-{item.slug}")
    number = int(item.slug.rsplit("-", 1)[1])
    fields = {
        "title": f"Synthetic report {number}",
        "outlet": rng.choice(OUTLETS),
        "url": f"https://news.example.org/{item.slug}/",
        "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "language": "en",
        "kind": "news-report",
    }
    lines = ["[[seed]]", f'file = "{item.file}"', f'slug = "{item.slug}"']
    lines += [
        f'{key} = {{ value = "{value}", status = "stated", basis = "synthetic" }}'
        for key, value in fields.items()
    ]
    return "\n".join(lines) + "\n"


_PASSAGE = re.compile(r"^```\{corpus:passage\} (\S+)\n:sentences: (.+)$", re.MULTILINE)
CITATIONS_PER_SOURCE = 2
SOURCES_PER_TOPIC = 20


def passage_ids(page: Path) -> list[str]:
    """Every paragraph and sentence ID of a generated source page, in page order."""
    ids = []
    for paragraph, sentences in _PASSAGE.findall(page.read_text(encoding="utf-8")):
        ids += [paragraph, *sentences.split()]
    return ids


def topic_text(number: int, made: list[SyntheticSeed], pages: Path, seed: int) -> str:
    """A topic page citing each of its sources twice: once by passage ID, once by quote."""
    rng = random.Random(f"{seed}-topic-{number}")
    lines = ["---", f"{PAGE_KIND_KEY}: {PageKind.TOPIC}", "---", "", f"# Topic {number}", ""]
    for index, item in enumerate(made):
        if index % 5 == 0:
            lines += [f"## Section {index // 5 + 1}", ""]
        passage = rng.choice(passage_ids(pages / f"{item.slug}.md"))
        quote = rng.choice(item.quotes)
        lines += [
            f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} events near {rng.choice(PLACES)} "
            f"{{corpus:cite}}`{passage}`. The same report gives its source as "
            f"{{corpus:quote}}`{item.slug}: {quote}`.",
            "",
        ]
    return "\n".join(lines)


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
:caption: Sources
:glob:
:maxdepth: 1

listings/*
```
"""


def generate_docs(docs: Path, made: list[SyntheticSeed], seed: int = 0) -> None:
    """Write the index, the N/20 topic pages and the pages grouping them; the sources must be converted."""
    (docs / "topics").mkdir(parents=True, exist_ok=True)
    (docs / "topic-groups").mkdir(exist_ok=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
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


#: The synthetic registry leaves this place out, so a test can add it and see what a registry edit rewrites.
UNREGISTERED_PLACE = "Damascus"
_FILLER_SYLLABLES = ["bar", "dun", "kel", "mor", "vas", "tek", "lum", "ryn", "sol", "gav", "pim", "zor"]


def registry_text(entities: int = 0, aliases: int = 0, seed: int = 0) -> str:
    """An entity registry for the synthetic corpus: each place it names (but ``UNREGISTERED_PLACE``) and
    two armed groups, then made-up people (names the text never uses: they make the automaton as large as
    a big registry's) up to ``entities`` entities and ``aliases`` aliases in all (5 or 6 spellings each)."""
    rng = random.Random(f"{seed}-registry")
    entries: list[tuple[str, str, str, list[str]]] = []
    for place in PLACES:
        if place != UNREGISTERED_PLACE:
            slug = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")
            entries.append((slug, "place", place, [place]))
    entries.append(("sdf", "armed-group", "Syrian Democratic Forces", ["Syrian Democratic Forces", "SDF"]))
    entries.append(("pmf", "armed-group", "Popular Mobilisation Forces", ["Popular Mobilisation Forces"]))
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
    for entity_id, kind, name, spellings in entries:
        listed = ", ".join(f'{{ name = "{alias}", basis = "synthetic" }}' for alias in spellings)
        lines += [
            "[[entity]]",
            f'id = "{entity_id}"',
            f'type = "{kind}"',
            f'name = "{name}"',
            'description = { value = "Synthetic.", basis = "synthetic" }',
            f"aliases = [{listed}]",
            "",
        ]
    return "\n".join(lines)
