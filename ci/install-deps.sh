#!/usr/bin/env bash
# Installs what the suite needs on Debian 12 / Ubuntu 24.04, with apt-get (and npm for two packages, axe-core and
# Lighthouse).
#   ci/install-deps.sh                 the default toolchain (clang 14 + its TSan runtime) and the test tools
#   ci/install-deps.sh clang-13 gcc-11 additional toolchains (clang-13, clang-15, clang-16, clang-19, gcc-11, gcc-12)
#   ci/install-deps.sh browser         Chromium for the site's browser tests, axe-core (npm) for docs/accessibility,
#                                      Lighthouse (npm) for docs/lighthouse, and clang's WebAssembly target for the
#                                      site's explain page
# Runs as root, or through sudo when it is available. Installs nothing that is already there.
set -euo pipefail

# axe-core, the accessibility rules ci/docs-accessibility.py runs in Chromium: from npm (the only package that does not
# come from apt), pinned, into a folder of its own that the test finds without configuring anything:
# $CASEBOOK_TOOLS_DIR/axe-core-VERSION/node_modules/axe-core/axe.min.js, CASEBOOK_TOOLS_DIR defaulting to
# ${XDG_CACHE_HOME:-~/.cache}/tsan-casebook (CMake's CASEBOOK_AXE_CORE names another axe.min.js).
AXE_CORE_VERSION=4.14.1
# Lighthouse, which ci/docs-lighthouse.py runs on the site's first pages, the same way:
# $CASEBOOK_TOOLS_DIR/lighthouse-VERSION/node_modules/lighthouse/cli/index.js (CASEBOOK_LIGHTHOUSE names another).
# 12.8: the last release line that runs on the node.js of Debian 12 and Ubuntu 24.04 (13 needs node 22.19).
LIGHTHOUSE_VERSION=12.8.2
tools_dir=${CASEBOOK_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tsan-casebook}
want_axe=0

# libexpat1-dev, libyaml-dev: Valgrind XML logs and SV-COMP task files (harness); dpkg-dev: the .deb (cpack);
# valgrind: the detector comparison; libdw-dev, libelf-dev (elfutils), libcapstone-dev: reading what the compiler put in a
# binary (DWARF compile units and lines, the calls to the TSan runtime in each function); nettle-dev: the MD5 of a case
# file, compared with the one its binary's DWARF records; libicu-dev: Unicode look-alikes of a marker (the confusables
# data); libxml2-utils: xmllint, which checks the --junit document in the harness tests; lintian: the .deb against
# Debian's policy (package/deb); meson, automake, autoconf, libtool: the build-system examples (examples/).
packages=(cmake ninja-build pkg-config libcriterion-dev python3 python3-jsonschema python3-yaml python3-jinja2 python3-pygments
          libexpat1-dev libyaml-dev dpkg-dev valgrind clang libclang-rt-dev libdw-dev libelf-dev libcapstone-dev nettle-dev
          libicu-dev libxml2-utils gdb lintian meson automake autoconf libtool
          libatomic1   # gdb: ci/check-stay-alive.py; libatomic1: limits/libatomic_lock_* (link-libraries: atomic)
          libomp-dev)  # LLVM's OpenMP runtime and Archer (libarcher.so) of the default clang (Debian 12: libomp-14-dev):
                       # the OpenMP cases (uses-openmp) and ci/dataracebench.py. Debian's libomp-N-dev packages conflict
                       # with one another (Conflicts: libomp-x.y-dev), so the other clangs have none: their OpenMP cases
                       # skip, naming libomp-N-dev. gcc's libgomp comes with gcc (libgcc-N-dev).
for toolchain in "$@"; do
  case "$toolchain" in
    clang-13) packages+=(clang-13 libclang-common-13-dev llvm-13) ;;  # llvm-13: the symbolizer of its v2 runtime
    clang-14|default) packages+=(clang-14 libclang-rt-14-dev) ;;
    clang-15) packages+=(clang-15 libclang-common-15-dev llvm-15) ;;  # llvm-15: without /usr/bin/llvm-symbolizer-15 every report was cannot check
    clang-16) packages+=(clang-16 libclang-rt-16-dev llvm-16) ;;  # its runtime runs /usr/bin/llvm-symbolizer-16
    clang-19) packages+=(clang-19 libclang-rt-19-dev llvm-19) ;;  # its runtime runs /usr/bin/llvm-symbolizer-19
    gcc-11) packages+=(gcc-11 libtsan0) ;;
    gcc-12|gcc) packages+=(gcc libtsan2) ;;
    browser)  # headless Chromium for the docs/browser test; a Hangul font for the ko/ pages; npm for axe-core and
      # Lighthouse; wasi-libc (WASI's C library), libclang-rt-14-dev-wasm32 (clang 14's builtins for wasm32) and lld-14
      # (wasm-ld): the explain page's WebAssembly, tsan-verify explain's C code for wasm32-wasi (cmake/ExplainPage.cmake)
      packages+=(chromium fonts-nanum wasi-libc libclang-rt-14-dev-wasm32 lld-14)
      command -v npm >/dev/null || packages+=(npm)  # Debian's npm; a node.js that brings its own npm needs none
      want_axe=1 ;;
    *) echo "ci/install-deps.sh: unknown toolchain '$toolchain' (clang-13, clang-14, clang-15, clang-16, clang-19, gcc-11, gcc-12, browser)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "ci/install-deps.sh: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm_tool NAME VERSION FILE TEST: the npm package NAME@VERSION into $tools_dir/NAME-VERSION unless its FILE is
# there, as the user who runs the tests (no sudo), into a scratch folder first: an interrupted install leaves nothing
# half there. A registry that cannot be reached is not fatal: the test that needs it (TEST) then skips, saying so.
npm_tool() {
  local name=$1 version=$2 file=$3 test=$4
  local into="$tools_dir/$name-$version"
  [ ! -f "$into/node_modules/$name/$file" ] || return 0
  echo "ci/install-deps.sh: installing $name $version (npm) into $into"
  mkdir -p "$tools_dir"
  local scratch
  scratch=$(mktemp -d "$tools_dir/.$name-XXXXXX")
  if npm install --prefix "$scratch" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
       "$name@$version" >/dev/null && [ -f "$scratch/node_modules/$name/$file" ]; then
    rm -rf "$into"
    mv "$scratch" "$into"
  else
    rm -rf "$scratch"
    echo "ci/install-deps.sh: warning: npm could not install $name $version: $test will skip" >&2
  fi
  missing+=("$name")
}
if [ "$want_axe" -eq 1 ]; then
  npm_tool axe-core "$AXE_CORE_VERSION" axe.min.js docs/accessibility
  npm_tool lighthouse "$LIGHTHOUSE_VERSION" cli/index.js docs/lighthouse
fi
[ ${#missing[@]} -gt 0 ] || echo "ci/install-deps.sh: everything is installed"
