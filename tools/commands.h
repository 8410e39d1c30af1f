// The subcommands of the `ccsim` program. Each takes the arguments after its
// name (argv[0] is the subcommand's name) and returns the exit status.
#ifndef CCSIM_TOOLS_COMMANDS_H_
#define CCSIM_TOOLS_COMMANDS_H_

namespace ccsim::tools {

int RunCommand(int argc, char** argv);       // ccsim run
int ValidateCommand(int argc, char** argv);  // ccsim validate
int ErlangCommand(int argc, char** argv);    // ccsim erlang

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_COMMANDS_H_
