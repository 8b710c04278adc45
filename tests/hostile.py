"""A corpus of hostile seeds: each one's bytes, and what must become of them.

``@SECRET@`` in a seed stands for the absolute path of a planted secret file; the relative paths
``../secret.txt``, ``../../secret.txt`` and ``secret.png`` reach the other planted copies from a page
in ``docs/sources/``. A fixture either converts, and then ``words`` must be visible on its page, or
is refused with a line ``seeds/NAME: <refused>...``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

SECRET = "@SECRET@"

#: Snippets that would be markup, a directive, a role, a link or a script if they were not escaped.
SNIPPETS = [
    "```{include} /etc/passwd\n```",
    "{download}`/etc/passwd`",
    "{{ 7*7 }}",
    "(label)=",
    "[^1]",
    "% comment",
    "+++",
    ":::",
    "---",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "&lt;script&gt;",
    "<img src=x onerror=alert(1)>",
    "<http://127.0.0.1/>",
    "$x$",
    "| a | b |",
    "\\",
    "*",
    "_",
    "#",
    "> ",
    "1. ",
    "- ",
    "    indented",
    "[ref]: /etc/passwd",
    "![i](/etc/passwd)",
    ":sentences: x",
    "\u2028",
    "\r",
    "\t",
    "&amp;amp;",
    "`",
    "~~~",
    "<!--",
    "]]>",
    "{#id}",
]
#: Text mixing those snippets with arbitrary characters.
TEXT = st.lists(
    st.one_of(
        st.sampled_from(SNIPPETS),
        st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1),
    ),
    min_size=1,
    max_size=6,
).map("".join)


@dataclass(frozen=True)
class Hostile:
    """One hostile seed and its expected fate."""

    name: str
    data: bytes
    words: tuple[str, ...] = ()
    refused: str = ""
    encoding: str = "utf-8"
    form: str = ""
    catalog: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """The page slug the fixture's catalog entry gives it."""
        return "hostile-" + self.name.rsplit(".", 1)[0]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _text(name: str, text: str) -> Hostile:
    """A plain-text fixture that must convert with every line of it visible."""
    return Hostile(name, text.encode("utf-8"), _lines(text))


def _html(name: str, html: str, *words: str) -> Hostile:
    return Hostile(name, html.encode("utf-8"), words)


MARKUP = [
    _text(
        "fence-include.txt",
        "The ministry said the crossing at Al-Qaim stayed open.\n"
        f"```{{include}} {SECRET}\n```\n"
        "```{include} ../secret.txt\n:literal:\n```\n"
        "Officials gave no figures for the week.\n",
    ),
    _text(
        "fence-literalinclude.txt",
        "Guards at the camp described a quiet night.\n"
        f"```{{literalinclude}} {SECRET}\n```\n"
        "~~~{literalinclude} ../../secret.txt\n~~~\n"
        "The statement ended there.\n",
    ),
    _text(
        "fence-eval-rst.txt",
        "A spokesman read out the statement.\n"
        "```{eval-rst}\n"
        f".. include:: {SECRET}\n"
        ".. raw:: html\n\n   <script>alert(1)</script>\n"
        "```\n"
        "He took no questions afterwards.\n",
    ),
    _text(
        "fence-raw.txt",
        "Reporters were told to wait outside.\n"
        "```{raw} html\n<script>alert(document.cookie)</script>\n```\n"
        ":::{raw} html\n<iframe src=x></iframe>\n:::\n"
        ".. raw:: html\n"
        "They were let in an hour later.\n",
    ),
    _text(
        "fence-csv-table.txt",
        "The figures came from the provincial council.\n"
        f"```{{csv-table}} Leak\n:file: {SECRET}\n```\n"
        "```{csv-table}\n:url: file:///etc/passwd\n```\n"
        "No other table was released.\n",
    ),
    _text(
        "roles.txt",
        f"Read {{download}}`{SECRET}` and {{download}}`the file <../secret.txt>` now, he said.\n"
        "See {doc}`index`, {ref}`genindex`, {raw-html}`bold text` and {sub-ref}`today` too.\n"
        "A cited passage {corpus:cite}`hostile-roles-p1-0000` and {corpus:quote}`x: y` as text.\n",
    ),
    _text(
        "substitutions.txt",
        "The template said {{ 7*7 }} and {{ env.config }} in its body.\n"
        "It also said {% include 'secret.txt' %} and ${HOME} and $(cat ../secret.txt).\n",
    ),
    Hostile(
        "front-matter.txt",
        b"---\ntitle: Pwned\nhtml_meta:\n  http-equiv=refresh: 0;url=javascript:alert(1)\n"
        b"myst:\n  enable_extensions: [substitution, html_image]\n---\n"
        b"The front matter above belongs to the seed's text, not to the page.\n",
        (
            "title: Pwned",
            "http-equiv=refresh: 0;url=javascript:alert(1)",
            "enable_extensions: [substitution, html_image]",
            "The front matter above belongs to the seed's text, not to the page.",
        ),
        form="plain-paragraphs",  # read as a web page, its first lines would go as site chrome
    ),
    _text(
        "targets-and-footnotes.txt",
        "(label)=\n"
        "(genindex)=\n"
        "A claim with a footnote[^1] and another[^note] in the text.\n"
        "[^1]: The footnote that must stay text.\n"
        f"[ref]: {SECRET}\n"
        "[local]: ../secret.txt 'title'\n"
        "A reference-style [link][ref] and a [local link][local] and ![image][local] here.\n"
        "{#custom-id}\n"
        "Text then a label (another-label)= at the end.\n",
    ),
    _text(
        "comments-and-breaks.txt",
        "% this line would be a MyST comment.\n"
        "+++ this line would be a block break\n"
        "+++\n"
        "%\n"
        "The rate rose by 5. % of the cases went unreported. +++ Marked a break, the aide said.\n"
        "It fell in May. # Not a heading. > Not a quote. 1. Not a list. - Not one either.\n"
        "It ended there. ::: Not a fence. ``` Not code. $$ Not maths. | Not | a table |\n",
    ),
    _text(
        "markdown-links.txt",
        "Click [here](javascript:alert(1)) or [there](../secret.txt) or <javascript:alert(2)>.\n"
        f"An image ![secret]({SECRET}) and ![png](secret.png) and <file:///etc/passwd> too.\n"
        "A bare http://127.0.0.1/admin address and <https://example.org/ok> in the text.\n",
    ),
]

HTML = [
    _html(
        "script.html",
        "<p>Before the script, the minister spoke.</p>"
        "<script>document.title = 'pwned'; alert(1)</script>"
        "<script src='https://evil.example/x.js'></script>"
        "<p>After the script, he left the hall.</p>",
        "Before the script, the minister spoke.",
        "After the script, he left the hall.",
    ),
    _html(
        "event-handlers.html",
        '<p onclick="alert(1)" onmouseover=alert(2)>Handlers on a paragraph stay words only.</p>'
        "<img src=x onerror=alert(3)>"
        '<a href="https://example.org/report" onclick="alert(4)" style="color:red">the full report</a>'
        "<body onload=alert(5)><svg onload=alert(6)><text>svg words</text></svg>"
        '<div onfocus="alert(7)" tabindex=0 autofocus>Focus handler text.</div>',
        "Handlers on a paragraph stay words only.",
        "the full report",
        "svg words",
        "Focus handler text.",
    ),
    _html(
        "iframe.html",
        "<p>The video was embedded below.</p>"
        '<iframe src="file:///etc/passwd" srcdoc="<script>alert(1)</script>"></iframe>'
        f"<object data='{SECRET}'></object><embed src='{SECRET}'>"
        "<p>The caption named no source.</p>",
        "The video was embedded below.",
        "The caption named no source.",
    ),
    _html(
        "style.html",
        "<style>body { display: none } footer { display: none }</style>"
        '<p style="display:none">Styled words stay visible.</p>'
        f"<link rel=stylesheet href='{SECRET}'>"
        '<p style="background:url(javascript:alert(1))">Another styled paragraph.</p>',
        "Styled words stay visible.",
        "Another styled paragraph.",
    ),
    _html(
        "plaintext.html",
        "<p>Before the plaintext tag.</p><plaintext><p>After it, the words are still text.</p>"
        "<xmp><b>xmp words</b></xmp>",
        "Before the plaintext tag.",
        "After it, the words are still text.",
        "xmp words",
    ),
    _html(
        "unterminated-comment.html",
        "<p>Before the comment.</p><!-- this comment never ends <p>The rest is shown as text.</p>",
        "Before the comment.",
        "this comment never ends",
        "The rest is shown as text.",
    ),
    Hostile(
        "unclosed-script.html",
        b"<p>The first paragraph is fine.</p>\n<p>So is the second.</p>\n<script>var x = 1;\n"
        b"<p>This paragraph would be hidden inside the script.</p>\n",
        refused=(
            "has a <script> element at line 3 that is never closed, so everything after it would be hidden"
        ),
    ),
    _html(
        "entities.html",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;iframe src=x&gt; &lt;style&gt;p{}&lt;/style&gt; "
        "&#60;plaintext&#62; &lt;!-- &lt;img src=x onerror=alert(2)&gt; &amp;lt;b&amp;gt; "
        "&#x7B;download&#x7D;`x` &#123;&#123; 7*7 &#125;&#125; &#x6A;avascript:alert(3)</p>"
        "<p>Broken references &#xD800; &#0; &#x110000; &#xFFFF; &bogus; &amp end.</p>",
        "<script>alert(1)</script> <iframe src=x> <style>p{}</style> <plaintext> <!-- "
        "<img src=x onerror=alert(2)> &lt;b&gt; {download}`x` {{ 7*7 }} javascript:alert(3)",
        "Broken references",
        "&bogus; & end.",
    ),
    _text(
        "tags-in-plain-text.txt",
        "<script>alert(1)</script> appears in a plain text seed.\n"
        "<iframe src=x></iframe> <style>body{}</style> <plaintext> <!-- and &lt;b&gt; too.\n",
    ),
]

URLS = [
    _html(
        "dangerous-urls.html",
        "<p>"
        '<a href="javascript:alert(1)">a javascript link</a>, '
        '<a href="JaVaScRiPt:alert(2)">a mixed-case one</a>, '
        '<a href="java\tscript:alert(3)">a tabbed one</a>, '
        '<a href="java&#x09;script:alert(4)">an entity-tabbed one</a>, '
        '<a href="&#x6A;avascript:alert(5)">an entity one</a>, '
        '<a href=" javascript:alert(6)">a spaced one</a>, '
        '<a href="data:text/html,<script>alert(7)</script>">a data link</a>, '
        '<a href="vbscript:msgbox(8)">a vbscript link</a>, '
        '<a href="file:///etc/passwd">a file link</a>, '
        '<a href="../../../../etc/passwd">a climbing link</a>, '
        '<a href="/etc/passwd">an absolute path</a>, '
        f'<a href="{SECRET}">the secret file</a>, '
        '<a href="../secret.txt">a relative secret</a>, '
        '<a href="//evil.example/">a protocol-relative link</a>, '
        '<a href="https://example.org/ok?a=1&amp;b=2">a safe link</a> and '
        '<a href="mailto:desk@example.org">a mail link</a>.</p>'
        f'<img src="../secret.png"><img src="{SECRET}"><img src="data:image/png;base64,AAAA">'
        "<p>The links end here.</p>",
        "a javascript link, a mixed-case one, a tabbed one, an entity-tabbed one, an entity one, a spaced "
        "one, a data link, a vbscript link, a file link, a climbing link, an absolute path, the secret "
        "file, a relative secret, a protocol-relative link, a safe link and a mail link.",
        "The links end here.",
    ),
]

MALFORMED = [
    _html(
        "unclosed-tags.html",
        "<div><p>Unclosed paragraph one<p>Unclosed paragraph two <b>bold <i>italic"
        "<ul><li>item one<li>item two<table><tr><td>cell one<td>cell two",
        "Unclosed paragraph one",
        "Unclosed paragraph two bold italic",
        "item one",
        "item two",
        "cell one",
        "cell two",
    ),
    _html(
        "stray-end-tags.html",
        "</div></p><p>Stray end tags</b></i></div></p></p>do not stop the text</td></table></html>.</p>",
        "Stray end tags",
        "do not stop the text",
    ),
    _html(
        "stray-raw-text-tags.html",
        "<p>Before the stray tags.</p></script></style></head><head><p>After them, still shown.</p>"
        "<p>An advert wrote <script>document.write('<script src=x></script>')</script> its tag.</p>"
        "<title>A title tag's words</title><body><p>And a late body tag.</p>",
        "Before the stray tags.",
        "After them, still shown.",
        "A title tag's words",
        "And a late body tag.",
    ),
    _html(
        "sloppy-inline-tags.html",
        "<p>"
        + "<b>Q:<b> A question was asked, and answered.<br>" * 250
        + "<p>Related: "
        + '<a href="https://example.org/a">story ' * 150
        + "<p>"
        + "<font><nobr><del>nested styling " * 120
        + "".join(f"<h3>Heading {n}" for n in range(150))
        + "<p>The convoy stopped 10&nbsp;km from the border&nbsp;post.</p>",
        "Q: A question was asked, and answered. Q: A question was asked, and answered.",
        "Related: story story story",
        "nested styling nested styling",
        "Heading 149",
        "The convoy stopped 10\u00a0km from the border\u00a0post.",
    ),
    _html(
        "frames-keep-their-text.html",
        "<p>The page embedded a player.</p><iframe>Your browser cannot show frames.</iframe>"
        "<object>The object's fallback text.</object><noscript>Turn on scripts.</noscript>"
        "<select><option>First option<option>Second option</select>",
        "Your browser cannot show frames.",
        "The object's fallback text.",
        "Turn on scripts.",
        "First option",
        "Second option",
    ),
    Hostile(
        "nesting-5000.html",
        ("<div>" * 5000 + "<p>Words at the bottom of five thousand levels.</p>" + "</div>" * 5000).encode(),
        refused="nests HTML block elements more than 200 deep (at line 1); --max-depth changes the limit",
    ),
    _html(
        "deep-lists.html",
        "".join(f"<ul><li>List level {level} words" for level in range(1, 41)) + "</li></ul>" * 40,
        *(f"List level {level} words" for level in range(1, 41)),
    ),
    _html(
        "deep-quotes.html",
        "".join(f"<blockquote><p>Quote level {level} words</p>" for level in range(1, 31))
        + "</blockquote>" * 30,
        *(f"Quote level {level} words" for level in range(1, 31)),
    ),
]

ENCODINGS = [
    Hostile(
        "latin-1.txt",
        "Café owners in Deir ez-Zor said «no» to the levy, the agency reported.\n".encode("latin-1"),
        ("Café owners in Deir ez-Zor said «no» to the levy, the agency reported.",),
        encoding="latin-1",
    ),
    Hostile(
        "latin-1-undeclared.txt",
        "Café owners said no, the agency reported.\n".encode("latin-1"),
        refused="is not valid utf-8: byte 0xe9 at offset 3 (declare its encoding in seeds/catalog.toml)",
    ),
    Hostile(
        "invalid-utf-8.txt",
        b"A good start to the sentence \xff\xfe then bytes no encoder wrote.\n",
        refused="is not valid utf-8: byte 0xff at offset 29 (declare its encoding in seeds/catalog.toml)",
    ),
    Hostile(
        "lone-surrogate.txt",
        b"A lone surrogate \xed\xa0\x80 encoded the way CESU-8 does.\n",
        refused="is not valid utf-8: byte 0xed at offset 17 (declare its encoding in seeds/catalog.toml)",
    ),
    Hostile(
        "lone-surrogate-utf-16.txt",
        "A lone surrogate follows: ".encode("utf-16-le") + b"\x00\xd8" + " then text.".encode("utf-16-le"),
        refused=(
            "is not valid utf-16-le: byte 0x00 at offset 52 (declare its encoding in seeds/catalog.toml)"
        ),
        encoding="utf-16-le",
    ),
    Hostile(
        "bom.txt",
        b"\xef\xbb\xbfThe BOM is not part of the text, the editor said.\n",
        ("The BOM is not part of the text, the editor said.",),
    ),
    Hostile(
        "crlf.txt",
        b"The first line ends with CRLF.\r\nThe second line does too.\r\n\r\n"
        b"The third follows a blank line.\r\n",
        ("The first line ends with CRLF.", "The second line does too.", "The third follows a blank line."),
    ),
    Hostile(
        "lone-cr.txt",
        b"The first line ends with a lone CR.\rThe second line does too.\r",
        ("The first line ends with a lone CR.", "The second line does too."),
    ),
    Hostile(
        "control-characters.txt",
        b"A bell\x07 and an escape\x1b[31m and a form feed\x0c and a delete\x7f and \xc2\x85 a C1 control.\n"
        b"Zero\xe2\x80\x8bwidth, right-to-left \xe2\x80\xae override, and a line\xe2\x80\xa8separator.\n",
        (
            "A bell and an escape[31m and a form feed and a delete and a C1 control.",
            "Zero\u200bwidth, right-to-left \u202e override, and a line separator.",
        ),
    ),
    Hostile(
        "nul.txt",
        b"Text before a NUL\x00 and after it.\n",
        refused="contains a NUL character (U+0000) at character 17",
    ),
]

SIZES = [
    Hostile("empty.txt", b"", refused="is empty"),
    Hostile("whitespace.txt", b" \n\t\r\n   \n", refused="holds only white space"),
    Hostile(
        "controls-only.txt", b"\x01\x02\n\x1b\n", refused="holds no text once control characters are removed"
    ),
    Hostile(
        "two-megabytes.txt",
        b"word " * (2 * 1024 * 1024 // 5) + b"end.",
        refused="is 2097154 bytes, over the limit of 2000000 bytes",
    ),
    Hostile(
        "long-line.txt",
        b"The patrol reported new incidents near the border on Monday. " * 3000,
        ("The patrol reported new incidents near the border on Monday.",),
    ),
]

_TITLE = "<script>alert(1)</script> {download}`../secret.txt` **bold** [x](javascript:alert(2))"
_OUTLET = "<iframe src=x></iframe> {{ 7*7 }} ```{include} ../secret.txt"
CATALOG = [
    Hostile(
        "hostile-catalog.txt",
        b"The catalog entry of this seed is hostile, not its text.\n",
        (
            "The catalog entry of this seed is hostile, not its text.",
            _TITLE,
            _OUTLET,
        ),
        catalog={
            "title": _TITLE,
            "outlet": _OUTLET,
            "url": "javascript:alert(3)",
            "date": "2026-01-01",
        },
    ),
]

_SENTENCES = (
    "Iraqi forces reinforced the border with Syria on Monday, the interior ministry said in a statement.",
    "Officials said the new fortifications, trenches and thermal cameras would be finished within weeks.",
    "A commander told reporters that patrols along the frontier had doubled since the start of the year.",
    "Residents of the border towns said they had seen more military convoys than at any time since 2017.",
    "The ministry did not say how many troops had been sent, but called the deployment a precaution.",
)
_ARTICLE = (
    "<article><h1>Iraq reinforces its border</h1>" + "".join(f"<p>{s}</p>" for s in _SENTENCES) + "</article>"
)


def _page(
    name: str, head: str = "", before: str = "", after: str = "", *words: str, raw: bytes = b""
) -> Hostile:
    """A saved web page: ``head`` and the markup around the article must not reach the site as markup."""
    html = f"<!DOCTYPE html>\n<html><head>{head}</head><body>{before}{_ARTICLE}{after}</body></html>\n"
    return Hostile(name, raw + html.encode("utf-8"), (*_SENTENCES, *words))


_JSON_LD = (
    '{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "```{include} ../secret.txt\\n``` {download}`../secret.txt` {{ 7*7 }}",'
    ' "author": {"@type": "Person", "name": "---\\nmyst:\\n  enable_extensions: [substitution]\\n---"},'
    ' "publisher": {"@type": "Organization", "name": "x</script><script>alert(7)</script>"},'
    ' "datePublished": "2026-01-19T10:00:00+03:00"}'
)
#: Saved web pages (the html-page form), hostile in their head, their metadata and around the article.
PAGES = [
    _page("page-meta-refresh.html", '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">'),
    _page(
        "page-base-href.html",
        '<base href="file:///etc/">',
        after='<p><a href="passwd">a relative link</a></p>',
    ),
    _page(
        "page-hostile-urls.html",
        '<link rel="canonical" href="javascript:alert(2)"><meta property="og:url" content="data:text/html,x">'
        '<meta property="og:see_also" content="file:///etc/passwd">',
    ),
    _page("page-hostile-json-ld.html", f'<script type="application/ld+json">{_JSON_LD}</script>'),
    _page(
        "page-entities-in-head.html",
        "<title>&lt;script&gt;alert(8)&lt;/script&gt; Border news</title>"
        '<meta property="og:site_name" content="&lt;img src=x onerror=alert(9)&gt;">',
    ),
    _page(
        "page-hidden-text.html",
        before='<div style="display:none">Hidden promotion one.</div><p hidden>Hidden paragraph two.</p>'
        '<template><p>Template text three.</p></template><div aria-hidden="true">Aria hidden four.</div>',
    ),
    _page(
        "page-comments.html",
        after='<section id="comments"><div class="comment"><p>Great <b>article</b> {download}`../secret.txt`'
        " <script>alert(10)</script></p></div></section>",
    ),
    _page(
        "page-megabytes-of-script.html",
        "<style>" + "body{color:red}" * 40_000 + "</style>",
        before="<script>" + "var x = 1;" * 300_000 + "</script>",
    ),
    _page("page-nested-deeply.html", before="<div>" * 500, after="</div>" * 500),
    _page(
        "page-bom-disagrees-with-charset.html",
        '<meta charset="iso-8859-1">',
        after="<p>Café owners in the border town said they would stay, whatever happened next.</p>",
        raw=b"\xef\xbb\xbf",
    ),
]

FIXTURES = MARKUP + HTML + URLS + MALFORMED + ENCODINGS + SIZES + CATALOG + PAGES
