// ReadJson(): a small, strict JSON reader, so that tests can check the suite's
// JSON output files by their structure and values rather than their text.

#ifndef EXECBENCH_TESTS_JSON_READER_H_
#define EXECBENCH_TESTS_JSON_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

struct JsonMember;

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::vector<JsonMember> object;  // in the order of the text

  // The member named `key` of an object, or nullptr.
  const JsonValue* Find(absl::string_view key) const;
  // The member named `key` of an object; a test failure, not a crash, if
  // there is none (the returned value is then null).
  const JsonValue& operator[](absl::string_view key) const;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// Parses one JSON document (RFC 8259: no raw control characters in strings,
// no NaN or infinities, nothing after the value but white space).
absl::StatusOr<JsonValue> ReadJson(absl::string_view text);

}  // namespace execbench

#endif  // EXECBENCH_TESTS_JSON_READER_H_
