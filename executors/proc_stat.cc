// ProcStatFieldsAfterName() and what is read from the fields.

#include "executors/proc_stat.h"

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace execbench {

std::vector<std::string> ProcStatFieldsAfterName(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string stat;
  std::getline(in, stat);
  const size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return {};
  return absl::StrSplit(absl::string_view(stat).substr(name_end + 1), ' ',
                        absl::SkipEmpty());
}

bool ProcessEnded(pid_t pid) {
  const std::vector<std::string> fields = ProcStatFieldsAfterName(pid);
  return fields.empty() || fields[0] == "Z" || fields[0] == "X";
}

bool ProcessStopped(pid_t pid) {
  const std::vector<std::string> fields = ProcStatFieldsAfterName(pid);
  return !fields.empty() && (fields[0] == "T" || fields[0] == "t");
}

int ProcessThreads(pid_t pid) {
  // Field 20 of proc(5): num_threads.
  constexpr size_t kThreads = 20 - kFirstFieldAfterName;
  const std::vector<std::string> fields = ProcStatFieldsAfterName(pid);
  int threads = 0;
  if (fields.size() <= kThreads ||
      !absl::SimpleAtoi(fields[kThreads], &threads)) {
    return 0;
  }
  return threads;
}

}  // namespace execbench
