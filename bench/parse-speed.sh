#!/usr/bin/env bash
# bench/parse-speed.sh: how fast `tsan-verify parse` reads a large log of real reports.
#
#   bench/parse-speed.sh [TSAN_VERIFY [FIXTURE]]
#
# Builds a log of about 50 MB by concatenating FIXTURE (default: the clang 14 run of the C++ program, whose frames
# have long names with spaces; each copy holds its banner, its report, the Stats and "reported 1 warnings"), times
# `tsan-verify parse` on it RUNS times (default 5), and prints the median in MB/s. It checks the answer too: exit
# status 1 and one report per copy. Fails (exit 1) under MIN_MBPS MB/s (default 100); 2 when it cannot measure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
verify=${1:-$root/build/default/harness/tsan-verify}
fixture=${2:-$root/harness/tests/fixtures/real-world/clang14-cxx-race.txt}
runs=${RUNS:-5}
min_mbps=${MIN_MBPS:-100}
target_bytes=$((50 * 1000 * 1000))

for file in "$verify" "$fixture"; do
  [ -r "$file" ] || { echo "bench/parse-speed.sh: cannot read $file (build the default preset first)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The fixture's own report count, from the parser itself on the single copy.
if "$verify" parse "$fixture" >"$work/one.txt" 2>"$work/one.err"; then status=0; else status=$?; fi
if [ "$status" -ne 1 ]; then
  echo "bench/parse-speed.sh: $fixture should hold reports (exit 1), got exit $status: $(cat "$work/one.err")" >&2
  exit 2
fi
per_copy=$(tail -n 1 "$work/one.txt" | grep -oE '^[0-9]+')

# As many whole copies as make the target size.
size=$(stat -c %s "$fixture")
copies=$(((target_bytes + size - 1) / size))
for ((copy = 0; copy < copies; copy++)); do printf "%s\n" "$fixture"; done | xargs cat >"$work/log.txt"
bytes=$(stat -c %s "$work/log.txt")

# Wall-clock time decides; CPU time (user + system) is printed beside it, so that a run slowed by other load on
# the machine shows as such.
walls=()
cpus=()
TIMEFORMAT='%R %U %S'
for ((run = 1; run <= runs; run++)); do
  if { time "$verify" parse "$work/log.txt" >"$work/out.txt" 2>"$work/err.txt"; } 2>"$work/time.txt"; then
    status=0
  else
    status=$?
  fi
  if [ "$status" -ne 1 ]; then
    echo "bench/parse-speed.sh: parse should exit 1 on the big log, got $status: $(head -c 300 "$work/err.txt")" >&2
    exit 2
  fi
  read -r wall user system <"$work/time.txt"
  walls+=("$wall")
  cpus+=("$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.3f", u + s }')")
done
found=$(tail -n 1 "$work/out.txt" | grep -oE '^[0-9]+')
if [ "$found" != "$((copies * per_copy))" ]; then
  echo "bench/parse-speed.sh: $copies copies of $per_copy reports, but parse found $found" >&2
  exit 2
fi

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
wall=$(median "${walls[@]}")
cpu=$(median "${cpus[@]}")
mbps=$(awk -v b="$bytes" -v t="$wall" 'BEGIN { printf "%.0f", (b / 1e6) / t }')
cpu_mbps=$(awk -v b="$bytes" -v t="$cpu" 'BEGIN { printf "%.0f", (t > 0 ? (b / 1e6) / t : 0) }')
printf 'parse: %d bytes (%d copies of %s, %d reports): %s s wall, %s s CPU (medians of %d): %s MB/s (%s MB/s of CPU; goal >= %s MB/s)\n' \
  "$bytes" "$copies" "$(basename "$fixture")" "$found" "$wall" "$cpu" "$runs" "$mbps" "$cpu_mbps" "$min_mbps"
if [ "$mbps" -lt "$min_mbps" ]; then
  echo "bench/parse-speed.sh: slower than $min_mbps MB/s (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  exit 1
fi
