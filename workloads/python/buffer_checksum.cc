// Checksums of Python buffers.

#include "workloads/python/buffer_checksum.h"

#include "workloads/hashing/bytes_checksum.h"
#include "workloads/python/interpreter.h"

namespace execbench {

absl::StatusOr<uint64_t> BufferChecksum(PyObject* object,
                                        absl::string_view context) {
  Py_buffer view;
  if (PyObject_GetBuffer(object, &view, PyBUF_SIMPLE) != 0) {
    return PythonErrorStatus(context);
  }
  uint64_t checksum = 0;
  // The view keeps the object's bytes alive and unmoved without the GIL.
  Py_BEGIN_ALLOW_THREADS;
  checksum = BytesChecksum(
      absl::string_view(static_cast<const char*>(view.buf), view.len));
  Py_END_ALLOW_THREADS;
  PyBuffer_Release(&view);
  return checksum;
}

}  // namespace execbench
