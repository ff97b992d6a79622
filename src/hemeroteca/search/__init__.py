"""Search: the query language and its ranking, shared by every storage backend."""
