// Registry<Registration>: a process-wide list of registrations (of workloads,
// of executors), each with a `name`, filled by static initialisers before
// main() and only read after. One mechanism for every kind of registry.

#ifndef EXECBENCH_CORE_REGISTRY_H_
#define EXECBENCH_CORE_REGISTRY_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace execbench {

template <typename Registration>
class Registry {
 public:
  // Returns true so that it can initialise a static.
  static bool Add(Registration registration) {
    Items().push_back(std::move(registration));
    return true;
  }

  // Every registration, ordered by `less`.
  template <typename Less>
  static std::vector<const Registration*> Sorted(Less less) {
    std::vector<const Registration*> all;
    for (const Registration& r : Items()) all.push_back(&r);
    std::sort(all.begin(), all.end(), less);
    return all;
  }

  // The registration named `name` in `all`, or NotFoundError naming `kind`
  // and listing the known names.
  static absl::StatusOr<const Registration*> Find(
      absl::string_view kind, absl::string_view name,
      const std::vector<const Registration*>& all) {
    std::vector<std::string> names;
    for (const Registration* r : all) {
      if (r->name == name) return r;
      names.push_back(r->name);
    }
    return absl::NotFoundError(
        absl::StrCat("no ", kind, " named '", name,
                     "' (known: ", absl::StrJoin(names, ", "), ")"));
  }

 private:
  static std::vector<Registration>& Items() {
    static auto* items = new std::vector<Registration>();
    return *items;
  }
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_REGISTRY_H_
