"""How a script stops when it is told to: SIGINT (Ctrl-C), SIGTERM (kill,
timeout) or SIGHUP (a closed terminal).

A script that catches them (catch_stop_signals) gets an Interrupted
exception in its main thread at the first one, so that its `with` and
`finally` blocks remove what it had started to write; later ones raise
nothing, so that nothing interrupts that cleanup. Its children run in
process groups of their own (run_child), and every stop signal the script
gets is passed on to the whole group, so that a child's own children
(bench's fork servers) stop too; the script waits for the child to end
before it goes on. A file being put in place holds the signals back until
it is (held). command_line.run turns Interrupted into one line and exit
code 128 + the signal's number.
"""

import contextlib
import os
import signal
import subprocess
import time

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """A stop signal arrived. Like KeyboardInterrupt, it is no Exception,
    so that `except Exception` does not swallow it."""

    def __init__(self, signal_number: int):
        super().__init__(signal.Signals(signal_number).name)
        self.signal_number = signal_number

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a signal's end."""
        return 128 + self.signal_number


# How long a wait for a child blocks at most before Python looks for a
# stop signal: one that arrived just before the wait blocked would
# otherwise be seen only at the next signal.
_LOOK_FOR_SIGNALS_EVERY_S = 0.05
# How long a child ended by a stop signal waits for this process's own copy
# of it (_await_own_stop_signal): signals reach every process of a group at
# once, and a handler runs within a wait's step of its arrival.
_OWN_SIGNAL_GRACE_S = 0.5
# The stop signals that arrived, oldest first; the first raised Interrupted.
_received = []
# The children being waited for, which the stop signals are passed on to.
_children = []


def catch_stop_signals() -> None:
    """Makes the stop signals raise Interrupted in this process (once)."""
    for number in STOP_SIGNALS:
        signal.signal(number, _on_stop_signal)


def ignore_stop_signals() -> None:
    """Makes the stop signals do nothing in this process: its work is done,
    whole, and it exits with what it did."""
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)


def _on_stop_signal(number, _frame) -> None:
    _received.append(number)
    for child in _children:
        # Once waited for, its process group id may be another's.
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, number)
    if len(_received) == 1:
        raise Interrupted(number)


@contextlib.contextmanager
def held():
    """Holds the stop signals back while the block runs, so that it is done
    whole or not begun; they arrive when it ends. Yields the signal mask of
    before, which a child started in the block must be given back."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield previous
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_child(command: list, started=None, **options) -> int:
    """Runs a command in a process group of its own and returns its exit
    code (negative: the signal that ended it).

    The stop signals that arrive meanwhile go to the child's whole group;
    after the first, Interrupted is raised once the child has ended.

    Args:
      command: the program and its arguments.
      started: called with the subprocess.Popen once it runs (for its pid).
      options: more arguments of subprocess.Popen.

    Raises:
      OSError: when the command cannot be started.
      Interrupted: when a stop signal arrived while it ran, or with the one
        that ended it (a child ended by a stop signal sent to it alone is
        an end like any other: its code is returned).
    """
    child = None
    try:
        # Started and listed at once, so that every signal reaches it.
        with held() as mask:
            child = subprocess.Popen(
                command, process_group=0,
                preexec_fn=lambda: signal.pthread_sigmask(
                    signal.SIG_SETMASK, mask), **options)
            _children.append(child)
        if started is not None:
            started(child)
        code = _wait(child)
        if -code in STOP_SIGNALS and not _received:
            _await_own_stop_signal()
        return code
    finally:
        if child is not None:
            # After the first stop signal, the others no longer raise.
            child.wait()
            _children.remove(child)


def _await_own_stop_signal() -> None:
    """Waits a little, after a child was ended by a stop signal, for this
    process's own. A signal sent to the whole process group or session (a
    Ctrl-C, a CI job's timeout) can end the child before this process sees
    its copy, whose handler then raises Interrupted here: the job is being
    stopped. One that does not come was sent to the child alone, which
    has then ended like any failing child, and is reported as such."""
    deadline = time.monotonic() + _OWN_SIGNAL_GRACE_S
    while not _received and time.monotonic() < deadline:
        time.sleep(_LOOK_FOR_SIGNALS_EVERY_S)


def ended(code: int) -> str:
    """How a child with this exit code of run_child ended, for a message:
    "exited with code 3", "was killed by SIGTERM"."""
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


def _wait(child: subprocess.Popen) -> int:
    """child.wait(), returning to Python between short waits, so that a
    stop signal's handler runs however late before the wait it came."""
    while True:
        try:
            return child.wait(timeout=_LOOK_FOR_SIGNALS_EVERY_S)
        except subprocess.TimeoutExpired:
            continue
