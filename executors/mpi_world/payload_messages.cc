// Payloads between rank 0 and worker ranks.

#include "executors/mpi_world/payload_messages.h"

#include <mpi.h>

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "executors/clock.h"

namespace execbench::mpi {

bool AnswerArgumentRequests(PayloadBatch& payloads) {
  bool answered = false;
  for (;;) {
    int ready = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kArgumentRequestTag, MPI_COMM_WORLD, &ready,
               &status);
    if (!ready) return answered;
    const int64_t start = MonotonicNowNs();
    const std::string request = ReceiveProbed(status);
    int32_t index = -1;
    if (request.size() == sizeof(index)) {
      std::memcpy(&index, request.data(), sizeof(index));
    }
    // A request out of range gets no bytes: the task's checksum then
    // differs from Serial's, which fails the batch.
    SendBytes(index >= 0 && index < payloads.tasks() ? payloads.Argument(index)
                                                     : absl::string_view(),
              status.MPI_SOURCE, kArgumentTag);
    payloads.AddMoveNs(MonotonicNowNs() - start);
    answered = true;
  }
}

absl::Status CheckRankResults(PayloadBatch& payloads,
                              std::vector<RankResult>& results) {
  if (!payloads.on()) return absl::OkStatus();
  const int64_t size = payloads.sizes().result_bytes;
  std::vector<absl::Span<char>> by_task(payloads.tasks());
  for (RankResult& from : results) {
    payloads.AddMoveNs(from.move_ns);
    if (static_cast<int64_t>(from.results.size()) !=
        size * static_cast<int64_t>(from.tasks.size())) {
      return absl::DataLossError(absl::StrCat(
          "a rank returned ", from.results.size(), " bytes of results for ",
          from.tasks.size(), " tasks of ", size, " bytes"));
    }
    for (size_t k = 0; k < from.tasks.size(); ++k) {
      // A task out of range fails the batch as such, after this check.
      if (const int index = from.tasks[k].index;
          index >= 0 && index < payloads.tasks()) {
        by_task[index] = absl::MakeSpan(from.results.data() + k * size, size);
      }
    }
  }
  payloads.DamageForTest(PayloadKind::kResult,
                         [&](int index) { return by_task[index]; });
  return payloads.CheckResults([&](int index) {
    return absl::string_view(by_task[index].data(), by_task[index].size());
  });
}

RankChannel::RankChannel(int64_t result_bytes, std::string& results)
    : result_(result_bytes), results_(results) {}

absl::string_view RankChannel::Argument(int index) {
  const int32_t request = index;
  SendBytes(absl::string_view(reinterpret_cast<const char*>(&request),
                              sizeof(request)),
            0, kArgumentRequestTag);
  MPI_Status status;
  MPI_Probe(0, kArgumentTag, MPI_COMM_WORLD, &status);
  argument_ = ReceiveProbed(status);
  return argument_;
}

absl::Span<char> RankChannel::Result(int index) {
  return absl::MakeSpan(result_);
}

void RankChannel::ResultWritten(int index) {
  results_.append(result_.data(), result_.size());
}

}  // namespace execbench::mpi
