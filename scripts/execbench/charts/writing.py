"""Draws charts on every core available, and writes their files or hands
their bytes back.

A chart job (figure.Job) carries the function that draws its figure, so
that each figure is drawn in the process that saves it. The jobs go to the
processes that draw them, one at a time to each process that is free.
"""

import contextlib
import functools
import multiprocessing
import multiprocessing.connection
import os
import pathlib
import signal
import traceback

from execbench import atomic_file
from execbench import interruption
from execbench.charts import figure
from execbench.inputs.bench_json import InputError

DEFAULT_FORMATS = ("png",)


def write_charts(jobs, out_dir: str, formats=DEFAULT_FORMATS,
                 processes=None, size: str = figure.DEFAULT_SIZE) -> list:
    """Draws each figure.Job of jobs at the size (figure.SIZES) and saves
    it in each of the formats under out_dir, then its caption (when it has
    one) as NAME.caption.txt, in `processes` processes at once (by default
    one per core this process may run on).

    Returns:
      The paths written, in the order of jobs.

    Raises:
      InputError: when a file cannot be written.
    """
    written = _map(functools.partial(_write_job, out_dir, formats, size),
                   jobs, processes)
    return [path for paths in written for path in paths]


def render_charts(jobs, dpi: int = figure.PNG_DPI, processes=None,
                  size: str = figure.DEFAULT_SIZE) -> list:
    """The PNG bytes of each figure.Job of jobs, drawn at the size and dpi,
    in the order of jobs, drawn as write_charts draws them."""
    return _map(functools.partial(_render_job, dpi, size), jobs, processes)


def _map(work, jobs, processes) -> list:
    """work(job) for each job, in as many processes as asked (by default
    one per core this process may run on), in the order of jobs.

    Raises:
      InputError: as work does, or when a process drawing ends early.
    """
    jobs = list(jobs)
    processes = min(processes or len(os.sched_getaffinity(0)), len(jobs))
    if processes <= 1:
        return [work(job) for job in jobs]
    return _Drawers(work, jobs, processes).results()


class _Drawers:
    """Forked processes that each take a job's index through a pipe of its
    own, run work on it and send back what it returned (or raised).

    Each has its own pipe, with no lock shared between processes, so that a
    process that ends at a stop signal, or is killed, cannot leave one held
    and hang the others, as multiprocessing.Pool's shared task queue can.
    They start with the stop signals held, and end at one (their default
    action); a file being written is put in place or removed first
    (atomic_file). This process then ends them and reaps them.
    """

    def __init__(self, work, jobs: list, processes: int):
        self._work, self._jobs = work, jobs
        self._pipes = {}  # pid -> this process's end of its pipe
        with interruption.held() as mask:
            try:
                for _ in range(processes):
                    ours, theirs = multiprocessing.Pipe()
                    pid = os.fork()
                    if pid == 0:
                        self._serve(theirs, mask)
                    theirs.close()
                    self._pipes[pid] = ours
            except OSError:
                self._stop(end_busy=True)
                raise

    def _serve(self, pipe, mask) -> None:
        """Runs the jobs it is sent until told to stop; never returns. An
        InputError goes back to the program; another exception is a defect,
        whose traceback it prints before it ends."""
        code = 1
        try:
            for ours in self._pipes.values():
                ours.close()
            for number in interruption.STOP_SIGNALS:
                signal.signal(number, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            while (index := pipe.recv()) is not None:
                try:
                    pipe.send((index, None, self._work(self._jobs[index])))
                except InputError as error:
                    pipe.send((index, error, None))
            code = 0
        except EOFError:
            code = 0  # The program ended first.
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)

    def results(self) -> list:
        """What work returned for each job, in the order of jobs."""
        done = [None] * len(self._jobs)
        waiting = list(range(len(self._jobs)))[::-1]
        busy = {}  # this process's end of a pipe -> the drawer's pid
        try:
            for pid, pipe in self._pipes.items():
                pipe.send(waiting.pop())
                busy[pipe] = pid
            while busy:
                for pipe in multiprocessing.connection.wait(list(busy)):
                    pid = busy.pop(pipe)
                    try:
                        index, error, value = pipe.recv()
                    except EOFError:
                        raise InputError(
                            "a process drawing charts ended early: "
                            f"{_how_it_ended(pid)}") from None
                    if error is not None:
                        raise error
                    done[index] = value
                    if waiting:
                        pipe.send(waiting.pop())
                        busy[pipe] = pid
        except BaseException:
            self._stop(end_busy=True)
            raise
        self._stop(end_busy=False)
        return done

    def _stop(self, end_busy: bool) -> None:
        """Tells the drawers to stop (ending busy ones at once if asked)
        and reaps them all."""
        for pid, pipe in self._pipes.items():
            with contextlib.suppress(OSError):  # It ended already.
                pipe.send(None)
            if end_busy:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):  # Reaped already.
                os.waitpid(pid, 0)
            pipe.close()


def _how_it_ended(pid: int) -> str:
    """How the drawer `pid`, whose pipe has closed, ended: a drawer closes
    its pipe only by ending, so it is waited for and reaped here."""
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.WEXITSTATUS(status)} (its error is above)"


def _render_job(dpi: int, size: str, job: figure.Job) -> bytes:
    return figure.file_content(figure.draw_in_style(job.draw, size), "png",
                               dpi)


def _write_job(out_dir: str, formats, size: str, job: figure.Job) -> list:
    """Draws one job at the size and saves it in each of the formats, then
    its caption, under out_dir; returns the paths."""
    fig = figure.draw_in_style(job.draw, size)
    files = [(f"{job.stem}.{file_format}",
              functools.partial(figure.file_content, fig, file_format))
             for file_format in formats]
    if job.caption:
        files.append((job.stem + figure.CAPTION_SUFFIX,
                      functools.partial(str.encode, job.caption, "utf-8")))
    paths = []
    for name, content in files:
        path = os.path.join(out_dir, name)
        try:
            atomic_file.write_atomically(pathlib.Path(path), content())
        except OSError as error:
            raise InputError(
                f"cannot write {path}: {error.strerror}; choose a "
                "writable --out directory") from None
        paths.append(path)
    return paths
