# TsanVerify.cmake: register programs with ThreadSanitizer markers as ctest tests checked by tsan-verify.
#
#   tsan_verify_add_test(NAME <name> SOURCES <file.c>... [LEVELS O1 O0 O2] [LABELS ...] [ARGS ...]
#                        [COMPILE_OPTIONS ...] [LINK_LIBRARIES ...] [INSTRUMENT <library target>...]
#                        [TIMEOUT <seconds>] [TARGET_PREFIX <prefix>] [RESULTS_DIR <dir> [RESULTS_FIXTURE <fixture>]])
#
# Builds the program once per level with -fsanitize=thread -g -<level> and registers one test per level:
# `<name>` for the first level, `<name>@<level>` for the others, each `tsan-verify --binary <program> --opt <level>
# --cc <compiler> --cflag @<flags file> <first source> --instrumented <each other C/C++ source> -- <ARGS>`. The first
# source is the case: it holds an `expect-tsan` marker (see MARKERS.md), and so may every other source of the program
# (a marker file: another source of SOURCES, a header it includes): tsan-verify reads the markers of every source
# the program's debug information names, as `tsan-verify <program>` does, and a line marker is hit by a report's
# innermost frame in ITS OWN file, on its line.
#
# The flags file holds the arguments the compiler was given for the case, recorded as it compiled it (the programs'
# compiler launcher, TsanVerifyRecordFlags.sh beside this file, which runs the project's own launcher after it), so
# that tsan-verify reads the case with exactly the flags it was built with (the preprocessor's reading: a `#line` in
# a generated header that names the case is refused, as when tsan-verify builds the case). A Makefile or Ninja
# generator is needed (the others run no launcher).
# What is said once for the program (tsan-options, expect-output, expect-exit, requires-tsan) stands in the first
# source. Labels: the LABELS given, the level, and one word per kind
# the markers expect (race, deadlock, use-after-free, thread-leak, mutex-misuse, signal, none, other). Exit 77
# (the case does not apply to this toolchain) is a skip. TIMEOUT (whole seconds, default 30) is tsan-verify's --timeout; ctest's
# own is 30 s more. Targets are named <TARGET_PREFIX><name, '/' as '.', other characters a file name should not
# hold as '_'>.<level> (prefix default "tsan.") and the programs land in <current binary dir>/<level>/; two tests
# whose names give the same program are refused. Every program depends on the tool when it is built here
# (FetchContent), and the target tsan-verify-tests builds them all.
#
# A `// link-libraries: NAME...` marker in the first source (docs/MARKERS.md) links those libraries (-lNAME), as
# tsan-verify does when it builds the case itself, and `// link-options: -static` links it so. A `// uses-openmp:`
# marker builds the program with -fopenmp; where the compiler cannot build an OpenMP program with TSan (asked once per
# build tree), no program is built for the test, which is registered all the same and skips, naming the package of
# the missing runtime. The same holds for link options the compiler refuses (gcc's -static with TSan).
#
# INSTRUMENT names libraries of the project (targets it builds: static, shared, object or interface): each, and
# every project library it links (transitively), is rebuilt once per level as a TSan copy (its sources, include
# directories, compile definitions and options, then -fsanitize=thread -g -<level>), and the test links the
# copies, also where LINK_LIBRARIES names one. The project's own targets are untouched. A library linked without
# TSan is a hole in what TSan watches: tsan-verify names it (see docs/MARKERS.md).
#
# A flag that turns TSan's instrumentation off (TsanVerifyOffFlags.txt, beside this file: the list tsan-verify
# compiles in) is refused at configure time, naming the test, where the flag is and the flag: in COMPILE_OPTIONS,
# in the options of a library INSTRUMENT rebuilds or of its sources, in INTERFACE options the test or such a library
# inherits, or in the CMAKE_<LANG>_FLAGS in force. Every compile records its flags (-grecord-gcc-switches), so that
# tsan-verify also reads such a flag from the binary, wherever it came from; and every file it read, a header that
# only defines macros too (clang: -gdwarf-5 -fdebug-macro, each with its MD5; gcc: -g3, without), so that tsan-verify
# refuses a program built before one of them changed.
#
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
# The functions below are defined under the policies they are written for, and keep them when a project whose
# cmake_minimum_required is older calls them: a function records the policy settings in force where it is defined
# (cmake-policies(7), cmake_policy: "Commands created by the function() and macro() commands record policy
# settings"). CMP0057: if(... IN_LIST ...).
cmake_policy(PUSH)
cmake_policy(SET CMP0057 NEW)
# The flags that turn TSan's instrumentation off: one list, shared with tsan-verify (which compiles it in), installed
# beside this module. Kept as a global property: a function runs with the list dir of its caller.
set_property(GLOBAL PROPERTY TSAN_VERIFY_OFF_FLAGS_FILE "${CMAKE_CURRENT_LIST_DIR}/TsanVerifyOffFlags.txt")
# The compiler launcher that records the case's flags for tsan-verify, installed beside this module too.
set_property(GLOBAL PROPERTY TSAN_VERIFY_RECORD_FLAGS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/TsanVerifyRecordFlags.sh")

# Of `words` (each "ORIGIN@@WORD", in the order the compiler reads them), the first rule of TsanVerifyOffFlags.txt
# left off, as "ORIGIN@@WORD", or "" when every rule ends on: for each rule the last word matching its "off" or its
# "on" expression decides, as the compiler lets a later flag override an earlier one.
function(_tsan_verify_off_flag out_var)
  get_property(rules_file GLOBAL PROPERTY TSAN_VERIFY_OFF_FLAGS_FILE)
  file(STRINGS "${rules_file}" rules REGEX "^[^#]")
  foreach(rule IN LISTS rules)
    if(NOT rule MATCHES "^([^\t]+)\t([^\t]+)$")
      message(FATAL_ERROR "${rules_file}: '${rule}' is not 'OFF<tab>ON'")
    endif()
    set(off_expression "${CMAKE_MATCH_1}")
    set(on_expression "${CMAKE_MATCH_2}")
    set(state "")
    foreach(entry IN LISTS ARGN)
      string(REGEX REPLACE "^.*@@" "" word "${entry}")
      if(word MATCHES "${off_expression}")
        set(state "${entry}")
      elseif(NOT on_expression STREQUAL "-" AND word MATCHES "${on_expression}")
        set(state "")
      endif()
    endforeach()
    if(state)
      set(${out_var} "${state}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out_var} "" PARENT_SCOPE)
endfunction()

# The words of compile options or a flags string, each as "ORIGIN@@WORD": SHELL: groups split, and a generator
# expression's conditions stripped to the options they may give ($<$<CONFIG:Debug>:-fno-sanitize=thread> counts as
# the option it can be: refused whatever configuration is built).
function(_tsan_verify_option_words out_var origin)
  set(result "")
  foreach(option IN LISTS ARGN)
    string(REGEX REPLACE "^SHELL:" "" option "${option}")
    if(option MATCHES "\\$<")
      # The generator expression's syntax split away: its conditions become stray words, its options stay whole.
      string(REGEX REPLACE "\\$<|[:>]" " " option "${option}")
    endif()
    separate_arguments(words UNIX_COMMAND "${option}")
    foreach(word IN LISTS words)
      list(APPEND result "${origin}@@${word}")
    endforeach()
  endforeach()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# The options every target linking `items` inherits: the INTERFACE_COMPILE_OPTIONS of each target among them and of
# what those pass on (INTERFACE_LINK_LIBRARIES), as "ORIGIN@@WORD".
function(_tsan_verify_inherited_words out_var)
  set(result "")
  set(seen "")
  set(pending ${ARGN})
  while(pending)
    list(POP_FRONT pending name)
    if(name MATCHES "^\\$<(LINK_ONLY|TARGET_OBJECTS):([^<>$]+)>$")
      set(name "${CMAKE_MATCH_2}")
    endif()
    if(NOT TARGET "${name}" OR name IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${name}")
    _tsan_verify_resolve("${name}" real)
    get_target_property(options "${real}" INTERFACE_COMPILE_OPTIONS)
    if(options)
      _tsan_verify_option_words(words "the INTERFACE_COMPILE_OPTIONS of '${name}'" ${options})
      list(APPEND result ${words})
    endif()
    get_target_property(links "${real}" INTERFACE_LINK_LIBRARIES)
    if(links)
      list(APPEND pending ${links})
    endif()
  endwhile()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# CMAKE_<LANG>_FLAGS and those of the build type, in force for every compile of `language`, as "ORIGIN@@WORD".
function(_tsan_verify_global_words out_var language)
  set(result "")
  string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
  foreach(variable CMAKE_${language}_FLAGS CMAKE_${language}_FLAGS_${build_type})
    if(DEFINED ${variable} AND NOT variable MATCHES "_$")
      _tsan_verify_option_words(words "${variable}" "${${variable}}")
      list(APPEND result ${words})
    endif()
  endforeach()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# Refuses, naming the test, what would build `sources` of `target_text` without TSan's whole instrumentation: the
# CMAKE_<LANG>_FLAGS of the source's language, the words of the target (`leading`: its options, -fsanitize=thread,
# inherited options), then the source's own COMPILE_FLAGS and COMPILE_OPTIONS (set_source_files_properties), in
# the order the compiler reads them.
function(_tsan_verify_refuse_off_flags test_name target_text source_dir sources leading)
  set(checked "${sources}")
  if(NOT checked)
    set(checked "-")
  endif()
  foreach(source IN LISTS checked)
    set(language C)
    if(source MATCHES "\\.(cc|cpp|cxx|C|c\\+\\+)$")
      set(language CXX)
    endif()
    _tsan_verify_global_words(words ${language})
    list(APPEND words ${leading})
    if(NOT source STREQUAL "-" AND NOT source MATCHES "\\$<")
      # Source properties belong to a directory: the one the TSan copy is made in (this call's), where the source
      # is named by its path, as _tsan_verify_instrumented_copy names it.
      set(path "${source}")
      if(NOT IS_ABSOLUTE "${path}")
        set(path "${source_dir}/${source}")
      endif()
      foreach(property COMPILE_FLAGS COMPILE_OPTIONS)
        get_source_file_property(value "${path}" ${property})
        if(value)
          _tsan_verify_option_words(source_words "the ${property} of its source '${source}'" ${value})
          list(APPEND words ${source_words})
        endif()
      endforeach()
    endif()
    _tsan_verify_off_flag(found ${words})
    if(found)
      string(REGEX MATCH "^(.*)@@(.*)$" ignored "${found}")
      message(FATAL_ERROR "tsan_verify_add_test(${test_name}): ${target_text}: ${CMAKE_MATCH_1} '${CMAKE_MATCH_2}' turns "
                          "ThreadSanitizer's instrumentation off, so the test would check code TSan does not watch: "
                          "remove it")
    endif()
  endforeach()
endfunction()

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

# Whether the `language` compiler builds an OpenMP program with TSan here (-fopenmp compiles the pragma and links the
# toolchain's runtime: libomp for clang, libgomp for gcc). Asked once per build tree, and said once when it cannot.
function(_tsan_verify_openmp_works language out_var)
  set(cached TSAN_VERIFY_OPENMP_WORKS_${language})
  if(NOT DEFINED ${cached})
    include(CheckSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS "-fopenmp -fsanitize=thread")
    set(CMAKE_REQUIRED_LINK_OPTIONS -fopenmp -fsanitize=thread)
    set(CMAKE_REQUIRED_QUIET TRUE)
    set(program "int main(void) {\n  int n = 0;\n#pragma omp parallel reduction(+ : n)\n  n++;\n  return n == 0;\n}\n")
    check_source_compiles(${language} "${program}" ${cached})
    if(NOT ${cached})
      message(STATUS "tsan_verify_add_test: ${CMAKE_${language}_COMPILER} cannot build an OpenMP program with TSan "
                     "(its OpenMP runtime is not installed): the OpenMP cases build no program, and their tests skip")
    endif()
  endif()
  set(${out_var} ${${cached}} PARENT_SCOPE)
endfunction()

# Whether the `language` compiler links a TSan program with the link options `options` here. Asked once per build
# tree and set of options.
function(_tsan_verify_links_with language options out_var)
  string(MAKE_C_IDENTIFIER "${options}" key)
  set(cached TSAN_VERIFY_LINKS_${language}_${key})
  if(NOT DEFINED ${cached})
    include(CheckSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS "-fsanitize=thread")
    set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=thread ${options})
    set(CMAKE_REQUIRED_QUIET TRUE)
    check_source_compiles(${language} "int main(void) { return 0; }\n" ${cached})
    if(NOT ${cached})
      message(STATUS "tsan_verify_add_test: ${CMAKE_${language}_COMPILER} cannot link a TSan program with "
                     "${options}: the cases that ask for it build no program")
    endif()
  endif()
  set(${out_var} ${${cached}} PARENT_SCOPE)
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

# The target a name stands for: an ALIAS is followed to the target it names.
function(_tsan_verify_resolve name out_var)
  set(resolved "${name}")
  if(TARGET "${name}")
    get_target_property(aliased "${name}" ALIASED_TARGET)
    if(aliased)
      set(resolved "${aliased}")
    endif()
  endif()
  set(${out_var} "${resolved}" PARENT_SCOPE)
endfunction()

# Whether `name` is a library this project builds (not imported, not an executable): one tsan_verify_add_test can
# rebuild with TSan.
function(_tsan_verify_is_project_library name out_var)
  set(result FALSE)
  if(TARGET "${name}")
    _tsan_verify_resolve("${name}" real)
    get_target_property(imported "${real}" IMPORTED)
    get_target_property(type "${real}" TYPE)
    if(NOT imported AND type MATCHES "^(STATIC|SHARED|MODULE|OBJECT|INTERFACE)_LIBRARY$")
      set(result TRUE)
    endif()
  endif()
  set(${out_var} ${result} PARENT_SCOPE)
endfunction()

# The language CMake compiles `source` as (C or CXX), or "" when it compiles it not at all (a header, a file
# marked HEADER_FILE_ONLY): its LANGUAGE property, else what CMake itself reads from the extension
# (CMAKE_<LANG>_SOURCE_FILE_EXTENSIONS: `.c++` and `.cppm` are C++ too), never a list of suffixes of our own.
function(_tsan_verify_compiled_language source out_var)
  set(result "")
  get_source_file_property(header_only "${source}" HEADER_FILE_ONLY)
  get_source_file_property(language "${source}" LANGUAGE)
  get_filename_component(extension "${source}" LAST_EXT)
  string(REGEX REPLACE "^\\." "" extension "${extension}")
  if(header_only)
    set(result "")
  elseif(language AND NOT language STREQUAL "NOTFOUND")
    set(result ${language})
  else()
    foreach(candidate C CXX)
      if(NOT result AND extension IN_LIST CMAKE_${candidate}_SOURCE_FILE_EXTENSIONS)
        set(result ${candidate})
      endif()
    endforeach()
  endif()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# A link item of an instrumented library, with every project library in it replaced by its TSan copy at `level`:
# a plain target name, and the $<LINK_ONLY:...> and $<TARGET_OBJECTS:...> CMake itself writes. Anything else (a
# system library, an imported target, a path, a flag) is linked as it is; a project library hidden in another
# generator expression stays uninstrumented, and tsan-verify then names it (a note, or cannot check).
function(_tsan_verify_map_link_item item level out_var)
  set(mapped "${item}")
  if(item MATCHES "^\\$<(LINK_ONLY|TARGET_OBJECTS):([^<>$]+)>$")
    set(wrapper "${CMAKE_MATCH_1}")
    set(inner "${CMAKE_MATCH_2}")
    _tsan_verify_is_project_library("${inner}" is_library)
    if(is_library)
      _tsan_verify_instrumented_copy("${inner}" ${level} copy)
      set(mapped "$<${wrapper}:${copy}>")
    endif()
  elseif(NOT item MATCHES "^::@" AND NOT item MATCHES "\\$<")
    _tsan_verify_is_project_library("${item}" is_library)
    if(is_library)
      _tsan_verify_instrumented_copy("${item}" ${level} mapped)
    endif()
  endif()
  set(${out_var} "${mapped}" PARENT_SCOPE)
endfunction()

# Makes the compiler record every file it read, with its content where it can: -fdebug-macro (clang) and -g3 (gcc)
# put each file the preprocessor opened in the unit's line table (.debug_macro names them), also a header that only
# defines macros, which gives the unit no line and no declaration and so is named nowhere else; clang then records the
# MD5 of each in DWARF 5 (-gdwarf-5: before clang 14 its default was DWARF 4, whose line tables hold no MD5). So
# tsan-verify sees a header changed after the build, a macro-only config.h too (docs/HOSTILE.md, principle 8): by
# its MD5 with clang, by its time with gcc, which records no digest of any file.
function(_tsan_verify_record_sources target)
  foreach(language C CXX)
    target_compile_options(${target} PRIVATE "$<$<COMPILE_LANG_AND_ID:${language},Clang>:-gdwarf-5;-fdebug-macro>"
                                             "$<$<COMPILE_LANG_AND_ID:${language},GNU>:-g3>")
  endforeach()
endfunction()

# The TSan copy of the project library `library` at `level` (made once, then shared by every test of that level):
# the same sources, include directories, compile definitions and options (the original's, read through generator
# expressions, so what is set after this call counts too), then -fsanitize=thread -g -<level>, which come last and
# win; it links the copies of the project libraries the original links, so TSan watches the whole chain. The
# original is left as it is (the project's own build does not change).
function(_tsan_verify_instrumented_copy library level out_var)
  _tsan_verify_resolve("${library}" original)
  set(copy "tsan_verify.${original}.${level}")
  if(TARGET "${copy}")
    set(${out_var} "${copy}" PARENT_SCOPE)
    return()
  endif()
  get_target_property(type "${original}" TYPE)
  get_target_property(source_dir "${original}" SOURCE_DIR)
  get_target_property(binary_dir "${original}" BINARY_DIR)
  if(type STREQUAL "INTERFACE_LIBRARY")
    add_library(${copy} INTERFACE)
  else()
    string(REGEX REPLACE "_LIBRARY$" "" kind "${type}")
    get_target_property(sources "${original}" SOURCES)
    set(copied_sources "")
    foreach(source IN LISTS sources)
      if(source MATCHES "\\$<")
        _tsan_verify_map_link_item("${source}" ${level} source)
      elseif(NOT IS_ABSOLUTE "${source}")
        # Relative to the library's own folder; a generated source is in its build folder.
        if(EXISTS "${source_dir}/${source}")
          set(source "${source_dir}/${source}")
        else()
          set(source "${binary_dir}/${source}")
        endif()
      endif()
      list(APPEND copied_sources "${source}")
    endforeach()
    add_library(${copy} ${kind} ${copied_sources})
    foreach(property INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS COMPILE_FEATURES LINK_OPTIONS
                     LINK_DIRECTORIES)
      set_property(TARGET ${copy} PROPERTY ${property} "$<TARGET_PROPERTY:${original},${property}>")
    endforeach()
    foreach(property COMPILE_FLAGS C_STANDARD C_STANDARD_REQUIRED C_EXTENSIONS CXX_STANDARD CXX_STANDARD_REQUIRED CXX_EXTENSIONS
                     POSITION_INDEPENDENT_CODE C_VISIBILITY_PRESET CXX_VISIBILITY_PRESET LINKER_LANGUAGE)
      get_target_property(value "${original}" ${property})
      if(NOT value STREQUAL "value-NOTFOUND")
        set_property(TARGET ${copy} PROPERTY ${property} "${value}")
      endif()
    endforeach()
    target_compile_options(${copy} PRIVATE -fsanitize=thread -g -grecord-gcc-switches -${level})
    _tsan_verify_record_sources(${copy})
    if(kind MATCHES "SHARED|MODULE")
      target_link_options(${copy} PRIVATE -fsanitize=thread)
    endif()
    set_target_properties(${copy} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tsan-verify/${level}
                                             LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tsan-verify/${level}
                                             RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tsan-verify/${level})
    get_target_property(links "${original}" LINK_LIBRARIES)
    if(links)
      set(mapped_links "")
      foreach(item IN LISTS links)
        _tsan_verify_map_link_item("${item}" ${level} mapped)
        list(APPEND mapped_links "${mapped}")
      endforeach()
      set_property(TARGET ${copy} PROPERTY LINK_LIBRARIES "${mapped_links}")
    endif()
  endif()
  # What the library gives its users: the original's usage requirements, and the copies of what it passes on.
  foreach(property INTERFACE_INCLUDE_DIRECTORIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES INTERFACE_COMPILE_DEFINITIONS
                   INTERFACE_COMPILE_OPTIONS INTERFACE_COMPILE_FEATURES INTERFACE_LINK_OPTIONS
                   INTERFACE_LINK_DIRECTORIES)
    set_property(TARGET ${copy} PROPERTY ${property} "$<TARGET_PROPERTY:${original},${property}>")
  endforeach()
  get_target_property(interface_links "${original}" INTERFACE_LINK_LIBRARIES)
  if(interface_links)
    set(mapped_links "")
    foreach(item IN LISTS interface_links)
      _tsan_verify_map_link_item("${item}" ${level} mapped)
      list(APPEND mapped_links "${mapped}")
    endforeach()
    set_property(TARGET ${copy} PROPERTY INTERFACE_LINK_LIBRARIES "${mapped_links}")
  endif()
  set(${out_var} "${copy}" PARENT_SCOPE)
endfunction()

# The project libraries `libraries` stand for and every project library they link, transitively (resolved names).
function(_tsan_verify_library_closure out_var)
  set(closure "")
  set(pending ${ARGN})
  while(pending)
    list(POP_FRONT pending name)
    if(name MATCHES "^\\$<(LINK_ONLY|TARGET_OBJECTS):([^<>$]+)>$")
      set(name "${CMAKE_MATCH_2}")
    endif()
    _tsan_verify_is_project_library("${name}" is_library)
    if(NOT is_library)
      continue()
    endif()
    _tsan_verify_resolve("${name}" real)
    if(real IN_LIST closure)
      continue()
    endif()
    list(APPEND closure "${real}")
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(links "${real}" ${property})
      if(links)
        list(APPEND pending ${links})
      endif()
    endforeach()
  endwhile()
  set(${out_var} "${closure}" PARENT_SCOPE)
endfunction()

function(tsan_verify_add_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;TIMEOUT;TARGET_PREFIX;RESULTS_DIR;RESULTS_FIXTURE"
                        "SOURCES;LEVELS;LABELS;ARGS;COMPILE_OPTIONS;LINK_LIBRARIES;INSTRUMENT")
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
  # The case's flags are recorded by a compiler launcher, which only these generators run: elsewhere every test would
  # be cannot check for want of them, so it is refused now, by name.
  if(NOT CMAKE_GENERATOR MATCHES "Makefiles|Ninja")
    message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): the generator '${CMAKE_GENERATOR}' runs no compiler "
                        "launcher, and tsan-verify needs the flags the case was compiled with, which the launcher "
                        "records: use a Makefile or Ninja generator")
  endif()
  if(NOT DEFINED arg_TARGET_PREFIX)
    set(arg_TARGET_PREFIX tsan.)
  endif()

  foreach(source IN LISTS arg_SOURCES)
    # A generator expression ($<TARGET_OBJECTS:lib>) names files CMake knows only when it generates: linked as given;
    # what TSan's proof says of their code is read from the program at run time.
    if(source MATCHES "^\\$<")
      continue()
    endif()
    get_filename_component(path "${source}" ABSOLUTE)
    get_source_file_property(generated "${source}" GENERATED)
    if(NOT EXISTS "${path}" AND NOT generated)
      message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): SOURCES names no file '${source}' (a misspelt keyword?)")
    endif()
  endforeach()
  # INSTRUMENT names the project's own libraries: each is rebuilt with TSan (with what it links) for this test.
  foreach(library IN LISTS arg_INSTRUMENT)
    if(NOT TARGET "${library}")
      message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): INSTRUMENT names no target '${library}' (define the "
                          "library before this call)")
    endif()
    _tsan_verify_is_project_library("${library}" is_library)
    if(NOT is_library)
      message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): INSTRUMENT takes libraries this project builds; "
                          "'${library}' is an imported target or not a library, so it cannot be rebuilt with TSan")
    endif()
  endforeach()
  _tsan_verify_library_closure(instrumented_libraries ${arg_INSTRUMENT})
  # The verdict is about code TSan instrumented: a flag that turns any of TSan's instrumentation off would make the
  # test prove nothing (tsan-verify would say "cannot check" at every run). Refused here, by name, at once, wherever
  # CMake shows it: the test's COMPILE_OPTIONS and its sources' properties, the options of every library INSTRUMENT
  # rebuilds (its own, its sources', those it inherits) and the CMAKE_<LANG>_FLAGS in force. The list is
  # TsanVerifyOffFlags.txt, the one tsan-verify reads in each compile unit's recorded flags.
  foreach(library IN LISTS instrumented_libraries)
    get_target_property(type "${library}" TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
      continue()
    endif()
    get_target_property(library_sources "${library}" SOURCES)
    get_target_property(library_dir "${library}" SOURCE_DIR)
    get_target_property(library_links "${library}" LINK_LIBRARIES)
    set(leading "")
    foreach(property COMPILE_FLAGS COMPILE_OPTIONS)
      get_target_property(value "${library}" ${property})
      if(value)
        _tsan_verify_option_words(words "its ${property}" ${value})
        list(APPEND leading ${words})
      endif()
    endforeach()
    list(APPEND leading "tsan_verify_add_test@@-fsanitize=thread")
    if(library_links)
      _tsan_verify_inherited_words(words ${library_links})
      list(APPEND leading ${words})
    endif()
    _tsan_verify_refuse_off_flags("${arg_NAME}" "the library '${library}' it INSTRUMENTs" "${library_dir}"
                                  "${library_sources}" "${leading}")
  endforeach()
  list(GET arg_SOURCES 0 case_source)
  get_filename_component(case_source "${case_source}" ABSOLUTE)
  # Every other source is built with TSan too, so its code must show TSan's instrumentation as well; tsan-verify
  # reads the markers of each that holds some (a marker file: its line markers are hit on its own lines), deciding
  # that with its own reader, not a pattern here.
  set(instrumented_args "")
  set(marked_sources ${case_source})
  set(other_sources ${arg_SOURCES})
  list(REMOVE_AT other_sources 0)
  foreach(source IN LISTS other_sources)
    get_filename_component(path "${source}" ABSOLUTE)
    _tsan_verify_compiled_language("${path}" source_language)
    if(source_language)
      list(APPEND instrumented_args --instrumented ${path})
      list(APPEND marked_sources ${path})
    endif()
  endforeach()
  _tsan_verify_compiled_language("${case_source}" language)
  if(NOT language)
    set(language C)
  endif()
  _tsan_verify_toolchain(toolchain ${language})
  set(kind_labels "")
  foreach(source IN LISTS marked_sources)
    _tsan_verify_kind_labels("${source}" source_labels)
    list(APPEND kind_labels ${source_labels})
  endforeach()
  list(REMOVE_DUPLICATES kind_labels)
  # `// link-libraries: NAME...` (docs/MARKERS.md): the libraries the case needs, linked here as tsan-verify links them
  # when it builds the case itself, so both builds agree. tsan-verify checks the marker's words; a misspelt library
  # fails the link, naming it.
  file(STRINGS "${case_source}" library_markers REGEX "^[ \t]*//[ \t]*link-libraries[ \t]*:")
  set(case_libraries "")
  foreach(marker IN LISTS library_markers)
    string(REGEX REPLACE "^[ \t]*//[ \t]*link-libraries[ \t]*:" "" names "${marker}")
    string(REGEX REPLACE " -- .*$" "" names "${names}")
    separate_arguments(names UNIX_COMMAND "${names}")
    list(APPEND case_libraries ${names})
  endforeach()
  # `// uses-openmp: threads=N ...` (docs/MARKERS.md): an OpenMP program, built with -fopenmp as tsan-verify builds it
  # itself. Where the toolchain cannot build one (Debian's clang N without libomp-N-dev, the packages of which exclude
  # each other) no program is built for the case, and its test is registered all the same: tsan-verify, finding no
  # program, asks the compiler, and skips the case naming the package that holds the runtime.
  file(STRINGS "${case_source}" openmp_markers REGEX "^[ \t]*//[ \t]*uses-openmp[ \t]*:")
  set(case_buildable TRUE)
  if(openmp_markers)
    _tsan_verify_openmp_works(${language} openmp_works)
    if(NOT openmp_works)
      set(case_buildable FALSE)
    endif()
  endif()
  # `// link-options: OPTION...` (docs/MARKERS.md): options the program is linked with, which tsan-verify's reader
  # lets through only when they leave TSan's view of the program as it is (-static, -no-pie, a section's place).
  # Where the toolchain cannot link
  # the program so (gcc refuses -static with TSan), no program is built, as for OpenMP above; such a case says
  # requires-tsan for the toolchains that can.
  file(STRINGS "${case_source}" link_option_markers REGEX "^[ \t]*//[ \t]*link-options[ \t]*:")
  set(case_link_options "")
  foreach(marker IN LISTS link_option_markers)
    string(REGEX REPLACE "^[ \t]*//[ \t]*link-options[ \t]*:" "" words "${marker}")
    string(REGEX REPLACE " -- .*$" "" words "${words}")
    separate_arguments(words UNIX_COMMAND "${words}")
    list(APPEND case_link_options ${words})
  endforeach()
  if(case_link_options)
    _tsan_verify_links_with(${language} "${case_link_options}" links_so)
    if(NOT links_so)
      set(case_buildable FALSE)
    endif()
  endif()
  set(leading "tsan_verify_add_test@@-fsanitize=thread")
  _tsan_verify_option_words(words "COMPILE_OPTIONS" ${arg_COMPILE_OPTIONS})
  list(APPEND leading ${words})
  _tsan_verify_inherited_words(words ${arg_INSTRUMENT} ${arg_LINK_LIBRARIES})
  list(APPEND leading ${words})
  _tsan_verify_refuse_off_flags("${arg_NAME}" "its program" "${CMAKE_CURRENT_SOURCE_DIR}" "${arg_SOURCES}"
                                "${leading}")

  # Linking dominates a TSan build (the static runtime is large); gold does it in about 60% of GNU ld's time. Not for
  # a program that places a section (`link-options: -Wl,--section-start=...`): gold lays the sections that follow it
  # out after it, where the code's 32-bit references no longer reach them; GNU ld, as tsan-verify links, does not.
  check_linker_flag(${language} "-fuse-ld=gold" TSAN_VERIFY_HAVE_GOLD)
  set(link_options -fsanitize=thread)
  if(TSAN_VERIFY_HAVE_GOLD AND NOT case_link_options MATCHES "--section-start=")
    list(APPEND link_options -fuse-ld=gold)
  endif()

  # Target and file names: '/' (a test group) becomes '.', and what a file name or a target name should not hold
  # becomes '_'. Two names that come out the same would build one program twice: refused, naming both.
  string(REPLACE "/" "." stem "${arg_NAME}")
  string(REGEX REPLACE "[^A-Za-z0-9_.+-]" "_" stem "${stem}")
  get_property(claimed GLOBAL PROPERTY TSAN_VERIFY_STEM_${arg_TARGET_PREFIX}${stem})
  if(DEFINED claimed AND NOT claimed STREQUAL "")
    message(FATAL_ERROR "tsan_verify_add_test(${arg_NAME}): its program would be named '${stem}', as the program of "
                        "test '${claimed}' is: rename one (or give one a TARGET_PREFIX)")
  endif()
  set_property(GLOBAL PROPERTY TSAN_VERIFY_STEM_${arg_TARGET_PREFIX}${stem} "${arg_NAME}")
  # One target builds every tsan-verify test program (and the tool): `cmake --build . --target tsan-verify-tests`.
  if(NOT TARGET tsan-verify-tests)
    add_custom_target(tsan-verify-tests)
  endif()
  # The tool the tests run is built before them when it is built here (FetchContent, add_subdirectory).
  get_target_property(tool TsanVerify::tsan-verify ALIASED_TARGET)
  get_property(record_flags_script GLOBAL PROPERTY TSAN_VERIFY_RECORD_FLAGS_SCRIPT)
  # Under CMakeFiles, CMake's own folder, where no target's output lands (the tool built here may be `tsan-verify`
  # in the top build folder).
  set(flags_folder ${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/tsan-verify-flags)
  file(MAKE_DIRECTORY ${flags_folder})
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
    set(flags_file ${flags_folder}/${target}.cflags)
    if(NOT case_buildable)
      # No program: the test and the manifest name the file the program would be (tsan-verify skips the case).
      set(program ${CMAKE_CURRENT_BINARY_DIR}/${level}/${stem}${CMAKE_EXECUTABLE_SUFFIX})
      set(flags_args "")
    else()
      set(program $<TARGET_FILE:${target}>)
      set(flags_args --cflag @${flags_file})
      add_executable(${target} ${arg_SOURCES})
      if(openmp_markers)
        target_compile_options(${target} PRIVATE -fopenmp)
        target_link_options(${target} PRIVATE -fopenmp)
      endif()
      if(case_link_options)
        target_link_options(${target} PRIVATE ${case_link_options})
      endif()
      # -grecord-gcc-switches: each compile unit records its flags (DW_AT_producer; gcc does by default), so that
      # tsan-verify sees a flag that turns TSan off wherever it came from, also one this module cannot see.
      target_compile_options(${target} PRIVATE -fsanitize=thread -g -grecord-gcc-switches -${level})
      # Every file the compiler read, recorded (macro-only headers too); the test's own options come after and win.
      _tsan_verify_record_sources(${target})
      target_compile_options(${target} PRIVATE ${arg_COMPILE_OPTIONS})
      target_link_options(${target} PRIVATE ${link_options})
      # The libraries INSTRUMENT names, and every project library they link, are linked as their TSan copies at
      # this level, wherever the test names them.
      set(links ${arg_INSTRUMENT} ${arg_LINK_LIBRARIES})
      set(mapped_links "")
      foreach(item IN LISTS links)
        _tsan_verify_resolve("${item}" real)
        if(real IN_LIST instrumented_libraries)
          _tsan_verify_instrumented_copy("${real}" ${level} item)
        endif()
        list(APPEND mapped_links "${item}")
      endforeach()
      target_link_libraries(${target} PRIVATE Threads::Threads ${mapped_links} ${case_libraries})
      add_dependencies(tsan-verify-tests ${target})
      if(tool)
        add_dependencies(${target} ${tool})
      endif()
      set_target_properties(${target} PROPERTIES OUTPUT_NAME ${stem} RUNTIME_OUTPUT_DIRECTORY
                                                 ${CMAKE_CURRENT_BINARY_DIR}/${level})
      # The arguments the compiler is given for the case, recorded as it runs (TsanVerifyRecordFlags.sh says why no
      # generator expression or compile_commands.json gives them exactly), for the test's reading of the case; the
      # project's own launcher (ccache) still runs, after it.
      get_target_property(project_launcher ${target} ${language}_COMPILER_LAUNCHER)
      if(NOT project_launcher)
        set(project_launcher "")
      endif()
      list(LENGTH project_launcher launcher_words)
      set_property(TARGET ${target} PROPERTY ${language}_COMPILER_LAUNCHER /bin/sh ${record_flags_script} ${flags_file}
                                             ${case_source} ${launcher_words} -- ${project_launcher})
      # The compiler's reading of the case (`-E -C`, which the test holds against the markers), taken once the program
      # is linked, with the program's own flags and in the test's folder, and kept beside the flags: the test uses it
      # while the compiler, the flags, the program and every file the compiler read are unchanged (MD5), instead of
      # starting the compiler once more per run; else it asks the compiler itself.
      set(reading_file ${flags_folder}/${target}.reading)
      add_custom_command(TARGET ${target} POST_BUILD
                         COMMAND $<TARGET_FILE:TsanVerify::tsan-verify> --write-reading ${reading_file}
                                 --binary $<TARGET_FILE:${target}> --opt ${level} --toolchain ${toolchain}
                                 --cc ${CMAKE_${language}_COMPILER} --cflag @${flags_file} ${instrumented_args}
                                 ${case_source}
                         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
                         VERBATIM)
      list(APPEND flags_args --reading ${reading_file})
    endif()
    if(level STREQUAL default_level)
      set(test_name ${arg_NAME})
      set_property(GLOBAL APPEND_STRING PROPERTY TSAN_VERIFY_MANIFEST
                   "${arg_NAME}\t${program}\t${case_source}\t${toolchain}\n")
    else()
      set(test_name ${arg_NAME}@${level})
    endif()
    set_property(GLOBAL APPEND_STRING PROPERTY TSAN_VERIFY_MANIFEST_ALL_LEVELS
                 "${test_name}\t${program}\t${case_source}\t${toolchain}\n")
    set(results_args "")
    if(arg_RESULTS_DIR)
      set(results_file ${arg_RESULTS_DIR}/${level}/${arg_NAME}.json)
      get_filename_component(results_folder ${results_file} DIRECTORY)
      file(MAKE_DIRECTORY ${results_folder})
      set(results_args --results ${results_file} --root ${PROJECT_SOURCE_DIR})
    endif()
    add_test(NAME ${test_name}
             COMMAND $<TARGET_FILE:TsanVerify::tsan-verify> --binary ${program} --opt ${level}
                     --toolchain ${toolchain} --cc ${CMAKE_${language}_COMPILER} ${flags_args}
                     --timeout ${arg_TIMEOUT} ${results_args} ${instrumented_args} ${case_source} ${program_args}
             WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
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

cmake_policy(POP)
