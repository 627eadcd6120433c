// Atomic file writes: temporary file, fsync, rename.

#include "benchmarks/output/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"

namespace execbench {

absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents) {
  std::string temp_path = absl::StrCat(path, ".tmp.XXXXXX");
  std::vector<char> name(temp_path.begin(), temp_path.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot create a file beside ", path, ": ", std::strerror(errno)));
  }
  auto fail = [&](absl::string_view what) {
    absl::Status status = absl::UnavailableError(
        absl::StrCat("cannot ", what, " ", path, ": ", std::strerror(errno)));
    close(fd);
    unlink(name.data());
    return status;
  };
  for (size_t done = 0; done < contents.size();) {
    const ssize_t n = write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("write");
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) return fail("flush");
  if (fchmod(fd, 0644) != 0) return fail("set the mode of");
  if (close(fd) != 0) {
    unlink(name.data());
    return absl::UnavailableError(
        absl::StrCat("cannot close ", path, ": ", std::strerror(errno)));
  }
  if (rename(name.data(), path.c_str()) != 0) {
    absl::Status status = absl::UnavailableError(absl::StrCat(
        "cannot rename the new file to ", path, ": ", std::strerror(errno)));
    unlink(name.data());
    return status;
  }
  // The rename itself reaches the disk with the folder's entry.
  const std::string folder = std::filesystem::path(path).parent_path();
  const int folder_fd =
      open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (folder_fd >= 0) {
    fsync(folder_fd);
    close(folder_fd);
  }
  return absl::OkStatus();
}

absl::Status WriteOutputFile(const std::string& path,
                             absl::string_view contents) {
  if (path.empty()) return absl::OkStatus();
  return WriteFileAtomically(path, contents);
}

}  // namespace execbench
