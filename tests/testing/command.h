// Running the built `ccsim` program (CCSIM_BINARY) from end-to-end tests.
#ifndef CCSIM_TESTS_TESTING_COMMAND_H_
#define CCSIM_TESTS_TESTING_COMMAND_H_

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
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

// What `ccsim ARGS` prints, stderr included, when run from the source
// directory on a pseudo-terminal of its own (so that it sees a terminal
// on stdout and stderr; the terminal turns "\n" into "\r\n").
inline std::string OnTerminal(const std::string& args) {
  // Everything the child needs is made before fork().
  const std::string command = std::string("cd '") + CCSIM_SOURCE_DIR +
                              "' && exec '" + CCSIM_BINARY + "' " + args;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return "forkpty failed";
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string out;
  std::array<char, 4096> buf;
  for (;;) {
    const ssize_t got = read(master, buf.data(), buf.size());
    if (got > 0) {
      out.append(buf.data(), static_cast<size_t>(got));
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the program has closed the terminal
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
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
