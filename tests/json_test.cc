// Tests of JsonString() and JsonNumber(): what they write reads back, with a
// strict reader, as the same string or number.

#include "benchmarks/output/json.h"

#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "tests/json_reader.h"

namespace execbench {
namespace {

TEST(JsonStringTest, SpecialCharactersAreEscapedAndReadBack) {
  const std::string text =
      "quote \" backslash \\ slash / newline \n tab \t return \r "
      "bell \a escape \x1b unit-separator \x1f nul " +
      std::string(1, '\0') + " end";
  const std::string json = JsonString(text);
  for (const char c : json) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "in " << json;
  }
  absl::StatusOr<JsonValue> read = ReadJson(json);
  ASSERT_TRUE(read.ok()) << read.status() << " in " << json;
  EXPECT_EQ(read->string, text);
}

TEST(JsonStringTest, Utf8PassesThroughUnchanged) {
  EXPECT_EQ(JsonString("Ω µs ✓"), "\"Ω µs ✓\"");
}

TEST(JsonNumberTest, ReadsBackAsTheSameDouble) {
  for (const double value :
       {0.0, -0.0, 1.0, -2.5, 0.1, 1e-9, 123456789.123, 6.02214076e23, 5e-324,
        std::numeric_limits<double>::max()}) {
    absl::StatusOr<JsonValue> read = ReadJson(JsonNumber(value));
    ASSERT_TRUE(read.ok()) << read.status() << " for " << JsonNumber(value);
    EXPECT_EQ(read->number, value) << JsonNumber(value);
  }
}

TEST(JsonNumberTest, NonFiniteValuesAreNull) {
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(JsonNumber(-std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(JsonNumber(std::numeric_limits<double>::quiet_NaN()), "null");
}

// The reader must refuse what a strict one would, or the tests above could
// not fail.
TEST(JsonReaderTest, RejectsWhatRfc8259Forbids) {
  for (const char* bad :
       {"\"raw\nnewline\"", "\"raw\ttab\"", "nan", "inf", "01", "1.", "-",
        "[1,]", "{\"a\" 1}", "\"\\x41\"", "\"unterminated", "{} {}"}) {
    EXPECT_FALSE(ReadJson(bad).ok()) << bad;
  }
}

TEST(JsonReaderTest, ReadsNestedValues) {
  absl::StatusOr<JsonValue> read = ReadJson(
      R"( {"a": [1, -2.5e3, true, false, null], "b": {"c": "\u0041\/"}} )");
  ASSERT_TRUE(read.ok()) << read.status();
  const JsonValue& a = (*read)["a"];
  ASSERT_EQ(a.array.size(), 5);
  EXPECT_EQ(a.array[0].number, 1);
  EXPECT_EQ(a.array[1].number, -2500);
  EXPECT_TRUE(a.array[2].boolean);
  EXPECT_EQ(a.array[3].type, JsonValue::Type::kBool);
  EXPECT_FALSE(a.array[3].boolean);
  EXPECT_EQ(a.array[4].type, JsonValue::Type::kNull);
  EXPECT_EQ((*read)["b"]["c"].string, "A/");
}

}  // namespace
}  // namespace execbench
