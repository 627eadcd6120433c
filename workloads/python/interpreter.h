// The embedded CPython interpreter that the Py* workloads run the study's
// task functions on (workloads/python/study_tasks.py, compiled into the
// binary).
//
// One interpreter per process, started by the first StartInterpreter() call
// (a workload's Prepare(): in bench's own process for in-process executors,
// in each worker for process pools) and never finalised: a process's
// interpreter lives as long as the process. After starting it the starting
// thread releases the GIL; every call into Python then holds a Gil, as a
// Python thread must, so the threads of an in-process executor take turns.
//
// Process-pool workers are forked from a preloaded fork server
// (executors/fork_server.h) in which the workload's PrepareBeforeFork() has
// started the interpreter and imported its modules, and which starts no
// thread; a worker's StartInterpreter() then finds it started. The
// interpreter survives fork() as os.fork() makes it: handlers registered with
// pthread_atfork() hold the GIL across the fork and reset the interpreter's
// state in the child (PyOS_AfterFork_Child).
//
// str hashing is not randomised (PYTHONHASHSEED=0), so that every process
// iterates a set alike and pickles the same result to the same bytes.
//
// The interpreter is isolated from the environment (PYTHONPATH, PYTHONHOME,
// the pyenv on PATH, the user's site-packages), so that bench runs Debian's
// Python 3 with its dist-packages wherever it is started, and installs no
// signal handlers, so that Ctrl-C still reaches the suite's own handlers.

#ifndef EXECBENCH_WORKLOADS_PYTHON_INTERPRETER_H_
#define EXECBENCH_WORKLOADS_PYTHON_INTERPRETER_H_

#include <Python.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// Starts this process's interpreter and imports the study's module, once;
// later calls return the first call's result. Thread-safe.
absl::Status StartInterpreter();

// The version of the Python library bench is linked with ("3.11.2"), known
// without starting the interpreter.
std::string PythonVersion();

// Holds the GIL for its scope, from any thread (PyGILState_Ensure/Release).
// The interpreter must have started.
class Gil {
 public:
  Gil() : state_(PyGILState_Ensure()) {}
  Gil(const Gil&) = delete;
  Gil& operator=(const Gil&) = delete;
  ~Gil() { PyGILState_Release(state_); }

 private:
  const PyGILState_STATE state_;
};

// An owned reference to a Python object; its release takes the GIL if this
// thread does not hold it, so that a PyRef may be destroyed anywhere.
class PyRef {
 public:
  PyRef() = default;
  // Takes over a new reference (nullptr: none).
  explicit PyRef(PyObject* object) : object_(object) {}
  PyRef(PyRef&& other) noexcept : object_(other.object_) {
    other.object_ = nullptr;
  }
  PyRef& operator=(PyRef&& other) noexcept;
  ~PyRef();

  PyObject* get() const { return object_; }

 private:
  PyObject* object_ = nullptr;
};

// The error raised in this thread (the GIL held) as a status: `context`, then
// the last line of its traceback ("ValueError: ..."). Clears the error.
absl::Status PythonErrorStatus(absl::string_view context);

// Imports `module` (the GIL held). If it cannot be imported, an
// UnavailableError that names the module, Python's reason and `remedy`: a
// missing optional module is a skip, not a failure.
absl::Status ImportOptionalModule(const std::string& module,
                                  absl::string_view remedy);

// study_tasks.`function` called with `args` (a tuple, stolen; nullptr if
// building it failed), the GIL held. A Python exception becomes an error
// naming the function and the traceback's last line.
absl::StatusOr<PyRef> CallStudyTask(const char* function, PyObject* args);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PYTHON_INTERPRETER_H_
