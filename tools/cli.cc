#include "cli.h"

#include <iostream>

#include "fmt/format.h"

namespace po = boost::program_options;

namespace ccsim::tools {

int Fail(std::string_view command, std::string_view message, int code) {
  std::cerr << "ccsim " << command << ": " << message << "\n";
  return code;
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

}  // namespace ccsim::tools
