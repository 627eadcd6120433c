// Rendering of the spans file.

#include "benchmarks/output/spans_file.h"

#include "absl/strings/str_cat.h"
#include "benchmarks/output/json.h"

namespace execbench {
namespace {

std::string Seconds(int64_t ns) { return JsonNumber(ns * 1e-9); }

}  // namespace

std::string SpansFileJson(const std::map<std::string, std::string>& context,
                          const std::vector<LoggedBatch>& batches) {
  std::string out =
      "{\n  \"format\": \"execbench-spans\",\n  \"version\": 1,\n"
      "  \"context\": {";
  const char* separator = "\n    ";
  for (const auto& [key, value] : context) {
    absl::StrAppend(&out, separator, JsonString(key), ": ", JsonString(value));
    separator = ",\n    ";
  }
  out += "\n  },\n  \"benchmarks\": [";
  separator = "\n    ";
  for (const LoggedBatch& batch : batches) {
    absl::StrAppend(&out, separator, "{\"name\": ", JsonString(batch.name),
                    ", \"workload\": ", JsonString(batch.workload),
                    ", \"executor\": ", JsonString(batch.executor),
                    ", \"workers\": ", batch.workers,
                    ", \"tasks\": ", batch.tasks,
                    ",\n     \"wall_s\": ", Seconds(batch.wall_ns),
                    ", \"startup_s\": ", Seconds(batch.startup_ns),
                    ", \"shutdown_s\": ", Seconds(batch.shutdown_ns),
                    ", \"spans_capped\": ", batch.capped() ? "true" : "false",
                    ", \"spans_kept\": ", batch.spans.size());
    if (!batch.hosts.empty()) {
      const char* host_separator = "";
      out += ",\n     \"hosts\": [";
      for (const std::string& host : batch.hosts) {
        absl::StrAppend(&out, host_separator, JsonString(host));
        host_separator = ", ";
      }
      out += "]";
    }
    out += ",\n     \"spans\": [";
    const char* span_separator = "\n      ";
    for (size_t i = 0; i < batch.spans.size(); ++i) {
      const TaskSpan& span = batch.spans[i];
      absl::StrAppend(
          &out, span_separator, "{\"task\": ", i, ", \"worker\": ", span.worker,
          ", \"start_s\": ", Seconds(span.start_ns),
          ", \"stop_s\": ", Seconds(span.stop_ns), ", \"cpu_s\": ",
          span.cpu_ns == kUnknownCpu ? std::string("null")
                                     : absl::StrCat(Seconds(span.cpu_ns)),
          "}");
      span_separator = ",\n      ";
    }
    out += "]}";
    separator = ",\n    ";
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace execbench
