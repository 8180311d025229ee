#!/usr/bin/env bash
# Measures `check` unsharded against N shards, each shard its own process run one after another on this machine, and
# the merge; prints a Markdown table of CPU seconds (user + system) and wall seconds per shard, the merge's cost and how
# many rows it computed, and whether the merged report.json body equals the unsharded one (environment block aside).
# On one machine the shards share its cores, so CPU seconds are the comparable figure; on N machines a sharded run
# takes about one shard's wall time plus the merge's.
# Usage: bench/scale-out.sh [PROFILE] [SHARD COUNTS] [-- EXTRA SHARD FLAGS]
#   e.g. bench/scale-out.sh full "2 4 8"      bench/scale-out.sh full 8 -- --shard-looks all
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
profile="${1:-ci}"
counts="${2:-2 4 8}"
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
extra=("$@")

echo "Building the tool (Release)..." >&2
dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
tool=(dotnet "$root/src/Cli/bin/Release/net10.0/localsgd-verify.dll")
work="$(mktemp -d "${TMPDIR:-/tmp}/localsgd-scale-out.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Runs a command; sets wall and cpu from GNU time's report (a claim failing exits 1, which is a result, not an error).
measure() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || [ $? -eq 1 ]
  read -r wall user system < <(tail -n 1 "$work/time")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", u + s }')
}

same_body() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(path)) for path in sys.argv[1:3])
a.pop("environment", None); b.pop("environment", None)
print("identical" if a == b else "DIFFERENT")
PY
}

echo "check --profile $profile, shard flags: ${extra[*]:-(default)}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | CPU s per shard | CPU s, all shards | wall s per shard | merge: wall / CPU s | merge computed | merged body |"
echo "|---|---|---:|---|---|---:|---|"
measure "${tool[@]}" check --profile "$profile" --out "$work/single"
echo "| unsharded | — | $cpu | $wall | — | — | — |"
for n in $counts; do
  cpus=(); walls=()
  for k in $(seq 1 "$n"); do
    measure "${tool[@]}" check --profile "$profile" --shard "$k/$n" "${extra[@]}" --out "$work/shards-$n"
    cpus+=("$cpu"); walls+=("$wall")
  done
  total=$(printf '%s\n' "${cpus[@]}" | awk '{ sum += $1 } END { printf "%.1f", sum }')
  measure "${tool[@]}" merge "$work/shards-$n" --out "$work/merged-$n"
  computed=$(grep -o 'the merge computed [0-9,]* replicate rows' "$work/stderr" | grep -o '[0-9,]*' || echo 0)
  echo "| $n shards | ${cpus[*]} | $total | ${walls[*]} | $wall / $cpu | $computed rows | $(same_body "$work/single/report.json" "$work/merged-$n/report.json") |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
