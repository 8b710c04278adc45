extensions = ["myst_parser", "borderlines.ext", "borderlines.ext.platform"]
myst_disable_syntax = ["html_block", "html_inline"]
exclude_patterns = ["_build"]
html_theme = "furo"
