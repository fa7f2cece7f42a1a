#!/usr/bin/env bash
# ci/conformance.sh must be able to fail. Two broken setups of a good compiler, each as a cc wrapper:
#   no-tsan-codegen   compiles without -fsanitize=thread (links with it: the runtime starts, but sees no access)
#   no-deadlocks      compiles in __tsan_default_options() = "detect_deadlocks=0", a different runtime option
# Each runs two seed cases at -O1 through ci/conformance.sh, which must exit 1 and name the case that changed:
# seed/no_lock (a race nobody instruments) and seed/lock_order_inversion (the deadlock detector switched off).
#   ci/conformance-selftest.sh REAL_CC TSAN_VERIFY WORKDIR
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: ci/conformance-selftest.sh REAL_CC TSAN_VERIFY WORKDIR" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
real_cc=$1 verify=$2 work=$3
rm -rf "$work"
mkdir -p "$work"

cat > "$work/no-tsan-codegen" <<EOF
#!/usr/bin/env bash
# Compiles without -fsanitize=thread; links with it.
compiling=0
for arg in "\$@"; do [ "\$arg" = -c ] && compiling=1; done
args=()
for arg in "\$@"; do
  [ \$compiling -eq 1 ] && [ "\$arg" = -fsanitize=thread ] && continue
  args+=("\$arg")
done
exec "$real_cc" "\${args[@]}"
EOF
printf '%s\n' 'const char *__tsan_default_options(void) { return "detect_deadlocks=0"; }' > "$work/no-deadlocks.h"
cat > "$work/no-deadlocks" <<EOF
#!/usr/bin/env bash
# Compiles a different default runtime option into every program.
for arg in "\$@"; do
  [ "\$arg" = -c ] && exec "$real_cc" -include "$work/no-deadlocks.h" "\$@"
done
exec "$real_cc" "\$@"
EOF
chmod +x "$work/no-tsan-codegen" "$work/no-deadlocks"

failed=0
for wrapper in no-tsan-codegen no-deadlocks; do
  case $wrapper in
    no-tsan-codegen) must_name=seed/no_lock ;;
    no-deadlocks) must_name=seed/lock_order_inversion ;;
  esac
  status=0
  bash "$root/ci/conformance.sh" --cc "$work/$wrapper" --levels O1 --cases '^seed/(no_lock|lock_order_inversion)$' \
    --verify "$verify" --build-dir "$work/build-$wrapper" > "$work/$wrapper.out" 2>&1 || status=$?
  sed "s/^/$wrapper: /" "$work/$wrapper.out"
  if [ "$status" -ne 1 ]; then
    echo "FAIL: $wrapper: ci/conformance.sh exited $status, not 1"
    failed=1
  elif ! grep -q "^$must_name O1: .*\[UNEXPECTED\]" "$work/$wrapper.out"; then
    echo "FAIL: $wrapper: no unexpected difference named for $must_name"
    failed=1
  elif ! grep -q "<failure" "$work/build-$wrapper/conformance.junit.xml"; then
    echo "FAIL: $wrapper: the JUnit file records no failure"
    failed=1
  else
    echo "ok: $wrapper: exit 1, $must_name named"
  fi
done
exit $failed
