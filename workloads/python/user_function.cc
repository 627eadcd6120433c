// Importing the user's function, its arguments, and its pickled results.

#include "workloads/python/user_function.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "workloads/python/buffer_checksum.h"

namespace execbench {
namespace {

// The message of a Python error, without the context PythonErrorStatus()
// puts first.
std::string PythonReason() {
  const absl::Status error = PythonErrorStatus("Python");
  return std::string(absl::StripPrefix(error.message(), "Python: "));
}

// Puts `path` first on sys.path, unless it is there.
absl::Status AddToSysPath(absl::string_view path) {
  if (path.empty()) return absl::OkStatus();
  PyObject* sys_path = PySys_GetObject("path");  // borrowed
  PyRef folder(PyUnicode_FromStringAndSize(path.data(), path.size()));
  if (sys_path == nullptr || folder.get() == nullptr) {
    return PythonErrorStatus("sys.path");
  }
  const int present = PySequence_Contains(sys_path, folder.get());
  if (present == 0 && PyList_Insert(sys_path, 0, folder.get()) != 0) {
    return PythonErrorStatus("sys.path");
  }
  return present < 0 ? PythonErrorStatus("sys.path") : absl::OkStatus();
}

// Whether `callable` can be called with `arguments` positional arguments, as
// inspect.signature() says; one without a signature (some built-ins) may.
absl::Status CheckTakes(PyObject* callable, int arguments,
                        absl::string_view name) {
  PyRef inspect(PyImport_ImportModule("inspect"));
  if (inspect.get() == nullptr) return PythonErrorStatus("inspect");
  PyRef signature(
      PyObject_CallMethod(inspect.get(), "signature", "O", callable));
  if (signature.get() == nullptr) {
    if (PyErr_ExceptionMatches(PyExc_ValueError)) {
      PyErr_Clear();
      return absl::OkStatus();
    }
    return absl::InvalidArgumentError(
        absl::StrCat(name, " has no signature: ", PythonReason()));
  }
  PyRef nones(PyTuple_New(arguments));
  for (int i = 0; i < arguments; ++i) {
    Py_INCREF(Py_None);
    PyTuple_SET_ITEM(nones.get(), i, Py_None);
  }
  PyRef bind(PyObject_GetAttrString(signature.get(), "bind"));
  PyRef bound(bind.get() == nullptr
                  ? nullptr
                  : PyObject_CallObject(bind.get(), nones.get()));
  if (bound.get() != nullptr) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      name, " does not take ", arguments,
      arguments == 1 ? " argument" : " arguments", " (", PythonReason(), ")"));
}

// Imports MODULE:FUNCTION, a callable taking `arguments` arguments.
absl::StatusOr<PyRef> ImportCallable(absl::string_view name, int arguments) {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(name, absl::MaxSplits(':', 1));
  if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is not MODULE:FUNCTION"));
  }
  PyRef module(PyImport_ImportModule(std::string(parts[0]).c_str()));
  if (module.get() == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot import module ", parts[0], " (", PythonReason(), ")"));
  }
  PyRef function(
      PyObject_GetAttrString(module.get(), std::string(parts[1]).c_str()));
  if (function.get() == nullptr) {
    PyErr_Clear();
    return absl::InvalidArgumentError(
        absl::StrCat("module ", parts[0], " has no ", parts[1]));
  }
  if (PyCallable_Check(function.get()) == 0) {
    return absl::InvalidArgumentError(absl::StrCat(name, " is not a function"));
  }
  if (absl::Status takes = CheckTakes(function.get(), arguments, name);
      !takes.ok()) {
    return takes;
  }
  return function;
}

// pickle.`name`.
absl::StatusOr<PyRef> PickleFunction(const char* name) {
  PyRef pickle(PyImport_ImportModule("pickle"));
  PyRef function(pickle.get() == nullptr
                     ? nullptr
                     : PyObject_GetAttrString(pickle.get(), name));
  if (function.get() == nullptr) return PythonErrorStatus("pickle");
  return function;
}

std::string BytesOf(PyObject* bytes) {
  return std::string(PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
}

}  // namespace

absl::StatusOr<UserFunction> UserFunction::Import(absl::string_view function,
                                                  absl::string_view generator,
                                                  absl::string_view path) {
  if (absl::Status added = AddToSysPath(path); !added.ok()) return added;
  UserFunction user;
  user.name_ = std::string(function);
  absl::StatusOr<PyRef> imported = ImportCallable(function, 1);
  if (!imported.ok()) return imported.status();
  user.function_ = *std::move(imported);
  if (!generator.empty()) {
    absl::StatusOr<PyRef> items = ImportCallable(generator, 0);
    if (!items.ok()) return items.status();
    user.generator_ = *std::move(items);
  }
  absl::StatusOr<PyRef> dumps = PickleFunction("dumps");
  if (!dumps.ok()) return dumps.status();
  user.dumps_ = *std::move(dumps);
  absl::StatusOr<PyRef> loads = PickleFunction("loads");
  if (!loads.ok()) return loads.status();
  user.loads_ = *std::move(loads);
  return user;
}

absl::Status UserFunction::TakeItems() {
  if (generator_.get() == nullptr || items_.get() != nullptr) {
    return absl::OkStatus();
  }
  PyRef made(PyObject_CallNoArgs(generator_.get()));
  if (made.get() == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("the arguments' function failed: ", PythonReason()));
  }
  PyRef iterator(PyObject_GetIter(made.get()));
  if (iterator.get() == nullptr) {
    PyErr_Clear();
    return absl::InvalidArgumentError(
        absl::StrCat("the arguments' function returned a ",
                     Py_TYPE(made.get())->tp_name, ", which is not iterable"));
  }
  items_ = PyRef(PySequence_List(iterator.get()));
  if (items_.get() == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("the arguments' items: ", PythonReason()));
  }
  return absl::OkStatus();
}

int64_t UserFunction::items() const {
  return items_.get() == nullptr ? 0 : PyList_GET_SIZE(items_.get());
}

absl::StatusOr<PyRef> UserFunction::Argument(int index) const {
  if (generator_.get() == nullptr) return PyRef(PyLong_FromLong(index));
  if (index < 0 || index >= items()) {
    return absl::OutOfRangeError(absl::StrCat(
        name_, ": task ", index, " has no item (", items(), " items)"));
  }
  PyObject* item = PyList_GET_ITEM(items_.get(), index);
  Py_INCREF(item);
  return PyRef(item);
}

absl::StatusOr<PyRef> UserFunction::Call(int index, PyObject* argument) const {
  if (argument == nullptr) return PythonErrorStatus(name_);
  PyRef result(PyObject_CallOneArg(function_.get(), argument));
  if (result.get() == nullptr) {
    return PythonErrorStatus(absl::StrCat(name_, " (task ", index, ")"));
  }
  return result;
}

absl::StatusOr<PyRef> UserFunction::Pickle(int index, PyObject* object) const {
  PyRef bytes(PyObject_CallOneArg(dumps_.get(), object));
  if (bytes.get() == nullptr || !PyBytes_Check(bytes.get())) {
    return PythonErrorStatus(
        absl::StrCat(name_, " (task ", index, "): pickling"));
  }
  return bytes;
}

absl::StatusOr<uint64_t> UserFunction::RunTask(int index) const {
  absl::StatusOr<PyRef> argument = Argument(index);
  if (!argument.ok()) return argument.status();
  absl::StatusOr<PyRef> result = Call(index, argument->get());
  if (!result.ok()) return result.status();
  absl::StatusOr<PyRef> pickled = Pickle(index, result->get());
  if (!pickled.ok()) return pickled.status();
  return BufferChecksum(pickled->get(), name_);
}

absl::StatusOr<std::string> UserFunction::PickledArgument(int index) const {
  absl::StatusOr<PyRef> argument = Argument(index);
  if (!argument.ok()) return argument.status();
  absl::StatusOr<PyRef> pickled = Pickle(index, argument->get());
  if (!pickled.ok()) return pickled.status();
  return BytesOf(pickled->get());
}

absl::StatusOr<PyRef> UserFunction::Unpickle(int index, PyObject* pickled,
                                             absl::string_view what) const {
  PyRef unpickled(pickled == nullptr
                      ? nullptr
                      : PyObject_CallOneArg(loads_.get(), pickled));
  if (unpickled.get() == nullptr) {
    return PythonErrorStatus(
        absl::StrCat(name_, " (task ", index, "): unpickling its ", what));
  }
  return unpickled;
}

absl::StatusOr<std::string> UserFunction::RunPickled(
    int index, absl::string_view argument) const {
  PyRef bytes(PyBytes_FromStringAndSize(argument.data(), argument.size()));
  absl::StatusOr<PyRef> unpickled = Unpickle(index, bytes.get(), "argument");
  if (!unpickled.ok()) return unpickled.status();
  absl::StatusOr<PyRef> result = Call(index, unpickled->get());
  if (!result.ok()) return result.status();
  absl::StatusOr<PyRef> pickled = Pickle(index, result->get());
  if (!pickled.ok()) return pickled.status();
  return BytesOf(pickled->get());
}

absl::StatusOr<uint64_t> UserFunction::ReceivePickled(
    int index, absl::string_view result) const {
  PyRef bytes(PyBytes_FromStringAndSize(result.data(), result.size()));
  absl::StatusOr<PyRef> unpickled = Unpickle(index, bytes.get(), "result");
  if (!unpickled.ok()) return unpickled.status();
  return BufferChecksum(bytes.get(), name_);
}

}  // namespace execbench
