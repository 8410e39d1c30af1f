// The subcommands of the `ccsim` program. Each takes the arguments after its
// name (argv[0] is the subcommand's name) and returns the exit status.
#ifndef CCSIM_TOOLS_COMMANDS_H_
#define CCSIM_TOOLS_COMMANDS_H_

namespace ccsim::tools {

int RunCommand(int argc, char** argv);       // ccsim run
int ValidateCommand(int argc, char** argv);  // ccsim validate
int ErlangCommand(int argc, char** argv);    // ccsim erlang
int CompareCommand(int argc, char** argv);   // ccsim compare
int SweepCommand(int argc, char** argv);     // ccsim sweep
int MergeCommand(int argc, char** argv);     // ccsim merge
int ExportCommand(int argc, char** argv);    // ccsim export
int StaffCommand(int argc, char** argv);     // ccsim staff
int FitCommand(int argc, char** argv);       // ccsim fit
int BacktestCommand(int argc, char** argv);  // ccsim backtest
int BenchCommand(int argc, char** argv);     // ccsim bench

}  // namespace ccsim::tools

#endif  // CCSIM_TOOLS_COMMANDS_H_
