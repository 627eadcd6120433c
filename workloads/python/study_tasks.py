"""The study's task functions, in Python, run by the Py* workloads.

The C++ workloads (workloads/py_*.cc) call these functions on an interpreter
embedded in bench: one interpreter per process, shared by the threads of
in-process executors (each takes the GIL per task), one per worker process
under Processes. Each function is the study's own call; it returns what the
call produced, from which the C++ side makes the task's checksum. Optional
modules (NumPy, Pillow) are imported by the workload before its first task,
so that a missing one is a skip with its reason, not a failed task.
"""

import http.client
import importlib
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request

# The deadline of the GET that api_task runs on this thread.
_get_deadline = threading.local()


def _seconds_left():
    """The time left to the GET's deadline; TimeoutError once it has passed."""
    left = _get_deadline.at - time.monotonic()
    if left <= 0:
        raise TimeoutError("the GET ran past its time limit")
    return left


class _DeadlineSocket(socket.socket):
    """A socket whose every read waits at most until the GET's deadline."""

    def recv_into(self, buffer, nbytes=0, flags=0):
        self.settimeout(_seconds_left())
        return super().recv_into(buffer, nbytes, flags)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """An SSL socket whose every read waits at most until the deadline."""

    def recv_into(self, buffer, nbytes=None, flags=0):
        self.settimeout(_seconds_left())
        return super().recv_into(buffer, nbytes, flags)


class _DeadlineHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection whose answer is read by a _DeadlineSocket."""

    def connect(self):
        super().connect()
        self.sock = _DeadlineSocket(fileno=self.sock.detach())


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_DeadlineHTTPConnection, req)


def _deadline_ssl_context():
    context = ssl.create_default_context()
    context.sslsocket_class = _DeadlineSSLSocket
    return context


# urllib as urlopen() uses it, but for sockets that keep to a deadline.
_DEADLINE_OPENER = urllib.request.build_opener(
    _DeadlineHTTPHandler,
    urllib.request.HTTPSHandler(context=_deadline_ssl_context()))


def cpu_task(n):
    """The study's CPU heavy task: pure Python additions."""
    count = 0
    for i in range(n):
        count += i
    return count


def api_task(url, timeout_s):
    """The study's API call: one GET with urllib, reading the whole body.

    urllib's timeout bounds each socket operation alone, so a server that
    sends a byte a second would hold the task forever: here `timeout_s`
    bounds the whole GET, every read waiting at most until its deadline.
    """
    _get_deadline.at = time.monotonic() + timeout_s
    try:
        with _DEADLINE_OPENER.open(url, timeout=timeout_s) as response:
            return response.read()
    except (TimeoutError, urllib.error.URLError) as error:
        if time.monotonic() < _get_deadline.at:
            raise
        raise TimeoutError(
            f"GET {url} took more than its time limit of {timeout_s:g} s"
        ) from error


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
