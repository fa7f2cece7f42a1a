/* suppression_rules.h: the rules of a suppressions file as TSan's runtime reads them, and which of them it counts.
 * The evidence of a run (what the runtime listed as matched) and the checks of what the rules hid both read them. */
#ifndef TSAN_VERIFY_SUPPRESSION_RULES_H
#define TSAN_VERIFY_SUPPRESSION_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* The rules of a suppressions file, one a line as the runtime reads them (sanitizer_suppressions.cpp,
 * SuppressionContext::Parse: blanks trimmed, empty lines and '#' lines skipped), NULL-terminated; none when the file
 * cannot be read (the runtime then stops: "failed to read suppressions file", a verdict of its own). */
char **suppression_file_rules(const char *file_name);
/* The same rules from text already read (a program's compiled-in __tsan_default_suppressions). */
char **suppression_text_rules(const char *text, size_t length);
/* Whether the runtime counts the matches of `rule`, so that they are listed at exit. It counts every rule it matches
 * against a report (tsan_suppressions.cpp IsSuppressed, through SuppressionContext::Match, which counts the hit),
 * but not a called_from_lib rule: that one only makes libignore ignore every interceptor called from the library
 * (tsan_interceptors_posix.cpp InitializeLibIgnore, sanitizer_libignore.cpp LibIgnore::AddIgnoredLibrary and
 * OnLibraryLoaded), so the accesses made through it are never checked, and no list says so. */
bool suppression_rule_is_counted(const char *rule);
void free_rules(char **rules);

#endif
