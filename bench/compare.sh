#!/usr/bin/env bash
# Compares LocalSgdVerify's simulator with numpy (well-vectorized, in place) and PyTorch on the same Local SGD jobs:
# installs Debian's python3-numpy and python3-torch when /usr/bin/python3 lacks them, builds the C# side in Release,
# runs every implementation on the same shapes, checks that all agree with the exact value within Monte Carlo
# error and prints a Markdown table of M coordinate-updates per second and ratios to numpy.
# Usage: bench/compare.sh [all|diagonal|others|families]   (default all; run it on a machine that is otherwise idle)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jobs="${1:-all}"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# numpy must multiply matrices with OpenBLAS (Debian's numpy otherwise links the reference BLAS, ~30x slower on
# the dense job); threadpoolctl reports which BLAS and which kernel numpy runs.
numpy_uses_openblas='import numpy, torch, threadpoolctl; assert any(p.get("internal_api") == "openblas" for p in threadpoolctl.threadpool_info())'
if ! /usr/bin/python3 -c "$numpy_uses_openblas" 2>/dev/null; then
  echo "Installing python3-numpy, python3-torch, python3-threadpoolctl and libopenblas0-pthread (Debian packages)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread >&2
fi

echo "Building the benchmark runner (Release)..." >&2
dotnet build "$root/bench/LocalSgdVerify.Benchmarks" -c Release -nologo -v quiet >&2
runner="$root/bench/LocalSgdVerify.Benchmarks/bin/Release/net10.0/LocalSgdVerify.Benchmarks"

exec /usr/bin/python3 "$here/compare/compare.py" --runner "$runner" --jobs "$jobs"
