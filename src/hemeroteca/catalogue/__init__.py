"""Reference catalogues: MIA's own lists of authors and periodicals, and name matching."""
