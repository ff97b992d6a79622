"""Field parsers: pure functions from printed text to record values."""
