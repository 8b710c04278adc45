"""Turn raw seed documents into provenance-rich, citable MyST pages."""
