// ccsim compare (placeholder).
#include "cli.h"
#include "commands.h"

namespace ccsim::tools {

int CompareCommand(int, char**) { return Fail("compare", "not implemented yet"); }

}  // namespace ccsim::tools
