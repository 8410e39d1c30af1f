// Sweep files: reading and checking them, expanding their points, and the
// canonical definition that databases are tied to. The format is in
// docs/sweeps.md.
//
// The file is read twice: first on its own, just for `scenario:` (the base
// scenario must be loaded before anything else can be checked), then into
// the base scenario's document (ScenarioDocument::ParseAuxiliary), so that
// the values it places in the scenario keep their positions in the sweep
// file and the scenario reader's errors about them point there.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "ccsim/report.h"
#include "ccsim/scenario_document.h"
#include "ccsim/status_macros.h"
#include "ccsim/sweep.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "sim/run/workers.h"
#include "sim/scenario/yaml_value.h"
#include "sim/sweep/sweep_util.h"
#include "sim/sweep/typed_points.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {

// The trees points are built from, rebuilt now and then (see Build()), and
// how many points were built since. `base` has the fixed overrides
// applied; value_nodes[p][v] is the node of value v of parameter p. Trees
// belong to one thread at a time.
struct Sweep::Trees {
  std::optional<ScenarioDocument> base;
  std::vector<std::vector<YAML::Node>> value_nodes;
  int uses = 0;
};

struct Sweep::Impl {
  std::string filename;
  std::string text;       // of the sweep file
  std::string base_path;  // the base scenario's file
  std::string scenario_name;
  std::vector<SweepParameter> parameters;
  // How each value is put into a point's scenario: a plain scalar as a
  // new node at the position it was written (or generated) at, anything
  // else as its node in the sweep file's tree.
  struct Placement {
    bool fresh = false;  // a plain scalar, made anew for each point
    std::string text;
    YAML::Mark mark;
  };
  std::vector<std::vector<Placement>> placements;  // [parameter][value]
  // The (parameter, value) pairs whose placement is not `fresh`.
  std::vector<std::pair<size_t, size_t>> tree_values;
  std::string base_yaml;  // the base with the fixed overrides, as YAML
  // The trees of Sweep::PointScenario() (those of Read(), first).
  mutable Trees shared;

  // Reads the base scenario and the sweep file's tree afresh into `trees`.
  absl::Status Rebuild(Trees& trees) const;
  // The scenario of `point`: edited from typed scenarios when `typed` is
  // set and the result is runnable, else built from `trees`.
  absl::StatusOr<Scenario> Build(Trees& trees, int64_t point) const;
  absl::StatusOr<Scenario> BuildFromYaml(Trees& trees, int64_t point) const;
  // Sets `typed` up when it applies (see sim/sweep/typed_points.h):
  // reads the first point with each value, and checks the typed scenarios
  // against the YAML ones on a sample of `checked`.
  void PrepareTyped(const std::vector<int64_t>& checked);
  std::optional<sweep_internal::TypedPoints> typed;
  // See Sweep::ValueIndices().
  std::vector<int> ValueIndices(int64_t point) const;
  SweepCombine combine = SweepCombine::kGrid;
  int64_t num_points = 0;
  int replications = 1;
  uint64_t seed = 0;
  MetricSet metrics;
  SweepScopes scopes;
  std::string definition;
  std::string fingerprint;
};

namespace {

using scenario_internal::ReadText;

// Bounds that keep a typo (a step of 0.0001) from exhausting memory or
// time; each point is checked before anything runs.
constexpr int64_t kMaxPoints = 1'000'000;
constexpr int64_t kMaxValuesPerParameter = 100'000;
// Decimal places of a range's bounds and step (they are scaled to whole
// numbers so that generated values are exact decimals).
constexpr int kMaxRangeDecimals = 9;

const std::vector<std::string>& TopLevelKeys() {
  static const auto* keys = new std::vector<std::string>{
      "scenario", "description", "replications", "seed",  "combine",
      "set",      "parameters",  "metrics",      "scopes"};
  return *keys;
}

// Column names of the export other than the parameters'.
const std::vector<std::string>& ReservedNames() {
  static const auto* names = new std::vector<std::string>{
      "point", "scope", "name", "day", "start", "metric", "mean", "ci95", "n"};
  return *names;
}

bool IsQuoted(const YAML::Node& node) { return node.Tag() == "!"; }

// A whole number written as a plain scalar, or nullopt.
std::optional<int64_t> PlainInteger(const YAML::Node& node) {
  if (!node.IsScalar() || IsQuoted(node)) return std::nullopt;
  const std::string& s = node.Scalar();
  const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || begin == end) {
    return std::nullopt;
  }
  return v;
}

// A finite number written as a plain scalar (1.5, -2, 1e3), or nullopt.
std::optional<double> PlainNumber(const YAML::Node& node) {
  if (!node.IsScalar() || IsQuoted(node)) return std::nullopt;
  const std::string& s = node.Scalar();
  const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  double v = 0;
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || begin == end ||
      !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// What a node is, for "got ..." in messages.
std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "an empty value";
  if (node.IsMap()) return node.size() == 0 ? "an empty map" : "a map";
  if (node.IsSequence()) return node.size() == 0 ? "an empty list" : "a list";
  const std::string& s = node.Scalar();
  if (!IsQuoted(node)) {
    if (PlainNumber(node)) return fmt::format("a number {}", s);
    if (s == "true" || s == "false") return fmt::format("a boolean {}", s);
  }
  return fmt::format("a string '{}'", scenario_internal::Printable(s));
}

// YAML in flow style on one line, e.g. {constant: 40}.
std::string FlowText(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

SweepValue ValueOf(const YAML::Node& node) {
  SweepValue v;
  if (!node.IsScalar()) {
    v.text = FlowText(node);
    return v;
  }
  v.text = node.Scalar();
  if (std::optional<int64_t> i = PlainInteger(node)) {
    v.kind = SweepValue::Kind::kInteger;
    v.integer = *i;
    v.real = static_cast<double>(*i);
  } else if (std::optional<double> d = PlainNumber(node)) {
    v.kind = SweepValue::Kind::kReal;
    v.real = *d;
  }
  return v;
}

// A map entry with the mark errors about its value should use (the key's
// for an empty value: yaml-cpp marks those at the next token).
struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
  std::string path;
  YAML::Mark value_mark() const {
    return value.IsNull() || value.Mark().is_null() ? key_node.Mark()
                                                    : value.Mark();
  }
};

std::string ChildPath(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

// Reads the sweep file's own keys; errors go through the document, whose
// sources know the sweep file.
class SweepReader {
 public:
  explicit SweepReader(const ScenarioDocument& doc) : doc_(doc) {}

  absl::Status Error(const YAML::Mark& mark, std::string_view path,
                     std::string_view message) const {
    return doc_.ErrorAt(mark, path, message);
  }
  absl::Status Expected(const YAML::Node& node, const YAML::Mark& mark,
                        std::string_view path, std::string_view what) const {
    return Error(mark, path,
                 fmt::format("expected {}, got {}", what, Describe(node)));
  }

  // The entries of a map whose keys are plain, unique and among `allowed`.
  absl::StatusOr<std::vector<Entry>> Map(
      const YAML::Node& node, const YAML::Mark& mark, std::string_view path,
      const std::vector<std::string>* allowed, std::string_view what) const {
    if (!node.IsMap()) return Expected(node, mark, path, what);
    std::vector<Entry> out;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        return Error(it->first.Mark(), path, "expected a plain key");
      }
      const std::string key = it->first.Scalar();
      const std::string child = ChildPath(path, key);
      for (const Entry& e : out) {
        if (e.key == key) {
          return Error(it->first.Mark(), child,
                       fmt::format("duplicate key '{}'", key));
        }
      }
      if (allowed != nullptr &&
          std::find(allowed->begin(), allowed->end(), key) == allowed->end()) {
        return Error(it->first.Mark(), child,
                     fmt::format("unknown key '{}'; expected one of: {}{}", key,
                                 scenario_internal::JoinNames(*allowed),
                                 scenario_internal::DidYouMean(key, *allowed)));
      }
      out.push_back(Entry{key, it->first, it->second, child});
    }
    return out;
  }

  absl::StatusOr<int64_t> Integer(const Entry& e, int64_t min,
                                  int64_t max) const {
    std::optional<int64_t> v = PlainInteger(e.value);
    if (!v || *v < min || *v > max) {
      return Expected(e.value, e.value_mark(), e.path,
                      fmt::format("a whole number from {} to {}", min, max));
    }
    return *v;
  }

  absl::StatusOr<uint64_t> Unsigned64(const Entry& e) const {
    uint64_t v = 0;
    const std::string s = e.value.IsScalar() && !IsQuoted(e.value)
                              ? e.value.Scalar()
                              : std::string();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
      return Expected(e.value, e.value_mark(), e.path,
                      "a whole number from 0 to 18446744073709551615");
    }
    return v;
  }

  absl::StatusOr<std::string> Text(const Entry& e,
                                   std::string_view what) const {
    if (!e.value.IsScalar() || e.value.Scalar().empty()) {
      return Expected(e.value, e.value_mark(), e.path, what);
    }
    return e.value.Scalar();
  }

 private:
  const ScenarioDocument& doc_;
};

// A range bound or step: a plain decimal with an optional unit (0.25,
// 40, 90s, 1.5h), scaled to a whole number of 10^-decimals.
struct Decimal {
  bool negative = false;
  std::string whole;
  std::string fraction;
  std::string unit;
};

std::optional<Decimal> ParseDecimal(const YAML::Node& node) {
  if (!node.IsScalar() || IsQuoted(node)) return std::nullopt;
  const std::string& s = node.Scalar();
  Decimal d;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) d.negative = s[i++] == '-';
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    d.whole += s[i++];
  }
  if (d.whole.empty()) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      d.fraction += s[i++];
    }
    if (d.fraction.empty()) return std::nullopt;
  }
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
    d.unit += s[i++];
  }
  if (i != s.size()) return std::nullopt;
  return d;
}

// `d` in units of 10^-decimals, or nullopt when it does not fit.
std::optional<int64_t> Scaled(const Decimal& d, int decimals) {
  std::string digits = d.whole + d.fraction;
  digits.append(static_cast<size_t>(decimals) - d.fraction.size(), '0');
  // Up to 17 digits keeps sums of a bound and count * step within int64.
  const size_t first = digits.find_first_not_of('0');
  if (first != std::string::npos && digits.size() - first > 17) {
    return std::nullopt;
  }
  int64_t v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return d.negative ? -v : v;
}

// `v` units of 10^-decimals as a decimal without trailing zeros in the
// fraction: 0.1, not 0.10 (the values read the way one writes them).
std::string FormatScaled(int64_t v, int decimals) {
  const char* sign = v < 0 ? "-" : "";
  uint64_t magnitude =
      v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  while (decimals > 0 && magnitude % 10 == 0) {
    magnitude /= 10;
    --decimals;
  }
  if (decimals == 0) return fmt::format("{}{}", sign, magnitude);
  uint64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  return fmt::format("{}{}.{:0{}}", sign, magnitude / unit, magnitude % unit,
                     decimals);
}

// "the unit 's'", or "no unit".
std::string UnitText(std::string_view unit) {
  return unit.empty() ? "no unit" : fmt::format("the unit '{}'", unit);
}

// The texts of the values of `range: {from, to, step}`.
absl::StatusOr<std::vector<std::string>> RangeTexts(const SweepReader& r,
                                                    const Entry& range) {
  static const std::vector<std::string> kKeys = {"from", "to", "step"};
  CCSIM_ASSIGN_OR_RETURN(
      std::vector<Entry> entries,
      r.Map(range.value, range.value_mark(), range.path, &kKeys,
            "a range map {from: X, to: Y, step: Z}"));
  std::optional<Decimal> parts[3];
  const Entry* where[3] = {nullptr, nullptr, nullptr};
  for (const Entry& e : entries) {
    const size_t k = static_cast<size_t>(
        std::find(kKeys.begin(), kKeys.end(), e.key) - kKeys.begin());
    parts[k] = ParseDecimal(e.value);
    where[k] = &e;
    if (!parts[k]) {
      return r.Expected(e.value, e.value_mark(), e.path,
                        "a plain decimal number, optionally with a unit "
                        "(e.g. 0.25, 40, 90s)");
    }
  }
  for (size_t k = 0; k < 3; ++k) {
    if (where[k] == nullptr) {
      return r.Error(range.value_mark(), range.path,
                     fmt::format("missing required key '{}' (a range is "
                                 "{{from: X, to: Y, step: Z}})",
                                 kKeys[k]));
    }
  }
  for (size_t k = 1; k < 3; ++k) {
    if (parts[k]->unit != parts[0]->unit) {
      return r.Error(
          where[k]->value_mark(), where[k]->path,
          fmt::format("'{}' has {}, but 'from' has {}; a range uses one unit "
                      "throughout (e.g. {{from: 60s, to: 120s, step: 30s}})",
                      kKeys[k], UnitText(parts[k]->unit),
                      UnitText(parts[0]->unit)));
    }
  }
  int decimals = 0;
  for (const auto& p : parts) {
    decimals = std::max(decimals, static_cast<int>(p->fraction.size()));
  }
  if (decimals > kMaxRangeDecimals) {
    for (size_t k = 0; k < 3; ++k) {
      if (static_cast<int>(parts[k]->fraction.size()) == decimals) {
        return r.Error(where[k]->value_mark(), where[k]->path,
                       fmt::format("expected at most {} decimal places, got "
                                   "{}",
                                   kMaxRangeDecimals, decimals));
      }
    }
  }
  int64_t v[3];
  for (size_t k = 0; k < 3; ++k) {
    std::optional<int64_t> s = Scaled(*parts[k], decimals);
    if (!s) {
      return r.Error(where[k]->value_mark(), where[k]->path, "too many digits");
    }
    v[k] = *s;
  }
  const auto [from, to, step] = v;
  if (step <= 0) {
    return r.Error(where[2]->value_mark(), where[2]->path,
                   fmt::format("the step must be greater than 0, got {}",
                               where[2]->value.Scalar()));
  }
  if (to < from) {
    return r.Error(
        range.value_mark(), range.path,
        fmt::format("empty range: 'to' ({}) is below 'from' ({})",
                    where[1]->value.Scalar(), where[0]->value.Scalar()));
  }
  const int64_t count = (to - from) / step + 1;
  if (count > kMaxValuesPerParameter) {
    return r.Error(range.value_mark(), range.path,
                   fmt::format("{} values; at most {} are allowed", count,
                               kMaxValuesPerParameter));
  }
  std::vector<std::string> texts;
  for (int64_t i = 0; i < count; ++i) {
    texts.push_back(FormatScaled(from + i * step, decimals) + parts[0]->unit);
  }
  return texts;
}

// Does `a` contain `b` (is `b` a key path at or below `a`)?
bool PathContains(std::string_view a, std::string_view b) {
  return b.size() >= a.size() && b.substr(0, a.size()) == a &&
         (b.size() == a.size() || b[a.size()] == '.' || b[a.size()] == '[');
}

// Checks that `key` names a place in the base scenario that a value can be
// put: it exists there, or it is an optional key the scenario reader
// accepts (tried with `sample`). Errors point at `at`.
absl::Status CheckKeyPath(const SweepReader& r, const ScenarioDocument& doc,
                          const std::string& key, const YAML::Mark& at,
                          const std::string& path, const YAML::Node& sample) {
  if (key == "seed" || key == "replications") {
    return r.Error(at, path,
                   fmt::format("'{}' cannot be swept or set: every point uses "
                               "the sweep's own '{}:' (see docs/sweeps.md)",
                               key, key));
  }
  absl::StatusOr<std::optional<YAML::Node>> found = doc.Find(key);
  if (!found.ok()) return r.Error(at, path, MessageOf(found.status()));
  if (found->has_value()) return absl::OkStatus();

  // Absent from the base: fine if the scenario takes it (an optional key).
  absl::StatusOr<ScenarioDocument> trial = doc.With(key, sample);
  absl::Status reader =
      trial.ok() ? trial->ToScenario().status() : trial.status();
  if (reader.ok()) return absl::OkStatus();

  // Say where the path leaves the base scenario, with a suggestion.
  std::string where;
  size_t start = 0;
  std::string parent;
  while (start <= key.size()) {
    size_t dot = key.find('.', start);
    if (dot == std::string::npos) dot = key.size();
    const std::string prefix = key.substr(0, dot);
    absl::StatusOr<std::optional<YAML::Node>> step = doc.Find(prefix);
    if (step.ok() && !step->has_value()) {
      const std::string segment = key.substr(start, dot - start);
      const std::string name = segment.substr(0, segment.find('['));
      std::optional<YAML::Node> node;
      if (parent.empty()) {
        node = doc.root();
      } else if (absl::StatusOr<std::optional<YAML::Node>> p = doc.Find(parent);
                 p.ok()) {
        node = *p;
      }
      std::vector<std::string> keys;
      bool has_name = false;
      if (node && node->IsMap()) {
        for (auto it = node->begin(); it != node->end(); ++it) {
          if (!it->first.IsScalar()) continue;
          keys.push_back(it->first.Scalar());
          has_name = has_name || keys.back() == name;
        }
      }
      const std::string parent_text =
          parent.empty() ? "the scenario" : fmt::format("'{}'", parent);
      if (has_name) {
        where = fmt::format("; '{}' has no entry {}", ChildPath(parent, name),
                            segment.substr(name.size()));
      } else {
        where = fmt::format("; {} has no key '{}'{}", parent_text, name,
                            scenario_internal::DidYouMean(name, keys));
      }
      break;
    }
    parent = prefix;
    start = dot + 1;
  }
  // The reader's own position would point at a node made up by With(),
  // not at anything written, so only its words are kept.
  std::string_view words = MessageOf(reader);
  for (int colons = 0, i = 0; i < static_cast<int>(words.size()); ++i) {
    if (words[static_cast<size_t>(i)] == ':' && ++colons == 3) {
      if (words.substr(static_cast<size_t>(i), 2) == ": ") {
        words.remove_prefix(static_cast<size_t>(i) + 2);
      }
      break;
    }
  }
  // The reader took the key and found fault with the value only (e.g.
  // trunk_lines: 1e12, or a key inside a map value): the key path is fine,
  // and the check of the points reports the value where it is written.
  if (words.size() > key.size() && words.substr(0, key.size()) == key) {
    const char next = words[key.size()];
    if (next == '.' || next == '[' ||
        (next == ':' && words.find("unknown key") == std::string_view::npos)) {
      return absl::OkStatus();
    }
  }
  return r.Error(
      at, path,
      fmt::format("key path '{}' is not in the base scenario {}{}, and the "
                  "scenario reader does not accept it there ({})",
                  key, doc.filename(), where, words));
}

std::string KindName(SweepValue::Kind kind) {
  switch (kind) {
    case SweepValue::Kind::kInteger:
      return "integer";
    case SweepValue::Kind::kReal:
      return "real";
    case SweepValue::Kind::kText:
      return "text";
  }
  return "?";
}

}  // namespace

absl::StatusOr<std::shared_ptr<Sweep::Impl>> Sweep::Read(
    std::string_view text, std::string_view name,
    const std::string& base_path) {
  // Second pass: the sweep file inside the base scenario's document.
  CCSIM_ASSIGN_OR_RETURN(ScenarioDocument doc,
                         ScenarioDocument::Load(base_path));
  CCSIM_ASSIGN_OR_RETURN(YAML::Node root, doc.ParseAuxiliary(text, name));
  const SweepReader r(doc);
  CCSIM_ASSIGN_OR_RETURN(
      std::vector<Entry> top,
      r.Map(root, root.Mark(), "", &TopLevelKeys(), "a map"));
  auto find = [&](std::string_view key) -> const Entry* {
    for (const Entry& e : top) {
      if (e.key == key) return &e;
    }
    return nullptr;
  };

  auto impl = std::make_shared<Impl>();
  impl->filename = std::string(name);

  // Fixed overrides, in the order written.
  ScenarioDocument base = doc;
  // Key paths given values so far, with where (for overlap errors).
  std::vector<std::pair<std::string, std::string>> claimed;
  if (const Entry* set = find("set")) {
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<Entry> entries,
        r.Map(set->value, set->value_mark(), "set", nullptr,
              "a map of key paths to values, e.g. {horizon: 7d}"));
    for (const Entry& e : entries) {
      for (const auto& [other, owner] : claimed) {
        if (PathContains(other, e.key) || PathContains(e.key, other)) {
          return r.Error(
              e.key_node.Mark(), e.path,
              fmt::format("'{}' overlaps '{}' ({})", e.key, other, owner));
        }
      }
      CCSIM_RETURN_IF_ERROR(
          CheckKeyPath(r, base, e.key, e.key_node.Mark(), e.path, e.value));
      absl::StatusOr<ScenarioDocument> next = base.With(e.key, e.value);
      if (!next.ok()) {
        return r.Error(e.key_node.Mark(), e.path, MessageOf(next.status()));
      }
      base = *std::move(next);
      claimed.emplace_back(e.key, "under set:");
    }
  }
  // The base as every point starts from it must itself be a scenario; its
  // replications and seed are the defaults.
  CCSIM_ASSIGN_OR_RETURN(Scenario base_scenario, base.ToScenario());
  impl->scenario_name = base_scenario.name;
  impl->replications = base_scenario.replications;
  impl->seed = base_scenario.seed;

  if (const Entry* e = find("replications")) {
    CCSIM_ASSIGN_OR_RETURN(int64_t reps, r.Integer(*e, 1, kMaxReplications));
    impl->replications = static_cast<int>(reps);
  }
  if (const Entry* e = find("seed")) {
    CCSIM_ASSIGN_OR_RETURN(impl->seed, r.Unsigned64(*e));
  }
  if (const Entry* e = find("combine")) {
    CCSIM_ASSIGN_OR_RETURN(std::string c, r.Text(*e, "grid or zip"));
    if (c == "grid") {
      impl->combine = SweepCombine::kGrid;
    } else if (c == "zip") {
      impl->combine = SweepCombine::kZip;
    } else {
      return r.Error(e->value_mark(), e->path,
                     fmt::format("expected grid or zip, got '{}'", c));
    }
  }
  if (const Entry* e = find("description")) {
    CCSIM_RETURN_IF_ERROR(r.Text(*e, "a text").status());
  }

  // Metrics: a list of keys, or `all` (the default).
  impl->metrics = AllMetrics();
  if (const Entry* e = find("metrics")) {
    if (e->value.IsScalar() && e->value.Scalar() == "all") {
      // the default
    } else if (!e->value.IsSequence() || e->value.size() == 0) {
      return r.Expected(e->value, e->value_mark(), e->path,
                        "a non-empty list of metric keys, or all");
    } else {
      impl->metrics.reset();
      for (size_t i = 0; i < e->value.size(); ++i) {
        const YAML::Node item = e->value[i];
        const std::string path = fmt::format("metrics[{}]", i);
        if (!item.IsScalar()) {
          return r.Expected(item, item.Mark(), path, "a metric key");
        }
        absl::StatusOr<MetricSet> one = ParseMetricList(item.Scalar());
        if (!one.ok() || one->count() != 1) {
          return r.Error(
              item.Mark(), path,
              one.ok() ? "expected one metric key" : MessageOf(one.status()));
        }
        impl->metrics |= *one;
      }
    }
  }
  // Scopes: which summaries to keep; totals by default.
  impl->scopes.set(static_cast<int>(SweepScope::kTotal));
  if (const Entry* e = find("scopes")) {
    if (!e->value.IsSequence() || e->value.size() == 0) {
      return r.Expected(
          e->value, e->value_mark(), e->path,
          "a non-empty list of scopes (total, call_flow, interval, "
          "call_type, agent_group)");
    }
    impl->scopes.reset();
    const std::vector<std::string> names(std::begin(kSweepScopeNames),
                                         std::end(kSweepScopeNames));
    for (size_t i = 0; i < e->value.size(); ++i) {
      const YAML::Node item = e->value[i];
      const std::string path = fmt::format("scopes[{}]", i);
      if (!item.IsScalar()) {
        return r.Error(
            item.Mark(), path,
            fmt::format("expected a scope name (one of: {}), got {}",
                        scenario_internal::JoinNames(names), Describe(item)));
      }
      absl::StatusOr<SweepScope> scope = ParseScope(item.Scalar());
      if (!scope.ok()) {
        return r.Error(item.Mark(), path, MessageOf(scope.status()));
      }
      impl->scopes.set(static_cast<size_t>(*scope));
    }
  }

  // Parameters.
  const Entry* params = find("parameters");
  if (params == nullptr) {
    return r.Error(root.Mark(), "",
                   "missing required key 'parameters' (a list of {key, "
                   "values} or {key, range})");
  }
  if (!params->value.IsSequence() || params->value.size() == 0) {
    return r.Expected(params->value, params->value_mark(), "parameters",
                      "a non-empty list of parameters, each {key: KEY.PATH, "
                      "values: [...]} or {key: KEY.PATH, range: {from, to, "
                      "step}}");
  }
  static const std::vector<std::string> kParameterKeys = {"key", "name",
                                                          "values", "range"};
  std::vector<YAML::Mark> key_marks;
  for (size_t i = 0; i < params->value.size(); ++i) {
    const YAML::Node item = params->value[i];
    const std::string path = fmt::format("parameters[{}]", i);
    CCSIM_ASSIGN_OR_RETURN(
        std::vector<Entry> entries,
        r.Map(item, item.Mark(), path, &kParameterKeys,
              "a parameter map {key: KEY.PATH, values: [...]}"));
    const Entry* key = nullptr;
    const Entry* label = nullptr;
    const Entry* values = nullptr;
    const Entry* range = nullptr;
    for (const Entry& e : entries) {
      if (e.key == "key") key = &e;
      if (e.key == "name") label = &e;
      if (e.key == "values") values = &e;
      if (e.key == "range") range = &e;
    }
    if (key == nullptr) {
      return r.Error(item.Mark(), path,
                     "missing required key 'key' (a key path into the "
                     "scenario, e.g. agents[0].staffing.constant)");
    }
    if ((values == nullptr) == (range == nullptr)) {
      return r.Error(item.Mark(), path,
                     values == nullptr
                         ? "expected one of 'values' (a list) or 'range' "
                           "({from, to, step}); got neither"
                         : "expected one of 'values' or 'range'; got both");
    }
    // `key` is one key path or a list of them.
    struct KeyAt {
      std::string key;
      YAML::Mark mark;
      std::string path;
    };
    std::vector<KeyAt> keys;
    if (key->value.IsSequence()) {
      if (key->value.size() == 0) {
        return r.Expected(key->value, key->value_mark(), key->path,
                          "a key path or a non-empty list of key paths");
      }
      for (size_t k = 0; k < key->value.size(); ++k) {
        const YAML::Node one = key->value[k];
        const std::string one_path = fmt::format("{}[{}]", key->path, k);
        if (!one.IsScalar() || one.Scalar().empty()) {
          return r.Expected(one, one.Mark(), one_path, "a key path");
        }
        keys.push_back(KeyAt{one.Scalar(), one.Mark(), one_path});
      }
    } else {
      CCSIM_ASSIGN_OR_RETURN(std::string one,
                             r.Text(*key, "a key path or a list of them"));
      keys.push_back(KeyAt{one, key->value_mark(), key->path});
    }
    SweepParameter p;
    for (const KeyAt& k : keys) p.keys.push_back(k.key);
    if (label != nullptr) {
      CCSIM_ASSIGN_OR_RETURN(p.name, r.Text(*label, "a column name"));
    } else if (keys.size() == 1) {
      p.name = keys[0].key;
    } else {
      return r.Error(item.Mark(), path,
                     "a parameter with several key paths needs a 'name:' for "
                     "its column in the results");
    }
    const YAML::Mark name_mark =
        label != nullptr ? label->value_mark() : key->value_mark();
    const std::string name_path = label != nullptr ? label->path : key->path;
    // Names are SQL column names, which SQLite compares without regard to
    // case, and CSV header fields.
    if (std::any_of(p.name.begin(), p.name.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        })) {
      return r.Error(name_mark, name_path,
                     "a column name cannot hold control characters (a line "
                     "break, a tab, ...)");
    }
    const std::vector<std::string>& reserved = ReservedNames();
    if (std::any_of(reserved.begin(), reserved.end(),
                    [&](const std::string& column) {
                      return absl::EqualsIgnoreCase(column, p.name);
                    })) {
      return r.Error(name_mark, name_path,
                     fmt::format("'{}' is a column of the results already; "
                                 "give the parameter another name: with "
                                 "'name:'",
                                 p.name));
    }
    for (size_t j = 0; j < impl->parameters.size(); ++j) {
      if (absl::EqualsIgnoreCase(impl->parameters[j].name, p.name)) {
        return r.Error(
            name_mark, name_path,
            fmt::format("duplicate parameter name '{}' (also parameters[{}]{}; "
                        "column names ignore case)",
                        p.name, j,
                        impl->parameters[j].name == p.name
                            ? ""
                            : fmt::format(", '{}'", impl->parameters[j].name)));
      }
    }
    // No two places may overlap: the order of replacement would matter.
    for (const KeyAt& k : keys) {
      for (const auto& [other, owner] : claimed) {
        if (PathContains(other, k.key) || PathContains(k.key, other)) {
          return r.Error(
              k.mark, k.path,
              fmt::format("'{}' overlaps '{}' ({})", k.key, other, owner));
        }
      }
      claimed.emplace_back(k.key, path);
    }

    std::vector<YAML::Node> nodes;
    if (values != nullptr) {
      if (!values->value.IsSequence() || values->value.size() == 0) {
        return r.Expected(values->value, values->value_mark(), values->path,
                          "a non-empty list of values");
      }
      if (static_cast<int64_t>(values->value.size()) > kMaxValuesPerParameter) {
        return r.Error(values->value_mark(), values->path,
                       fmt::format("at most {} values are allowed",
                                   kMaxValuesPerParameter));
      }
      for (size_t v = 0; v < values->value.size(); ++v) {
        nodes.push_back(values->value[v]);
      }
    } else {
      CCSIM_ASSIGN_OR_RETURN(std::vector<std::string> texts,
                             RangeTexts(r, *range));
      for (const std::string& t : texts) {
        nodes.push_back(doc.ScalarAt(t, range->value_mark()));
      }
    }
    for (const YAML::Node& node : nodes) p.values.push_back(ValueOf(node));
    if (values != nullptr && impl->combine == SweepCombine::kGrid) {
      // In a grid, the same value twice would run the same points twice,
      // under two numbers: surely a slip. (In a zip it is normal.)
      std::map<std::string, size_t> seen;
      for (size_t v = 0; v < p.values.size(); ++v) {
        const SweepValue& value = p.values[v];
        const std::string id = value.kind == SweepValue::Kind::kText
                                   ? "text " + value.text
                                   : fmt::format("number {}", value.real);
        const auto [it, fresh] = seen.emplace(id, v);
        if (!fresh) {
          return r.Error(nodes[v].Mark(),
                         fmt::format("{}[{}]", values->path, v),
                         fmt::format("the value {} is given twice (also "
                                     "{}[{}])",
                                     value.text, values->path, it->second));
        }
      }
    }
    for (const KeyAt& k : keys) {
      CCSIM_RETURN_IF_ERROR(
          CheckKeyPath(r, base, k.key, k.mark, k.path, nodes.front()));
    }
    key_marks.push_back(key->value_mark());
    std::vector<Impl::Placement> placements;
    for (const YAML::Node& node : nodes) {
      Impl::Placement at;
      // Only a plain scalar that reads back as itself at its place can be
      // made anew (not `~`, which is null).
      if (node.IsScalar() && !IsQuoted(node) && !node.Mark().is_null()) {
        const YAML::Node again = doc.ScalarAt(node.Scalar(), node.Mark());
        at.fresh = again.IsScalar() && !again.Mark().is_null() &&
                   again.Scalar() == node.Scalar();
        at.text = node.Scalar();
        at.mark = node.Mark();
      }
      placements.push_back(std::move(at));
    }
    for (size_t v = 0; v < placements.size(); ++v) {
      if (!placements[v].fresh) {
        impl->tree_values.emplace_back(impl->placements.size(), v);
      }
    }
    impl->placements.push_back(std::move(placements));
    impl->parameters.push_back(std::move(p));
    impl->shared.value_nodes.push_back(std::move(nodes));
  }

  // Points.
  if (impl->combine == SweepCombine::kGrid) {
    int64_t n = 1;
    for (const SweepParameter& p : impl->parameters) {
      n *= static_cast<int64_t>(p.values.size());
      if (n > kMaxPoints) {
        return r.Error(
            params->value_mark(), "parameters",
            fmt::format("the grid has more than {} points", kMaxPoints));
      }
    }
    impl->num_points = n;
  } else {
    const size_t n = impl->parameters[0].values.size();
    for (size_t i = 1; i < impl->parameters.size(); ++i) {
      if (impl->parameters[i].values.size() != n) {
        return r.Error(
            key_marks[i], fmt::format("parameters[{}]", i),
            fmt::format("combine: zip needs the same number of values for "
                        "every parameter; parameters[0] has {}, this one {}",
                        n, impl->parameters[i].values.size()));
      }
    }
    impl->num_points = static_cast<int64_t>(n);
  }
  impl->shared.base.emplace(std::move(base));

  // The definition that results are tied to.
  std::string def = fmt::format(
      "ccsim sweep definition 1\nccsim_version: {}\nseed: {}\n"
      "replications: {}\ncombine: {}\nmetrics:",
      CCSIM_VERSION, impl->seed, impl->replications,
      impl->combine == SweepCombine::kGrid ? "grid" : "zip");
  for (int m = 0; m < kNumMetrics; ++m) {
    if (impl->metrics.test(static_cast<size_t>(m))) {
      def += fmt::format(" {}", kMetricNames[static_cast<size_t>(m)]);
    }
  }
  def += "\nscopes:";
  for (int s = 0; s < kNumSweepScopes; ++s) {
    if (impl->scopes.test(static_cast<size_t>(s))) {
      def += fmt::format(" {}", kSweepScopeNames[s]);
    }
  }
  def += "\n";
  for (const SweepParameter& p : impl->parameters) {
    def +=
        fmt::format("parameter: {} as {}\n", fmt::join(p.keys, " & "), p.name);
    for (const SweepValue& v : p.values) {
      def += fmt::format("  {} {}\n", KindName(v.kind), v.text);
    }
  }
  impl->base_yaml = impl->shared.base->ToYaml();
  def += "base scenario:\n";
  def += impl->base_yaml;
  impl->definition = std::move(def);
  impl->fingerprint = sweep_internal::Fingerprint(impl->definition);
  return impl;
}

absl::StatusOr<Sweep> Sweep::Load(const std::string& path) {
  return Load(path, SweepShard{});
}

absl::StatusOr<Sweep> Sweep::Load(
    const std::string& path, const SweepShard& check,
    const std::function<void(int64_t, int64_t)>& on_check_progress) {
  CCSIM_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  return Parse(text, path, check, on_check_progress);
}

absl::StatusOr<Sweep> Sweep::Parse(std::string_view text,
                                   std::string_view filename) {
  return Parse(text, filename, SweepShard{});
}

absl::StatusOr<Sweep> Sweep::Parse(
    std::string_view text, std::string_view filename, const SweepShard& check,
    const std::function<void(int64_t, int64_t)>& on_check_progress) {
  const std::string name(filename);
  // First pass: the base scenario's path.
  std::string base_path;
  {
    scenario_internal::SourceFiles sources;
    CCSIM_ASSIGN_OR_RETURN(std::vector<YAML::Node> documents,
                           sources.Parse(text, name));
    YAML::Mark first = YAML::Mark::null_mark();
    first.line = 0;
    first.column = 0;
    first.pos = 0;
    if (documents.empty() || documents[0].IsNull()) {
      return scenario_internal::ErrorAt(
          sources, first, "",
          "the sweep file is empty; expected a map with at least scenario "
          "and parameters");
    }
    if (documents.size() > 1) {
      return scenario_internal::ErrorAt(
          sources, documents[1].Mark(), "",
          "expected a single YAML document, got more (separated by '---')");
    }
    const YAML::Node& root = documents[0];
    if (!root.IsMap()) {
      return scenario_internal::ErrorAt(
          sources, root.Mark(), "",
          fmt::format("expected a map with at least scenario and parameters, "
                      "got {}",
                      Describe(root)));
    }
    std::optional<YAML::Node> key;
    YAML::Node value;
    for (auto it = root.begin(); it != root.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "scenario") {
        key = it->first;
        value.reset(it->second);
      }
    }
    if (!key) {
      return scenario_internal::ErrorAt(
          sources, root.Mark(), "",
          "missing required key 'scenario' (the base scenario file, relative "
          "to this file's folder)");
    }
    const YAML::Mark at =
        value.IsNull() || value.Mark().is_null() ? key->Mark() : value.Mark();
    if (!value.IsScalar() || value.Scalar().empty()) {
      return scenario_internal::ErrorAt(
          sources, at, "scenario",
          fmt::format("expected the path of the base scenario file "
                      "(relative to this file's folder), got {}",
                      Describe(value)));
    }
    std::filesystem::path p(value.Scalar());
    if (p.is_relative()) p = std::filesystem::path(name).parent_path() / p;
    base_path = p.lexically_normal().string();
    absl::StatusOr<std::string> base_text = ReadText(base_path);
    if (!base_text.ok()) {
      return scenario_internal::ErrorAt(
          sources, at, "scenario",
          fmt::format("cannot read the base scenario: {}",
                      MessageOf(base_text.status())));
    }
  }

  CCSIM_ASSIGN_OR_RETURN(std::shared_ptr<Impl> impl,
                         Read(text, name, base_path));
  impl->text = std::string(text);
  impl->base_path = base_path;

  // The scenarios must load before anything runs: those of the points
  // `check` holds, and of the first point with each value of each
  // parameter. (Checking every point in every shard would cost each shard
  // the whole sweep's reading time; a value that is wrong by itself is
  // caught everywhere all the same.)
  Sweep sweep(impl);
  std::vector<int64_t> points;
  for (int64_t p = check.index - 1; p < impl->num_points; p += check.count) {
    points.push_back(p);
  }
  int64_t stride = 1;  // grid: points between successive values
  for (size_t i = impl->parameters.size(); i-- > 0;) {
    const int64_t n = static_cast<int64_t>(impl->parameters[i].values.size());
    for (int64_t v = 0; v < n; ++v) {
      points.push_back(impl->combine == SweepCombine::kGrid ? v * stride : v);
    }
    stride *= n;
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  // From here on points are edited from typed scenarios where that applies
  // (the check included).
  impl->PrepareTyped(points);
  // On every core, in chunks of consecutive points (which share most of
  // their trees), each thread with a PointBuilder of its own. The error
  // reported is that of the lowest failing point, whatever the threads'
  // timing: chunks below the lowest failure found so far are always
  // checked whole.
  constexpr size_t kChunk = 32;
  const size_t chunks = (points.size() + kChunk - 1) / kChunk;
  const size_t threads = std::min<size_t>(
      chunks, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next_chunk{0};
  std::mutex failure_mu;
  std::optional<std::pair<int64_t, absl::Status>> failure;  // lowest point
  std::atomic<int64_t> checked{0};
  const int64_t to_check = static_cast<int64_t>(points.size());
  auto check_chunks = [&] {
    Sweep::PointBuilder builder(sweep);
    for (size_t c = next_chunk++; c < chunks; c = next_chunk++) {
      const int64_t first = points[c * kChunk];
      {
        std::lock_guard<std::mutex> lock(failure_mu);
        if (failure && failure->first < first) return;  // all above it
      }
      for (size_t k = c * kChunk; k < std::min(points.size(), (c + 1) * kChunk);
           ++k) {
        absl::StatusOr<Scenario> built = builder.Build(points[k]);
        if (built.ok()) {
          const int64_t n = ++checked;
          if (on_check_progress && n % 1024 == 0) {
            on_check_progress(n, to_check);
          }
          continue;
        }
        std::lock_guard<std::mutex> lock(failure_mu);
        if (!failure || points[k] < failure->first) {
          failure.emplace(points[k], built.status());
        }
        break;
      }
    }
  };
  RunOnThreads(static_cast<int>(threads), check_chunks);
  if (failure) {
    const auto& [point, status] = *failure;
    return absl::Status(status.code(), fmt::format("{} (in sweep point {}: {})",
                                                   MessageOf(status), point,
                                                   sweep.DescribePoint(point)));
  }
  return sweep;
}

const std::string& Sweep::filename() const { return impl_->filename; }
const std::string& Sweep::scenario_name() const { return impl_->scenario_name; }
const std::vector<SweepParameter>& Sweep::parameters() const {
  return impl_->parameters;
}
SweepCombine Sweep::combine() const { return impl_->combine; }
int64_t Sweep::num_points() const { return impl_->num_points; }
int Sweep::replications() const { return impl_->replications; }
uint64_t Sweep::seed() const { return impl_->seed; }
const MetricSet& Sweep::metrics() const { return impl_->metrics; }
SweepScopes Sweep::scopes() const { return impl_->scopes; }
const std::string& Sweep::definition() const { return impl_->definition; }
const std::string& Sweep::fingerprint() const { return impl_->fingerprint; }

std::vector<int> Sweep::Impl::ValueIndices(int64_t point) const {
  std::vector<int> out(parameters.size());
  if (combine == SweepCombine::kZip) {
    std::fill(out.begin(), out.end(), static_cast<int>(point));
    return out;
  }
  // Mixed radix, the last parameter fastest.
  for (size_t i = parameters.size(); i-- > 0;) {
    const int64_t n = static_cast<int64_t>(parameters[i].values.size());
    out[i] = static_cast<int>(point % n);
    point /= n;
  }
  return out;
}

std::vector<int> Sweep::ValueIndices(int64_t point) const {
  return impl_->ValueIndices(point);
}

std::string Sweep::DescribePoint(int64_t point) const {
  const std::vector<int> index = ValueIndices(point);
  std::string out;
  for (size_t i = 0; i < index.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format(
        "{}={}", impl_->parameters[i].name,
        impl_->parameters[i].values[static_cast<size_t>(index[i])].text);
  }
  return out;
}

absl::Status Sweep::Impl::Rebuild(Trees& trees) const {
  CCSIM_ASSIGN_OR_RETURN(ScenarioDocument doc,
                         ScenarioDocument::Load(base_path));
  CCSIM_ASSIGN_OR_RETURN(const YAML::Node root,
                         doc.ParseAuxiliary(text, filename));
  // Read() has checked the file; only the trees are needed again. (Const
  // access: operator[] on a non-const node would add missing keys.)
  // A missing key gives an invalid node, which must only be asked
  // IsDefined() (anything else throws).
  const YAML::Node set = root["set"];
  if (set.IsDefined() && set.IsMap()) {
    for (auto it = set.begin(); it != set.end(); ++it) {
      CCSIM_ASSIGN_OR_RETURN(doc, doc.With(it->first.Scalar(), it->second));
    }
  }
  if (doc.ToYaml() != base_yaml) {
    return absl::FailedPreconditionError(fmt::format(
        "{}: the base scenario {} changed while the sweep was running",
        filename, base_path));
  }
  // The value nodes points take from the trees (those not made anew for
  // each point), anew in these trees: a `values:` entry from the sweep
  // file's tree, a value of a range made at the range.
  const YAML::Node params = root["parameters"];
  trees.value_nodes.resize(parameters.size());
  for (size_t i = 0; i < parameters.size(); ++i) {
    trees.value_nodes[i].resize(parameters[i].values.size());
  }
  for (const auto& [i, v] : tree_values) {
    const YAML::Node values = params[i]["values"];
    const YAML::Node fresh =
        values.IsDefined() && values.IsSequence() && v < values.size()
            ? values[v]
            : doc.ScalarAt(parameters[i].values[v].text, placements[i][v].mark);
    trees.value_nodes[i][v].reset(fresh);  // operator= would write through
  }
  trees.base.emplace(std::move(doc));
  return absl::OkStatus();
}

absl::StatusOr<Scenario> Sweep::Impl::Build(Trees& trees, int64_t point) const {
  if (typed.has_value()) {
    Scenario s = typed->Build(ValueIndices(point));
    // Not runnable: the YAML path gives the error with its place.
    if (CheckRunnable(s).ok()) return s;
  }
  return BuildFromYaml(trees, point);
}

void Sweep::Impl::PrepareTyped(const std::vector<int64_t>& checked) {
  std::vector<std::vector<std::string>> keys;
  std::vector<std::vector<int64_t>> donors;
  int64_t values = 0;
  int64_t stride = 1;  // grid: points between successive values
  donors.resize(parameters.size());
  for (size_t i = parameters.size(); i-- > 0;) {
    const int64_t n = static_cast<int64_t>(parameters[i].values.size());
    for (int64_t v = 0; v < n; ++v) {
      donors[i].push_back(combine == SweepCombine::kGrid ? v * stride : v);
    }
    stride *= n;
    values += n;
  }
  for (const SweepParameter& p : parameters) keys.push_back(p.keys);
  // Each donor is read through YAML once: worth it only when points
  // outnumber values.
  if (num_points <= values) return;
  constexpr size_t kVerify = 64;
  std::vector<int64_t> verify;
  for (size_t k = 0; k < kVerify && !checked.empty(); ++k) {
    verify.push_back(checked[k * checked.size() / kVerify]);
  }
  verify.push_back(num_points - 1);
  std::sort(verify.begin(), verify.end());
  verify.erase(std::unique(verify.begin(), verify.end()), verify.end());
  Trees trees;
  absl::StatusOr<std::optional<sweep_internal::TypedPoints>> prepared =
      sweep_internal::TypedPoints::Prepare(
          keys, donors, [this](int64_t point) { return ValueIndices(point); },
          verify, [&](int64_t point) { return BuildFromYaml(trees, point); });
  // A point that does not load: the check reports it, through YAML.
  if (prepared.ok()) typed = *std::move(prepared);
}

absl::StatusOr<Scenario> Sweep::Impl::BuildFromYaml(Trees& trees,
                                                    int64_t point) const {
  // yaml-cpp pools the memory of all nodes joined into one tree, and each
  // With() copies the pool's list of nodes into the new tree's pool, which
  // the base tree then shares. Built point after point from one tree, each
  // point would cost more time and memory than the last. So plain scalar
  // values (almost all) are made anew for each point, in a pool of their
  // own, and the base and the sweep file's tree are read afresh from the
  // files every kRebuildEvery points (32: measured on sweeps of small
  // points and of a month-long base, a balance between the growth of the
  // pools and the rereading).
  constexpr int kRebuildEvery = 32;
  if (!trees.base.has_value() || ++trees.uses > kRebuildEvery) {
    CCSIM_RETURN_IF_ERROR(Rebuild(trees));
    trees.uses = 1;
  }
  const std::vector<int> index = ValueIndices(point);
  ScenarioDocument doc = *trees.base;
  for (size_t i = 0; i < index.size(); ++i) {
    const size_t v = static_cast<size_t>(index[i]);
    const Placement& at = placements[i][v];
    const YAML::Node value =
        at.fresh ? doc.ScalarAt(at.text, at.mark) : trees.value_nodes[i][v];
    for (const std::string& key : parameters[i].keys) {
      CCSIM_ASSIGN_OR_RETURN(doc, doc.With(key, value));
    }
  }
  return doc.ToScenario();
}

absl::StatusOr<Scenario> Sweep::PointScenario(int64_t point) const {
  return impl_->Build(impl_->shared, point);
}

Sweep::PointBuilder::PointBuilder(const Sweep& sweep)
    : impl_(sweep.impl_), trees_(std::make_unique<Trees>()) {}
Sweep::PointBuilder::PointBuilder(PointBuilder&&) noexcept = default;
Sweep::PointBuilder& Sweep::PointBuilder::operator=(PointBuilder&&) noexcept =
    default;
Sweep::PointBuilder::~PointBuilder() = default;

absl::StatusOr<Scenario> Sweep::PointBuilder::Build(int64_t point) {
  return impl_->Build(*trees_, point);
}

absl::StatusOr<Scenario> Sweep::PointBuilder::BuildFromYaml(int64_t point) {
  return impl_->BuildFromYaml(*trees_, point);
}

bool Sweep::builds_typed() const { return impl_->typed.has_value(); }

}  // namespace ccsim
