"""hemeroteca: an archive engine for transcribed historical periodicals and writings."""

__version__ = "0.1.0"
