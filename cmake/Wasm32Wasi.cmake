# A toolchain file for WebAssembly with WASI's C library (harness/web: the site's explain page): clang's wasm32-wasi
# target, Debian's wasi-libc (its headers and libc.a under /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi, which
# clang finds by itself) and the compiler's builtins for wasm32 (libclang-rt-14-dev-wasm32), linked by wasm-ld (lld).
# CASEBOOK_WASM_CLANG names the clang (default: clang).
set(CMAKE_SYSTEM_NAME Generic) # WASI: CMake 3.25 knows no such platform, and needs none here
set(CMAKE_SYSTEM_PROCESSOR wasm32)
if(NOT CASEBOOK_WASM_CLANG)
  set(CASEBOOK_WASM_CLANG clang)
endif()
set(CMAKE_C_COMPILER ${CASEBOOK_WASM_CLANG})
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CASEBOOK_WASM_CLANG)
