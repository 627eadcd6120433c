// Whole-file writes and reads.

#include "workloads/files/whole_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

// The status of a failed `step` on `path`; closes `fd` without losing errno.
absl::Status Failure(int fd, absl::string_view step, const std::string& path) {
  const int error = errno;
  close(fd);
  return absl::ErrnoToStatus(error, absl::StrCat("cannot ", step, " ", path));
}

}  // namespace

absl::Status WriteWholeFile(const std::string& path, absl::string_view bytes,
                            bool fsync) {
  const int fd =
      open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot create ", path));
  }
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Failure(fd, "write", path);
    written += n;
  }
  if (fsync && ::fsync(fd) != 0) return Failure(fd, "fsync", path);
  if (close(fd) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot close ", path));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot open ", path));
  }
  struct stat info = {};
  if (fstat(fd, &info) != 0) return Failure(fd, "stat", path);
  std::string bytes(info.st_size, '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Failure(fd, "read", path);
    if (n == 0) break;  // the file shrank meanwhile
    done += n;
  }
  bytes.resize(done);
  close(fd);
  return bytes;
}

}  // namespace execbench
