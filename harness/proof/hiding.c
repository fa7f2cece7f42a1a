/* hiding.c: what hides reports, declared or not (hiding.h). */
#include "proof/hiding.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const struct declared_hiding *declared(const struct case_spec *spec, enum hiding_kind kind,
                                              const char *function) {
  for (size_t i = 0; i < spec->hiding_count; i++)
    if (spec->hidings[i].kind == kind && (!function || strcmp(spec->hidings[i].function, function) == 0))
      return &spec->hidings[i];
  return NULL;
}

static void note_declared(const struct case_spec *spec, const struct declared_hiding *hiding, const char *what,
                          struct verdict *verdict) {
  verdict_add(verdict, OUTCOME_MET, spec->path, hiding->line, "hides reports, as the case declares (%s): %s",
              hiding->reason, what);
}

/* What TSan's pass left out, and the evidence, for the message. */
static char *evidence_of(const struct function_facts *function) {
  switch (function_gap(function)) {
  case GAP_RECORDED_OFF:
    return xprintf("its compile unit was built with %s, which turns TSan's instrumentation off, whole or in part (the "
                   "compiler's record "
                   "of its flags, DW_AT_producer): TSan does not see all of its accesses",
                   function->off_flag);
  case GAP_ACCESSES:
    if (function->writes_global)
      return xprintf("it touches the global %s and calls no TSan access hook: TSan does not see its accesses "
                     "(no_sanitize(\"thread\"), an ignorelist or -fno-sanitize-thread-memory-access left them out)",
                     function->writes_global);
    return xprintf("it makes %s and calls no TSan access hook, where clang's pass gives every access outside the "
                   "frame a hook: TSan does not see its accesses (no_sanitize(\"thread\"), an ignorelist or "
                   "-fno-sanitize-thread-memory-access left them out)",
                   function->accesses_memory);
  case GAP_ENTRY_EXIT:
    return xprintf("it calls functions and never __tsan_func_entry: TSan's stacks miss it "
                   "(-fno-sanitize-thread-func-entry-exit)");
  case GAP_ATOMICS:
    return xprintf("it keeps an atomic instruction %s that TSan's pass would have turned into a __tsan_atomic call: "
                   "TSan does not see its atomic accesses (-fno-sanitize-thread-atomics, "
                   "-mllvm -tsan-instrument-atomics=0)",
                   function->atomic_instruction);
  case GAP_STORES:
    /* a store after a write hook that announced another address (function_scan.c says which hook) */
    if (strstr(function->unhooked_store, "its write hook"))
      return xprintf("it makes %s: TSan was told of another access than that store, so it does not see the store "
                     "(inline assembly, or code that writes beside what the compiler announced)",
                     function->unhooked_store);
    if (starts_with(function->unhooked_store, "a store to the global "))
      return xprintf("it makes %s, and no TSan hook in the function was told of that global: TSan does not see "
                     "that store (gcc expands a memcpy or memset of a constant length inline after its pass; inline "
                     "assembly)",
                     function->unhooked_store);
    if (!starts_with(function->unhooked_store, "a store"))
      return xprintf("it makes %s with no TSan hook before it: TSan does not see that access (an intrinsic or "
                     "inline assembly TSan's pass leaves alone)",
                     function->unhooked_store);
    return xprintf(
        "it makes %s with no TSan write hook before it: TSan does not see that store as a write (a memset or memcpy "
        "expanded inline after TSan's pass, -mllvm -tsan-instrument-memintrinsics=0, or accesses left "
        "out one by one)",
        function->unhooked_store);
  case GAP_UNREADABLE:
    return xprintf("its code holds an instruction %s that the disassembler (Capstone) does not know: what it reads "
                   "and writes cannot be told, nor whether TSan was told of it",
                   function->undecodable);
  case GAP_LOADS:
    return xprintf("it makes %s with no TSan hook told of that global before it: TSan does not see that read "
                   "(inline assembly; an atomic load left plain by -fno-sanitize-thread-atomics; or an access of a "
                   "size LLVM's pass leaves out, such as an x87 long double's 10 bytes: ThreadSanitizer.cpp gives "
                   "hooks to 1, 2, 4, 8 and 16-byte accesses only)",
                   function->unhooked_load);
  case GAP_EVERYTHING:
  case GAP_NONE: break;
  }
  if (function->undescribed)
    return xprintf("no debug information describes it (assembly, or an object built without -g), and it %s and calls "
                   "TSan nowhere: TSan does not see its accesses",
                   function->writes_global     ? "touches globals"
                   : function->accesses_memory ? "touches memory"
                                               : "calls functions");
  return xprintf("it %s and calls TSan nowhere: TSan does not see its accesses (no_sanitize(\"thread\"), or "
                 "compiled without -fsanitize=thread)",
                 function->writes_global     ? "touches globals"
                 : function->makes_calls     ? "calls functions"
                 : function->accesses_memory ? "touches memory outside its frame"
                                             : "has code TSan watches");
}

static void check_file(const struct case_spec *spec, const struct instrumentation *facts, const char *file,
                       struct verdict *verdict) {
  size_t functions = 0, uninstrumented = 0, undeclared = 0;
  struct strbuf names = {0};
  for (size_t i = 0; i < facts->function_count; i++) {
    const struct function_facts *function = &facts->functions[i];
    if (strcmp(function->file, file) != 0)
      continue;
    functions++;
    if (function_gap(function) == GAP_NONE)
      continue;
    uninstrumented++;
    if (!declared(spec, HIDES_UNINSTRUMENTED, function->name)) {
      undeclared++;
      strbuf_printf(&names, "%s%s", names.length ? ", " : "", function->name);
    }
  }
  bool none_instrumented = true;
  const char *off_flag = NULL;
  for (size_t i = 0; i < facts->function_count; i++) {
    if (strcmp(facts->functions[i].file, file) != 0)
      continue;
    if (facts->functions[i].calls_func_entry || facts->functions[i].calls_access_hook)
      none_instrumented = false;
    if (!off_flag)
      off_flag = facts->functions[i].off_flag;
  }
  /* A unit outside the files under test lists only its gaps: the rest of it was instrumented. */
  bool gaps_only = false;
  for (size_t i = 0; i < facts->function_count; i++)
    gaps_only |= strcmp(facts->functions[i].file, file) == 0 && facts->functions[i].outside_files_under_test;
  if (undeclared && none_instrumented && uninstrumented == functions && !gaps_only) {
    char *recorded = off_flag ? xprintf(" (its recorded flags, DW_AT_producer, hold %s)", off_flag) : xstrdup("");
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, file, 0,
                "was compiled without TSan instrumentation%s: none of its functions calls TSan (%s), so TSan saw none "
                "of its accesses: compile it with -fsanitize=thread, not only the link",
                recorded, names.data);
    free(recorded);
    strbuf_free(&names);
    return;
  }
  strbuf_free(&names);
  for (size_t i = 0; i < facts->function_count; i++) {
    const struct function_facts *function = &facts->functions[i];
    if (strcmp(function->file, file) != 0 || function_gap(function) == GAP_NONE)
      continue;
    const struct declared_hiding *hiding = declared(spec, HIDES_UNINSTRUMENTED, function->name);
    char *why = evidence_of(function);
    if (hiding) {
      char *what = xprintf("%s is not fully instrumented by TSan: %s", function->name, why);
      note_declared(spec, hiding, what, verdict);
      free(what);
    } else {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, file, function->line,
                  "function %s is not fully instrumented by TSan: %s; instrument it, or declare it: "
                  "// tsan-hides: uninstrumented %s -- reason",
                  function->name, why, function->name);
    }
    free(why);
  }
}

/* Something of the whole program that hides reports: `count` names of kind `kind`. */
static void check_program_wide(const struct case_spec *spec, enum hiding_kind kind, const char *what,
                               struct verdict *verdict) {
  const struct declared_hiding *hiding = declared(spec, kind, NULL);
  if (hiding)
    note_declared(spec, hiding, what, verdict);
  else
    verdict_add(verdict, OUTCOME_NOT_MET, spec->path, 0,
                "%s, which hides reports like a suppression, and the case does not declare it: "
                "// tsan-hides: %s -- reason",
                what, hiding_kind_name(kind));
}

static char *joined(char **list) {
  struct strbuf out = {0};
  for (size_t i = 0; list && list[i]; i++)
    strbuf_printf(&out, "%s%s", i ? ", " : "", list[i]);
  return strbuf_release(&out);
}

/* Whether the same call (callee, caller) came earlier in the list: each is named once. */
static bool named_before(const struct instrumentation *facts, size_t index) {
  const struct hiding_call *call = &facts->annotations[index];
  for (size_t i = 0; i < index; i++)
    if (strcmp(facts->annotations[i].callee, call->callee) == 0 &&
        strcmp(facts->annotations[i].caller, call->caller) == 0)
      return true;
  return false;
}

/* Whether `path` is `suffix`, or ends with "/" and `suffix`: the rule by which `at FILE:LINE` names a source. */
static bool path_ends_with(const char *path, const char *suffix) {
  size_t path_length = strlen(path), suffix_length = strlen(suffix);
  if (suffix_length > path_length || strcmp(path + path_length - suffix_length, suffix) != 0)
    return false;
  return suffix_length == path_length || path[path_length - suffix_length - 1] == '/';
}

/* The first marker that pins a race in the compile unit `unit` (its path) whose functions are `functions`: `at
 * FILE:LINE` with FILE a path suffix of the unit, or `in FUNCTION` with FUNCTION one of them; NULL when none. Every
 * marker counts, whatever toolchain it is qualified for: a file that any marker means is code under test. */
static const struct marker *marker_naming_unit(const struct case_spec *spec, const char *unit, char **functions) {
  for (size_t m = 0; m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (marker->pin == PIN_FRAME && marker->pin_file && path_ends_with(unit, marker->pin_file))
      return marker;
    for (size_t f = 0; marker->pin == PIN_FUNCTION && marker->pin_function && functions && functions[f]; f++)
      if (strcmp(functions[f], marker->pin_function) == 0)
        return marker;
  }
  return NULL;
}

/* The name a case declares a library by, `// tsan-hides: uninstrumented NAME`: its file's name, or the name the
 * program asks the loader for (DT_NEEDED). */
static const struct declared_hiding *declared_library(const struct case_spec *spec,
                                                      const struct library_facts *library) {
  if (!library)
    return NULL;
  const char *slash = strrchr(library->path, '/');
  const char *file_name = slash ? slash + 1 : library->path;
  const struct declared_hiding *hiding = declared(spec, HIDES_UNINSTRUMENTED, file_name);
  return hiding ? hiding : declared(spec, HIDES_UNINSTRUMENTED, library->needed);
}

/* A compile unit TSan did not instrument, of the program (`library` NULL) or of one of its libraries: code under
 * test as soon as a marker pins a race in it (the function it names, or the file). Whatever the run shows then, it
 * says nothing about that race, unless the case declares the function or the library uninstrumented. */
static void check_uninstrumented_unit(const struct case_spec *spec, const char *unit, char **functions,
                                      const char *off_flag, const char *called, const struct library_facts *library,
                                      struct verdict *verdict) {
  const struct marker *naming = marker_naming_unit(spec, unit, functions);
  /* What it lacks, and, when the compiler kept one, its own record of why. */
  char *built_with = off_flag && *off_flag
                         ? xprintf("without all of TSan's instrumentation (built with %s, which its recorded flags, "
                                   "DW_AT_producer, hold)",
                                   off_flag)
                         : xstrdup("without TSan instrumentation");
  const char *unseen =
      off_flag && *off_flag ? "TSan does not see all of its accesses" : "TSan sees none of its accesses";
  if (!naming && !library) {
    /* Part of the program itself: whoever reaches it (a call from a file under test, a table of function pointers,
     * a dlsym by name, a constructor), what it does happens in the run TSan watched, unseen. */
    const struct declared_hiding *hiding = NULL;
    for (size_t i = 0; functions && functions[i] && !hiding; i++)
      hiding = declared(spec, HIDES_UNINSTRUMENTED, functions[i]);
    if (hiding) {
      char *what = xprintf("%s, linked into the program %s, which %s", unit, built_with, called);
      note_declared(spec, hiding, what, verdict);
      free(what);
    } else {
      char *reached = called && *called ? xprintf(", and %s", called) : xstrdup("");
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, unit, 0,
                  "linked into the program %s%s: %s, so a silent run proves nothing about what its code does in the "
                  "run; build it with -fsanitize=thread (--instrumented FILE, or CMake's INSTRUMENT), or declare "
                  "it: // tsan-hides: uninstrumented FUNCTION -- reason",
                  built_with, reached, unseen);
      free(reached);
    }
    free(built_with);
    return;
  }
  if (!naming) {
    free(built_with); /* a unit of a library: check_library judges the library */
    return;
  }
  char *pin_text = naming->pin == PIN_FUNCTION ? xprintf("in %s", naming->pin_function)
                                               : xprintf("at %s:%zu", naming->pin_file, naming->pin_line);
  char *where = !library                           ? xstrdup("linked into the program")
                : strcmp(unit, library->path) == 0 ? xstrdup("a library of the program built")
                                                   : xprintf("built into the library %s", library->path);
  const struct declared_hiding *hiding = declared_library(spec, library);
  if (!hiding && naming->pin == PIN_FUNCTION)
    hiding = declared(spec, HIDES_UNINSTRUMENTED, naming->pin_function);
  if (hiding) {
    /* A marker of a marker file is named with its file; the case's own, as always, by its line. */
    char *what = xprintf("%s, %s %s, holds the race the marker on line %zu%s%s pins (%s), "
                         "which TSan can see only through the libc calls it intercepts",
                         unit, where, built_with, naming->comment_line, naming->file ? " of " : "",
                         naming->file ? naming->file : "", pin_text);
    note_declared(spec, hiding, what, verdict);
    free(what);
  } else {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, unit, 0,
                "%s %s, and the marker on line %zu of %s pins a race in it (%s): %s; build it with "
                "-fsanitize=thread (CMake: tsan_verify_add_test(... INSTRUMENT <its library>)), or declare it: "
                "// tsan-hides: uninstrumented %s -- reason",
                where, built_with, naming->comment_line, marker_file_of(spec, naming), pin_text, unseen,
                naming->pin == PIN_FUNCTION ? naming->pin_function : "FUNCTION");
  }
  free(built_with);
  free(where);
  free(pin_text);
}

/* A library of the program's own. Built without TSan from sources that are here (the project's code, by its
 * DWARF), it is code under test TSan did not watch: cannot check, unless the case declares it. A library that
 * shows no source of the project (a vendor's, stripped) is named in a note. */
/* The first function of `library` that a file under test calls, or NULL. */
static const char *called_function(const struct instrumentation *facts, const struct library_facts *library) {
  for (size_t i = 0; facts->library_calls && facts->library_calls[i]; i++)
    for (size_t e = 0; library->exported_functions && library->exported_functions[e]; e++)
      if (strcmp(facts->library_calls[i], library->exported_functions[e]) == 0)
        return library->exported_functions[e];
  return NULL;
}

static void check_library(const struct case_spec *spec, const struct instrumentation *facts,
                          const struct library_facts *library, struct verdict *verdict) {
  for (size_t u = 0; library->uninstrumented_units && library->uninstrumented_units[u]; u++)
    check_uninstrumented_unit(spec, library->uninstrumented_units[u], library->uninstrumented_unit_functions[u],
                              library->uninstrumented_unit_flags[u], NULL, library, verdict);
  if (library->instrumented)
    return;
  /* Without DWARF, its dynamic symbols are all the harness sees of its code: a function a marker pins there is
   * still code under test that TSan did not watch. */
  if (!library->code_read)
    check_uninstrumented_unit(spec, library->path, library->exported_functions, NULL, NULL, library, verdict);
  const struct declared_hiding *hiding = declared_library(spec, library);
  if (library->own_source && hiding) {
    char *what = xprintf("%s, %s built from its own sources (%s) without -fsanitize=thread: "
                         "TSan sees none of its accesses, and none of its synchronization",
                         library->path,
                         library->program ? "a program of the project the processes ran" : "a library of the program",
                         library->own_source);
    note_declared(spec, hiding, what, verdict);
    free(what);
  } else if (library->own_source) {
    const char *slash = strrchr(library->path, '/');
    char *why = library->code_read && library->uninstrumented_units
                    ? xprintf("its unit %s has code TSan watches and no TSan call", library->uninstrumented_units[0])
                    : xstrdup("it imports no TSan hook");
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, library->path, 0,
                "%s built from its own sources (its DWARF names %s) without -fsanitize=thread "
                "(%s): TSan sees none of its accesses and none of its synchronization, so the run's silence proves "
                "nothing about it; build it with -fsanitize=thread, or declare it: "
                "// tsan-hides: uninstrumented %s -- reason",
                library->program ? "a program of the project the processes ran" : "a library of the program",
                library->own_source, why, slash ? slash + 1 : library->path);
    free(why);
  } else if (called_function(facts, library) && hiding) {
    char *what = xprintf("%s, a library of the program built without -fsanitize=thread, whose %s the case calls",
                         library->path, called_function(facts, library));
    note_declared(spec, hiding, what, verdict);
    free(what);
  } else if (called_function(facts, library)) {
    /* The program's own library (its RUNPATH or a path names it), called from a file under test: what the call
     * does is the test's work. A system library is found in the loader's folders and is not listed here. */
    const char *slash = strrchr(library->path, '/');
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, library->path, 0,
                "a library of the program built without -fsanitize=thread (it imports no TSan hook), whose %s a file "
                "under test calls: TSan sees none of that call's accesses, so the run's silence proves nothing about "
                "it; build it with -fsanitize=thread, or declare it: // tsan-hides: uninstrumented %s -- reason",
                called_function(facts, library), slash ? slash + 1 : library->path);
  } else {
    verdict_add(verdict, OUTCOME_MET, library->path, 0,
                "note: a library of the program built without -fsanitize=thread (it imports no TSan hook): TSan sees "
                "none of its accesses, and none of its synchronization");
  }
}

void hiding_check(const struct case_spec *spec, const char *binary, const struct instrumentation *facts,
                  struct verdict *verdict) {
  if (facts->runtime_unknown)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0, "%s", facts->runtime_unknown);
  for (size_t i = 0; facts->replaced_hooks && facts->replaced_hooks[i]; i++)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
                "%s: the code's calls to that hook do not reach the runtime's, so what TSan was told of the accesses "
                "cannot be known; leave TSan's hooks to its runtime",
                facts->replaced_hooks[i]);
  for (size_t i = 0; facts->files_without_unit && facts->files_without_unit[i]; i++)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, facts->files_without_unit[i], 0,
                "%s has no debug information for this file (built from other sources, or without -g): the harness "
                "cannot show that TSan instrumented its code",
                binary);
  /* Each file under test once, in the order its functions came. */
  for (size_t i = 0; i < facts->function_count; i++) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = strcmp(facts->functions[j].file, facts->functions[i].file) == 0;
    if (!seen)
      check_file(spec, facts, facts->functions[i].file, verdict);
  }
  const enum hiding_kind annotation_kinds[] = {HIDES_IGNORE_ANNOTATIONS, HIDES_SYNC_ANNOTATIONS, HIDES_FIBERS,
                                               HIDES_FLUSH_MEMORY, HIDES_RUNTIME_CALLS};
  for (size_t k = 0; k < sizeof annotation_kinds / sizeof *annotation_kinds; k++) {
    struct strbuf what = {0};
    for (size_t i = 0; i < facts->annotation_count; i++)
      if (facts->annotations[i].kind == annotation_kinds[k] && !named_before(facts, i))
        strbuf_printf(&what, "%s%s (in %s)", what.length ? ", " : "the program calls ", facts->annotations[i].callee,
                      facts->annotations[i].caller);
    if (what.length)
      check_program_wide(spec, annotation_kinds[k], what.data, verdict);
    strbuf_free(&what);
  }
  if (facts->default_options) {
    char *names = joined(facts->default_options);
    char *what =
        xprintf("the program defines %s (options compiled in, such as report_thread_leaks=0 or exitcode=0)", names);
    check_program_wide(spec, HIDES_DEFAULT_OPTIONS, what, verdict);
    free(what);
    free(names);
  }
  if (facts->report_hooks) {
    char *names = joined(facts->report_hooks);
    char *what = xprintf("the program replaces the runtime's report hook %s", names);
    check_program_wide(spec, HIDES_REPORT_HOOK, what, verdict);
    free(what);
    free(names);
  }
  for (size_t i = 0; facts->uninstrumented_units && facts->uninstrumented_units[i]; i++)
    check_uninstrumented_unit(spec, facts->uninstrumented_units[i], facts->uninstrumented_unit_functions[i],
                              facts->uninstrumented_unit_flags[i], facts->uninstrumented_unit_callers[i], NULL,
                              verdict);
  for (size_t i = 0; i < facts->library_count; i++)
    check_library(spec, facts, &facts->libraries[i], verdict);
}

void hiding_check_report_redirects(const char *path, const struct instrumentation *facts, struct verdict *verdict) {
  if (!facts->report_redirects)
    return;
  char *calls = joined(facts->report_redirects);
  verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
              "the program calls %s, which sends TSan's reports elsewhere than the log the harness gives each process "
              "(log_path): what TSan reported cannot be read; remove the call (the harness reads every process's "
              "reports itself)",
              calls);
  free(calls);
}
