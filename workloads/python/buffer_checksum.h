// BufferChecksum(): the checksum of a Python object's bytes (bytes, a NumPy
// array) through the buffer protocol, without a copy.

#ifndef EXECBENCH_WORKLOADS_PYTHON_BUFFER_CHECKSUM_H_
#define EXECBENCH_WORKLOADS_PYTHON_BUFFER_CHECKSUM_H_

#include <Python.h>

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// BytesChecksum() of `object`'s contiguous buffer. Call with the GIL held;
// it is released while the bytes are hashed, so that other threads may run
// Python meanwhile. Fails, naming `context`, for an object without one.
absl::StatusOr<uint64_t> BufferChecksum(PyObject* object,
                                        absl::string_view context);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PYTHON_BUFFER_CHECKSUM_H_
