#!/bin/bash
#SBATCH --job-name=ccsim-sweep
#SBATCH --array=0-15                # 16 shards (a contiguous range)
#SBATCH --cpus-per-task=8
#SBATCH --mem=1G
#SBATCH --time=02:00:00
#SBATCH --requeue                   # preempted tasks start again ...
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail

SWEEP=${SWEEP:-scenarios/sweeps/water-utility-agents.yaml}
RESULTS=${RESULTS:-results}
mkdir -p "$RESULTS"

# The shard comes from SLURM_ARRAY_TASK_ID / _MIN / _COUNT. When only some
# tasks are resubmitted (sbatch --array=3,7), Slurm's count is the length
# of that list, so give the number of shards instead:
#   SHARDS=16 sbatch --array=3,7 tools/cluster/sweep-array.sh
shard=()
if [[ -n "${SHARDS:-}" ]]; then
  shard=(--shard "$((SLURM_ARRAY_TASK_ID + 1))/$SHARDS")
fi

# --resume makes a requeued or resubmitted task continue its own database
# (and start it when it does not exist yet).
srun ccsim sweep "$SWEEP" "${shard[@]}" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --output "$RESULTS/shard-$SLURM_ARRAY_TASK_ID.sqlite" \
  --resume
