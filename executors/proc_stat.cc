// ProcStatFieldsAfterName(), ProcessEnded() and ProcessStopped().

#include "executors/proc_stat.h"

#include <fstream>

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

}  // namespace execbench
