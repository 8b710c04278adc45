"""What pages show: bylines and provenance panels, backlinks, links between sources, citation previews,
tables of sources, coverage, link health; each feature with its own ``setup_<feature>``."""
