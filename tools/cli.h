// Command-line plumbing shared by the subcommands: parsing with
// Boost.Program_options, --help, and error reporting.
#ifndef CCSIM_TOOLS_CLI_H_
#define CCSIM_TOOLS_CLI_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/program_options.hpp"
#include "ccsim/report.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_document.h"

namespace ccsim::tools {

inline constexpr int kExitFailure = 1;     // bad input file, failed run
inline constexpr int kExitUsageError = 2;  // bad command line

// Prints "ccsim COMMAND: MESSAGE" on stderr and returns `code`.
int Fail(std::string_view command, std::string_view message,
         int code = kExitFailure);

struct CommandSpec {
  const char* name;   // "run"
  const char* usage;  // printed before the options by --help
  const boost::program_options::options_description* visible;
  // Options not shown by --help (e.g. positional arguments); may be null.
  const boost::program_options::options_description* hidden = nullptr;
  // Positional arguments; null means none are allowed.
  const boost::program_options::positional_options_description* positional =
      nullptr;
};

// Parses argv (argv[0] is the subcommand's name) into `vm`. Abbreviated
// option names are not accepted. Returns nullopt when the command should go
// on, or the exit status when it is done: 0 after printing --help (the
// visible options must include "help"), kExitUsageError after reporting a
// parse error.
// --seed and --replications, checked as strictly as in a scenario file and
// with the same words: nullopt when good (the value stored), else the exit
// status after reporting (a usage error).
std::optional<int> ParseSeedOption(std::string_view command,
                                   const std::string& text, uint64_t* seed);
std::optional<int> CheckReplicationsOption(std::string_view command, int n,
                                           int min = 1);
// Both, for the options given in `vm` ("replications", "seed"), into
// `replications` and `seed`.
std::optional<int> ReplicationsAndSeedOptions(
    std::string_view command, const boost::program_options::variables_map& vm,
    int replications_value, const std::string& seed_text, int min_replications,
    std::optional<int>* replications, std::optional<uint64_t>* seed);
// --format (into `format`) and --threads (not negative).
std::optional<int> FormatAndThreadsOptions(std::string_view command,
                                           const std::string& format_name,
                                           int threads, OutputFormat* format);
// --map COLUMN=FIELD options (fit, backtest) into `out`: nullopt when each
// has that form, else the exit status after reporting (a usage error).
std::optional<int> ParseMapOptions(
    std::string_view command, const std::vector<std::string>& maps,
    std::vector<std::pair<std::string, std::string>>* out);

// A comma-separated list of numbers ("1,2.5,-3"); nullopt when an item is
// not a number, with `bad` set to it.
std::optional<std::vector<double>> ParseNumberList(const std::string& text,
                                                   std::string* bad);

std::optional<int> ParseCommandLine(const CommandSpec& spec, int argc,
                                    char** argv,
                                    boost::program_options::variables_map& vm);

// The scenario at `path` (LoadScenarioFile), or, for "-", the scenario on
// standard input (a pipe or a redirected file, up to the same 64 MiB; its
// messages name "(standard input)"; `extends:` paths are relative to the
// working folder).
absl::StatusOr<Scenario> LoadScenarioArgument(const std::string& path);
// The same as a document (for its resolved YAML, e.g. in a workbook).
absl::StatusOr<ScenarioDocument> LoadScenarioDocumentArgument(
    const std::string& path);

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_CLI_H_
