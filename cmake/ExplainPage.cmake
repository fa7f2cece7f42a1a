# The site's explain page runs `tsan-verify explain`'s own C code, compiled to WebAssembly (harness/web): built here
# as a project of its own (ExternalProject) with the toolchain of cmake/Wasm32Wasi.cmake, into
# ${CMAKE_BINARY_DIR}/explain-page/tsan-explain.wasm, where ci/gen-docs.py finds it.
#   CASEBOOK_EXPLAIN_WASM=AUTO  built when a clang here compiles and links a probe for wasm32-wasi (the default)
#                         ON    the same, and configuring fails when none does
#                         OFF   not built: the page says it was built without it, and docs/explain-page skips
# The toolchain on Debian: wasi-libc, libclang-rt-14-dev-wasm32 and lld-14 (`ci/install-deps.sh browser`).
# Sets CASEBOOK_EXPLAIN_WASM_FILE (the .wasm, or empty) and CASEBOOK_EXPLAIN_WASM_MISSING (why it is not built).
set(CASEBOOK_EXPLAIN_WASM AUTO CACHE STRING "Build the explain page's WebAssembly (AUTO, ON, OFF)")
set_property(CACHE CASEBOOK_EXPLAIN_WASM PROPERTY STRINGS AUTO ON OFF)
set(CASEBOOK_EXPLAIN_WASM_FILE "")
set(CASEBOOK_EXPLAIN_WASM_MISSING "")
# A module an earlier configuration built would otherwise be put in the site by ci/gen-docs.py: only this one is.
file(REMOVE ${CMAKE_BINARY_DIR}/explain-page/tsan-explain.wasm)
set(casebook_wasm_packages "wasi-libc, libclang-rt-14-dev-wasm32 and lld-14 (bash ci/install-deps.sh browser)")

if(CASEBOOK_EXPLAIN_WASM STREQUAL "OFF")
  set(CASEBOOK_EXPLAIN_WASM_MISSING "configured with -DCASEBOOK_EXPLAIN_WASM=OFF")
  return()
endif()

# The first clang that builds the probe: the build's own compiler when it is a clang, then the ones Debian names.
set(casebook_wasm_candidates "")
if(CMAKE_C_COMPILER_ID STREQUAL "Clang")
  list(APPEND casebook_wasm_candidates ${CMAKE_C_COMPILER})
endif()
foreach(name IN ITEMS clang clang-14 clang-15 clang-16 clang-19)
  find_program(CASEBOOK_WASM_CLANG_${name} ${name})
  if(CASEBOOK_WASM_CLANG_${name})
    list(APPEND casebook_wasm_candidates ${CASEBOOK_WASM_CLANG_${name}})
  endif()
endforeach()
list(REMOVE_DUPLICATES casebook_wasm_candidates)
# What the page's code needs of the C library: a stream in memory, iconv (readfile.c's UTF-16 and UTF-32 logs) and
# stdio; linked as a reactor, as the page is.
set(casebook_wasm_probe_dir ${CMAKE_BINARY_DIR}/CMakeFiles/explain-wasm-probe)
file(MAKE_DIRECTORY ${casebook_wasm_probe_dir})
file(WRITE ${casebook_wasm_probe_dir}/probe.c [=[
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
__attribute__((export_name("probe"))) int probe(void) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  iconv_t converter = iconv_open("UTF-8", "UTF-16LE");
  fprintf(out, "%d", converter != (iconv_t)-1);
  fclose(out);
  free(text);
  return (int)length;
}
]=])
set(casebook_wasm_clang "")
set(casebook_wasm_tried "")
foreach(candidate IN LISTS casebook_wasm_candidates)
  execute_process(COMMAND ${candidate} --target=wasm32-wasi -O2 -mexec-model=reactor probe.c -o probe.wasm
                  WORKING_DIRECTORY ${casebook_wasm_probe_dir} RESULT_VARIABLE status OUTPUT_QUIET
                  ERROR_VARIABLE why)
  if(status EQUAL 0)
    set(casebook_wasm_clang ${candidate})
    break()
  endif()
  # the compiler's first error, without a ';' (the reason is one argument of the test's command, not a list)
  string(REGEX MATCH "[^\n]*error:[^\n]*" why "${why}")
  string(REPLACE ";" "," why "${why}")
  string(REGEX REPLACE "^.*error: " "" why "${why}")
  get_filename_component(name ${candidate} NAME)
  list(APPEND casebook_wasm_tried "${name}: ${why}")
endforeach()

if(NOT casebook_wasm_clang)
  list(JOIN casebook_wasm_tried ", " tried)
  if(NOT tried)
    set(tried "no clang found")
  endif()
  set(CASEBOOK_EXPLAIN_WASM_MISSING "no clang here builds for wasm32-wasi (${tried}): install ${casebook_wasm_packages}")
  if(CASEBOOK_EXPLAIN_WASM STREQUAL "ON")
    message(FATAL_ERROR "CASEBOOK_EXPLAIN_WASM=ON: ${CASEBOOK_EXPLAIN_WASM_MISSING}")
  endif()
  message(STATUS "explain page: ${CASEBOOK_EXPLAIN_WASM_MISSING}")
  return()
endif()
message(STATUS "explain page: WebAssembly with ${casebook_wasm_clang} --target=wasm32-wasi")

include(ExternalProject)
set(CASEBOOK_EXPLAIN_WASM_FILE ${CMAKE_BINARY_DIR}/explain-page/tsan-explain.wasm)
# BUILD_ALWAYS: the sub-build's own ninja decides what changed in the harness's sources (a no-op when nothing did).
ExternalProject_Add(explain-page
  SOURCE_DIR ${PROJECT_SOURCE_DIR}/harness/web
  BINARY_DIR ${CMAKE_BINARY_DIR}/explain-page
  PREFIX ${CMAKE_BINARY_DIR}/explain-page-prefix
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/Wasm32Wasi.cmake -DCASEBOOK_WASM_CLANG=${casebook_wasm_clang}
             -DCASEBOOK_CASES_DIR=${PROJECT_SOURCE_DIR}/cases
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${CASEBOOK_EXPLAIN_WASM_FILE})
