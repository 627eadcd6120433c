"""Runs a script as the tests of scripts/ do, and checks that it left
nothing behind (docs/development.md):

  - no process of its session: it runs in a session of its own, which its
    children stay in, also those in process groups of their own; a
    listening socket lives only as long as a process that holds it;
  - nothing in the private $TMPDIR it gets;
  - nothing new in /dev/shm;
  - nothing hidden (a scratch folder of scripts/run, the temporary file of
    an atomic write) under the folders it writes to.

What is left is killed, so that a failed check leaves nothing either.
"""

import contextlib
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

SHM = pathlib.Path("/dev/shm")
# OpenMP's runtime leaves one of these for each process that loads it and is
# killed. No script here loads it, nor does the fake bench; other programs
# on a shared machine do, at any time.
_OTHERS_IN_SHM = ("__KMP_REGISTERED_LIB_",)
# Bounds on waiting, not measurements: for a script to end, and for the
# processes that a signal ended to be reaped.
_SCRIPT_ENDS_WITHIN_S = 900
_REAPED_WITHIN_S = 30
_ZOMBIE = "Z"


class Watched:
    """A script started in a session of its own, with a private $TMPDIR."""

    def __init__(self, argv: list, *, cwd=None, env=None, outputs=()):
        """Starts argv.

        Args:
          argv: the script and its arguments.
          cwd: where it runs.
          env: its environment (default: this process's), $TMPDIR aside.
          outputs: the folders it writes to, which must have nothing hidden
            in them at the end.
        """
        self.tmpdir = pathlib.Path(tempfile.mkdtemp(prefix="leftovers-"))
        self.outputs = [pathlib.Path(folder) for folder in outputs]
        self._shm = _shm_names()
        self.process = subprocess.Popen(
            [str(argument) for argument in argv], cwd=cwd,
            env={**(os.environ if env is None else env),
                 "TMPDIR": str(self.tmpdir)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)

    def signal_session(self, number: int) -> None:
        """Sends the signal to every process of the script's session at
        once, as when each gets it from elsewhere (a terminal, timeout, a
        shutdown), not only from the script."""
        for pid in session_processes(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)

    def finish(self, within_s: float = _SCRIPT_ENDS_WITHIN_S
               ) -> subprocess.CompletedProcess:
        """Waits for the script (at most within_s seconds; then it counts as
        hung and is killed), checks that it left nothing and returns how it
        ended."""
        try:
            self.process.wait(timeout=within_s)
        except subprocess.TimeoutExpired:
            pass
        running = self.process.poll() is None
        left = _wait_for_session_to_end(self.process.pid)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        stdout, stderr = self.process.communicate()
        problems = []
        if running:
            problems.append(f"it did not end within {within_s} s")
        if left:
            problems.append(f"processes left: {left}")
        in_tmpdir = sorted(str(path.relative_to(self.tmpdir))
                           for path in self.tmpdir.rglob("*"))
        if in_tmpdir:
            problems.append(f"left in $TMPDIR: {in_tmpdir}")
        new_in_shm = sorted(name for name in _shm_names() - self._shm
                            if not name.startswith(_OTHERS_IN_SHM))
        if new_in_shm:
            problems.append(f"new in /dev/shm: {new_in_shm}")
        hidden = sorted(str(path) for folder in self.outputs
                        for path in folder.rglob(".*"))
        if hidden:
            problems.append(f"hidden files or folders left: {hidden}")
        shutil.rmtree(self.tmpdir)
        assert not problems, (f"{self.process.args[0]} left something: "
                              f"{'; '.join(problems)}; stderr: {stderr}")
        return subprocess.CompletedProcess(self.process.args,
                                           self.process.returncode, stdout,
                                           stderr)


def run(argv: list, **options) -> subprocess.CompletedProcess:
    """Runs a script to its end (Watched's arguments) and checks that it
    left nothing."""
    return Watched(argv, **options).finish()


def finish_together(started: list) -> list:
    """Waits for scripts started at once (Watched) to end, then checks each
    (Watched.finish) and returns how they ended: each one's hidden files
    count as left only once none is still writing them."""
    for watched in started:
        watched.process.wait()
    return [watched.finish() for watched in started]


def session_processes(session: int) -> dict:
    """pid -> command line of the live processes (zombies aside) of a
    session."""
    found = {}
    # Listed by name and read one by one: a glob of /proc/*/stat fails when
    # a process ends while it looks inside its folder.
    for pid in filter(str.isdigit, os.listdir("/proc")):
        stat = pathlib.Path("/proc", pid, "stat")
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # Ended meanwhile.
        state, session_id = fields[0], int(fields[3])
        if session_id == session and state != _ZOMBIE:
            found[int(stat.parent.name)] = command.replace(
                b"\0", b" ").decode(errors="replace").strip()
    return found


def listening_ports() -> set:
    """The TCP ports that something on this machine listens on."""
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A":  # TCP_LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def _wait_for_session_to_end(session: int) -> dict:
    """The processes of the session still there after a bounded wait."""
    deadline = time.monotonic() + _REAPED_WITHIN_S
    left = session_processes(session)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = session_processes(session)
    return left


def _shm_names() -> set:
    return set(os.listdir(SHM))
