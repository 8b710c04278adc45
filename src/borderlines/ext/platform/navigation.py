"""A sidebar whose size does not grow with the corpus.

Sphinx resolves the whole global toctree for every page it writes, and the theme lists every
document in it: with 10,000 sources that is quadratic work and a sidebar of 10,000 links on each
page. Here the tree is read once per build, and each page lists the top-level entries plus the
children of the entries on its own path (the listing page it belongs to, with its sources), in the
markup Sphinx gives the theme.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import url_re
from sphinx.util.nodes import clean_astext


@dataclass(frozen=True)
class _Entry:
    title: str
    target: str  # a docname, or an external URL
    external: bool = False


@dataclass
class NavigationTree:
    """The toctree structure of a build: the root's captioned toctrees, and each document's entries."""

    env: BuildEnvironment
    _children: dict[str, list[_Entry]] = field(default_factory=dict)
    _parents: dict[str, str] = field(default_factory=dict)
    _sections: list[tuple[str, list[_Entry]]] | None = field(default=None, init=False, repr=False)
    outside_sidebars: dict[str, str] = field(default_factory=dict)  # by folder

    def __post_init__(self) -> None:
        for parent, children in self.env.toctree_includes.items():
            for child in children:
                self._parents.setdefault(child, parent)

    def sections(self) -> list[tuple[str, list[_Entry]]]:
        """The root document's toctrees: each caption with its entries (read once, not once a page)."""
        if self._sections is None:
            root = self.env.config.root_doc
            self._sections = [
                (str(node.get("caption") or ""), self._entries(node)) for node in self._toctrees(root)
            ]
        return self._sections

    def children(self, docname: str) -> list[_Entry]:
        """The entries of every toctree in ``docname``, in page order."""
        if docname not in self._children:
            self._children[docname] = [
                entry for node in self._toctrees(docname) for entry in self._entries(node)
            ]
        return self._children[docname]

    def path_to(self, docname: str) -> set[str]:
        """``docname`` and the documents whose toctrees lead to it from the root."""
        path, current = set(), docname
        while current and current not in path:
            path.add(current)
            current = self._parents.get(current, "")
        return path

    def outside(self, docname: str) -> bool:
        """Whether no toctree leads to ``docname`` (a generated page, an orphan): its sidebar then
        marks nothing, and reads the same for every page of its folder."""
        return docname not in self._parents and docname != self.env.config.root_doc

    def _toctrees(self, docname: str) -> list[addnodes.toctree]:
        toc = self.env.tocs.get(docname)
        return list(toc.findall(addnodes.toctree)) if toc is not None else []

    def _entries(self, node: addnodes.toctree) -> list[_Entry]:
        entries = []
        for title, ref in node["entries"]:
            if url_re.match(ref):
                entries.append(_Entry(title or ref, ref, external=True))
            elif ref in self.env.titles:
                entries.append(_Entry(title or clean_astext(self.env.titles[ref]), ref))
        return entries


_TREES: dict[int, NavigationTree] = {}
_EXPAND_ICON = '<span class="icon"><svg><use href="#svg-arrow-right"></use></svg></span>'


def setup_navigation(app: Sphinx) -> None:
    """The bounded sidebar, in place of Furo's whole-site tree."""
    app.connect("env-updated", forget_tree)
    app.connect("html-page-context", silence_theme_toctree, priority=400)  # before the theme's own
    app.connect("html-page-context", bounded_navigation, priority=600)  # after the theme's own


def forget_tree(app: Sphinx, env: BuildEnvironment) -> None:
    """Drop the tree read in an earlier build (env-updated): documents may have come and gone."""
    _TREES.pop(id(env), None)


def silence_theme_toctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Before Furo's handler: its whole-tree ``toctree()`` call costs nothing (html-page-context)."""
    if _furo(app) and "toctree" in context:
        context["toctree"] = lambda **_options: ""


def bounded_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """After Furo's handler: the sidebar lists the path to this page, not every page (html-page-context)."""
    if not _furo(app) or "furo_navigation_tree" not in context:
        return
    tree = _TREES.get(id(app.env))
    if tree is None:
        tree = _TREES[id(app.env)] = NavigationTree(app.env)
    context["furo_navigation_tree"] = navigation_html(tree, app.builder, pagename)


def _furo(app: Sphinx) -> bool:
    return bool(app.config.html_theme == "furo")


def navigation_html(tree: NavigationTree, builder: Builder, pagename: str) -> str:
    """The sidebar tree for ``pagename``, in the markup Furo makes of Sphinx's toctree (made once a
    folder for the pages outside the tree, such as the thousand entity pages)."""
    if not tree.outside(pagename):
        return _Renderer(tree, builder, pagename).html()
    folder = posixpath.dirname(builder.get_target_uri(pagename))
    if folder not in tree.outside_sidebars:
        tree.outside_sidebars[folder] = _Renderer(tree, builder, pagename).html()
    return tree.outside_sidebars[folder]


@dataclass
class _Renderer:
    tree: NavigationTree
    builder: Builder
    pagename: str
    toggles: int = 0

    def html(self) -> str:
        path = self.tree.path_to(self.pagename)
        parts = []
        for caption, entries in self.tree.sections():
            if caption:
                parts.append(
                    '<p class="caption" role="heading">'
                    f'<span class="caption-text">{escape(caption)}</span></p>'
                )
            parts.append(self._list(path, entries, 1))
        return "\n".join(parts)

    def _list(self, path: set[str], entries: list[_Entry], depth: int) -> str:
        current = any(entry.target in path for entry in entries if not entry.external)
        items = [self._item(path, entry, depth) for entry in entries]
        return "\n".join(['<ul class="current">' if current else "<ul>", *items, "</ul>"])

    def _item(self, path: set[str], entry: _Entry, depth: int) -> str:
        title = escape(entry.title)
        if entry.external:
            href = escape(entry.target)
            return (
                f'<li class="toctree-l{depth}"><a class="reference external" href="{href}">{title}</a></li>'
            )
        if entry.target == self.pagename:
            link = f'<a class="current reference internal" href="#">{title}</a>'
            classes = " current current-page"
        else:
            href = escape(self.builder.get_relative_uri(self.pagename, entry.target))
            link = f'<a class="reference internal" href="{href}">{title}</a>'
            classes = " current" if entry.target in path else ""
        children = self.tree.children(entry.target) if entry.target in path else []
        if not children:
            return f'<li class="toctree-l{depth}{classes}">{link}</li>'
        # Each document on the path opens once, so a toctree cycle cannot recurse for ever.
        nested = self._list(path - {entry.target}, children, depth + 1)
        self.toggles += 1
        name = f"toctree-checkbox-{self.toggles}"
        toggle = (
            f'<input aria-label="Toggle navigation of {title}" checked="" class="toctree-checkbox" '
            f'id="{name}" name="{name}" role="switch" type="checkbox"/>'
            f'<label for="{name}">{_EXPAND_ICON}</label>'
        )
        return f'<li class="toctree-l{depth}{classes} has-children">{link}{toggle}{nested}</li>'
