// ccsim: discrete-event simulation of contact centres.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/suggest.h"
#include "commands.h"

namespace {

struct Subcommand {
  const char* name;
  const char* description;
  int (*function)(int argc, char** argv);
};

constexpr Subcommand kSubcommands[] = {
    {"run", "simulate a scenario file and report its metrics",
     ccsim::tools::RunCommand},
    {"validate", "check a scenario file and print ok or its errors",
     ccsim::tools::ValidateCommand},
    {"erlang", "Erlang C / Erlang A figures and staffing for one interval",
     ccsim::tools::ErlangCommand},
    {"compare", "run a base scenario and variants with common random numbers",
     ccsim::tools::CompareCommand},
    {"staff", "find the fewest agents per interval that meet a service goal",
     ccsim::tools::StaffCommand},
    {"fit", "fit a scenario to a call export (and an agent export)",
     ccsim::tools::FitCommand},
    {"backtest", "compare a scenario with a call export, interval by interval",
     ccsim::tools::BacktestCommand},
    {"sweep", "run a parameter sweep into an SQLite database",
     ccsim::tools::SweepCommand},
    {"merge", "combine the databases of a sharded sweep",
     ccsim::tools::MergeCommand},
    {"export", "write a sweep database as a tidy CSV",
     ccsim::tools::ExportCommand},
    {"bench", "measure simulated calls and events per second per thread count",
     ccsim::tools::BenchCommand},
};

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "usage: ccsim COMMAND [options]\n"
               "       ccsim --version\n\ncommands:\n");
  for (const Subcommand& c : kSubcommands) {
    std::fprintf(out, "  %-10s %s\n", c.name, c.description);
  }
  std::fprintf(out,
               "\n'ccsim COMMAND --help' describes a command's options.\n");
}

// Whatever went to standard output must have arrived (a full disk,
// /dev/full, a closed pipe): otherwise the command failed.
int Finish(const char* command, int status) {
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
    std::fprintf(stderr, "ccsim %s: cannot write standard output: %s\n",
                 command, std::strerror(errno));
    return status == 0 ? 1 : status;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string_view first = argv[1];
  if (first == "help" && argc >= 3) {
    // `ccsim help run` is `ccsim run --help`.
    for (const Subcommand& c : kSubcommands) {
      if (std::string_view(argv[2]) != c.name) continue;
      char help[] = "--help";
      char* args[] = {argv[2], help, nullptr};
      return Finish(c.name, c.function(2, args));
    }
  }
  if (first == "--help" || first == "-h" || first == "help") {
    PrintUsage(stdout);
    return Finish("--help", 0);
  }
  if (first == "--version") {
    std::printf("ccsim %s\n", CCSIM_VERSION);
    return Finish("--version", 0);
  }
  for (const Subcommand& c : kSubcommands) {
    if (first != c.name) continue;
    // Errors a user can cause are reported by the commands themselves; this
    // is the last line of defence against a crash (e.g. out of memory).
    try {
      return Finish(c.name, c.function(argc - 1, argv + 1));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ccsim %s: internal error: %s\n", c.name, e.what());
      return 1;
    }
  }
  std::vector<std::string> names;
  for (const Subcommand& c : kSubcommands) names.emplace_back(c.name);
  std::fprintf(stderr, "ccsim: unknown command '%s'%s\n\n",
               ccsim::QuotableText(first).c_str(),
               ccsim::SuggestName(first, names).c_str());
  PrintUsage(stderr);
  return 2;
}
