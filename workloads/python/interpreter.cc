// The embedded interpreter: its start, the study's module, and Python errors
// as statuses.
//
// The module's source is compiled into the binary (see
// workloads/CMakeLists.txt) rather than read from the source tree at run
// time: the Python a bench binary runs is then the one it was built with, as
// its C++ is, even if the source tree has changed or moved since, and no
// folder of the repository goes on sys.path. Tracebacks still name the file
// as workloads/python/study_tasks.py.

#include "workloads/python/interpreter.h"

#include <pthread.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace execbench {

// Defined in the source file that workloads/CMakeLists.txt generates from
// study_tasks.py.
extern const char kStudyTasksSource[];

namespace {

constexpr char kStudyModule[] = "study_tasks";
constexpr char kStudyModulePath[] = "workloads/python/study_tasks.py";

// The study's module, once imported; a reference held for the process's
// life.
PyObject* study_module = nullptr;

absl::Status ConfigError(absl::string_view step, const PyStatus& status) {
  return absl::InternalError(absl::StrCat(
      "Python: ", step, ": ", status.err_msg ? status.err_msg : "failed"));
}

// Runs the module's source as the module "study_tasks" (the GIL held).
absl::Status ImportStudyModule() {
  PyRef code(
      Py_CompileString(kStudyTasksSource, kStudyModulePath, Py_file_input));
  if (code.get() == nullptr) {
    return PythonErrorStatus("Python: cannot compile the study's module");
  }
  study_module =
      PyImport_ExecCodeModuleEx(kStudyModule, code.get(), kStudyModulePath);
  if (study_module == nullptr) {
    return PythonErrorStatus("Python: cannot import the study's module");
  }
  return absl::OkStatus();
}

// What the thread that forks held before taking the GIL for the fork.
PyGILState_STATE gil_before_fork;

// The interpreter survives fork(), as os.fork() makes it: the forking thread
// holds the GIL across it, and the child resets the interpreter's locks and
// threads (PyOS_AfterFork_Child) before it releases the GIL.
void TakeGilBeforeFork() {
  gil_before_fork = PyGILState_Ensure();
  PyOS_BeforeFork();
}
void ReleaseGilInParent() {
  PyOS_AfterFork_Parent();
  PyGILState_Release(gil_before_fork);
}
void ReleaseGilInChild() {
  PyOS_AfterFork_Child();
  PyGILState_Release(gil_before_fork);
}

absl::Status Start() {
  PyPreConfig preconfig;
  PyPreConfig_InitIsolatedConfig(&preconfig);
#if defined(__SANITIZE_ADDRESS__)
  // pymalloc keeps objects in mmap'd arenas, which LeakSanitizer does not
  // scan, so what only they point to would be reported as leaked at exit.
  preconfig.allocator = PYMEM_ALLOCATOR_MALLOC;
#endif
  if (PyStatus status = Py_PreInitialize(&preconfig);
      PyStatus_Exception(status)) {
    return ConfigError("pre-initialisation", status);
  }
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  // Every process hashes str alike (PYTHONHASHSEED=0), so that a set's
  // order, and so a result's pickled bytes, are the same in all.
  config.use_hash_seed = 1;
  config.hash_seed = 0;
  PyStatus status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) return ConfigError("start", status);
  // This thread holds the GIL until it saves its thread state.
  absl::Status imported = ImportStudyModule();
  PyEval_SaveThread();
  pthread_atfork(TakeGilBeforeFork, ReleaseGilInParent, ReleaseGilInChild);
  return imported;
}

// The last line of the traceback of (type, value), without its newline.
std::string LastTracebackLine(PyObject* type, PyObject* value) {
  PyRef traceback(PyImport_ImportModule("traceback"));
  PyRef lines(traceback.get() == nullptr
                  ? nullptr
                  : PyObject_CallMethod(traceback.get(),
                                        "format_exception_only", "OO", type,
                                        value ? value : Py_None));
  if (lines.get() != nullptr && PyList_Check(lines.get()) &&
      PyList_Size(lines.get()) > 0) {
    const char* line = PyUnicode_AsUTF8(
        PyList_GetItem(lines.get(), PyList_Size(lines.get()) - 1));
    if (line != nullptr) {
      return std::string(absl::StripTrailingAsciiWhitespace(line));
    }
  }
  PyErr_Clear();
  return PyExceptionClass_Check(type) ? PyExceptionClass_Name(type)
                                      : "an unknown Python error";
}

}  // namespace

absl::Status StartInterpreter() {
  static const absl::Status* const started = new absl::Status(Start());
  return *started;
}

std::string PythonVersion() {
  const absl::string_view version = Py_GetVersion();
  return std::string(version.substr(0, version.find(' ')));
}

PyRef& PyRef::operator=(PyRef&& other) noexcept {
  std::swap(object_, other.object_);
  return *this;
}

PyRef::~PyRef() {
  if (object_ == nullptr) return;
  Gil gil;
  Py_DECREF(object_);
}

absl::Status PythonErrorStatus(absl::string_view context) {
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  PyObject* traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  if (type == nullptr) {
    return absl::UnknownError(
        absl::StrCat(context, ": failed without a Python exception"));
  }
  PyErr_NormalizeException(&type, &value, &traceback);
  PyRef owned_type(type), owned_value(value), owned_traceback(traceback);
  return absl::UnknownError(
      absl::StrCat(context, ": ", LastTracebackLine(type, value)));
}

absl::Status ImportOptionalModule(const std::string& module,
                                  absl::string_view remedy) {
  PyRef imported(PyImport_ImportModule(module.c_str()));
  if (imported.get() != nullptr) return absl::OkStatus();
  if (!PyErr_ExceptionMatches(PyExc_ImportError)) {
    return PythonErrorStatus(
        absl::StrCat("Python: importing ", module, " failed"));
  }
  const absl::Status reason = PythonErrorStatus("import");
  return absl::UnavailableError(absl::StrCat(
      "Python module ", module, " cannot be imported here (",
      absl::StripPrefix(reason.message(), "import: "), "); ", remedy));
}

absl::StatusOr<PyRef> CallStudyTask(const char* function, PyObject* args) {
  const std::string context = absl::StrCat("study_tasks.", function);
  PyRef owned_args(args);
  if (args == nullptr) return PythonErrorStatus(context);
  PyRef callable(PyObject_GetAttrString(study_module, function));
  if (callable.get() == nullptr) return PythonErrorStatus(context);
  PyRef result(PyObject_CallObject(callable.get(), args));
  if (result.get() == nullptr) return PythonErrorStatus(context);
  return result;
}

}  // namespace execbench
