// The CSV reader: rows across block boundaries, quoting, ';' files, and
// errors with their row.
#include "sim/io/csv_reader.h"

#include <fstream>
#include <string>

#include "fmt/format.h"
#include "gtest/gtest.h"

namespace ccsim::io {
namespace {

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "ccsim_csv_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CsvReaderTest, ManyRowsAcrossBlocksWithQuotes) {
  std::string text = "id,name,note\r\n";
  for (int i = 0; i < 20000; ++i) {
    // Quoted fields with commas, doubled quotes and line breaks.
    text += fmt::format("{},\"agent, {}\",\"said \"\"hi\"\"\n{}\"\r\n", i,
                        i * 7, std::string(static_cast<size_t>(i % 50), 'x'));
  }
  absl::StatusOr<std::unique_ptr<CsvReader>> r =
      CsvReader::Open(Write("many.csv", text));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)->header(), (std::vector<std::string>{"id", "name", "note"}));
  EXPECT_EQ((*r)->Column("note"), 2);
  EXPECT_EQ((*r)->Column("missing"), -1);
  for (int i = 0; i < 20000; ++i) {
    absl::StatusOr<bool> more = (*r)->Next();
    ASSERT_TRUE(more.ok() && *more) << i;
    ASSERT_EQ((*r)->size(), 3u);
    ASSERT_EQ((*r)->field(0), std::to_string(i));
    ASSERT_EQ((*r)->field(1), fmt::format("agent, {}", i * 7));
    ASSERT_EQ((*r)->field(2),
              "said \"hi\"\n" + std::string(static_cast<size_t>(i % 50), 'x'));
    ASSERT_EQ((*r)->row(), i + 2);
  }
  absl::StatusOr<bool> end = (*r)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(CsvReaderTest, SemicolonsAndMissingFields) {
  absl::StatusOr<std::unique_ptr<CsvReader>> r =
      CsvReader::Open(Write("semi.csv", "a;b;c\n1;2\n"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(*(*r)->Next());
  EXPECT_EQ((*r)->field(1), "2");
  EXPECT_EQ((*r)->field(2), "");  // missing trailing field
  EXPECT_EQ(
      (*r)->Error(2, "bad").message(),
      ::testing::TempDir() + "ccsim_csv_semi.csv: row 2, column 3 (c): bad");
}

TEST(CsvReaderTest, ByteOrderMarkIsNotPartOfTheFirstName) {
  absl::StatusOr<std::unique_ptr<CsvReader>> r =
      CsvReader::Open(Write("bom.csv",
                            "\xEF\xBB\xBF"
                            "arrival,b\n1,2\n"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)->Column("arrival"), 0);
}

TEST(CsvReaderTest, Errors) {
  EXPECT_NE(CsvReader::Open(Write("empty.csv", ""))
                .status()
                .message()
                .find("row 1: expected a header row"),
            std::string::npos);
  EXPECT_EQ(CsvReader::Open("/dev/zero").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_NE(CsvReader::Open(::testing::TempDir())
                .status()
                .message()
                .find("cannot read file"),
            std::string::npos);
  absl::StatusOr<std::unique_ptr<CsvReader>> r =
      CsvReader::Open(Write("stray.csv", "a,b\n1,2\n3,x\"y\"z\n"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(*(*r)->Next());
  absl::StatusOr<bool> bad = (*r)->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("row 3: malformed CSV"),
            std::string::npos)
      << bad.status();
  // An unclosed quote does not read the rest of a big file into a field.
  std::string open_quote = "a,b\n1,\"";
  open_quote += std::string(3 << 20, 'x');
  r = CsvReader::Open(Write("open.csv", open_quote));
  ASSERT_TRUE(r.ok()) << r.status();
  bad = (*r)->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("a field longer than 1 MiB"),
            std::string::npos)
      << bad.status();
}

}  // namespace
}  // namespace ccsim::io
