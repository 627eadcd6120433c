// Packing of the Mpi executor's messages.

#include "executors/mpi_world/messages.h"

namespace execbench::mpi {
namespace {

// Appends trivially copyable values and strings to a byte string.
class Writer {
 public:
  template <typename T>
  Writer& Put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(value));
    return *this;
  }
  Writer& PutString(absl::string_view text) {
    Put(static_cast<uint64_t>(text.size()));
    out_.append(text.data(), text.size());
    return *this;
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; every read fails once the bytes run out.
class Reader {
 public:
  explicit Reader(absl::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (bytes_.size() < sizeof(value)) return false;
    std::memcpy(&value, bytes_.data(), sizeof(value));
    bytes_.remove_prefix(sizeof(value));
    return true;
  }
  bool GetString(std::string& text) {
    uint64_t size = 0;
    if (!Get(size) || bytes_.size() < size) return false;
    text.assign(bytes_.data(), size);
    bytes_.remove_prefix(size);
    return true;
  }
  bool AtEnd() const { return bytes_.empty(); }

 private:
  absl::string_view bytes_;
};

}  // namespace

std::string PackCommand(const Command& command) {
  return Writer()
      .Put(command.kind)
      .Put(command.batch_start_ns)
      .Put(command.tasks)
      .Put(command.worker)
      .PutString(command.spec_text)
      .Take();
}

bool UnpackCommand(absl::string_view bytes, Command& command) {
  Reader in(bytes);
  return in.Get(command.kind) && in.Get(command.batch_start_ns) &&
         in.Get(command.tasks) && in.Get(command.worker) &&
         in.GetString(command.spec_text) && in.AtEnd();
}

std::string PackResult(const RankResult& result) {
  Writer out;
  out.PutString(result.failure)
      .Put(result.ready_ns)
      .Put(result.cpu_ns)
      .Put(result.involuntary_switches)
      .Put(static_cast<uint64_t>(result.tasks.size()));
  for (const RanTask& task : result.tasks) out.Put(task);
  return out.PutString(result.results).Put(result.move_ns).Take();
}

bool UnpackResult(absl::string_view bytes, RankResult& result) {
  Reader in(bytes);
  uint64_t count = 0;
  if (!in.GetString(result.failure) || !in.Get(result.ready_ns) ||
      !in.Get(result.cpu_ns) || !in.Get(result.involuntary_switches) ||
      !in.Get(count)) {
    return false;
  }
  result.tasks.resize(count);
  for (RanTask& task : result.tasks) {
    if (!in.Get(task)) return false;
  }
  return in.GetString(result.results) && in.Get(result.move_ns) && in.AtEnd();
}

void SendBytes(absl::string_view bytes, int rank, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, rank, tag,
           MPI_COMM_WORLD);
}

std::string ReceiveProbed(const MPI_Status& status) {
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::string bytes(size, '\0');
  MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG,
           MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

}  // namespace execbench::mpi
