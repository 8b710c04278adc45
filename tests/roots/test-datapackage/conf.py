project = "Data package test"
extensions = ["myst_parser", "borderlines.ext"]
myst_disable_syntax = ["html_block", "html_inline"]
exclude_patterns = ["_build"]
smartquotes = False
