#include "sim/scenario/yaml_value.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "ccsim/suggest.h"
#include "fmt/format.h"
#include "sim/io/input_file.h"
#include "yaml-cpp/depthguard.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/parser.h"

namespace ccsim::scenario_internal {
namespace {

// What ParseDuration expects; used when the value is not even a scalar, so
// that every duration error reads the same.
constexpr std::string_view kDurationExpected =
    "expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, 1.5h, 2d";

}  // namespace

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True when `text` is a decimal number as YAML 1.2's core schema writes one:
// [-+]? ( .digits | digits [. digits?] ) ( [eE] [-+]? digits )?
bool IsDecimalNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
  size_t int_digits = 0;
  while (i < n && IsDigit(text[i])) ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && IsDigit(text[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < n && IsDigit(text[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == n;
}

// True when `text` is [-+]? digits.
bool IsIntegerText(std::string_view text) {
  size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i)
    if (!IsDigit(text[i])) return false;
  return true;
}

std::string_view WithoutPlus(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  return text;
}

bool IsWhole(double v) { return std::isfinite(v) && v == std::floor(v); }

}  // namespace

absl::StatusOr<std::string> ReadText(const std::string& path) {
  auto cannot_read = [&](int error) { return io::CannotRead(path, error); };
  absl::StatusOr<std::FILE*> opened = io::OpenInput(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(*opened, &std::fclose);
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxInputFileBytes) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: cannot read file: larger than {} MiB, the most a scenario or "
          "sweep file may be",
          path, kMaxInputFileBytes >> 20));
    }
  }
  if (std::ferror(file.get())) return cannot_read(errno);
  return text;
}

namespace {

// Records where the last document started.
class DocumentStarts : public YAML::EventHandler {
 public:
  YAML::Mark last;
  void OnDocumentStart(const YAML::Mark& mark) override { last = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp 0.7's LoadAll never returns on some malformed input (a ',' at
// the start of a document): its parser hands back the same empty document
// at the same place again and again, and LoadAll collects them until
// memory runs out. This walks the documents first and returns where the
// parser stopped moving, or nullopt when every document moved it on.
// Throws YAML::Exception on syntax errors, as LoadAll does.
std::optional<YAML::Mark> StuckDocument(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  std::optional<int> previous;
  while (parser.HandleNextDocument(starts)) {
    if (previous == starts.last.pos) return starts.last;
    previous = starts.last.pos;
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::vector<YAML::Node>> SourceFiles::Parse(
    std::string_view text, std::string_view name) {
  const int first_line = end_line_;
  files_.push_back(File{std::string(name), first_line});
  int lines = 1;
  for (char c : text) lines += c == '\n';
  end_line_ = first_line + lines + 1;
  // Blank lines put this file's nodes after every earlier file's.
  std::string padded(static_cast<size_t>(first_line), '\n');
  padded.append(text);
  try {
    if (std::optional<YAML::Mark> stuck = StuckDocument(padded)) {
      return ErrorAt(*this, *stuck, "",
                     fmt::format("YAML syntax error: unexpected '{}'",
                                 Printable(std::string_view(padded).substr(
                                     static_cast<size_t>(stuck->pos), 1))));
    }
    return YAML::LoadAll(padded);
  } catch (const YAML::DeepRecursion& e) {
    return ErrorAt(*this, e.mark, "",
                   "YAML syntax error: lists or maps nested deeper than the "
                   "reader allows (2000 levels)");
  } catch (const YAML::Exception& e) {
    return ErrorAt(*this, e.mark, "",
                   fmt::format("YAML syntax error: {}", e.msg));
  }
}

SourceFiles::Location SourceFiles::Locate(const YAML::Mark& mark) const {
  if (mark.is_null() || files_.empty()) return {main(), 1, 1};
  // The last file that starts at or before the mark's line.
  size_t k = 0;
  while (k + 1 < files_.size() && files_[k + 1].first_line <= mark.line) ++k;
  return {files_[k].name, mark.line - files_[k].first_line + 1,
          mark.column + 1};
}

const std::string& SourceFiles::main() const {
  static const std::string* const kNone = new std::string;
  return files_.empty() ? *kNone : files_[0].name;
}

absl::Status ErrorAt(const SourceFiles& sources, const YAML::Mark& mark,
                     std::string_view path, std::string_view message) {
  const SourceFiles::Location at = sources.Locate(mark);
  if (path.empty()) {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, message));
  }
  // A key path holds the file's own keys: control bytes are escaped.
  return absl::InvalidArgumentError(
      fmt::format("{}:{}:{}: {}: {}", at.file, at.line, at.column,
                  Escaped(path, std::string_view::npos), message));
}

int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // Rows i-2, i-1 and i of the table d[i][j]: the distance between the
  // first i chars of a and the first j of b (with adjacent transpositions).
  std::vector<int> before(m + 1), above(m + 1), row(m + 1);
  for (size_t j = 0; j <= m; ++j) above[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      row[j] = best;
    }
    std::swap(before, above);
    std::swap(above, row);
  }
  return above[m];
}

std::string DidYouMean(std::string_view got,
                       const std::vector<std::string>& options) {
  const std::string* best = nullptr;
  int best_distance = 3;  // only suggest within distance 2
  // Names of very different length are not within 2 edits; very long ones
  // are not typos worth a suggestion (and would cost length^2 time).
  constexpr size_t kMaxCompared = 256;
  if (got.size() > kMaxCompared) return "";
  for (const std::string& option : options) {
    const size_t longer = std::max(got.size(), option.size());
    if (longer - std::min(got.size(), option.size()) > 2) continue;
    const int distance = EditDistance(got, option);
    if (distance < best_distance) {
      best = &option;
      best_distance = distance;
    }
  }
  if (best == nullptr) return "";
  return fmt::format(" (did you mean '{}'?)", *best);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += Printable(names[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// YamlValue

YamlValue::YamlValue(const SourceFiles& sources, YAML::Node node,
                     std::string path, YAML::Mark mark)
    : sources_(&sources),
      node_(std::move(node)),
      path_(std::move(path)),
      mark_(mark) {}

YamlValue& YamlValue::operator=(const YamlValue& other) {
  if (this == &other) return *this;
  sources_ = other.sources_;
  node_.reset(other.node_);
  path_ = other.path_;
  mark_ = other.mark_;
  return *this;
}

absl::Status YamlValue::Error(std::string_view message) const {
  return ErrorAt(*sources_, mark_, path_, message);
}

absl::Status YamlValue::Expected(std::string_view what) const {
  return Error(fmt::format("expected {}, got {}", what, Describe()));
}

YamlValue::ScalarKind YamlValue::Classify() const {
  // yaml-cpp tags quoted and block scalars "!", plain ones "?".
  const std::string& tag = node_.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return ScalarKind::kString;
  if (AsNumber().has_value()) return ScalarKind::kNumber;
  const std::string& s = node_.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" ||
      s == "False" || s == "FALSE") {
    return ScalarKind::kBoolean;
  }
  return ScalarKind::kString;
}

std::optional<double> YamlValue::AsNumber() const {
  if (!is_scalar()) return std::nullopt;
  const std::string& tag = node_.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return std::nullopt;
  const std::string& s = node_.Scalar();
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!IsDecimalNumber(s)) return std::nullopt;
  // strtod gives +-inf on overflow, which is then reported as not finite.
  return std::strtod(s.c_str(), nullptr);
}

std::string YamlValue::Describe() const {
  if (is_null()) return "an empty value";
  if (is_map()) return node_.size() == 0 ? "an empty map" : "a map";
  if (is_sequence()) {
    return node_.size() == 0 ? "an empty sequence" : "a sequence";
  }
  if (!is_scalar()) return "an undefined value";
  const std::string text = Printable(node_.Scalar());
  switch (Classify()) {
    case ScalarKind::kNumber:
      return fmt::format("a number {}", text);
    case ScalarKind::kBoolean:
      return fmt::format("a boolean {}", text);
    case ScalarKind::kString:
      break;
  }
  return fmt::format("a string '{}'", text);
}

absl::StatusOr<std::string> YamlValue::Text() const {
  if (!is_scalar()) return Expected("a string");
  return node_.Scalar();
}

absl::StatusOr<double> YamlValue::Number() const {
  std::optional<double> v = AsNumber();
  if (!v.has_value()) return Expected("a number");
  if (!std::isfinite(*v)) {
    return Error(
        fmt::format("expected a finite number, got {}", Printable(raw())));
  }
  return *v;
}

absl::StatusOr<double> YamlValue::NonNegativeNumber() const {
  absl::StatusOr<double> v = Number();
  if (!v.ok()) return v.status();
  if (*v < 0) {
    return Error(fmt::format("expected a number that is not negative, got {}",
                             Printable(raw())));
  }
  return *v;
}

absl::StatusOr<int64_t> YamlValue::Integer(int64_t min, int64_t max) const {
  std::optional<double> v = AsNumber();
  if (!v.has_value()) return Expected("a whole number");
  const std::string text = Printable(raw());
  if (!IsWhole(*v)) {
    return Error(fmt::format("expected a whole number, got {}", text));
  }
  auto out_of_range = [&](bool too_small) {
    if (too_small && min == 0) {
      return Error(fmt::format(
          "expected a whole number that is not negative, got {}", text));
    }
    if (too_small) {
      return Error(fmt::format("expected a whole number of at least {}, got {}",
                               min, text));
    }
    return Error(fmt::format("expected a whole number of at most {}, got {}",
                             max, text));
  };
  int64_t value = 0;
  if (IsIntegerText(raw())) {
    // Exact: no detour through double for long integers.
    std::string_view digits = WithoutPlus(node_.Scalar());
    auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) {
      return out_of_range(digits[0] == '-');
    }
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return Expected("a whole number");
    }
  } else {
    // 14.0, 1e3: whole, but written as a float.
    if (*v < -9.2e18 || *v > 9.2e18) return out_of_range(*v < 0);
    value = static_cast<int64_t>(*v);
  }
  if (value < min) return out_of_range(true);
  if (value > max) return out_of_range(false);
  return value;
}

absl::StatusOr<uint64_t> YamlValue::Unsigned64() const {
  std::optional<double> v = AsNumber();
  if (!v.has_value()) return Expected("a whole number");
  const std::string text = Printable(raw());
  if (!IsWhole(*v)) {
    return Error(fmt::format("expected a whole number, got {}", text));
  }
  if (*v < 0) {
    return Error(fmt::format(
        "expected a whole number that is not negative, got {}", text));
  }
  auto too_large = [&] {
    return Error(fmt::format("expected a whole number of at most {}, got {}",
                             std::numeric_limits<uint64_t>::max(), text));
  };
  if (IsIntegerText(raw())) {
    std::string_view digits = WithoutPlus(node_.Scalar());
    if (digits[0] == '-') return uint64_t{0};  // "-0"
    uint64_t value = 0;
    auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) return too_large();
    if (ec != std::errc() || end != digits.data() + digits.size()) {
      return Expected("a whole number");
    }
    return value;
  }
  if (*v >= 18446744073709551616.0) return too_large();  // 2^64
  return static_cast<uint64_t>(*v);
}

absl::StatusOr<Time> YamlValue::Duration() const {
  if (!is_scalar()) {
    return Error(fmt::format("{}; got {}", kDurationExpected, Describe()));
  }
  const std::string& text = node_.Scalar();
  absl::StatusOr<Time> t = ParseDuration(text);
  if (t.ok()) return *t;
  // ParseDuration quotes the text as is; keep the message on one line.
  std::string message(t.status().message());
  const std::string quoted = fmt::format("'{}'", text);
  if (const size_t at = message.find(quoted); at != std::string::npos) {
    message.replace(at, quoted.size(), fmt::format("'{}'", Printable(text)));
  }
  return Error(message);
}

absl::StatusOr<bool> YamlValue::Boolean() const {
  if (is_scalar() && Classify() == ScalarKind::kBoolean) {
    const char c = node_.Scalar()[0];
    return c == 't' || c == 'T';
  }
  return Expected("true or false");
}

absl::StatusOr<std::vector<YamlValue>> YamlValue::Sequence(
    std::string_view what) const {
  if (!is_sequence()) return Expected(fmt::format("a sequence of {}", what));
  std::vector<YamlValue> out;
  out.reserve(node_.size());
  size_t i = 0;
  for (YAML::Node element : node_) {
    YAML::Mark m = element.Mark().is_null() ? mark_ : element.Mark();
    out.emplace_back(*sources_, element, IndexPath(i), m);
    ++i;
  }
  return out;
}

absl::StatusOr<std::vector<YamlValue>> YamlValue::NonEmptySequence(
    std::string_view what) const {
  absl::StatusOr<std::vector<YamlValue>> out = Sequence(what);
  if (out.ok() && out->empty()) {
    return Error(fmt::format(
        "expected a non-empty sequence of {}, got an empty sequence", what));
  }
  return out;
}

absl::StatusOr<YamlMap> YamlValue::AsMap(
    const std::vector<std::string>& allowed, std::string_view what) const {
  if (!is_map()) return Expected(what);
  std::vector<YamlMap::Entry> entries;
  for (const auto& pair : node_) {
    // Copies: yaml-cpp's iterators hand out temporaries.
    const YAML::Node key = pair.first;
    const YAML::Node value = pair.second;
    const YAML::Mark key_mark = key.Mark().is_null() ? mark_ : key.Mark();
    if (!key.IsScalar()) {
      YamlValue key_value(*sources_, key, path_, key_mark);
      return ErrorAt(
          *sources_, key_mark, path_,
          fmt::format("expected a key name, got {}", key_value.Describe()));
    }
    const std::string& name = key.Scalar();
    for (const YamlMap::Entry& earlier : entries) {
      if (earlier.key == name) {
        return ErrorAt(
            *sources_, key_mark, ChildPath(name),
            fmt::format("duplicate key '{}' (first given at line {})",
                        Printable(name),
                        sources_->Locate(earlier.key_mark).line));
      }
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return ErrorAt(*sources_, key_mark, ChildPath(name),
                     fmt::format("unknown key '{}'; expected one of: {}{}",
                                 Printable(name), JoinNames(allowed),
                                 DidYouMean(name, allowed)));
    }
    // yaml-cpp marks an empty value at the next token; the key is clearer.
    const YAML::Mark value_mark =
        (value.IsNull() || value.Mark().is_null()) ? key_mark : value.Mark();
    entries.push_back(YamlMap::Entry{
        name, key_mark,
        YamlValue(*sources_, value, ChildPath(name), value_mark)});
  }
  return YamlMap(*this, std::move(entries));
}

std::string YamlValue::ChildPath(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return fmt::format("{}.{}", path_, key);
}

std::string YamlValue::IndexPath(size_t index) const {
  return fmt::format("{}[{}]", path_, index);
}

// ---------------------------------------------------------------------------
// YamlMap

std::optional<YamlValue> YamlMap::Find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return e.value;
  }
  return std::nullopt;
}

absl::StatusOr<YamlValue> YamlMap::Require(std::string_view key) const {
  std::optional<YamlValue> v = Find(key);
  if (!v.has_value()) {
    return self_.Error(fmt::format("missing required key '{}'", key));
  }
  return *std::move(v);
}

absl::StatusOr<const YamlMap::Entry*> YamlMap::ExactlyOne(
    const std::vector<std::string>& options) const {
  const std::string expected =
      fmt::format("expected exactly one of the keys {}", JoinNames(options));
  if (entries_.empty()) {
    return self_.Error(fmt::format("{}; got an empty map", expected));
  }
  if (entries_.size() > 1) {
    return ErrorAt(self_.sources(), entries_[1].key_mark, self_.path(),
                   fmt::format("{}; got both '{}' and '{}'", expected,
                               entries_[0].key, entries_[1].key));
  }
  return &entries_[0];
}

absl::StatusOr<const YamlMap::Entry*> YamlMap::AtMostOneOf(
    const std::vector<std::string>& options) const {
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    if (std::find(options.begin(), options.end(), e.key) == options.end()) {
      continue;
    }
    if (found != nullptr) {
      return ErrorAt(self_.sources(), e.key_mark, self_.path(),
                     fmt::format("expected at most one of the keys {}; got "
                                 "both '{}' and '{}'",
                                 JoinNames(options), found->key, e.key));
    }
    found = &e;
  }
  return found;
}

absl::StatusOr<const YamlMap::Entry*> YamlMap::ExactlyOneOf(
    const std::vector<std::string>& options) const {
  const std::string expected =
      fmt::format("expected exactly one of the keys {}", JoinNames(options));
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    if (std::find(options.begin(), options.end(), e.key) == options.end()) {
      continue;
    }
    if (found != nullptr) {
      return ErrorAt(self_.sources(), e.key_mark, self_.path(),
                     fmt::format("{}; got both '{}' and '{}'", expected,
                                 found->key, e.key));
    }
    found = &e;
  }
  if (found == nullptr) {
    return self_.Error(
        fmt::format("{}; got {}", expected,
                    entries_.empty() ? "an empty map" : "none of them"));
  }
  return found;
}

}  // namespace ccsim::scenario_internal

namespace ccsim {

std::string SuggestName(std::string_view got,
                        const std::vector<std::string>& options) {
  return scenario_internal::DidYouMean(got, options);
}

std::string QuotableText(std::string_view text) { return io::Printable(text); }

}  // namespace ccsim
