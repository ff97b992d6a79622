"""A throwaway PostgreSQL server for the tests: a real one, from the machine's own packages, on loopback.

`PostgresServer.start()` runs initdb into a new temporary folder (as the `postgres` user
when the tests run as root: the server refuses to run as root), starts it listening only
on 127.0.0.1 on a free port with its socket in that folder, and `stop()` stops it and
removes the folder. Each test module or test asks `new_database()` for an empty database
of its own, copied from a template that already holds the archive's schema.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "hemeroteca"
TEMPLATE = "hemeroteca_template"


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin holding initdb, pg_ctl and postgres (Debian's layout), else PATH's."""
    candidates = sorted(
        (Path(path).parent for path in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
        reverse=True,
    )
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(os.path.realpath(initdb)).parent)
    for bindir in candidates:
        if all((bindir / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# For tests: nothing needs to survive a crash of the machine, and many small servers share it.
TEST_SETTINGS = {
    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "40", "shared_buffers": "32MB",
}


class PostgresServer:
    def __init__(self, bindir: Path, settings: dict[str, str] | None = None) -> None:
        self.bindir = bindir
        self.settings = TEST_SETTINGS if settings is None else settings
        self.password = secrets.token_hex(16)
        self.port = 0
        # In /tmp: short (the socket path must fit 107 bytes), and reachable by the postgres user when we are root.
        self.root = Path(tempfile.mkdtemp(prefix="hemeroteca-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._prefix: list[str] = []
        self._counter = 0
        if os.geteuid() == 0:  # initdb and postgres refuse root: run them as the postgres user
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                owner = pwd.getpwnam("nobody")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._prefix = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups", "--"]

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*self._prefix, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=self.root
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}): {result.stdout}{result.stderr}{log}")
        return result

    def start(self) -> PostgresServer:
        try:
            self._start()
        except BaseException:
            self.stop()  # no server or folder left behind by a start that failed half-way
            raise
        return self

    def _start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._prefix:
            os.chown(pwfile, self.root.stat().st_uid, self.root.stat().st_gid)
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        pwfile.unlink()
        for attempt in range(5):
            self.port = _free_port()
            options = f"-h 127.0.0.1 -p {self.port} -k {self.root} " + " ".join(
                f"-c {name}={value}" for name, value in self.settings.items()
            )
            try:
                self._run(str(self.bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", options)
                break
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(0.2)  # the port was taken between the probe and the start: another one
        self._make_template()

    def url(self, database: str) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(sql)

    def _make_template(self) -> None:
        """A database with the archive's schema (extensions, text search configurations, tables) to copy."""
        from hemeroteca.store.postgres import PostgresStore

        self._admin(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        PostgresStore(self.url(TEMPLATE)).close()

    def new_database(self, label: str = "test") -> str:
        """An empty archive of its own: a new database copied from the template; its URL."""
        self._counter += 1
        name = f"{''.join(c if c.isalnum() else '_' for c in label.lower())[:40]}_{self._counter}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
