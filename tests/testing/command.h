// Running the built `ccsim` program (CCSIM_BINARY) from end-to-end tests.
#ifndef CCSIM_TESTS_TESTING_COMMAND_H_
#define CCSIM_TESTS_TESTING_COMMAND_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace ccsim::testing {

struct Outcome {
  int status = -1;  // exit status; -1 if the program did not exit normally
  std::string out;  // what it printed (see RunCcsim)
};

// Runs `command` through /bin/sh and returns its exit status and what it
// printed on standard output.
inline Outcome RunShell(const std::string& command) {
  Outcome o;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return o;
  std::array<char, 4096> buf;
  size_t got;
  while ((got = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    o.out.append(buf.data(), got);
  }
  const int raw = pclose(pipe);
  if (raw != -1 && WIFEXITED(raw)) o.status = WEXITSTATUS(raw);
  return o;
}

// Runs `ccsim ARGS` through the shell from the source directory (so that
// scenario paths like scenarios/erlang-a.yaml work). `stderr_to` is a shell
// redirection for standard error: "2>&1" (the default) merges it into
// `out`, "2>/dev/null" drops it.
inline Outcome RunCcsim(const std::string& args,
                        const std::string& stderr_to = "2>&1") {
  return RunShell(std::string("cd '") + CCSIM_SOURCE_DIR + "' && '" +
                  CCSIM_BINARY + "' " + args + " " + stderr_to);
}

// Whether util-linux `script`, which runs a program on a pseudo-terminal,
// is installed.
inline bool HaveScript() {
  return std::system("command -v script >/dev/null") == 0;
}

// What `ccsim ARGS` prints, stderr included, when run on a pseudo-terminal
// (with `script`) from the source directory.
inline std::string OnTerminal(const std::string& args) {
  return RunShell(std::string("cd '") + CCSIM_SOURCE_DIR +
                  "' && script -qec \"'" + CCSIM_BINARY + "' " + args +
                  "\" /dev/null")
      .out;
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_COMMAND_H_
