"""The study's task functions, in Python, run by the Py* workloads.

The C++ workloads (workloads/py_*.cc) call these functions on an interpreter
embedded in bench: one interpreter per process, shared by the threads of
in-process executors (each takes the GIL per task), one per worker process
under Processes. Each function is the study's own call; it returns what the
call produced, from which the C++ side makes the task's checksum. Optional
modules (NumPy, Pillow) are imported by the workload before its first task,
so that a missing one is a skip with its reason, not a failed task.
"""

import importlib
import urllib.request


def cpu_task(n):
    """The study's CPU heavy task: pure Python additions."""
    count = 0
    for i in range(n):
        count += i
    return count


def api_task(url, timeout_s):
    """The study's API call: one GET with urllib, reading the whole body."""
    with urllib.request.urlopen(url, timeout=timeout_s) as response:
        return response.read()


def io_task(path, text):
    """The study's I/O heavy task: writes a text to a file; its length."""
    with open(path, "w", encoding="ascii") as file:
        return file.write(text)


def dot_inputs(module, n, seed):
    """Two n x n float64 matrices of integers from -8 to 8.

    Integer entries keep every product exact, so that the result is the same
    bits whatever BLAS's threads and blocking, as in workloads/matrices/.
    """
    numpy = importlib.import_module(module)
    random = numpy.random.default_rng(seed)
    return tuple(random.integers(-8, 9, size=(n, n)).astype(numpy.float64)
                 for _ in range(2))


def dot_task(a, b):
    """The study's NumPy dot task."""
    return a.dot(b)


def image_task(module, path, size):
    """The study's image task: opens a JPEG and resizes it with Pillow.

    Image.resize's default filter for RGB images is bicubic, as the study's
    call used it. Returns the resized pixels.
    """
    image_module = importlib.import_module(module + ".Image")
    with image_module.open(path) as image:
        return image.resize((size, size)).tobytes()
