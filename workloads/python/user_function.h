// UserFunction: a Python function of the user's, named MODULE:FUNCTION, with
// the arguments its tasks take: the task's index, or the items that a
// generator function (also MODULE:FUNCTION) yields, one task per item.
//
// Results are pickled (pickle.dumps, the protocol Python's process pools
// use), and a task's checksum is that of its pickled result's bytes: every
// executor checksums a result the same way, and the interpreter's str
// hashing is not randomised (interpreter.h), so that the same result is the
// same bytes in every process. Arguments and results travel as pickled bytes
// through PickledArgument(), RunPickled() and ReceivePickled(), as Python's
// pools send them.
//
// Every member is called with the GIL held, after StartInterpreter().

#ifndef EXECBENCH_WORKLOADS_PYTHON_USER_FUNCTION_H_
#define EXECBENCH_WORKLOADS_PYTHON_USER_FUNCTION_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "workloads/python/interpreter.h"

namespace execbench {

class UserFunction {
 public:
  // Imports `function` (MODULE:FUNCTION), which must take one argument, and,
  // unless `generator` is "", the generator function (MODULE:FUNCTION, no
  // arguments), with folder `path` (unless "") first on sys.path. An error
  // names which and why, in one line.
  static absl::StatusOr<UserFunction> Import(absl::string_view function,
                                             absl::string_view generator,
                                             absl::string_view path);

  // Calls the generator function and keeps its items; without one, the
  // arguments are the task indices and this does nothing.
  absl::Status TakeItems();

  // How many items TakeItems() took (0 without a generator function).
  int64_t items() const;

  // Runs task `index`: the checksum of its pickled result.
  absl::StatusOr<uint64_t> RunTask(int index) const;

  // pickle.dumps() of task `index`'s argument, as the calling process of a
  // Python pool sends it.
  absl::StatusOr<std::string> PickledArgument(int index) const;

  // The function called with pickle.loads(`argument`), its result pickled,
  // as a Python pool's worker runs a task. `index` names the task in errors.
  absl::StatusOr<std::string> RunPickled(int index,
                                         absl::string_view argument) const;

  // pickle.loads(`result`), task `index`'s pickled result, as the calling
  // process of a Python pool receives it; the checksum of its bytes, which
  // RunTask(index) returns in one process.
  absl::StatusOr<uint64_t> ReceivePickled(int index,
                                          absl::string_view result) const;

 private:
  UserFunction() = default;

  // The argument of task `index`: its item, or the index.
  absl::StatusOr<PyRef> Argument(int index) const;
  // function(argument), an error naming the task.
  absl::StatusOr<PyRef> Call(int index, PyObject* argument) const;
  // pickle.dumps(object) as bytes.
  absl::StatusOr<PyRef> Pickle(int index, PyObject* object) const;
  // pickle.loads() of bytes `pickled`, task `index`'s `what` (in errors).
  absl::StatusOr<PyRef> Unpickle(int index, PyObject* pickled,
                                 absl::string_view what) const;

  std::string name_;  // MODULE:FUNCTION
  PyRef function_;
  PyRef generator_;  // nullptr: arguments are the task indices
  PyRef items_;      // a list, once taken
  PyRef dumps_;      // pickle.dumps
  PyRef loads_;      // pickle.loads
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PYTHON_USER_FUNCTION_H_
