/* normalize.h: a report as text that is the same on every machine with the same toolchain. */
#ifndef TSAN_VERIFY_NORMALIZE_H
#define TSAN_VERIFY_NORMALIZE_H

#include "report.h"

/* Renders the log's reports without addresses, pids, tids, thread states, BuildIds and module offsets; source
 * paths under `root` (an absolute folder, or NULL) are printed relative to it, all paths lexically normalized. */
char *normalize_log(const struct tsan_log *log, const char *root);
/* The folder normalized paths are relative to, for a case: the parent of the case's folder
 * ("/x/cases/seed/a.c" -> "/x/cases"'s parent "/x", so frames read "cases/seed/a.c"). NULL when unresolvable. */
char *normalize_root_for(const char *case_path);

#endif
