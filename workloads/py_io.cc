// PyIo: the study's I/O heavy task itself (study_tasks.io_task): Python's
// open(path, "w") and write() of a text of random lowercase letters, on the
// embedded interpreter. The text is Io's (the same letters, built once per
// process like Io's) and so is the folder's life: the workload's own private
// folder for the run, removed at exit (RunFolder). Python's file write
// releases the GIL while it waits for the kernel; encoding the text to bytes
// holds it.
//
// The checksum is the number of characters written mixed with the task's
// index, as Io's is.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/machine_limits.h"
#include "core/suite_flag.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"
#include "workloads/scratch/run_folder.h"
#include "workloads/text/random_text.h"

EXECBENCH_FLAG(execbench::NonNegativeInt, py_io_bytes, {16 << 20},
               "PyIo: characters each task writes to its file");
EXECBENCH_FLAG(execbench::TaskCount, py_io_tasks, {12},
               "PyIo: tasks per batch");

namespace execbench {
namespace {

class PyIo final : public PythonWorkload {
 public:
  PyIo(int64_t bytes, std::string folder)
      : bytes_(bytes), folder_(std::move(folder)) {}

  // Builds the text once per process: inside the timed region for process
  // pools, whose workers each build their own as Python's unpickle theirs.
  absl::Status Prepare() override {
    if (absl::Status started = PythonWorkload::Prepare(); !started.ok()) {
      return started;
    }
    const std::string text = RandomLowercaseText(bytes_, kIoTextSeed);
    Gil gil;
    text_ = PyRef(PyUnicode_DecodeASCII(text.data(), text.size(), "strict"));
    if (text_.get() == nullptr) return PythonErrorStatus("PyIo: the text");
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const std::string path = absl::StrCat(folder_, "/task-", index, ".txt");
    Gil gil;
    absl::StatusOr<PyRef> written = CallStudyTask(
        "io_task", Py_BuildValue("(sO)", path.c_str(), text_.get()));
    if (!written.ok()) return written.status();
    const long long size = PyLong_AsLongLong(written->get());
    if (PyErr_Occurred() != nullptr) return PythonErrorStatus("PyIo");
    return StableHash(size, static_cast<uint64_t>(index));
  }

 private:
  const int64_t bytes_;
  const std::string folder_;
  PyRef text_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyIo(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> bytes = spec.GetInt("bytes");
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<std::string> folder = spec.GetString("folder");
  if (!folder.ok()) return folder.status();
  return std::make_unique<PyIo>(*bytes, *std::move(folder));
}

absl::StatusOr<WorkloadRun> PyIoFromFlags() {
  // Prepare() holds the text twice for a moment: as built, and as a str.
  const int64_t text_bytes =
      2 * int64_t{absl::GetFlag(FLAGS_py_io_bytes).value};
  if (absl::Status fits =
          CheckMemory("PyIo", "the text that each process writes", text_bytes);
      !fits.ok()) {
    return fits;
  }
  absl::StatusOr<std::string> folder = RunFolder("PyIo");
  if (!folder.ok()) return folder.status();
  return WorkloadRun{
      .spec = {.params = {{"bytes",
                           absl::StrCat(
                               absl::GetFlag(FLAGS_py_io_bytes).value)},
                          {"folder", *folder}}},
      .tasks = absl::GetFlag(FLAGS_py_io_tasks).value,
      .process_bytes = text_bytes};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyIo",
     .description = "the study's Python text write to a file, on the "
                    "embedded interpreter",
     .make = MakePyIo,
     .from_flags = PyIoFromFlags,
     // The study: 12 tasks, each writing 50 MB.
     .seed_profile = {{"py_io_bytes", "52428800"}, {"py_io_tasks", "12"}},
     .small_profile = {{"py_io_bytes", "65536"}, {"py_io_tasks", "5"}}});

}  // namespace execbench
