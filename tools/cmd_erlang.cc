#include <cstdio>

#include "commands.h"

namespace ccsim::tools {

int ErlangCommand(int, char**) {
  std::fprintf(stderr, "ccsim erlang: not built yet\n");
  return 1;
}

}  // namespace ccsim::tools
