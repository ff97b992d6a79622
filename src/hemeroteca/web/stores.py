"""Open stores for the requests: each request has one to itself, taken from a pool and given back.

FastAPI runs plain endpoints and their dependencies in a thread pool, not always the
same thread for both: a store is lent to one request at a time (SQLite and psycopg
connections must not be used by two threads at once), and kept open for the next,
since opening one per request would cost a PostgreSQL connection per page.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator

from fastapi import Request

from hemeroteca.store import open_store
from hemeroteca.store.base import Store


class StorePool:
    def __init__(self, url: str) -> None:
        self.url = url
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    def take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return open_store(self.url, create=False)

    def give_back(self, store: Store) -> None:
        self._idle.put(store)

    def close_all(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def request_store(request: Request) -> Iterator[Store]:
    """The dependency every endpoint reads the archive through."""
    pool: StorePool = request.app.state.stores
    store = pool.take()
    try:
        yield store
    finally:
        pool.give_back(store)
