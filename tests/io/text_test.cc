// Names in any script, UTF-8 decoding, and quoting text in messages.
#include "sim/io/text.h"

#include <string>

#include "ccsim/scenario_document.h"
#include "gtest/gtest.h"

namespace ccsim::io {
namespace {

TEST(TextTest, NamesAreLettersAndDigitsOfAnyScript) {
  for (const char* name :
       {"general", "fault_2", "new-connection", "报修", "缴费热线", "一组",
        "Störung", "заявка", "サポート", "민원", "الفواتير", "〇号线"}) {
    EXPECT_TRUE(IsName(name)) << name;
  }
  for (const char* not_name :
       {"", "gen eral", "报 修", "报修。", "报修，缴费", "a.b", "a/b", "x😀",
        "\xe6\x8a", "\xc0\xaf", "\xed\xa0\x80", "tab\tbed", "\xef\xbb\xbfname",
        "全角（括号）", "a\xef\xb8\x8f", "1\xef\xb8\x8f\xe2\x83\xa3",
        "\xe3\x85\xa4",
        "a\xc2\xa0"
        "b"}) {
    EXPECT_FALSE(IsName(not_name)) << not_name;
  }
}

TEST(TextTest, CodePointsAreDecodedAndBadBytesStepOneByte) {
  const std::string text = "a\xc3\xa9\xe6\x8a\xa5\xf0\x9f\x98\x80\xff";
  size_t at = 0;
  EXPECT_EQ(NextCodePoint(text, &at), 'a');
  EXPECT_EQ(NextCodePoint(text, &at), 0xE9);
  EXPECT_EQ(NextCodePoint(text, &at), 0x62A5);  // 报
  EXPECT_EQ(NextCodePoint(text, &at), 0x1F600);
  EXPECT_EQ(at, 10u);
  EXPECT_EQ(NextCodePoint(text, &at), -1);
  EXPECT_EQ(at, text.size());
  // A truncated sequence at the end.
  const std::string cut = "\xe6\x8a";
  at = 0;
  EXPECT_EQ(NextCodePoint(cut, &at), -1);
  EXPECT_EQ(at, 1u);
}

TEST(TextTest, AsNameKeepsLettersOfAnyScript) {
  EXPECT_EQ(AsName("报修 热线"), "报修_热线");
  EXPECT_EQ(AsName("Queue: Störung/1"), "Queue__Störung_1");
  EXPECT_EQ(AsName("x😀"), "x_");
  EXPECT_EQ(AsName("\xff"), "_");
}

TEST(TextTest, MessagesDoNotCutACharacterInTwo) {
  // 40 bytes end inside the 14th character (3 bytes each).
  const std::string long_name(std::string(20, 'a') + "报修报修报修报修");
  const std::string shown = Escaped(long_name, 22);
  EXPECT_EQ(shown, std::string(20, 'a') + "...");
  EXPECT_EQ(Escaped(long_name, 23), std::string(20, 'a') + "报...");
}

TEST(TextTest, ScenariosMayNameTheirQueuesInChinese) {
  absl::StatusOr<ScenarioDocument> doc = ScenarioDocument::Parse(
      "name: 水务热线\n"
      "horizon: 1d\n"
      "call_types:\n"
      "  - name: 报修\n"
      "    arrivals: {per_interval: 10}\n"
      "    handle_time: {exponential: {mean: 120s}}\n"
      "agents:\n"
      "  - name: 一组\n"
      "    skills: [报修]\n"
      "    staffing: {constant: 3}\n",
      "cn.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status();
  absl::StatusOr<Scenario> s = doc->ToScenario();
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->call_types[0].name, "报修");
  EXPECT_EQ(s->agent_groups[0].name, "一组");
  absl::StatusOr<ScenarioDocument> bad = ScenarioDocument::Parse(
      "name: x\n"
      "horizon: 1d\n"
      "call_types:\n"
      "  - name: 报修，缴费\n"
      "    arrivals: {per_interval: 10}\n"
      "    handle_time: {exponential: {mean: 120s}}\n"
      "agents:\n"
      "  - name: team\n"
      "    skills: [报修]\n"
      "    staffing: {constant: 3}\n",
      "bad.yaml");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->ToScenario().status().message(),
            "bad.yaml:4:11: call_types[0].name: expected a non-empty name of "
            "letters (of any script), digits, '_' and '-', got a string "
            "'报修，缴费'");
}

}  // namespace
}  // namespace ccsim::io
