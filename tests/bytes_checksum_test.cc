// Tests of BytesChecksum(): a change of any byte, or of the length, changes
// it, whichever lane and tail the byte falls in; and BytesChecksummer gives
// the same checksum whatever pieces the bytes arrive in.

#include "workloads/hashing/bytes_checksum.h"

#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

std::string Bytes(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 7 + 1);
  return bytes;
}

TEST(BytesChecksumTest, EveryByteChangesIt) {
  // Sizes around the 32-byte step of the four lanes, with tails of 0 to 4
  // words, the last one partial or not.
  for (size_t size : {1u, 7u, 8u, 9u, 31u, 32u, 33u, 63u, 64u, 71u, 100u}) {
    const std::string bytes = Bytes(size);
    const uint64_t checksum = BytesChecksum(bytes);
    for (size_t i = 0; i < size; ++i) {
      std::string changed = bytes;
      changed[i] ^= 0x10;
      EXPECT_NE(BytesChecksum(changed), checksum)
          << "byte " << i << " of " << size;
    }
  }
}

TEST(BytesChecksumTest, TrailingZerosChangeIt) {
  // The last word is padded with zeros: only the length tells these apart.
  std::string bytes = Bytes(13);
  const uint64_t checksum = BytesChecksum(bytes);
  bytes.push_back('\0');
  EXPECT_NE(BytesChecksum(bytes), checksum);
  EXPECT_NE(BytesChecksum(std::string(32, '\0')),
            BytesChecksum(std::string(64, '\0')));
  EXPECT_NE(BytesChecksum(""), BytesChecksum(std::string(1, '\0')));
}

TEST(BytesChecksumTest, WordsInDifferentLanesDoNotCommute) {
  std::string bytes(32, '\0');
  bytes[0] = 'a';
  bytes[8] = 'b';
  std::string swapped(32, '\0');
  swapped[0] = 'b';
  swapped[8] = 'a';
  EXPECT_NE(BytesChecksum(bytes), BytesChecksum(swapped));
}

TEST(BytesChecksumTest, PiecesGiveTheChecksumOfTheWhole) {
  const std::string bytes = Bytes(1000);
  for (size_t piece : {1u, 3u, 8u, 31u, 32u, 33u, 100u, 999u}) {
    BytesChecksummer checksummer;
    for (size_t offset = 0; offset < bytes.size(); offset += piece) {
      checksummer.Append(absl::string_view(bytes).substr(offset, piece));
    }
    EXPECT_EQ(checksummer.Value(), BytesChecksum(bytes))
        << "pieces of " << piece;
  }
  BytesChecksummer checksummer;
  checksummer.Append("");
  EXPECT_EQ(checksummer.Value(), BytesChecksum(""));
}

}  // namespace
}  // namespace execbench
