// The cluster recipes of docs/scale-out.md, kept in tools/cluster/: the
// document shows each file exactly, and the Slurm scripts and the
// Kubernetes Jobs' commands, run on this machine (a stand-in for `srun`,
// the pod's command with its mount paths pointed at scratch folders), give
// a merged export byte for byte equal to a single run's.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/sweep/sweep_testing.h"
#include "tests/testing/command.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::Outcome;
using ::ccsim::testing::ReadFile;
using ::ccsim::testing::RunCcsim;
using ::ccsim::testing::RunShell;
using ::ccsim::testing::ScratchDir;
using ::ccsim::testing::SmallScenario;
using ::ccsim::testing::WriteFile;

std::string Source(const std::string& relative) {
  return std::string(CCSIM_SOURCE_DIR) + "/" + relative;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// A sweep of 4 x 5 = 20 small points, 2 replications each, with its base
// scenario beside it as `small.yaml`.
void WriteSweep(const ScratchDir& dir, const std::string& folder) {
  RunShell("mkdir -p " + Quote(dir / folder));
  WriteFile(dir / (folder + "/small.yaml"), SmallScenario());
  WriteFile(dir / (folder + "/sweep.yaml"),
            "scenario: small.yaml\n"
            "replications: 2\n"
            "seed: 11\n"
            "metrics: [answer_rate, service_level, asa_s]\n"
            "parameters:\n"
            "  - name: agents\n"
            "    key: agents[0].staffing.constant\n"
            "    range: {from: 3, to: 6, step: 1}\n"
            "  - name: patience\n"
            "    key: call_types[0].patience.exponential.mean\n"
            "    values: [60s, 120s, 180s, 240s, 300s]\n");
}

// The export of the whole sweep run at once on one machine.
std::string SingleRunCsv(const ScratchDir& dir) {
  WriteSweep(dir, "single");
  const Outcome run =
      RunCcsim("sweep " + Quote(dir / "single/sweep.yaml") + " --output " +
               Quote(dir / "single.sqlite") + " --quiet");
  EXPECT_EQ(run.status, 0) << run.out;
  const Outcome exported = RunCcsim("export " + Quote(dir / "single.sqlite") +
                                    " --csv " + Quote(dir / "single.csv"));
  EXPECT_EQ(exported.status, 0) << exported.out;
  return ReadFile(dir / "single.csv");
}

// "PATH=...:$PATH": the built ccsim first, and `extra` before it.
std::string PathWithCcsim(const std::string& extra) {
  std::string binary_dir = CCSIM_BINARY;
  binary_dir.erase(binary_dir.rfind('/'));
  return "PATH=" + Quote(extra) + ":" + Quote(binary_dir) + ":\"$PATH\"";
}

TEST(ClusterRecipes, TheDocumentShowsEachFileExactly) {
  const std::string doc = ReadFile(Source("docs/scale-out.md"));
  const std::vector<std::pair<std::string, std::string>> files = {
      {"sweep-array.sh", "bash"},
      {"sweep-merge.sh", "bash"},
      {"Dockerfile", "dockerfile"},
      {"sweep-job.yaml", "yaml"},
      {"merge-job.yaml", "yaml"}};
  for (const auto& [name, lang] : files) {
    const std::string text = ReadFile(Source("tools/cluster/" + name));
    ASSERT_FALSE(text.empty()) << name;
    EXPECT_TRUE(Contains(doc, "```" + lang + "\n" + text + "```"))
        << "docs/scale-out.md does not show tools/cluster/" << name
        << " as it is";
    EXPECT_TRUE(Contains(doc, "`tools/cluster/" + name + "`")) << name;
  }
}

TEST(ClusterRecipes, SlurmArrayAndMergeGiveTheSingleRunsResults) {
  ScratchDir dir;
  const std::string expected = SingleRunCsv(dir);
  ASSERT_FALSE(expected.empty());
  WriteSweep(dir, "cluster");
  // `srun` runs its command here.
  RunShell("mkdir -p " + Quote(dir / "bin"));
  WriteFile(dir / "bin/srun", "#!/bin/sh\nexec \"$@\"\n");
  RunShell("chmod +x " + Quote(dir / "bin/srun"));
  const std::string env = PathWithCcsim(dir / "bin") +
                          " SWEEP=" + Quote(dir / "cluster/sweep.yaml") +
                          " RESULTS=" + Quote(dir / "results");
  const std::string array_task =
      env + " SLURM_ARRAY_TASK_MIN=0 SLURM_CPUS_PER_TASK=2 bash " +
      Quote(Source("tools/cluster/sweep-array.sh")) + " 2>&1";
  const std::string merge_job =
      env + " bash " + Quote(Source("tools/cluster/sweep-merge.sh")) + " 2>&1";
  for (int id = 0; id < 3; ++id) {
    const Outcome task = RunShell("SLURM_ARRAY_TASK_ID=" + std::to_string(id) +
                                  " SLURM_ARRAY_TASK_COUNT=3 " + array_task);
    ASSERT_EQ(task.status, 0) << task.out;
    EXPECT_TRUE(
        Contains(task.out, "of shard " + std::to_string(id + 1) + "/3 done"))
        << task.out;
  }
  Outcome merged = RunShell(merge_job);
  ASSERT_EQ(merged.status, 0) << merged.out;
  EXPECT_EQ(ReadFile(dir / "results/all.csv"), expected);

  // A lost task resubmitted alone (`SHARDS=3 sbatch --array=1`): Slurm's
  // count is then 1, SHARDS gives the shard. Before it has run, the merge
  // refuses the incomplete set.
  RunShell("rm -f " + Quote(dir / "results/shard-1.sqlite"));
  merged = RunShell(merge_job);
  EXPECT_NE(merged.status, 0) << merged.out;
  const Outcome again = RunShell(
      "SHARDS=3 SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=1 " + array_task);
  ASSERT_EQ(again.status, 0) << again.out;
  merged = RunShell(merge_job);
  ASSERT_EQ(merged.status, 0) << merged.out;
  EXPECT_EQ(ReadFile(dir / "results/all.csv"), expected);
}

// The first document of `path` whose `kind` is `kind`.
YAML::Node Manifest(const std::string& path, const std::string& kind) {
  for (const YAML::Node& doc : YAML::LoadAllFromFile(path)) {
    if (doc["kind"].as<std::string>() == kind) return doc;
  }
  ADD_FAILURE() << path << " has no " << kind;
  return YAML::Node();
}

// The shell command of a Job's only container, `sh -c` style, with the
// mount paths `/sweep` and `/results` pointed at `sweep` and `results`.
std::string PodCommand(const YAML::Node& job, const std::string& sweep,
                       const std::string& results) {
  const YAML::Node container = job["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(container["command"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"/bin/sh", "-c"}));
  std::string command = container["args"][0].as<std::string>();
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"/sweep/", sweep + "/"},
        {"/results/", results + "/"}}) {
    for (size_t at = command.find(from); at != std::string::npos;
         at = command.find(from, at + to.size())) {
      command.replace(at, from.size(), to);
    }
  }
  return command;
}

TEST(ClusterRecipes, KubernetesJobsGiveTheSingleRunsResults) {
  const YAML::Node pvc =
      Manifest(Source("tools/cluster/sweep-job.yaml"), "PersistentVolumeClaim");
  const YAML::Node sweep_job =
      Manifest(Source("tools/cluster/sweep-job.yaml"), "Job");
  const YAML::Node merge_job =
      Manifest(Source("tools/cluster/merge-job.yaml"), "Job");
  ASSERT_TRUE(pvc && sweep_job && merge_job);

  // The Indexed Job: one pod per shard, SHARDS set to the completions.
  const YAML::Node spec = sweep_job["spec"];
  EXPECT_EQ(spec["completionMode"].as<std::string>(), "Indexed");
  const int completions = spec["completions"].as<int>();
  ASSERT_GE(completions, 2);
  std::string env;
  for (const YAML::Node& var :
       spec["template"]["spec"]["containers"][0]["env"]) {
    env += var["name"].as<std::string>() + "=" +
           Quote(var["value"].as<std::string>()) + " ";
  }
  EXPECT_TRUE(Contains(env, "SHARDS='" + std::to_string(completions) + "'"))
      << env;
  // Both Jobs mount the claim the manifest defines.
  const std::string claim = pvc["metadata"]["name"].as<std::string>();
  for (const YAML::Node& job : {sweep_job, merge_job}) {
    bool mounted = false;
    for (const YAML::Node& volume :
         job["spec"]["template"]["spec"]["volumes"]) {
      if (volume["persistentVolumeClaim"]) {
        mounted |=
            volume["persistentVolumeClaim"]["claimName"].as<std::string>() ==
            claim;
      }
    }
    EXPECT_TRUE(mounted) << job["metadata"]["name"].as<std::string>();
  }

  ScratchDir dir;
  const std::string expected = SingleRunCsv(dir);
  ASSERT_FALSE(expected.empty());
  WriteSweep(dir, "configmap");  // sweep.yaml beside its base, as mounted
  RunShell("mkdir -p " + Quote(dir / "volume"));
  WriteFile(dir / "pod.sh",
            PodCommand(sweep_job, dir / "configmap", dir / "volume"));
  for (int index = 0; index < completions; ++index) {
    const Outcome pod =
        RunShell(PathWithCcsim(dir.path()) + " " + env +
                 "JOB_COMPLETION_INDEX=" + std::to_string(index) + " /bin/sh " +
                 Quote(dir / "pod.sh") + " 2>&1");
    ASSERT_EQ(pod.status, 0) << "pod " << index << ": " << pod.out;
  }
  WriteFile(dir / "merge.sh",
            PodCommand(merge_job, dir / "configmap", dir / "volume"));
  const Outcome merged = RunShell(PathWithCcsim(dir.path()) + " /bin/sh " +
                                  Quote(dir / "merge.sh") + " 2>&1");
  ASSERT_EQ(merged.status, 0) << merged.out;
  EXPECT_EQ(ReadFile(dir / "volume/all.csv"), expected);
}

}  // namespace
}  // namespace ccsim
