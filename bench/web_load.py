"""A bounded load test of the web server on loopback: article pages and search pages, against a static file.

    python bench/web_load.py ARCHIVE.db|postgresql://… [--seconds 20] [--concurrency 8] [--seed 7]

Starts `hemeroteca serve` on the archive in its own process, picks article permalinks
(through the server's own issue pages) and search queries (words of the archive's
titles, some with a facet filter), then for each kind of request runs a closed loop of
CONCURRENCY clients (httpx, HTTP/1.1 keep-alive) for SECONDS and prints requests/s,
median and p99 latency. The baseline is the same server sending its stylesheet (a
static file: the framework's own cost), in the same run. Client and server share the
machine's cores, so figures are lower than a server alone would give.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from hemeroteca.store import browse, display_name, open_store
from hemeroteca.web import permalinks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(archive: str, port: int) -> subprocess.Popen[bytes]:
    hemeroteca = Path(sys.executable).with_name("hemeroteca")
    server = subprocess.Popen([str(hemeroteca), "serve", "--db", archive, "--port", str(port)], stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/style.css").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def sample_targets(archive: str, base: str, count: int, rng: random.Random) -> tuple[list[str], list[str]]:
    store = open_store(archive, create=False)
    ids = [row["id"] for row in store.rows("SELECT id FROM documents ORDER BY id", ())]
    titles = [row["title"] for row in store.rows("SELECT title FROM documents WHERE title IS NOT NULL LIMIT 5000", ())]
    periodicals = [p.name for p in browse.periodicals(store.rows)]
    store.close()
    with httpx.Client(base_url=base) as client:
        articles = []
        for document_id in rng.sample(ids, min(count, len(ids))):
            found = client.get(permalinks.document_path(document_id), follow_redirects=False)
            articles.append(found.headers.get("location") or permalinks.document_path(document_id))
    words = [word for title in titles for word in title.split() if len(word) > 4 and word.isalpha()]
    searches = []
    for number in range(count):
        query = " ".join(rng.sample(words, rng.randint(1, 2)))
        if number % 3 == 1:
            query += f' periodical:"{rng.choice(periodicals)}"'
        elif number % 3 == 2:
            start = rng.randint(1920, 1980)
            query += f" year:{start}..{start + 5}"
        searches.append(f"/search?{httpx.QueryParams({'q': query})}")
    return articles, searches


async def closed_loop(base: str, paths: list[str], seconds: float, concurrency: int) -> list[float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker(offset: int) -> None:
            position = offset
            while time.monotonic() < stop:
                start = time.perf_counter()
                response = await client.get(paths[position % len(paths)])
                latencies.append(time.perf_counter() - start)
                if response.status_code >= 500:
                    raise SystemExit(f"{paths[position % len(paths)]}: {response.status_code}")
                position += concurrency

        await asyncio.gather(*(worker(offset) for offset in range(concurrency)))
    return latencies


def report(name: str, latencies: list[float], seconds: float, baseline: Callable[[], float] | None = None) -> float:
    rate = len(latencies) / seconds
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * (len(ordered) - 1)))]
    ratio = f"   {baseline() / rate:5.1f}x the static file's time per request" if baseline else ""
    print(f"{name:22} {rate:8.1f} req/s   median {1000 * statistics.median(latencies):7.1f} ms   p99 {1000 * p99:7.1f} ms{ratio}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", help="a SQLite file or a PostgreSQL URL")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.archive, port)
    try:
        articles, searches = sample_targets(args.archive, base, 300, random.Random(args.seed))
        documents = open_store(args.archive, create=False)
        print(f"{display_name(args.archive)}: {documents.count_documents()} documents; {args.concurrency} clients,"
              f" {args.seconds:.0f} s per kind")
        documents.close()
        static = asyncio.run(closed_loop(base, ["/static/style.css"], args.seconds, args.concurrency))
        static_rate = report("static file (baseline)", static, args.seconds)
        for name, paths in (("article pages", articles), ("search pages", searches)):
            latencies = asyncio.run(closed_loop(base, paths, args.seconds, args.concurrency))
            report(name, latencies, args.seconds, baseline=lambda: static_rate)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
