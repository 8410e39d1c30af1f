#!/usr/bin/env bash
# Installs the Debian 12 packages ccsim needs to build, test and benchmark.
# Safe to run any number of times: it only installs what is missing.
#
#   tools/setup.sh               everything: build, tests, fuzzing and
#                                benchmarks
#   tools/setup.sh --build-only  only what building the ccsim program needs
#                                (configure with -DCCSIM_BUILD_TESTS=OFF
#                                -DCCSIM_BUILD_BENCH=OFF), e.g. for an image
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-program-options-dev libfmt-dev libabsl-dev libyaml-cpp-dev
  # Sweep results are stored in SQLite (embedded; no server).
  libsqlite3-dev
  # ccsim staff solves the shift cover integer program with CBC.
  coinor-libcbc-dev
  # Call logs and dated tables are parsed with libcsv (RFC 4180).
  libcsv-dev
  # --xlsx writes Excel workbooks with libxlsxwriter.
  libxlsxwriter-dev
)
case "${1:-}" in
  --build-only) ;;
  "")
    packages+=(
      libgtest-dev libgmock-dev libbenchmark-dev
      # The ccsim Python package (pybind11; CCSIM_BUILD_PYTHON) and its
      # tests (tests/python).
      python3-dev pybind11-dev python3-pytest
      # A test checks that the sources follow .clang-format.
      clang-format
      # The Excel workbook tests read the .xlsx back with unzip.
      unzip
      # The HTML report test renders the report to a PNG with headless
      # Chromium.
      chromium libpng-dev
      # The fuzz targets (tests/fuzz) are built with clang's libFuzzer,
      # which is in libclang-rt-14-dev (libclang_rt.fuzzer).
      clang libclang-rt-14-dev
    )
    ;;
  *)
    echo "usage: tools/setup.sh [--build-only]" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
