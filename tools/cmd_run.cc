#include <cstdio>

#include "commands.h"

namespace ccsim::tools {

int RunCommand(int, char**) {
  std::fprintf(stderr, "ccsim run: not built yet\n");
  return 1;
}

int ValidateCommand(int, char**) {
  std::fprintf(stderr, "ccsim validate: not built yet\n");
  return 1;
}

}  // namespace ccsim::tools
