// ccsim sweep / merge / export (placeholder until the sweep lands).
#include "cli.h"
#include "commands.h"

namespace ccsim::tools {

int SweepCommand(int, char**) { return Fail("sweep", "not implemented yet"); }
int MergeCommand(int, char**) { return Fail("merge", "not implemented yet"); }
int ExportCommand(int, char**) { return Fail("export", "not implemented yet"); }

}  // namespace ccsim::tools
