/* instrumentation_facts.c: freeing the facts, and what they say TSan's pass left out (instrumentation_facts.h). */
#include "proof/instrumentation_facts.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum instrumentation_gap function_gap(const struct function_facts *function) {
  if (function->off_flag)
    return GAP_RECORDED_OFF;
  bool owes_entry = function->makes_calls && !function->calls_func_entry;
  /* A clang function that reads or writes through a pointer (its argument, a heap block) and calls no access hook:
   * clang keeps the entry/exit of a function left out by no_sanitize("thread") or an ignorelist (sanitizeFunction
   * instruments entry and exit of every function with calls), so the entry alone shows nothing. */
  bool owes_hooks = (function->writes_global || (function->hooks_every_access && function->accesses_memory)) &&
                    !function->calls_access_hook;
  /* Not one TSan call, yet memory TSan's pass instruments (a global through its GOT slot, a pointer argument):
   * the pass never saw this function. One with calls of its own but no hook stays GAP_ENTRY_EXIT below: both
   * passes drop the hooks of a function whose accesses they prove constant or local, never its entry/exit. */
  if (!function->calls_func_entry && !function->calls_access_hook && (owes_entry || owes_hooks))
    return GAP_EVERYTHING;
  if (!function->calls_func_entry && !function->calls_access_hook && function->accesses_memory)
    return GAP_EVERYTHING;
  if (function->undecodable)
    return GAP_UNREADABLE;
  if (function->atomic_instruction)
    return GAP_ATOMICS;
  if (owes_hooks)
    return GAP_ACCESSES;
  if (function->unhooked_load)
    return GAP_LOADS;
  if (function->unhooked_store)
    return GAP_STORES;
  if (owes_entry)
    return GAP_ENTRY_EXIT;
  return GAP_NONE;
}

void function_facts_free(struct function_facts *function) {
  free(function->name);
  free(function->file);
  free(function->writes_global);
  free(function->accesses_memory);
  free(function->atomic_instruction);
  free(function->unhooked_store);
  free(function->unhooked_load);
  free(function->undecodable);
  free(function->off_flag);
}

void library_facts_free(struct library_facts *library) {
  for (size_t u = 0; library->uninstrumented_units && library->uninstrumented_units[u]; u++)
    free_list(library->uninstrumented_unit_functions[u]);
  free(library->uninstrumented_unit_functions);
  free_list(library->uninstrumented_units);
  free_list(library->uninstrumented_unit_flags);
  free(library->path);
  free(library->needed);
  free(library->own_source);
  free_list(library->exported_functions);
}

void instrumentation_free(struct instrumentation *facts) {
  for (size_t i = 0; i < facts->function_count; i++) {
    function_facts_free(&facts->functions[i]);
  }
  free(facts->functions);
  free(facts->dropped_files);
  for (size_t i = 0; i < facts->annotation_count; i++) {
    free(facts->annotations[i].callee);
    free(facts->annotations[i].caller);
  }
  free(facts->annotations);
  free_list(facts->files_without_unit);
  for (size_t i = 0; facts->uninstrumented_units && facts->uninstrumented_units[i]; i++)
    free_list(facts->uninstrumented_unit_functions[i]);
  free(facts->uninstrumented_unit_functions);
  free_list(facts->uninstrumented_units);
  free_list(facts->uninstrumented_unit_flags);
  free_list(facts->uninstrumented_unit_callers);
  free_list(facts->report_hooks);
  free_list(facts->default_options);
  free(facts->default_suppressions);
  free(facts->default_suppressions_unread);
  for (size_t i = 0; i < facts->library_count; i++)
    library_facts_free(&facts->libraries[i]);
  free(facts->libraries);
  free_list(facts->report_redirects);
  free_list(facts->replaced_hooks);
  free_list(facts->library_calls);
  free(facts->runtime_unknown);
  *facts = (struct instrumentation){0};
}

void push_string(char ***list, char *text) {
  size_t n = 0;
  while (*list && (*list)[n])
    n++;
  *list = xrealloc(*list, (n + 2) * sizeof **list);
  (*list)[n] = text;
  (*list)[n + 1] = NULL;
}

bool list_holds(char **list, const char *text) {
  for (size_t i = 0; list && list[i]; i++)
    if (strcmp(list[i], text) == 0)
      return true;
  return false;
}

void free_list(char **list) {
  for (size_t i = 0; list && list[i]; i++)
    free(list[i]);
  free(list);
}
