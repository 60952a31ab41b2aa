"""A throwaway Neo4j for fault tests: its own name, free ports and data, stopped and killed at will.

The suite's shared Neo4j (env `NEO4J_URI`) is never touched here; each
`ThrowawayNeo4j` is a separate `scripts/neo4j-local` instance whose state
directory is deleted when the tests are done.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "neo4j-local"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayNeo4j:
    """`start()`, `kill()` (SIGKILL: a crash, not a clean shutdown), `freeze()`/`thaw()` (SIGSTOP/SIGCONT),
    `stop()` and `remove()`."""

    def __init__(self, name: str, bolt_port: int | None = None, http_port: int | None = None) -> None:
        self.name = name
        self.bolt_port = bolt_port or free_port()
        self.http_port = http_port or free_port()
        self.home = ROOT / ".state" / "neo4j" / name
        self.starts: list[float] = []  # seconds each start took

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def env(self) -> dict[str, str]:
        # C1 only, as scripts/test does: a quicker start on 2 cores, and these tests run small queries
        return {**os.environ, "NEO4J_LOCAL_NAME": self.name, "NEO4J_BOLT_PORT": str(self.bolt_port),
                "NEO4J_HTTP_PORT": str(self.http_port), "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "64m",
                "NEO4J_JAVA_OPTS": os.environ.get("NEO4J_JAVA_OPTS", "-XX:TieredStopAtLevel=1")}

    def _script(self, command: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(SCRIPT), command], env=self.env(), capture_output=True, text=True, check=False,
                              timeout=timeout, cwd=ROOT)

    def start(self) -> None:
        began = time.monotonic()
        done = self._script("start")
        if done.returncode != 0:
            raise RuntimeError(f"throwaway Neo4j '{self.name}' did not start:\n{done.stdout}\n{done.stderr}")
        self.starts.append(time.monotonic() - began)

    def pid(self) -> int | None:
        """The server's pid when it runs (checked to be our java, as the script does)."""
        try:
            pid = int((self.home / "run" / "neo4j.pid").read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            return None
        return pid if f"--config-dir={self.home / 'conf'}" in cmdline else None

    def is_running(self) -> bool:
        return self.pid() is not None

    def kill(self) -> None:
        """SIGKILL the server (no clean shutdown) and wait until the process and its port are gone."""
        pid = self.pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while Path(f"/proc/{pid}").exists() and _state(pid) != "Z":
            if time.monotonic() > deadline:
                raise RuntimeError(f"Neo4j pid {pid} did not die after SIGKILL")
            time.sleep(0.05)
        (self.home / "run" / "neo4j.pid").unlink(missing_ok=True)
        while _port_open(self.bolt_port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"port {self.bolt_port} still open after Neo4j was killed")
            time.sleep(0.05)

    def freeze(self) -> None:
        """SIGSTOP the server: it keeps its sockets and accepts connections, and answers nothing."""
        pid = self.pid()
        assert pid is not None, f"throwaway Neo4j '{self.name}' is not running"
        os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT: the frozen server goes on where it stopped."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGCONT)

    def stop(self) -> None:
        self._script("stop", timeout=120)

    def remove(self) -> None:
        """Kill the instance (its data goes anyway, so no clean shutdown is needed) and delete its state."""
        try:
            self.kill()
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0
