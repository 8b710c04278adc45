"""The one typed contract between the converter and the Sphinx extension.

Both halves import it, and nothing else spells what they agree on: the source metadata record and
its front matter (``metadata``), passage IDs (``ids``), the names of directives, roles, page and
source kinds (``names``), and which URLs may be linked (``urls``). It imports neither half.
"""
