#!/usr/bin/env bash
# Makes the .deb from a built tree and checks it the way a user would meet it:
#   cmake/check-deb.sh BUILD_DIR VERSION CASE.c
# `cpack -G DEB` must give tsan-verify_VERSION_ARCH.deb with its metadata (Depends: libc6; Recommends: clang | gcc
# with their TSan runtimes); unpacked into a temporary root (dpkg -x), its tsan-verify checks CASE.c (met), its
# man page (gzipped), DEP-5 copyright and CMake package are in place, examples/user-project builds and passes
# against that root, and Debian's lintian finds no error in it.
# Exit 0 ok, 1 wrong, 77 skipped (no cpack, dpkg-deb or dpkg-shlibdeps; or all else passed and lintian is missing).
set -euo pipefail
build=$1 version=$2 case_file=$3
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "skipped: cpack or dpkg-deb is missing"
  exit 77
fi
# The Depends field comes from dpkg-shlibdeps (package dpkg-dev).
command -v dpkg-shlibdeps >/dev/null || { echo "skipped: dpkg-shlibdeps is missing (apt-get install dpkg-dev)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/tsan-verify-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
arch=$(dpkg --print-architecture)
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log"; exit 1; }
deb="$work/out/tsan-verify_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "no $(basename "$deb"); cpack made: $(ls "$work/out")"; exit 1; }
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = tsan-verify ] || { echo "Package: $(field Package)"; exit 1; }
[ "$(field Version)" = "$version" ] || { echo "Version: $(field Version), expected $version"; exit 1; }
[ "$(field Architecture)" = "$arch" ] || { echo "Architecture: $(field Architecture)"; exit 1; }
# What the binary really needs (dpkg-shlibdeps): glibc 2.34 or later; elfutils, nettle, expat, libyaml and Capstone
# are linked in from their archives, so none of them is a dependency.
field Depends | grep -Eq '(^|, )libc6 \(>= 2\.3[4-9]' || { echo "Depends does not name libc6 (>= 2.34): $(field Depends)"; exit 1; }
if field Depends | grep -Eq 'capstone|libdw1'; then echo "Depends names a library that is linked in: $(field Depends)"; exit 1; fi
# ICU is loaded at run time (the Unicode look-alike check), which dpkg-shlibdeps cannot see.
field Depends | grep -Eq '(^|, )libicu[0-9]+( |,|$)' || { echo "Depends does not name ICU: $(field Depends)"; exit 1; }
field Recommends | grep -q 'clang | gcc' || { echo "Recommends: $(field Recommends)"; exit 1; }
field Recommends | grep -q 'libtsan2' || { echo "Recommends names no gcc TSan runtime: $(field Recommends)"; exit 1; }
dpkg-deb -x "$deb" "$work/root"
for file in usr/bin/tsan-verify usr/share/man/man1/tsan-verify.1.gz usr/share/doc/tsan-verify/MARKERS.md \
    usr/share/doc/tsan-verify/copyright usr/share/doc/tsan-verify/changelog.gz \
    usr/share/tsan-verify/report.schema.json usr/lib/cmake/TsanVerify/TsanVerifyConfig.cmake; do
  [ -e "$work/root/$file" ] || { echo "the package lacks /$file"; exit 1; }
done
gzip -t "$work/root/usr/share/man/man1/tsan-verify.1.gz" || { echo "the man page is not gzipped"; exit 1; }
head -1 "$work/root/usr/share/doc/tsan-verify/copyright" \
  | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  || { echo "/usr/share/doc/tsan-verify/copyright is not machine-readable (DEP-5)"; exit 1; }
[ "$("$work/root/usr/bin/tsan-verify" --version)" = "tsan-verify $version" ] || { echo "--version is wrong"; exit 1; }
out=$("$work/root/usr/bin/tsan-verify" "$case_file" 2>&1) || { echo "the packaged tsan-verify: $out"; exit 1; }
echo "$out"
bash "$here/../examples/check-user-project.sh" prefix "$work/root/usr" "${CC:-cc}"
echo "$(basename "$deb"): Depends: $(field Depends); Recommends: $(field Recommends)"
if ! command -v lintian >/dev/null; then
  echo "skipped: the package is right, but lintian is missing (apt-get install lintian) to check it against Debian's policy"
  exit 77
fi
# Errors fail the test; warnings and notes are printed.
lintian_status=0
lintian_out=$(lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1) || lintian_status=$?
printf '%s\n' "$lintian_out" | grep -v '^running with root privileges' || true
[ "$lintian_status" -eq 0 ] || { echo "lintian finds errors in $(basename "$deb") (status $lintian_status)"; exit 1; }
echo "lintian: no error"
