// Scenario documents: files read into YAML trees, `extends:` chains merged
// as JSON merge patches (RFC 7386), and values replaced by key path. See
// ccsim/scenario_document.h. Reading a tree into a Scenario is in loader.cc.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/scenario_document.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/yaml_value.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {
namespace {

using scenario_internal::ReadText;
using scenario_internal::SourceFiles;

// Longest chain of `extends:` (a guard against runaway chains; cycles are
// reported as such).
constexpr int kMaxExtendsDepth = 16;

// Most map entries a scenario may have once its YAML aliases are expanded
// (a real scenario has a few thousand).
constexpr size_t kMaxMergedEntries = 1'000'000;

// The key's text, or nullopt for a non-scalar key (left to the reader to
// report).
std::optional<std::string> KeyText(const YAML::Node& key) {
  if (!key.IsScalar()) return std::nullopt;
  return key.Scalar();
}

// yaml-cpp's Node::operator= writes through to the node assigned to (which
// may be shared with other trees): this file rebinds with reset() or
// builds new nodes, and never assigns to a node it did not create.

// New map nodes for merged trees, all in one yaml-cpp memory. yaml-cpp
// merges the memory of a node inserted into a map into that map's memory;
// a fresh map per merged level would copy the whole base document's memory
// again at every level (quadratic: 4,000 small maps took minutes). Maps
// made here share one memory, which absorbs each document once.
// It also counts the map entries merged: YAML aliases share nodes, so a
// chain of anchors each referring twice to the one before doubles the
// entries at every link, and merging them all would take time and memory
// exponential in the file's length.
class MapArena {
 public:
  MapArena() : nodes_(YAML::NodeType::Sequence) {}
  YAML::Node NewMap() {
    nodes_.push_back(YAML::Node(YAML::NodeType::Map));
    return nodes_[nodes_.size() - 1];
  }
  // False once more than kMaxMergedEntries entries have been merged.
  bool Count(size_t entries) {
    merged_ += entries;
    return merged_ <= kMaxMergedEntries;
  }

 private:
  YAML::Node nodes_;
  size_t merged_ = 0;
};

// Applies `patch` to `base` as a JSON merge patch: a map patch merges key by
// key (null removes), anything else replaces. Nodes are shared, not copied,
// so that every value keeps the mark of the file it was written in.
// `path` is the key path of `base`, for messages. Linear in the sizes of
// the two trees.
absl::StatusOr<YAML::Node> MergePatch(const SourceFiles& sources,
                                      MapArena& arena, const YAML::Node& base,
                                      const YAML::Node& patch,
                                      const std::string& path,
                                      bool skip_extends) {
  if (!patch.IsMap()) return patch;
  auto child_path = [&](const std::string& key) {
    return path.empty() ? key : fmt::format("{}.{}", path, key);
  };
  // The patch's entries, and their index by key; duplicates are reported
  // here because the merged map would otherwise hide them.
  std::vector<std::pair<YAML::Node, YAML::Node>> entries;
  std::unordered_map<std::string, size_t> index;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::optional<std::string> key = KeyText(it->first);
    if (key.has_value()) {
      if (skip_extends && *key == "extends") continue;
      const auto [at, added] = index.try_emplace(*key, entries.size());
      if (!added) {
        return scenario_internal::ErrorAt(
            sources, it->first.Mark(), child_path(*key),
            fmt::format("duplicate key '{}' (first given at line {})", *key,
                        sources.Locate(entries[at->second].first.Mark()).line));
      }
    }
    entries.emplace_back(it->first, it->second);
  }
  std::vector<bool> used(entries.size(), false);
  if (!arena.Count(entries.size() + (base.IsMap() ? base.size() : 0))) {
    return scenario_internal::ErrorAt(
        sources, patch.Mark(), path,
        fmt::format("expected at most {} map entries once YAML aliases are "
                    "expanded, got more (aliases that refer to aliases "
                    "multiply: a chain of anchors each used twice in the "
                    "next doubles the entries at every link)",
                    kMaxMergedEntries));
  }

  YAML::Node out = arena.NewMap();
  if (base.IsMap()) {
    for (auto it = base.begin(); it != base.end(); ++it) {
      const std::optional<std::string> key = KeyText(it->first);
      const auto found = key.has_value() ? index.find(*key) : index.end();
      if (found == index.end()) {
        out.force_insert(it->first, it->second);
        continue;
      }
      const size_t i = found->second;
      used[i] = true;
      const YAML::Node& value = entries[i].second;
      if (value.IsNull()) continue;  // removed
      CCSIM_ASSIGN_OR_RETURN(YAML::Node merged,
                             MergePatch(sources, arena, it->second, value,
                                        child_path(*key), false));
      // The patch's key: errors about it point where it was written.
      out.force_insert(entries[i].first, merged);
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (used[i]) continue;
    const auto& [key, value] = entries[i];
    if (value.IsNull() && key.IsScalar()) {
      // Removing a key the base does not have is most likely a misspelling.
      return scenario_internal::ErrorAt(
          sources, key.Mark(), child_path(key.Scalar()),
          fmt::format("cannot remove '{}': the base scenario has no such key "
                      "here (a null value removes a key of the base)",
                      key.Scalar()));
    }
    CCSIM_ASSIGN_OR_RETURN(
        YAML::Node merged,
        MergePatch(sources, arena, YAML::Node(), value,
                   child_path(KeyText(key).value_or("?")), false));
    out.force_insert(key, merged);
  }
  return out;
}

// The one document of a file's text, checked to be there.
absl::StatusOr<YAML::Node> ParseOne(SourceFiles& sources, std::string_view text,
                                    const std::string& name) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YAML::Node> documents,
                         sources.Parse(text, name));
  if (documents.empty() || documents[0].IsNull()) {
    // A mark at this file's first line.
    YAML::Mark first = YAML::Mark::null_mark();
    first.line = sources.end_line() - 1;
    for (char c : text) first.line -= c == '\n';
    first.line -= 1;
    first.column = 0;
    first.pos = 0;
    return scenario_internal::ErrorAt(
        sources, first, "",
        "the file is empty; expected a scenario map with at least name, "
        "horizon, call_types and agents");
  }
  if (documents.size() > 1) {
    return scenario_internal::ErrorAt(
        sources, documents[1].Mark(), "",
        fmt::format("expected a single YAML document, got {} (separated by "
                    "'---')",
                    documents.size()));
  }
  return documents[0];
}

// Parses `text` (the file `name`) and, when its root names a base with
// `extends:`, loads the base and merges this file over it. `chain` holds the
// files that extend this one, for cycle detection.
absl::StatusOr<YAML::Node> LoadLayer(SourceFiles& sources,
                                     std::string_view text,
                                     const std::string& name,
                                     std::vector<std::string>& chain) {
  CCSIM_ASSIGN_OR_RETURN(YAML::Node root, ParseOne(sources, text, name));
  if (!root.IsMap()) return root;  // the reader reports the type
  const YAML::Node extends = root["extends"];
  if (!extends.IsDefined()) return root;

  std::optional<YAML::Node> key_node;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (KeyText(it->first) == "extends") key_node.emplace(it->first);
  }
  const YAML::Mark at = extends.IsNull() || extends.Mark().is_null()
                            ? key_node->Mark()
                            : extends.Mark();
  if (!extends.IsScalar() || extends.Scalar().empty()) {
    return scenario_internal::ErrorAt(
        sources, at, "extends",
        "expected the path of the base scenario file (relative to this "
        "file's folder), e.g. extends: water-utility.yaml");
  }
  std::filesystem::path base_path(extends.Scalar());
  if (base_path.is_relative()) {
    base_path = std::filesystem::path(name).parent_path() / base_path;
  }
  const std::string base_name = base_path.lexically_normal().string();
  std::error_code ec;
  std::filesystem::path canonical =
      std::filesystem::weakly_canonical(base_path, ec);
  const std::string identity = ec ? base_name : canonical.string();
  if (std::find(chain.begin(), chain.end(), identity) != chain.end()) {
    return scenario_internal::ErrorAt(
        sources, at, "extends",
        fmt::format("'{}' extends itself through a cycle of files", base_name));
  }
  if (static_cast<int>(chain.size()) > kMaxExtendsDepth) {
    return scenario_internal::ErrorAt(
        sources, at, "extends",
        fmt::format("more than {} files extend one another", kMaxExtendsDepth));
  }
  absl::StatusOr<std::string> base_text = ReadText(base_name);
  if (!base_text.ok()) {
    return scenario_internal::ErrorAt(
        sources, at, "extends",
        fmt::format("cannot read the base scenario: {}",
                    MessageOf(base_text.status())));
  }
  chain.push_back(identity);
  CCSIM_ASSIGN_OR_RETURN(YAML::Node base,
                         LoadLayer(sources, *base_text, base_name, chain));
  chain.pop_back();
  MapArena arena;
  return MergePatch(sources, arena, base, root, "", /*skip_extends=*/true);
}

// One step of a key path: a map key or a sequence index.
struct PathStep {
  std::string key;  // empty for an index
  size_t index = 0;
  bool is_index() const { return key.empty(); }
};

absl::StatusOr<std::vector<PathStep>> ParseKeyPath(std::string_view path) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        fmt::format("key path '{}': {}; expected keys joined by dots with [N] "
                    "for the N-th entry of a list, e.g. agents[0].staffing",
                    path, why));
  };
  std::vector<PathStep> steps;
  size_t i = 0;
  const size_t n = path.size();
  if (n == 0) return bad("empty");
  while (i < n) {
    size_t j = i;
    while (j < n && path[j] != '.' && path[j] != '[' && path[j] != ']') ++j;
    if (j == i) return bad("a key is empty");
    steps.push_back(PathStep{std::string(path.substr(i, j - i)), 0});
    i = j;
    while (i < n && path[i] == '[') {
      size_t k = i + 1;
      size_t index = 0;
      const auto [end, ec] =
          std::from_chars(path.data() + k, path.data() + n, index);
      k = static_cast<size_t>(end - path.data());
      if (ec != std::errc() || k >= n || path[k] != ']') {
        return bad("an index is not a whole number in brackets");
      }
      // One spelling per index, so that equal paths are equal texts.
      if (path[i + 1] == '0' && k > i + 2) {
        return bad("an index has a leading zero");
      }
      steps.push_back(PathStep{"", index});
      i = k + 1;
    }
    if (i < n) {
      if (path[i] != '.') return bad("unexpected character");
      ++i;
      if (i == n) return bad("it ends with a dot");
    }
  }
  return steps;
}

std::string PathPrefix(const std::vector<PathStep>& steps, size_t count) {
  std::string out;
  for (size_t s = 0; s < count; ++s) {
    if (steps[s].is_index()) {
      out += fmt::format("[{}]", steps[s].index);
    } else {
      if (!out.empty()) out += '.';
      out += steps[s].key;
    }
  }
  return out;
}

std::string_view KindOf(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) return "a single value";
  return "empty";
}

// `node` with the value at steps[s..] replaced by `value`; new nodes along
// the path, everything else shared.
absl::StatusOr<YAML::Node> SetAt(const YAML::Node& node,
                                 const std::vector<PathStep>& steps, size_t s,
                                 const YAML::Node& value,
                                 std::string_view full_path) {
  if (s == steps.size()) return value;
  const PathStep& step = steps[s];
  if (step.is_index()) {
    if (!node.IsSequence() || step.index >= node.size()) {
      return absl::InvalidArgumentError(fmt::format(
          "key path '{}': '{}' is {}{}", full_path, PathPrefix(steps, s),
          node.IsSequence() ? fmt::format("a list of {} entries", node.size())
                            : std::string(KindOf(node)),
          node.IsSequence() ? "" : ", not a list"));
    }
    YAML::Node out(YAML::NodeType::Sequence);
    for (size_t i = 0; i < node.size(); ++i) {
      if (i == step.index) {
        CCSIM_ASSIGN_OR_RETURN(YAML::Node child,
                               SetAt(node[i], steps, s + 1, value, full_path));
        out.push_back(child);
      } else {
        out.push_back(node[i]);
      }
    }
    return out;
  }
  if (!node.IsMap() && node.IsDefined() && !node.IsNull()) {
    return absl::InvalidArgumentError(
        fmt::format("key path '{}': '{}' is {}, not a map", full_path,
                    PathPrefix(steps, s), KindOf(node)));
  }
  YAML::Node out(YAML::NodeType::Map);
  bool found = false;
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (KeyText(it->first) == step.key) {
        found = true;
        CCSIM_ASSIGN_OR_RETURN(YAML::Node child, SetAt(it->second, steps, s + 1,
                                                       value, full_path));
        out.force_insert(it->first, child);
      } else {
        out.force_insert(it->first, it->second);
      }
    }
  }
  if (!found) {
    CCSIM_ASSIGN_OR_RETURN(YAML::Node child,
                           SetAt(YAML::Node(), steps, s + 1, value, full_path));
    out.force_insert(YAML::Node(step.key), child);
  }
  return out;
}

}  // namespace

absl::StatusOr<ScenarioDocument> ScenarioDocument::Load(
    const std::string& path) {
  CCSIM_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  return Parse(text, path);
}

absl::StatusOr<ScenarioDocument> ScenarioDocument::Parse(
    std::string_view text, std::string_view filename) {
  auto sources = std::make_shared<SourceFiles>();
  const std::string name(filename);
  std::vector<std::string> chain;
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(name, ec);
  chain.push_back(ec ? name : canonical.string());
  CCSIM_ASSIGN_OR_RETURN(YAML::Node root,
                         LoadLayer(*sources, text, name, chain));
  return ScenarioDocument(std::move(sources), std::move(root));
}

absl::StatusOr<YAML::Node> ScenarioDocument::ParseAuxiliary(
    std::string_view text, std::string_view filename) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YAML::Node> documents,
                         sources_->Parse(text, filename));
  if (documents.empty()) return YAML::Node();
  if (documents.size() > 1) {
    return ErrorAt(documents[1].Mark(), "",
                   fmt::format("expected a single YAML document, got {} "
                               "(separated by '---')",
                               documents.size()));
  }
  return documents[0];
}

YAML::Node ScenarioDocument::ScalarAt(std::string_view text,
                                      const YAML::Mark& where) const {
  if (!where.is_null()) {
    // Blank lines and spaces put the parsed scalar exactly at `where`.
    std::string padded(static_cast<size_t>(where.line), '\n');
    padded.append(static_cast<size_t>(where.column), ' ');
    padded.append(text);
    try {
      YAML::Node node = YAML::Load(padded);
      if (node.IsScalar() && node.Scalar() == text) return node;
    } catch (const YAML::Exception&) {
      // Not a plain scalar: fall through to an unplaced node.
    }
  }
  return YAML::Node(std::string(text));
}

absl::StatusOr<ScenarioDocument> ScenarioDocument::With(
    std::string_view key_path, const YAML::Node& value) const {
  CCSIM_ASSIGN_OR_RETURN(std::vector<PathStep> steps, ParseKeyPath(key_path));
  CCSIM_ASSIGN_OR_RETURN(YAML::Node root,
                         SetAt(root_, steps, 0, value, key_path));
  return ScenarioDocument(sources_, std::move(root));
}

absl::StatusOr<std::optional<YAML::Node>> ScenarioDocument::Find(
    std::string_view key_path) const {
  CCSIM_ASSIGN_OR_RETURN(std::vector<PathStep> steps, ParseKeyPath(key_path));
  YAML::Node node = root_;
  for (size_t s = 0; s < steps.size(); ++s) {
    const PathStep& step = steps[s];
    if (step.is_index()) {
      if (!node.IsSequence()) {
        return absl::InvalidArgumentError(
            fmt::format("key path '{}': '{}' is {}, not a list", key_path,
                        PathPrefix(steps, s), KindOf(node)));
      }
      if (step.index >= node.size()) return std::nullopt;
      // reset() rebinds; operator= would overwrite the shared node.
      node.reset(node[step.index]);
      continue;
    }
    if (!node.IsMap()) {
      return absl::InvalidArgumentError(
          fmt::format("key path '{}': '{}' is {}, not a map", key_path,
                      PathPrefix(steps, s), KindOf(node)));
    }
    std::optional<YAML::Node> child;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (KeyText(it->first) == step.key) child.emplace(it->second);
    }
    if (!child.has_value()) return std::nullopt;
    node.reset(*child);
  }
  return node;
}

std::string ScenarioDocument::ToYaml() const {
  YAML::Emitter out;
  out << root_;
  return std::string(out.c_str()) + "\n";
}

const std::string& ScenarioDocument::filename() const {
  return sources_->main();
}

absl::Status ScenarioDocument::ErrorAt(const YAML::Mark& mark,
                                       std::string_view path,
                                       std::string_view message) const {
  return scenario_internal::ErrorAt(*sources_, mark, path, message);
}

}  // namespace ccsim
