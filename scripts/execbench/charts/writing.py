"""Draws charts on every core available, and writes their files or hands
their bytes back.

A chart job (figure.Job) carries the function that draws its figure, so
that each figure is drawn in the process that saves it. The jobs go to the
processes of a pool as arguments of the work they do, one at a time to each
process that is free.
"""

import functools
import multiprocessing
import os
import pathlib
import signal

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
    one per core this process may run on), in the order of jobs."""
    jobs = list(jobs)
    processes = min(processes or len(os.sched_getaffinity(0)), len(jobs))
    if processes <= 1:
        return [work(job) for job in jobs]
    # Its processes start with the stop signals held, and end at one
    # (_end_at_stop_signals); this process then stops the pool.
    pool = None
    try:
        with interruption.held() as mask:
            pool = multiprocessing.get_context("fork").Pool(
                processes, initializer=_end_at_stop_signals, initargs=(mask,))
        return pool.map(work, jobs, chunksize=1)
    finally:
        if pool is not None:
            pool.terminate()


def _end_at_stop_signals(mask) -> None:
    """Makes a process of the pool end at a stop signal, then sets the
    signal mask of before the pool started. A file being written is put in
    place or removed first (atomic_file)."""
    for number in interruption.STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


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
