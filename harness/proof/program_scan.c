/* program_scan.c: what the walk over the program's code gathers: calls into the runtime, code targets, names
 * (program_scan.h). */
#include "proof/program_scan.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "proof/compile_units.h"
#include "proof/function_scan.h"
#include "proof/hook_names.h"
#include "proof/off_flags.h"
#include "proof/reachability.h"
#include "proof/runtime_code.h"
#include "proof/runtime_interface.h"
#include "proof/value_numbering.h"

#include <capstone/capstone.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void add_hiding_call(struct instrumentation *facts, enum hiding_kind kind, const char *callee, char *caller) {
  GROW(facts->annotations, facts->annotation_count, facts->annotation_capacity);
  facts->annotations[facts->annotation_count++] = (struct hiding_call){kind, xstrdup(callee), caller};
}

/* A reference from the program's code to `callee` (a call, or its address taken): one into the runtime's interface
 * that is neither instrumentation nor known to be harmless hides reports (runtime_interface.h). */
static void note_reference(const struct function_facts *function, const char *callee, struct program_scan *scan) {
  enum hiding_kind kind;
  if (runtime_call_class(callee, &kind) == RUNTIME_CALL_HIDES)
    add_hiding_call(scan->facts, kind, callee, xstrdup(function->name ? function->name : "?"));
}

void note_callee(struct function_facts *function, const char *callee, struct program_scan *scan) {
  if (!callee) {
    function->makes_calls = true;
    return;
  }
  if (is_entry_exit(callee))
    function->calls_func_entry = true;
  else if (is_access_hook(callee))
    function->calls_access_hook = true;
  else if (!is_after_pass_call(callee))
    function->makes_calls = true;
  if (is_report_redirect(callee)) {
    char *call = xprintf("%s (in %s)", callee, function->name ? function->name : "?");
    bool seen = false;
    for (size_t i = 0; scan->facts->report_redirects && scan->facts->report_redirects[i] && !seen; i++)
      seen = strcmp(scan->facts->report_redirects[i], call) == 0;
    if (seen)
      free(call);
    else
      push_string(&scan->facts->report_redirects, call);
  }
  note_reference(function, callee, scan);
  /* glibc's dlsym and dlvsym (dlfcn.h) reach any exported function by its name, which the program holds as data. */
  if (!scan->lookup && (strcmp(callee, "dlsym") == 0 || strcmp(callee, "dlvsym") == 0)) {
    scan->lookup = strcmp(callee, "dlsym") == 0 ? "dlsym" : "dlvsym";
    scan->lookup_caller = xstrdup(function->name ? function->name : "?");
  }
}

void program_scan_free(struct program_scan *scan) {
  for (size_t i = 0; i < scan->named_count; i++) {
    free(scan->named[i].name);
    free(scan->named[i].holder);
  }
  free(scan->named);
  free(scan->lookup_caller);
  free(scan->targets);
  free(scan->described.pairs);
  free(scan->variables.pairs);
  free(scan->spans);
}

void note_library_call(const struct function_facts *function, const char *callee, struct program_scan *scan) {
  if (!function->file || !callee)
    return;
  for (size_t i = 0; scan->facts->library_calls && scan->facts->library_calls[i]; i++)
    if (strcmp(scan->facts->library_calls[i], callee) == 0)
      return;
  push_string(&scan->facts->library_calls, xstrdup(callee));
}

void note_code_target(const struct function_facts *function, GElf_Addr address, struct program_scan *scan) {
  if (!function->file)
    return;
  GROW(scan->targets, scan->target_count, scan->target_capacity);
  scan->targets[scan->target_count++] = (struct code_target){address, function->file, function->name};
}
void note_address(const struct image *image, const struct function_facts *function, GElf_Addr address,
                  bool address_taken, struct program_scan *scan) {
  /* A function's address handed on (a thread's start, a callback): `lea reg, [rip + f]`, or in a program linked
   * without PIE an immediate that is exactly a function's start. */
  if (is_code(image, address) && (address_taken || symbol_at(image, address, true)))
    note_code_target(function, address, scan);
  /* A data object a file under test points at (a table of function pointers another object defines, without
   * DWARF): its words are read for code addresses like the program's described variables. */
  size_t count = 0;
  const struct symbol *object = function->file && !is_code(image, address) ? symbols_at(image, address, &count) : NULL;
  if (object && object->size) {
    GROW(scan->variables.pairs, scan->variables.count, scan->variables.capacity);
    scan->variables.pairs[scan->variables.count][0] = object->address;
    scan->variables.pairs[scan->variables.count][1] = object->address + object->size;
    scan->variables.count++;
  }
  const char *symbol = symbol_at(image, address, true);
  const char *slot = slot_at(image, address);
  if (symbol || slot) {
    note_reference(function, symbol ? symbol : slot, scan);
    return;
  }
  enum hiding_kind kind;
  const char *text = string_at(image, address);
  /* A function of the program named by a string its code points at: dlsym(RTLD_DEFAULT, "bump") reaches it. */
  for (size_t i = 0; text && *text && function->file && i < image->symbol_count; i++)
    if (strcmp(image->symbols[i].name, text) == 0 && is_code(image, image->symbols[i].address)) {
      note_code_target(function, image->symbols[i].address, scan);
      break;
    }
  if (text && runtime_call_class(text, &kind) == RUNTIME_CALL_HIDES) {
    GROW(scan->named, scan->named_count, scan->named_capacity);
    scan->named[scan->named_count++] =
        (struct named_call){xstrdup(text), xstrdup(function->name ? function->name : "?")};
  }
}
