"""Draws charts and writes their files, on every core available.

A chart job is (file name stem, function drawing the figure), so that each
figure is drawn in the process that saves it: a default run draws some 450
charts. The jobs go to the processes of a pool as arguments of the work they
do, one at a time to each process that is free.
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
                 processes=None) -> list:
    """Draws each (stem, function drawing the figure) of jobs and saves it in
    each of the formats under out_dir, in `processes` processes at once (by
    default one per core this process may run on), each taking the next
    chart when done with one.

    Returns:
      The paths written, in the order of jobs.

    Raises:
      InputError: when a file cannot be written.
    """
    jobs = list(jobs)
    processes = min(processes or len(os.sched_getaffinity(0)), len(jobs))
    write = functools.partial(_write_job, out_dir, formats)
    if processes <= 1:
        written = [write(job) for job in jobs]
    else:
        # Its processes start with the stop signals held, and end at one
        # (_end_at_stop_signals); this process then stops the pool.
        pool = None
        try:
            with interruption.held() as mask:
                pool = multiprocessing.get_context("fork").Pool(
                    processes, initializer=_end_at_stop_signals,
                    initargs=(mask,))
            written = pool.map(write, jobs, chunksize=1)
        finally:
            if pool is not None:
                pool.terminate()
    return [path for paths in written for path in paths]


def _end_at_stop_signals(mask) -> None:
    """Makes a process of the pool end at a stop signal, then sets the
    signal mask of before the pool started. A file being written is put in
    place or removed first (atomic_file)."""
    for number in interruption.STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _write_job(out_dir: str, formats, job) -> list:
    """Draws one (stem, draw) job and saves it in each of the formats under
    out_dir; returns the paths."""
    stem, draw = job
    fig = figure.draw_in_style(draw)
    paths = []
    for file_format in formats:
        path = os.path.join(out_dir, f"{stem}.{file_format}")
        try:
            atomic_file.write_atomically(
                pathlib.Path(path), figure.file_content(fig, file_format))
        except OSError as error:
            raise InputError(
                f"cannot write {path}: {error.strerror}; choose a "
                "writable --out directory") from None
        paths.append(path)
    return paths
