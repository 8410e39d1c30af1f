#include "cli.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iostream>
#include <limits>

#include "ccsim/scenario.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "ccsim/suggest.h"
#include "fmt/format.h"

namespace po = boost::program_options;

namespace ccsim::tools {

int Fail(std::string_view command, std::string_view message, int code) {
  std::cerr << "ccsim " << command << ": " << message << "\n";
  return code;
}

std::optional<int> ParseSeedOption(std::string_view command,
                                   const std::string& text, uint64_t* seed) {
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  const bool negative = !digits.empty() && digits[0] == '-';
  uint64_t value = 0;
  auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (negative) {
    return Fail(command,
                fmt::format("--seed: expected a whole number that is not "
                            "negative, got {}",
                            text),
                kExitUsageError);
  }
  if (ec == std::errc::result_out_of_range) {
    return Fail(command,
                fmt::format("--seed: expected a whole number of at most {}, "
                            "got {}",
                            std::numeric_limits<uint64_t>::max(), text),
                kExitUsageError);
  }
  if (digits.empty() || ec != std::errc() ||
      end != digits.data() + digits.size()) {
    return Fail(command,
                fmt::format("--seed: expected a whole number, got {}", text),
                kExitUsageError);
  }
  *seed = value;
  return std::nullopt;
}

std::optional<int> CheckReplicationsOption(std::string_view command, int n,
                                           int min) {
  if (n < min) {
    return Fail(command,
                fmt::format("--replications: expected a whole number of at "
                            "least {}, got {}",
                            min, n),
                kExitUsageError);
  }
  if (n > kMaxReplications) {
    return Fail(command,
                fmt::format("--replications: expected a whole number of at "
                            "most {}, got {}",
                            kMaxReplications, n),
                kExitUsageError);
  }
  return std::nullopt;
}

std::optional<int> ReplicationsAndSeedOptions(
    std::string_view command, const po::variables_map& vm,
    int replications_value, const std::string& seed_text, int min_replications,
    std::optional<int>* replications, std::optional<uint64_t>* seed) {
  if (vm.count("replications")) {
    if (std::optional<int> bad = CheckReplicationsOption(
            command, replications_value, min_replications)) {
      return bad;
    }
    *replications = replications_value;
  }
  if (vm.count("seed")) {
    uint64_t value = 0;
    if (std::optional<int> bad = ParseSeedOption(command, seed_text, &value)) {
      return bad;
    }
    *seed = value;
  }
  return std::nullopt;
}

std::optional<int> FormatAndThreadsOptions(std::string_view command,
                                           const std::string& format_name,
                                           int threads, OutputFormat* format) {
  absl::StatusOr<OutputFormat> f = ParseOutputFormat(format_name);
  if (!f.ok()) return Fail(command, MessageOf(f.status()), kExitUsageError);
  if (threads < 0) {
    return Fail(command, "--threads must not be negative", kExitUsageError);
  }
  *format = *f;
  return std::nullopt;
}

std::optional<std::vector<double>> ParseNumberList(const std::string& text,
                                                   std::string* bad) {
  std::vector<double> out;
  size_t from = 0;
  while (from <= text.size()) {
    const size_t comma = std::min(text.find(',', from), text.size());
    const std::string item = text.substr(from, comma - from);
    double v = 0;
    size_t used = 0;
    try {
      v = std::stod(item, &used);
    } catch (...) {
      used = 0;
    }
    if (item.empty() || used != item.size() || !std::isfinite(v)) {
      *bad = item;
      return std::nullopt;
    }
    out.push_back(v);
    from = comma + 1;
  }
  return out;
}

std::optional<int> ParseCommandLine(const CommandSpec& spec, int argc,
                                    char** argv, po::variables_map& vm) {
  po::options_description all;
  all.add(*spec.visible);
  if (spec.hidden != nullptr) all.add(*spec.hidden);
  // An empty description makes any stray word an error instead of being
  // ignored.
  const po::positional_options_description none;
  const int style = po::command_line_style::default_style &
                    ~po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(argc, argv)
                  .options(all)
                  .positional(spec.positional ? *spec.positional : none)
                  .style(style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    // A long option a few edits from one the command has: name it.
    std::vector<std::string> names;
    for (const auto& option : spec.visible->options()) {
      if (!option->long_name().empty()) {
        names.push_back("--" + option->long_name());
      }
    }
    const std::string got = e.get_option_name();
    return Fail(
        spec.name,
        fmt::format("unknown option '{}'{}; see 'ccsim {} --help'",
                    QuotableText(got), SuggestName(got, names), spec.name),
        kExitUsageError);
  } catch (const po::error& e) {
    return Fail(spec.name,
                fmt::format("{} (see 'ccsim {} --help')", e.what(), spec.name),
                kExitUsageError);
  }
  if (vm.count("help")) {
    std::cout << spec.usage << "\n" << *spec.visible << "\n";
    return 0;
  }
  return std::nullopt;
}

std::optional<int> ParseMapOptions(
    std::string_view command, const std::vector<std::string>& maps,
    std::vector<std::pair<std::string, std::string>>* out) {
  for (const std::string& m : maps) {
    const size_t eq = m.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
      return Fail(command,
                  fmt::format("--map {}: expected COLUMN=FIELD, e.g. --map "
                              "'Start Time=arrival'",
                              m),
                  kExitUsageError);
    }
    out->emplace_back(m.substr(0, eq), m.substr(eq + 1));
  }
  return std::nullopt;
}

absl::StatusOr<Scenario> LoadScenarioArgument(const std::string& path) {
  if (path != "-") return LoadScenarioFile(path);
  absl::StatusOr<ScenarioDocument> document =
      LoadScenarioDocumentArgument(path);
  if (!document.ok()) return document.status();
  return document->ToScenario();
}

absl::StatusOr<ScenarioDocument> LoadScenarioDocumentArgument(
    const std::string& path) {
  if (path != "-") return ScenarioDocument::Load(path);
  if (isatty(STDIN_FILENO)) {
    return absl::InvalidArgumentError(
        "'-' reads the scenario from standard input, which is a terminal: "
        "pipe or redirect a file into it (ccsim run - < scenario.yaml)");
  }
  // The bound of scenario files (64 MiB).
  constexpr size_t kMaxBytes = size_t{64} << 20;
  std::string text;
  char buf[65536];
  ssize_t got;
  while ((got = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::InvalidArgumentError(fmt::format(
          "(standard input): cannot read: {}", std::strerror(errno)));
    }
    text.append(buf, static_cast<size_t>(got));
    if (text.size() > kMaxBytes) {
      return absl::InvalidArgumentError(
          "(standard input): more than 64 MiB, the most a scenario may have");
    }
  }
  return ScenarioDocument::Parse(text, "(standard input)");
}

}  // namespace ccsim::tools
