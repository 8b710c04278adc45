"""Text reuse between passages: word tokens, MinHash band keys, candidate pairs, exact alignment and
clusters. A library with no Sphinx in it; ``borderlines.ext.pages.reuse`` runs it at build time."""
