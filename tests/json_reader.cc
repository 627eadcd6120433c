// A recursive-descent JSON parser that rejects anything RFC 8259 does not
// allow, so that a test fails on output that a strict reader would refuse.

#include "tests/json_reader.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

// Appends code point `code` (at most 0xFFFF) as UTF-8.
void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  absl::StatusOr<JsonValue> Document() {
    JsonValue value;
    if (absl::Status status = Value(&value); !status.ok()) return status;
    SkipWhiteSpace();
    if (position_ != text_.size()) return Error("text after the value");
    return value;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON: ", what, " at offset ", position_));
  }

  void SkipWhiteSpace() {
    while (position_ < text_.size() &&
           (text_[position_] == ' ' || text_[position_] == '\t' ||
            text_[position_] == '\n' || text_[position_] == '\r')) {
      ++position_;
    }
  }

  bool Consume(absl::string_view token) {
    if (text_.substr(position_, token.size()) != token) return false;
    position_ += token.size();
    return true;
  }

  bool AtDigit() const {
    return position_ < text_.size() && absl::ascii_isdigit(text_[position_]);
  }

  void SkipDigits() {
    while (AtDigit()) ++position_;
  }

  absl::Status Value(JsonValue* value) {
    SkipWhiteSpace();
    if (position_ >= text_.size()) return Error("missing value");
    switch (text_[position_]) {
      case '{':
        return Object(value);
      case '[':
        return Array(value);
      case '"':
        value->type = JsonValue::Type::kString;
        return String(&value->string);
      default:
        break;
    }
    if (Consume("null")) return absl::OkStatus();
    const bool is_true = Consume("true");
    if (is_true || Consume("false")) {
      value->type = JsonValue::Type::kBool;
      value->boolean = is_true;
      return absl::OkStatus();
    }
    return Number(value);
  }

  absl::Status Number(JsonValue* value) {
    const size_t start = position_;
    Consume("-");
    if (!AtDigit()) return Error("bad value");
    if (!Consume("0")) SkipDigits();
    if (Consume(".")) {
      if (!AtDigit()) return Error("digits missing after '.'");
      SkipDigits();
    }
    if (Consume("e") || Consume("E")) {
      if (!Consume("+")) Consume("-");
      if (!AtDigit()) return Error("digits missing in the exponent");
      SkipDigits();
    }
    value->type = JsonValue::Type::kNumber;
    if (!absl::SimpleAtod(text_.substr(start, position_ - start),
                          &value->number)) {
      return Error("number out of range");
    }
    return absl::OkStatus();
  }

  absl::Status String(std::string* out) {
    ++position_;  // the opening quote
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == '"') return absl::OkStatus();
      if (static_cast<unsigned char>(c) < 0x20) {
        return Error("raw control character in a string");
      }
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (position_ >= text_.size()) break;
      const char escaped = text_[position_++];
      switch (escaped) {
        case '"':
        case '\\':
        case '/':
          out->push_back(escaped);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t code = 0;
          if (position_ + 4 > text_.size() ||
              !absl::SimpleHexAtoi(text_.substr(position_, 4), &code)) {
            return Error("bad \\u escape");
          }
          position_ += 4;
          AppendUtf8(code, out);
          break;
        }
        default:
          return Error("bad escape");
      }
    }
    return Error("unterminated string");
  }

  absl::Status Array(JsonValue* value) {
    ++position_;  // [
    value->type = JsonValue::Type::kArray;
    SkipWhiteSpace();
    if (Consume("]")) return absl::OkStatus();
    do {
      if (absl::Status status = Value(&value->array.emplace_back());
          !status.ok()) {
        return status;
      }
      SkipWhiteSpace();
    } while (Consume(","));
    return Consume("]") ? absl::OkStatus() : Error("expected ',' or ']'");
  }

  absl::Status Object(JsonValue* value) {
    ++position_;  // {
    value->type = JsonValue::Type::kObject;
    SkipWhiteSpace();
    if (Consume("}")) return absl::OkStatus();
    do {
      SkipWhiteSpace();
      if (position_ >= text_.size() || text_[position_] != '"') {
        return Error("expected a key");
      }
      JsonMember& member = value->object.emplace_back();
      if (absl::Status status = String(&member.key); !status.ok()) {
        return status;
      }
      SkipWhiteSpace();
      if (!Consume(":")) return Error("expected ':'");
      if (absl::Status status = Value(&member.value); !status.ok()) {
        return status;
      }
      SkipWhiteSpace();
    } while (Consume(","));
    return Consume("}") ? absl::OkStatus() : Error("expected ',' or '}'");
  }

  const absl::string_view text_;
  size_t position_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(absl::string_view key) const {
  for (const JsonMember& member : object) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

const JsonValue& JsonValue::operator[](absl::string_view key) const {
  static const JsonValue* const kNull = new JsonValue();
  const JsonValue* member = Find(key);
  if (member == nullptr) {
    ADD_FAILURE() << "no JSON member \"" << key << "\"";
    return *kNull;
  }
  return *member;
}

absl::StatusOr<JsonValue> ReadJson(absl::string_view text) {
  return Parser(text).Document();
}

}  // namespace execbench
