// A scenario as a YAML tree, before it is read into a ccsim::Scenario:
// `extends:` resolved, values replaced by key path (for sweeps), and errors
// that point at the file and line each value came from.
//
//   absl::StatusOr<ccsim::ScenarioDocument> doc =
//       ccsim::ScenarioDocument::Load("scenarios/water-utility-flat-ivr.yaml");
//   std::cout << doc->ToYaml();                 // the merged scenario
//   absl::StatusOr<ccsim::Scenario> s = doc->ToScenario();
//
// A file may name another with `extends: FILE` (a path relative to the
// extending file's folder). The extending file's map is merged over the
// base as a JSON merge patch (RFC 7386): maps merge key by key, at any
// depth; any other value, lists included, replaces the base's; a key whose
// value is null (`key: ~` or `key: null`) is removed. Bases may extend
// other files, up to 16 levels; a cycle is an error.
//
// Errors about a value read from any of the files name that file and the
// value's line and column there.
#ifndef CCSIM_SCENARIO_DOCUMENT_H_
#define CCSIM_SCENARIO_DOCUMENT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/scenario.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {

namespace scenario_internal {
class SourceFiles;
}  // namespace scenario_internal

class ScenarioDocument {
 public:
  // Reads `path` and the files it extends.
  static absl::StatusOr<ScenarioDocument> Load(const std::string& path);
  // Parses `text`; `filename` is used in messages and to find the files it
  // extends (relative to its folder).
  static absl::StatusOr<ScenarioDocument> Parse(std::string_view text,
                                                std::string_view filename);

  // Parses another YAML file (e.g. a sweep file) whose nodes may then be
  // placed in this document with With(); errors about them point into that
  // file. Returns its root (a null node for an empty file). Must not be
  // called while another thread uses this document or a copy of it.
  absl::StatusOr<YAML::Node> ParseAuxiliary(std::string_view text,
                                            std::string_view filename);

  // A plain scalar node whose errors point at `where` (the mark of a node
  // of this document's files), e.g. a value generated from a range written
  // there. `text` should be a plain YAML scalar such as 42, 0.25 or 90s.
  YAML::Node ScalarAt(std::string_view text, const YAML::Mark& where) const;

  // A copy in which the value at `key_path` is `value`. A key path is map
  // keys joined by dots, with [N] for the N-th (0-based) entry of a
  // sequence: "agents[0].staffing", "ivr.menus[1].zero_out". Missing map
  // keys along the path are created (the scenario reader then rejects
  // unknown ones); a sequence index must exist. Errors are
  // InvalidArgumentError "key path 'PATH': ...". Nodes are shared with
  // this document, not copied.
  absl::StatusOr<ScenarioDocument> With(std::string_view key_path,
                                        const YAML::Node& value) const;

  // The value at `key_path`, or nullopt when a key along it is absent.
  // Errors as With() when the path is malformed or runs into a scalar.
  absl::StatusOr<std::optional<YAML::Node>> Find(
      std::string_view key_path) const;

  // Reads the tree into a Scenario with every check of LoadScenarioFile.
  absl::StatusOr<Scenario> ToScenario() const;

  // The merged tree as YAML text, which loads to the same scenario.
  std::string ToYaml() const;

  const YAML::Node& root() const { return root_; }
  // The file the document was loaded from (the most derived one).
  const std::string& filename() const;
  // "FILE:LINE:COLUMN: PATH: message" for a node of this document's files.
  absl::Status ErrorAt(const YAML::Mark& mark, std::string_view path,
                       std::string_view message) const;

 private:
  ScenarioDocument(std::shared_ptr<scenario_internal::SourceFiles> sources,
                   YAML::Node root)
      : sources_(std::move(sources)), root_(std::move(root)) {}

  std::shared_ptr<scenario_internal::SourceFiles> sources_;  // shared by copies
  YAML::Node root_;
};

}  // namespace ccsim

#endif  // CCSIM_SCENARIO_DOCUMENT_H_
