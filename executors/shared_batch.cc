// Layout, creation and mapping of a process-pool batch's shared memory.

#include "executors/shared_batch.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

size_t WorkersOffset() {
  return (sizeof(SharedBatchHeader) + alignof(SharedWorkerSlot) - 1) /
         alignof(SharedWorkerSlot) * alignof(SharedWorkerSlot);
}

size_t TasksOffset(int workers) {
  return WorkersOffset() + sizeof(SharedWorkerSlot) * workers;
}

size_t ArgumentsOffset(int tasks, int workers) {
  return TasksOffset(workers) + sizeof(SharedTaskSlot) * tasks;
}

size_t ResultsOffset(const SharedBatchHeader& header) {
  return ArgumentsOffset(header.tasks, header.workers) +
         static_cast<size_t>(header.argument_bytes) * header.tasks;
}

size_t RoundUp(size_t offset, size_t alignment) {
  return (offset + alignment - 1) / alignment * alignment;
}

size_t MessageSlotsOffset(const SharedBatchHeader& header) {
  return RoundUp(ResultsOffset(header) +
                     static_cast<size_t>(header.result_bytes) * header.tasks,
                 alignof(SharedMessageSlot));
}

size_t MessageArenaOffset(const SharedBatchHeader& header) {
  return RoundUp(
      MessageSlotsOffset(header) + sizeof(SharedMessageSlot) * header.tasks,
      static_cast<size_t>(getpagesize()));
}

// The bytes whose pages are allocated before the batch: all but the arena.
size_t AllocatedSize(const SharedBatchHeader& header) {
  if (header.message_arena_bytes == 0) {
    return ResultsOffset(header) +
           static_cast<size_t>(header.result_bytes) * header.tasks;
  }
  return MessageArenaOffset(header);
}

size_t BatchSize(const SharedBatchHeader& header) {
  return AllocatedSize(header) +
         static_cast<size_t>(header.message_arena_bytes);
}

absl::Status ErrnoError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// Maps `size` bytes of `fd` with mmap's `flags` added to MAP_SHARED; closes
// `fd` on failure.
absl::StatusOr<void*> MapOrClose(int fd, size_t size, int flags = 0) {
  void* base =
      mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
  if (base == MAP_FAILED) {
    absl::Status status = ErrnoError("mapping a process-pool batch's memory");
    close(fd);
    return status;
  }
  return base;
}

}  // namespace

absl::StatusOr<SharedBatch> SharedBatch::Create(int tasks, int workers,
                                                TaskCpuTiming task_cpu_timing,
                                                PayloadSizes payloads,
                                                int64_t message_arena_bytes) {
  const int fd = memfd_create("execbench-batch", MFD_CLOEXEC);
  if (fd < 0) return ErrnoError("memfd_create for a process-pool batch");
  const SharedBatchHeader sizes{.tasks = tasks,
                                .workers = workers,
                                .argument_bytes = payloads.argument_bytes,
                                .result_bytes = payloads.result_bytes,
                                .message_arena_bytes = message_arena_bytes};
  const size_t allocated = AllocatedSize(sizes);
  const size_t size = BatchSize(sizes);
  // Every page is allocated here, before the batch starts, so that workers
  // find their task slots in memory rather than each allocating and clearing
  // the pages its tasks land on inside the batch (MAP_POPULATE alone does
  // not: on a shared mapping it only reads, and reading a hole of shmem
  // allocates nothing).
  // The message arena is only sized: its pages are allocated as messages
  // fill them.
  if (int error = posix_fallocate(fd, 0, static_cast<off_t>(allocated));
      error != 0) {
    errno = error;
    absl::Status status =
        ErrnoError("allocating a process-pool batch's memory");
    close(fd);
    return status;
  }
  if (size > allocated && ftruncate(fd, static_cast<off_t>(size)) != 0) {
    absl::Status status =
        ErrnoError("sizing a process-pool batch's message arena");
    close(fd);
    return status;
  }
  absl::StatusOr<void*> base =
      MapOrClose(fd, size, size > allocated ? 0 : MAP_POPULATE);
  if (!base.ok()) return base.status();
  // With an arena, MAP_POPULATE would walk all of it: the allocated part
  // alone is mapped in at once (before Linux 5.14 it faults in as used).
  if (size > allocated) madvise(*base, allocated, MADV_POPULATE_WRITE);
  SharedBatch batch(fd, *base, size);
  auto* header = new (*base) SharedBatchHeader();
  header->tasks = tasks;
  header->workers = workers;
  header->task_cpu_timing = task_cpu_timing;
  header->argument_bytes = payloads.argument_bytes;
  header->result_bytes = payloads.result_bytes;
  header->message_arena_bytes = message_arena_bytes;
  for (int w = 0; w < workers; ++w) new (&batch.worker(w)) SharedWorkerSlot();
  // Task and message slots are left as posix_fallocate made them, all zero,
  // which is their initial state (static_assert in shared_batch.h):
  // constructing them here would write every page of a large batch once more.
  return batch;
}

absl::StatusOr<SharedBatch> SharedBatch::Map(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    absl::Status status = ErrnoError("fstat of a process-pool batch's memory");
    close(fd);
    return status;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  absl::StatusOr<void*> base = MapOrClose(fd, size);
  if (!base.ok()) return base.status();
  SharedBatch batch(fd, *base, size);
  if (size < sizeof(SharedBatchHeader) || size != BatchSize(batch.header())) {
    return absl::InternalError(
        "a process-pool batch's memory has the wrong size");
  }
  return batch;
}

SharedBatch::SharedBatch(SharedBatch&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      base_(std::exchange(other.base_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

SharedBatch::~SharedBatch() {
  if (base_ != nullptr) munmap(base_, size_);
  if (fd_ >= 0) close(fd_);
}

SharedBatchHeader& SharedBatch::header() const {
  return *static_cast<SharedBatchHeader*>(base_);
}

SharedWorkerSlot& SharedBatch::worker(int index) const {
  return *reinterpret_cast<SharedWorkerSlot*>(static_cast<char*>(base_) +
                                              WorkersOffset() +
                                              index * sizeof(SharedWorkerSlot));
}

SharedTaskSlot& SharedBatch::task(int index) const {
  return *reinterpret_cast<SharedTaskSlot*>(static_cast<char*>(base_) +
                                            TasksOffset(header().workers) +
                                            index * sizeof(SharedTaskSlot));
}

absl::Span<char> SharedBatch::argument(int index) const {
  const SharedBatchHeader& h = header();
  return absl::MakeSpan(static_cast<char*>(base_) +
                            ArgumentsOffset(h.tasks, h.workers) +
                            index * h.argument_bytes,
                        h.argument_bytes);
}

absl::Span<char> SharedBatch::result(int index) const {
  const SharedBatchHeader& h = header();
  return absl::MakeSpan(
      static_cast<char*>(base_) + ResultsOffset(h) + index * h.result_bytes,
      h.result_bytes);
}

SharedMessageSlot& SharedBatch::message(int index) const {
  return *reinterpret_cast<SharedMessageSlot*>(
      static_cast<char*>(base_) + MessageSlotsOffset(header()) +
      index * sizeof(SharedMessageSlot));
}

absl::Span<char> SharedBatch::message_arena() const {
  const SharedBatchHeader& h = header();
  return absl::MakeSpan(static_cast<char*>(base_) + MessageArenaOffset(h),
                        h.message_arena_bytes);
}

void SharedBatch::MapTaskSlots(int begin, int end) const {
  if (begin >= end) return;
  static const uintptr_t page_size = static_cast<uintptr_t>(getpagesize());
  const auto first = reinterpret_cast<uintptr_t>(&task(begin));
  const uintptr_t page = first & ~(page_size - 1);
  const uintptr_t last =
      reinterpret_cast<uintptr_t>(&task(end - 1)) + sizeof(SharedTaskSlot);
  madvise(reinterpret_cast<void*>(page), last - page, MADV_POPULATE_WRITE);
}

void SharedBatch::ReportFailure(absl::string_view message) const {
  SharedBatchHeader& h = header();
  h.abort.store(1, std::memory_order_relaxed);
  if (h.error_claimed.exchange(1) != 0) return;
  const size_t n = std::min(message.size(), sizeof(h.error) - 1);
  std::memcpy(h.error, message.data(), n);
  h.error[n] = '\0';
  h.error_ready.store(1, std::memory_order_release);
}

std::string SharedBatch::failure() const {
  const SharedBatchHeader& h = header();
  if (h.error_ready.load(std::memory_order_acquire) == 0) return "";
  return std::string(h.error);
}

}  // namespace execbench
