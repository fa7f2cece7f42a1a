/* normalize.h: a report as text that is the same on every machine with the same toolchain. */
#ifndef TSAN_VERIFY_NORMALIZE_H
#define TSAN_VERIFY_NORMALIZE_H

#include "report/report.h"

/* Renders the log's reports without addresses, pids, tids, thread states, BuildIds and module offsets; source
 * paths under `root` (an absolute folder, or NULL) are printed relative to it, all paths lexically normalized. */
char *normalize_log(const struct tsan_log *log, const char *root);
/* The folder normalized (and SARIF) paths are relative to, absolute and resolved: `folder` when given (an error
 * when it is not a folder), else the top of the git work tree holding the current folder, else the current folder.
 * NULL with *error set on failure. */
char *normalize_root(const char *folder, char **error);

#endif
