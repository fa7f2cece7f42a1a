# TsanVerify.cmake: register programs with ThreadSanitizer markers as ctest tests checked by tsan-verify.
#
#   tsan_verify_add_test(NAME <name> SOURCES <file.c>... [LEVELS O1 O0 O2] [LABELS ...] [ARGS ...]
#                        [COMPILE_OPTIONS ...] [LINK_LIBRARIES ...] [TIMEOUT <seconds>] [TARGET_PREFIX <prefix>]
#                        [RESULTS_DIR <dir> [RESULTS_FIXTURE <fixture>]])
#
# Builds the program once per level with -fsanitize=thread -g -<level> and registers one test per level:
# `<name>` for the first level, `<name>@<level>` for the others, each `tsan-verify --binary <program> --opt <level>
# <first source> -- <ARGS>`. The markers (`// expect-tsan: data race`, see MARKERS.md) are read from the FIRST
# source, and a report is matched on that file's lines (the innermost frame in it), so put the calls that race in
# the first source and the library they call anywhere. Labels: the LABELS given, the level, and one word per kind
# the markers expect (race, deadlock, use-after-free, thread-leak, mutex-misuse, signal, none, other). Exit 77
# (the case does not apply to this toolchain) is a skip. TIMEOUT (whole seconds, default 30) is tsan-verify's --timeout; ctest's
# own is 30 s more. Targets are named <TARGET_PREFIX><name, '/' as '.'>.<level> (prefix default "tsan.") and the
# programs land in <current binary dir>/<level>/.
# RESULTS_DIR: each test also writes its result, the JSON object of `tsan-verify --json` (paths relative to
# PROJECT_SOURCE_DIR), to <dir>/<level>/<name>.json (`tsan-verify --results`), so that tools which read the
# results of a test run (reports, dashboards) need not run the programs again; RESULTS_FIXTURE makes every such test
# a setup test of that ctest fixture (a test that reads the results says FIXTURES_REQUIRED <fixture>).
#
#   tsan_verify_add_tests(DIRECTORY <dir> [GLOB <pattern>] [NAME_PREFIX <prefix>] <any option above but NAME/SOURCES>)
#
# One test per file of DIRECTORY matching GLOB (default *.c), named <NAME_PREFIX><file name without .c>.
#
#   tsan_verify_write_manifest(<file> [ALL_LEVELS])
#
# Writes the manifest `tsan-verify catalog` reads (NAME<TAB>BINARY<TAB>SOURCE<TAB>TOOLCHAIN per line) for every
# test registered so far: the first level of each, or every level with ALL_LEVELS.
#
# The tsan-verify that runs the tests is the target TsanVerify::tsan-verify: imported by find_package(TsanVerify), or
# built from source by FetchContent / add_subdirectory of the tsan-casebook tree.
include_guard(GLOBAL)
include(CheckLinkerFlag)

# "clang-14", "gcc-12": which toolchain qualified markers ([clang>=15], [gcc]) are checked against.
function(_tsan_verify_toolchain out_var language)
  set(id "${CMAKE_${language}_COMPILER_ID}")
  if(id MATCHES "Clang")
    set(family clang)
  elseif(id STREQUAL "GNU")
    set(family gcc)
  else()
    message(FATAL_ERROR "tsan_verify_add_test: ThreadSanitizer needs clang or gcc; the ${language} compiler is '${id}'")
  endif()
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_${language}_COMPILER_VERSION}")
  set(${out_var} "${family}-${major}" PARENT_SCOPE)
endfunction()

# The ctest labels a case's markers call for: one short word per kind it expects.
function(_tsan_verify_kind_labels source out_var)
  set(labels "")
  file(STRINGS ${source} marker_lines REGEX "//[ \t]*expect-tsan")
  foreach(line IN LISTS marker_lines)
    string(REGEX REPLACE ".*expect-tsan(\\[[^]]*\\])?:[ ]*" "" kind "${line}")
    string(REGEX REPLACE " -- .*" "" kind "${kind}")
    if(kind MATCHES "^none")
      list(APPEND labels none)
    elseif(kind MATCHES "^data race")
      list(APPEND labels race)
    elseif(kind MATCHES "^lock-order-inversion")
      list(APPEND labels deadlock)
    elseif(kind MATCHES "^heap-use-after-free")
      list(APPEND labels use-after-free)
    elseif(kind MATCHES "^thread leak")
      list(APPEND labels thread-leak)
    elseif(kind MATCHES "mutex")
      list(APPEND labels mutex-misuse)
    elseif(kind MATCHES "signal")
      list(APPEND labels signal)
    else()
      list(APPEND labels other)
    endif()
  endforeach()
  list(REMOVE_DUPLICATES labels)
  set(${out_var} "${labels}" PARENT_SCOPE)
endfunction()

function(tsan_verify_add_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;TIMEOUT;TARGET_PREFIX;RESULTS_DIR;RESULTS_FIXTURE"
                        "SOURCES;LEVELS;LABELS;ARGS;COMPILE_OPTIONS;LINK_LIBRARIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tsan_verify_add_test: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "tsan_verify_add_test: NAME and SOURCES are required")
  endif()
  if(NOT TARGET TsanVerify::tsan-verify)
    message(FATAL_ERROR "tsan_verify_add_test: no TsanVerify::tsan-verify target: find_package(TsanVerify) or "
                        "FetchContent_MakeAvailable() the tsan-casebook tree first")
  endif()
  # Imported targets belong to the directory that found them: the caller's may not have looked for Threads.
  if(NOT TARGET Threads::Threads)
    find_package(Threads REQUIRED)
  endif()
  if(NOT arg_LEVELS)
    set(arg_LEVELS O1)
  endif()
  if(NOT DEFINED arg_TIMEOUT)
    set(arg_TIMEOUT 30)
  endif()
  if(NOT arg_TIMEOUT MATCHES "^[0-9]+$" OR arg_TIMEOUT LESS_EQUAL 0)
    message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): TIMEOUT takes whole seconds above 0, not '${arg_TIMEOUT}'")
  endif()
  if(NOT DEFINED arg_TARGET_PREFIX)
    set(arg_TARGET_PREFIX tsan.)
  endif()

  foreach(source IN LISTS arg_SOURCES)
    get_filename_component(path "${source}" ABSOLUTE)
    get_source_file_property(generated "${source}" GENERATED)
    if(NOT EXISTS "${path}" AND NOT generated)
      message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): SOURCES names no file '${source}' (a misspelt keyword?)")
    endif()
  endforeach()
  # The verdict is about code TSan instrumented: an option that turns any of TSan's instrumentation off would make
  # the test prove nothing (tsan-verify would say "cannot check" at every run). Refused here, by name, at once.
  set(refused "")
  foreach(option IN LISTS arg_COMPILE_OPTIONS)
    string(REGEX REPLACE "^SHELL:" "" words "${option}")
    separate_arguments(words UNIX_COMMAND "${words}")
    foreach(word IN LISTS words)
      if(word MATCHES "^-fno-sanitize=(.*)$")
        string(REPLACE "," ";" kinds "${CMAKE_MATCH_1}")
        if("thread" IN_LIST kinds OR "all" IN_LIST kinds)
          set(refused "${word}")
        endif()
      elseif(word MATCHES "^-fno-sanitize-thread-" OR word MATCHES "^-tsan-instrument-.*=(0|false)$" OR word MATCHES "^--param=?tsan-instrument-.*=0$")
        set(refused "${word}")
      endif()
      if(refused)
        message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): COMPILE_OPTIONS '${refused}' turns ThreadSanitizer's "
                            "instrumentation off, so the test would check code TSan does not watch: remove it")
      endif()
    endforeach()
  endforeach()
  list(GET arg_SOURCES 0 case_source)
  get_filename_component(case_source "${case_source}" ABSOLUTE)
  # Every other source is built with TSan too, so its code must show TSan's instrumentation as well.
  set(instrumented_args "")
  set(other_sources ${arg_SOURCES})
  list(REMOVE_AT other_sources 0)
  foreach(source IN LISTS other_sources)
    get_filename_component(path "${source}" ABSOLUTE)
    if(path MATCHES "\\.(c|cc|cpp|cxx|C)$")
      list(APPEND instrumented_args --instrumented ${path})
    endif()
  endforeach()
  get_source_file_property(language "${case_source}" LANGUAGE)
  if(NOT language OR language STREQUAL "NOTFOUND")
    set(language C)
    if(case_source MATCHES "\\.(cc|cpp|cxx|C)$")
      set(language CXX)
    endif()
  endif()
  _tsan_verify_toolchain(toolchain ${language})
  _tsan_verify_kind_labels("${case_source}" kind_labels)

  # Linking dominates a TSan build (the static runtime is large); gold does it in about 60% of GNU ld's time.
  check_linker_flag(${language} "-fuse-ld=gold" TSAN_VERIFY_HAVE_GOLD)
  set(link_options -fsanitize=thread)
  if(TSAN_VERIFY_HAVE_GOLD)
    list(APPEND link_options -fuse-ld=gold)
  endif()

  string(REPLACE "/" "." stem "${arg_NAME}")
  list(GET arg_LEVELS 0 default_level)
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 30")
  set(program_args "")
  if(arg_ARGS)
    set(program_args -- ${arg_ARGS})
  endif()
  foreach(level IN LISTS arg_LEVELS)
    if(NOT level MATCHES "^-?O([0-3sgz]|fast)$")
      message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): LEVELS takes O0, O1, O2, O3, Os, Og, Oz or Ofast, not '${level}'")
    endif()
    string(REGEX REPLACE "^-" "" level "${level}")
    set(target ${arg_TARGET_PREFIX}${stem}.${level})
    add_executable(${target} ${arg_SOURCES})
    target_compile_options(${target} PRIVATE -fsanitize=thread -g -${level} ${arg_COMPILE_OPTIONS})
    target_link_options(${target} PRIVATE ${link_options})
    target_link_libraries(${target} PRIVATE Threads::Threads ${arg_LINK_LIBRARIES})
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${stem} RUNTIME_OUTPUT_DIRECTORY
                                               ${CMAKE_CURRENT_BINARY_DIR}/${level})
    if(level STREQUAL default_level)
      set(test_name ${arg_NAME})
      set_property(GLOBAL APPEND_STRING PROPERTY TSAN_VERIFY_MANIFEST
                   "${arg_NAME}\t$<TARGET_FILE:${target}>\t${case_source}\t${toolchain}\n")
    else()
      set(test_name ${arg_NAME}@${level})
    endif()
    set_property(GLOBAL APPEND_STRING PROPERTY TSAN_VERIFY_MANIFEST_ALL_LEVELS
                 "${test_name}\t$<TARGET_FILE:${target}>\t${case_source}\t${toolchain}\n")
    set(results_args "")
    if(arg_RESULTS_DIR)
      set(results_file ${arg_RESULTS_DIR}/${level}/${arg_NAME}.json)
      get_filename_component(results_folder ${results_file} DIRECTORY)
      file(MAKE_DIRECTORY ${results_folder})
      set(results_args --results ${results_file} --root ${PROJECT_SOURCE_DIR})
    endif()
    add_test(NAME ${test_name}
             COMMAND $<TARGET_FILE:TsanVerify::tsan-verify> --binary $<TARGET_FILE:${target}> --opt ${level}
                     --toolchain ${toolchain} --timeout ${arg_TIMEOUT} ${results_args} ${instrumented_args}
                     ${case_source} ${program_args})
    set_tests_properties(${test_name} PROPERTIES LABELS "${arg_LABELS};${kind_labels};${level}" SKIP_RETURN_CODE 77
                                                 TIMEOUT ${ctest_timeout})
    if(arg_RESULTS_DIR AND arg_RESULTS_FIXTURE)
      set_tests_properties(${test_name} PROPERTIES FIXTURES_SETUP ${arg_RESULTS_FIXTURE})
    endif()
  endforeach()
endfunction()

function(tsan_verify_add_tests)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIRECTORY;GLOB;NAME_PREFIX" "")
  if(NOT arg_DIRECTORY)
    message(FATAL_ERROR "tsan_verify_add_tests: DIRECTORY is required")
  endif()
  if(NOT arg_GLOB)
    set(arg_GLOB *.c)
  endif()
  get_filename_component(directory "${arg_DIRECTORY}" ABSOLUTE)
  file(GLOB sources CONFIGURE_DEPENDS "${directory}/${arg_GLOB}")
  list(SORT sources)
  if(NOT sources)
    message(FATAL_ERROR "tsan_verify_add_tests: no ${arg_GLOB} in ${directory}")
  endif()
  foreach(source IN LISTS sources)
    get_filename_component(name "${source}" NAME_WE)
    tsan_verify_add_test(NAME ${arg_NAME_PREFIX}${name} SOURCES ${source} ${arg_UNPARSED_ARGUMENTS})
  endforeach()
endfunction()

function(tsan_verify_write_manifest file)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALL_LEVELS" "" "")
  if(arg_ALL_LEVELS)
    get_property(content GLOBAL PROPERTY TSAN_VERIFY_MANIFEST_ALL_LEVELS)
  else()
    get_property(content GLOBAL PROPERTY TSAN_VERIFY_MANIFEST)
  endif()
  file(GENERATE OUTPUT ${file} CONTENT "${content}")
endfunction()
