#!/bin/bash
#SBATCH --job-name=ccsim-merge
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
#SBATCH --output=logs/%x-%j.out
set -euo pipefail

RESULTS=${RESULTS:-results}
rm -f "$RESULTS/all.sqlite"      # merge never overwrites
ccsim merge "$RESULTS/all.sqlite" "$RESULTS"/shard-*.sqlite
ccsim export "$RESULTS/all.sqlite" --csv "$RESULTS/all.csv"
