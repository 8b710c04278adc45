"""Borderlines: an annotated, citable corpus of reporting on ISIS along the Iraq–Syria border."""

__version__ = "0.1.0"
