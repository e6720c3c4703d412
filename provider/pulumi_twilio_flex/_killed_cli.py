"""What a killed `pulumi` CLI leaves behind besides its stack: provider processes still at work, and the lock.

`kill -9` of the CLI alone does not reach the dynamic provider it started: `pulumi-resource-pulumi-python` (a
shell script) runs `python -u -m pulumi.dynamic` in the program's directory, and that server goes on with the
requests its worker threads hold (a create in flight, or in its retry waits, for up to `twilio:retryTimeout`),
then waits forever for an engine that is gone. Recovery must not read the account before they are done, or a
create that lands afterwards becomes an orphan. So it finds those processes and lets them finish:

- a provider of this project is a process whose command line runs `-m pulumi.dynamic` and whose working
  directory is the project's (the engine starts every plugin there);
- it is left over when no `pulumi` process is among its ancestors (a running CLI's providers are its
  descendants; a killed CLI's are handed to init);
- it is drained with SIGINT: the server stops taking calls, and Python exits only once the worker threads have
  returned, so its exit means its last request is answered. Recovery waits for that, up to a bound.

The working directory names the project, not the stack: two stacks of one project in one directory share it, so
recovery may wait for the leftovers of the other stack's killed run too, which is merely slower.

The lock: a file backend (`file://`) keeps it as a JSON file per holder, with the CLI's pid and host. A lock
whose pid is dead on this host is stale; one held from another host (a CI runner that is gone) cannot be
checked from here and counts as stale only when the caller vouches that no other deploy of the stack can run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
SIGINT_BIT = 1 << (signal.SIGINT - 1)


def leftover_providers(project_dir: Path, proc: Path = PROC) -> list[int]:
    """Pids of this project's dynamic providers that no running `pulumi` CLI owns any more."""
    project = project_dir.resolve()
    found = []
    for entry in proc.iterdir() if proc.is_dir() else ():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if not _runs_module(argv, b"pulumi.dynamic") or Path(os.readlink(entry / "cwd")) != project:
                continue
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if not _owned_by_pulumi(pid, proc):
            found.append(pid)
    return sorted(found)


def drain(pids: Iterable[int], timeout: float, clock: Callable[[], float] = time.monotonic) -> list[int]:
    """SIGINT each provider and wait until they have all exited; the pids still alive after `timeout` seconds.

    A process that ignores SIGINT (started by a shell in the background) is not signalled, only waited for.
    """
    pids = list(pids)
    for pid in pids:
        if not _ignores_sigint(pid):
            try:
                os.kill(pid, signal.SIGINT)
            except ProcessLookupError:
                pass
    deadline = clock() + timeout
    alive = [pid for pid in pids if _alive(pid)]
    while alive and clock() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if _alive(pid)]
    return alive


@dataclass(frozen=True)
class LockHolder:
    """Who holds a stack's lock, as far as the backend says: a file backend records the CLI's pid and host."""

    pid: int | None = None
    host: str | None = None

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}" if self.pid is not None else "an update in progress"

    def stale(self, sole_deployer: bool) -> bool:
        """True when no CLI can still be working under this lock."""
        if self.pid is not None and self.host == socket.gethostname():
            return not _alive(self.pid) or _name(self.pid) not in ("pulumi", None)  # a reused pid is not the CLI
        return sole_deployer


def file_backend_locks(backend_url: str, qualified_stack: str) -> list[LockHolder]:
    """The holders of a stack's lock on a `file://` backend (`.pulumi/locks/<org>/<project>/<stack>/*.json`)."""
    lock_dir = file_backend_root(backend_url) / ".pulumi" / "locks" / qualified_stack
    holders = []
    for path in sorted(lock_dir.glob("*.json")):
        try:
            content = json.loads(path.read_text() or "{}")
        except (OSError, ValueError):
            content = {}
        pid = content.get("pid")
        holders.append(LockHolder(pid if isinstance(pid, int) else None, content.get("hostname")))
    return holders


def remove_truncated_checkpoint_attrs(backend_url: str, qualified_stack: str) -> list[Path]:
    """Delete the empty `<stack>.json*.attrs` a kill can leave beside a file backend's checkpoint.

    The backend writes a blob's metadata in a second, non-atomic write; an empty one makes every command fail
    with `failed to load checkpoint: EOF`. Call only when no CLI holds the stack.
    """
    org_project, _, stack = qualified_stack.rpartition("/")
    project = org_project.rpartition("/")[2]
    stacks_dir = file_backend_root(backend_url) / ".pulumi" / "stacks"
    candidates = list((stacks_dir / project).glob(f"{stack}.json*.attrs")) + list(
        stacks_dir.glob(f"{stack}.json*.attrs")
    )
    empty = [path for path in candidates if path.stat().st_size == 0]
    for path in empty:
        path.unlink()
    return empty


def file_backend_root(backend_url: str) -> Path:
    path = backend_url.removeprefix("file://").split("?")[0]
    return Path(os.path.expanduser(path or "~"))


def _runs_module(argv: list[bytes], module: bytes) -> bool:
    return any(arg == b"-m" and nxt == module for arg, nxt in zip(argv, argv[1:], strict=False))


def _owned_by_pulumi(pid: int, proc: Path) -> bool:
    seen = set()
    while pid > 1 and pid not in seen:
        seen.add(pid)
        try:
            stat = (proc / str(pid) / "stat").read_text()
        except OSError:
            return False
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        if name == "pulumi" and rest[0] != "Z":
            return True
        pid = int(rest[1])
    return False


def _name(pid: int) -> str | None:
    try:
        return (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return None


def _ignores_sigint(pid: int) -> bool:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & SIGINT_BIT)
    except OSError:
        pass
    return False


def _alive(pid: int) -> bool:
    if not PROC.is_dir():  # no procfs: only whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        state = (PROC / str(pid) / "stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return state[state.rindex(")") + 2] != "Z"  # a zombie has exited; its parent just has not reaped it
