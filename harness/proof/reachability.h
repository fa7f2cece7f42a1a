/* reachability.h: every code address a file under test reaches, followed to code some unit describes or judged. */
#ifndef TSAN_VERIFY_REACHABILITY_H
#define TSAN_VERIFY_REACHABILITY_H

#include "proof/program_scan.h"

/* The code addresses the program's own variables hold: a table of function pointers, filled at link time (the
 * file's bytes, in a program without PIE) or by the loader (a relocation: R_X86_64_RELATIVE's addend, or a symbol of
 * the program). Each is a function the program may call, reached from the case. */
void note_code_in_variables(const struct image *image, const char *file, struct program_scan *scan);

/* Follows what the functions of the files under test call, jump to or take the address of. A target that no
 * compile unit describes, that is no PLT stub and no function of the runtime is code the harness has not read:
 * assembly in a top-level asm block or a .s file, an object built without -g. It is read here like a function of
 * the file that reaches it, and so judged by the same rules (a store with no hook, no TSan call at all). */
void follow_code_targets(const struct image *image, struct instrumentation *facts, struct program_scan *scan);

#endif
