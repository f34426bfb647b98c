"""A throwaway PostgreSQL server for the benchmarks: its own data folder and port, created with
initdb, stopped and deleted afterwards; the fault bench restarts it. Needs PostgreSQL's server
binaries (Debian: postgresql); as root, the server runs as the `postgres` user."""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_binaries():
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    found = versions[-1] if versions else shutil.which("pg_ctl")
    if not found:
        raise SystemExit("PostgreSQL's server is not installed (sudo apt-get install postgresql)")
    return Path(found).resolve().parent


class ThrowawayPostgres:
    def __init__(self):
        self.bin = server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="tamkeen-bench-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://tamkeen@127.0.0.1:{self.port}/tamkeen"

    def _run(self, *command):
        subprocess.run([*self.as_user, *command], check=True, stdout=subprocess.DEVNULL)

    def pg_ctl(self, action, *extra):
        self._run(
            str(self.bin / "pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            *extra,
        )

    def start(self):
        if not self.data.exists():
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "tamkeen", "-A", "trust"
            )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.pg_ctl("start", "-o", options + " -c max_connections=200")
        if not getattr(self, "created", False):
            self._run(
                str(self.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "tamkeen",
                "tamkeen",
            )
            self.created = True
        return self

    def stop(self, mode="fast"):
        self.pg_ctl("stop", "-m", mode)

    def restart(self):
        """What an operator's restart does: every connection is cut."""
        self.stop()
        self.start()

    def delete(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.delete()
            raise

    def __exit__(self, *exc):
        self.delete()
