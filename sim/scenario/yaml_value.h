// Checked, position-aware access to a parsed YAML document (private to the
// scenario loader).
//
// A `YamlValue` is a yaml-cpp node together with where it came from: the file
// name, its key path ("call_types[0].handle_time") and its position. Every
// accessor checks the node's type and range and, when the check fails,
// returns an absl::InvalidArgumentError whose message reads
//   FILE:LINE:COLUMN: KEY.PATH: what was expected, got what was found
// (the path part is left out for the document root). Nothing here throws.
//
//   CCSIM_ASSIGN_OR_RETURN(YamlMap m, value.AsMap({"mean", "sd"}));
//   CCSIM_ASSIGN_OR_RETURN(YamlValue mean, m.Require("mean"));
//   CCSIM_ASSIGN_OR_RETURN(Time t, mean.Duration());
#ifndef CCSIM_SIM_SCENARIO_YAML_VALUE_H_
#define CCSIM_SIM_SCENARIO_YAML_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/time.h"
#include "sim/io/text.h"
#include "yaml-cpp/yaml.h"

namespace ccsim::scenario_internal {

// Scenario and sweep files are read whole, up to this size.
inline constexpr size_t kMaxInputFileBytes = size_t{64} << 20;

// The whole text of the file at `path`, or NotFoundError
// "PATH: cannot read file: REASON" (e.g. "Is a directory"), or
// InvalidArgumentError for a device or socket (read without end) or a file
// larger than kMaxInputFileBytes (the read stops there). A pipe is read.
absl::StatusOr<std::string> ReadText(const std::string& path);

// The files a document's nodes were parsed from. Each file's text is parsed
// with blank lines before it, so that a node's line (in its yaml-cpp mark)
// says which file it came from: file k's lines follow file k-1's. This lets
// the nodes of several files be merged into one tree (`extends:`, sweeps)
// while every error still names the right file and line.
class SourceFiles {
 public:
  struct Location {
    std::string_view file;
    int line;    // 1-based, within `file`
    int column;  // 1-based
  };

  // Parses `text` as the next file, named `name` in messages. Returns its
  // documents (yaml-cpp's LoadAll), or a YAML syntax error in that file.
  absl::StatusOr<std::vector<YAML::Node>> Parse(std::string_view text,
                                                std::string_view name);

  // Where a mark of a node parsed here points. A null mark is line 1,
  // column 1 of the first file.
  Location Locate(const YAML::Mark& mark) const;

  // The first file parsed (the document's own), or "" when none was.
  const std::string& main() const;
  // The number of the first line that follows every file parsed so far.
  int end_line() const { return end_line_; }

 private:
  struct File {
    std::string name;
    int first_line;  // 0-based line of the file's line 1
  };
  std::vector<File> files_;
  int end_line_ = 0;
};

// Builds the one-line error "FILE:LINE:COLUMN: PATH: MESSAGE" from a yaml-cpp
// mark of a node parsed by `sources`. An empty path is left out.
absl::Status ErrorAt(const SourceFiles& sources, const YAML::Mark& mark,
                     std::string_view path, std::string_view message);

// Optimal-string-alignment edit distance (insertions, deletions,
// substitutions and swaps of neighbours each count one).
int EditDistance(std::string_view a, std::string_view b);

using io::Escaped;
using io::Printable;

// " (did you mean 'x'?)" for the option closest to `got` when it is within
// edit distance 2, else "".
std::string DidYouMean(std::string_view got,
                       const std::vector<std::string>& options);

// "a, b, c".
std::string JoinNames(const std::vector<std::string>& names);

class YamlMap;

class YamlValue {
 public:
  // `mark` is where errors about this value point; callers pass the node's
  // own mark, or the key's mark for an empty value (yaml-cpp marks an empty
  // value at the next token, which may be lines away).
  // `sources` must outlive the value and its children.
  YamlValue(const SourceFiles& sources, YAML::Node node, std::string path,
            YAML::Mark mark);

  // Assignment rebinds this value to the other's node. (yaml-cpp's
  // Node::operator= would instead overwrite the node this value refers to,
  // i.e. change the document being read.)
  YamlValue(const YamlValue&) = default;
  YamlValue& operator=(const YamlValue& other);

  const SourceFiles& sources() const { return *sources_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  const YAML::Mark& mark() const { return mark_; }
  int line() const { return sources_->Locate(mark_).line; }  // 1-based

  bool is_null() const { return node_.IsNull(); }
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  // The scalar's text ("" for anything else).
  std::string raw() const { return is_scalar() ? node_.Scalar() : ""; }

  // An error at this value: "FILE:LINE:COLUMN: PATH: message".
  absl::Status Error(std::string_view message) const;
  // "expected <what>, got <Describe()>".
  absl::Status Expected(std::string_view what) const;
  // What this value is, for messages: "a map", "a sequence", "an empty
  // map", "an empty value", "a string 'abc'", "a number 14.5",
  // "a boolean true".
  std::string Describe() const;

  // The text of any scalar (string, number or boolean).
  absl::StatusOr<std::string> Text() const;
  // A finite number (plain scalar; a quoted "14" is a string).
  absl::StatusOr<double> Number() const;
  // A finite number >= 0.
  absl::StatusOr<double> NonNegativeNumber() const;
  // A whole number in [min, max] (14.0 is whole, 14.5 is not).
  absl::StatusOr<int64_t> Integer(int64_t min, int64_t max) const;
  // A whole number in [0, 2^64 - 1].
  absl::StatusOr<uint64_t> Unsigned64() const;
  // A duration with a unit, parsed by ccsim::ParseDuration.
  absl::StatusOr<Time> Duration() const;
  // A plain true or false (a quoted "true" is a string).
  absl::StatusOr<bool> Boolean() const;
  // The entries of a sequence; `what` names them for the type error
  // ("expected a sequence of <what>, got ...").
  absl::StatusOr<std::vector<YamlValue>> Sequence(std::string_view what) const;
  // As Sequence(), and the sequence must not be empty.
  absl::StatusOr<std::vector<YamlValue>> NonEmptySequence(
      std::string_view what) const;
  // A map whose keys are all plain scalars, unique and among `allowed`
  // (listed in this order in the unknown-key message). Errors about a key
  // point at the key and carry its own path ("call_types[0].patiense"). `what`
  // is used in the type error: "expected <what>, got ...".
  absl::StatusOr<YamlMap> AsMap(const std::vector<std::string>& allowed,
                                std::string_view what = "a map") const;

  // Child paths: "a.b" and "a[3]" (just "b" under the root).
  std::string ChildPath(std::string_view key) const;
  std::string IndexPath(size_t index) const;

 private:
  enum class ScalarKind { kString, kNumber, kBoolean };
  ScalarKind Classify() const;
  // The number a plain scalar spells (YAML 1.2 core schema forms, including
  // .inf and .nan), or nullopt when it is not a number.
  std::optional<double> AsNumber() const;

  const SourceFiles* sources_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

// A checked map: see YamlValue::AsMap().
class YamlMap {
 public:
  struct Entry {
    std::string key;
    YAML::Mark key_mark;
    YamlValue value;
  };

  const YamlValue& self() const { return self_; }
  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  // The value under `key`, or nullopt when the key is absent.
  std::optional<YamlValue> Find(std::string_view key) const;
  // The value under `key`, or "missing required key 'key'" at this map.
  absl::StatusOr<YamlValue> Require(std::string_view key) const;
  // The single entry of a map that must hold exactly one of `options`
  // (AsMap() has already restricted its keys to them). Pointer into this map.
  absl::StatusOr<const Entry*> ExactlyOne(
      const std::vector<std::string>& options) const;
  // The single entry among `options` of a map that may hold other keys as
  // well: "expected exactly one of the keys ...; got both 'a' and 'b'" at
  // the second, or "...; got none of them" at the map.
  absl::StatusOr<const Entry*> ExactlyOneOf(
      const std::vector<std::string>& options) const;
  // As ExactlyOneOf(), but none is fine too (then nullptr).
  absl::StatusOr<const Entry*> AtMostOneOf(
      const std::vector<std::string>& options) const;

 private:
  friend class YamlValue;
  YamlMap(YamlValue self, std::vector<Entry> entries)
      : self_(std::move(self)), entries_(std::move(entries)) {}

  YamlValue self_;
  std::vector<Entry> entries_;
};

}  // namespace ccsim::scenario_internal

#endif  // CCSIM_SIM_SCENARIO_YAML_VALUE_H_
