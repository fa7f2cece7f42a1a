#!/usr/bin/env bash
# Runs every attack under attacks/ against one tsan-verify and says HOLD or BREAK for each.
#   corpora/hostile/run-all.sh TSAN_VERIFY_BINARY INSTALL_PREFIX [ATTACK...]   (INSTALL_PREFIX: cmake --install of the same build)
# Each attack folder holds run.sh (uses $TSAN_VERIFY, $TSAN_VERIFY_PREFIX, $WORK; its exit status is the
# status of the tsan-verify call under test) and `allow`: the exit statuses an honest harness may give.
set -u
tv=$(realpath "$1"); prefix=$(realpath "$2"); shift 2
here=$(cd "$(dirname "$0")" && pwd)
attacks=("$@"); [ ${#attacks[@]} -gt 0 ] || attacks=("$here"/attacks/*/)
hold=0; broke=0
for dir in "${attacks[@]}"; do
  dir=${dir%/}; name=$(basename "$dir")
  [ -f "$dir/run.sh" ] && [ -f "$dir/allow" ] || { echo "SKIP  $name (no run.sh/allow)"; continue; }
  tmp=$(mktemp -d /tmp/hostile-tmp.XXXXXX); work=$(mktemp -d /tmp/hostile-work.XXXXXX)
  cp -r "$dir"/. "$work"/
  (cd "$work" && TMPDIR=$tmp TSAN_VERIFY=$tv TSAN_VERIFY_PREFIX=$prefix WORK=$work timeout -k 5 300 bash ./run.sh) >"$work/.out" 2>&1 </dev/null
  rc=$?
  allowed=$(tr -s ' \n' ' ' <"$dir/allow")
  leftover=$(find "$tmp" -mindepth 1 -maxdepth 1 | head -3)
  why=""
  case " $allowed " in *" $rc "*) ;; *) why="exit $rc, allowed: $allowed";; esac
  [ -z "$leftover" ] || why="${why:+$why; }left in TMPDIR: $leftover"
  if [ -z "$why" ]; then hold=$((hold+1)); echo "HOLD  $name (exit $rc)"
  else broke=$((broke+1)); echo "BREAK $name ($why)"; tail -n 3 "$work/.out" | sed 's/^/      | /' | cut -c1-300; fi
  rm -rf "$tmp" "$work"
done
echo "held $hold, broke $broke"
