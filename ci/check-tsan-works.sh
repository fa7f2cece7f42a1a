#!/usr/bin/env bash
# TSan in LLVM <= 17 and gcc's fail at start ("unexpected memory mapping") when the kernel randomizes mmap with
# more than 28 bits of entropy (Ubuntu 24.04 runners use 32). Lower it when we may; say so when we cannot.
set -euo pipefail
bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo unknown)
if [ "$bits" != unknown ] && [ "$bits" -gt 28 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sysctl -q vm.mmap_rnd_bits=28
  elif command -v sudo >/dev/null; then
    sudo sysctl -q vm.mmap_rnd_bits=28
  else
    echo "ci/check-tsan-works.sh: vm.mmap_rnd_bits is $bits; TSan may fail to start (set it to 28)" >&2
  fi
fi
