// PyImage: the study's image task itself (study_tasks.image_task): Pillow's
// Image.open and resize((224, 224)) of one JPEG per task, on the embedded
// interpreter, with Image's inputs (the same synthetic JPEGs). Pillow
// releases the GIL while it decodes and resamples, so threads gain as the
// study found. Without Pillow (Debian's python3-pil) the workload is skipped
// with the reason; the spec names the package to import ("PIL"), so that the
// tests can point it at one that does not exist. The checksum is the resized
// pixels'.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "workloads/photos/photo_inputs.h"
#include "workloads/python/buffer_checksum.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"

EXECBENCH_FLAG(execbench::TaskCount, py_image_tasks, {200},
               "PyImage: JPEGs per batch, one per task");

namespace execbench {
namespace {

class PyImage final : public PythonWorkload {
 public:
  PyImage(PhotoInputs inputs, std::string module)
      : PythonWorkload(module + ".Image", "install Debian's python3-pil"),
        inputs_(std::move(inputs)),
        module_(std::move(module)) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const std::string path = inputs_.Path(index);
    Gil gil;
    absl::StatusOr<PyRef> pixels = CallStudyTask(
        "image_task",
        Py_BuildValue("(ssi)", module_.c_str(), path.c_str(), inputs_.resized));
    if (!pixels.ok()) {
      // Pillow's messages do not always name the file.
      return absl::Status(pixels.status().code(),
                          absl::StrCat(path, ": ", pixels.status().message()));
    }
    return BufferChecksum(pixels->get(), "PyImage: the pixels");
  }

 private:
  const PhotoInputs inputs_;
  const std::string module_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyImage(
    const WorkloadSpec& spec) {
  absl::StatusOr<PhotoInputs> inputs = PhotoInputs::FromSpec(spec);
  if (!inputs.ok()) return inputs.status();
  absl::StatusOr<std::string> module = spec.GetString("module");
  if (!module.ok()) return module.status();
  return std::make_unique<PyImage>(*std::move(inputs), *std::move(module));
}

absl::StatusOr<WorkloadRun> PyImageFromFlags() {
  const int tasks = absl::GetFlag(FLAGS_py_image_tasks).value;
  absl::StatusOr<std::map<std::string, std::string>> params =
      PhotoInputsFromFlags(tasks);
  if (!params.ok()) return params.status();
  params->emplace("module", "PIL");
  return WorkloadRun{.spec = {.params = *std::move(params)},
                     .tasks = tasks,
                     .running_task_bytes = PhotoTaskBytes()};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyImage",
     .description = "the study's Pillow open and resize to 224 x 224 on the "
                    "embedded interpreter",
     .make = MakePyImage,
     .from_flags = PyImageFromFlags,
     // The study: 5,000 JPEGs of 256 x 256.
     .seed_profile = {{"py_image_tasks", "5000"}, {"image_size", "256"}},
     .small_profile = {{"py_image_tasks", "5"}, {"image_size", "64"}}});

}  // namespace execbench
