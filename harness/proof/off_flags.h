/* off_flags.h: the compiler flags that turn TSan's instrumentation off, read from a command line.
 *
 * The rules are cmake/TsanVerifyOffFlags.txt, the one list the CMake module (which refuses them at configure time)
 * and the harness share: the build compiles them in (off_flag_rules.inc, generated from it). The harness reads them
 * against what the compiler recorded of its own command line in each compile unit (DW_AT_producer: gcc records its
 * flags by default, clang with -grecord-gcc-switches), so a unit whose recorded flags turn TSan or part of its
 * instrumentation off is known uninstrumented from the compiler's own record, not guessed from its code. */
#ifndef TSAN_VERIFY_OFF_FLAGS_H
#define TSAN_VERIFY_OFF_FLAGS_H

struct off_flag_rules;

/* The rules compiled (regcomp); NULL with *error when one cannot be (a broken rules file). */
struct off_flag_rules *off_flag_rules_new(char **error);
void off_flag_rules_free(struct off_flag_rules *rules);

/* The word of `command_line` (words split on blanks, a backslash escaping the next character, as clang records
 * them) that leaves some of TSan's instrumentation off: for each rule, the last word matching its "off" or its "on"
 * expression decides; the first rule left off names its word. NULL when every rule ends on; the caller frees it. */
char *off_flag_in_command_line(const struct off_flag_rules *rules, const char *command_line);
/* The same over words already split, NULL-terminated. */
char *off_flag_in_words(const struct off_flag_rules *rules, char *const *words);

#endif
