"""Shared by benchmarks that need a running server: a fresh PostgreSQL database and gunicorn on loopback."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("ANJU_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def postgres_available() -> str | None:
    """None when PostgreSQL answers, otherwise the reason it cannot be used."""
    try:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: skip, saying why
        return f"PostgreSQL not reachable at {PG}: {exc.__class__.__name__}"


@contextlib.contextmanager
def fresh_database(prefix: str):
    import psycopg

    name = f"{prefix}_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG}/{name}"
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Server(str):
    """The server's base URL (a str, as before), knowing its process tree, so a benchmark can read the CPU the
    server used: CPU per request does not depend on how busy the shared machine is, unlike requests per second."""

    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers so far."""
        pids = [self.pid]
        with contextlib.suppress(OSError):
            pids += [int(p) for p in Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()]
        return cpu_seconds(pids)


def cpu_seconds(pids) -> float:
    """User + system CPU of these processes so far (those already gone count nothing). Unlike requests or events
    per second, CPU per request or event hardly depends on what else the shared machine is doing."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int = 2, threads: int = 4):
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "anju.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = Server(f"http://127.0.0.1:{port}")
    base.pid = process.pid
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start: {process.stderr.read().decode()[-500:]}")
        yield base
    finally:
        process.terminate()  # graceful: workers finish their requests and seal what they left pending
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
