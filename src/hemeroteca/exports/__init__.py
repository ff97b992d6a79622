"""Exports of the archive: citations and, later, TEI, EPUB and bulk data."""
