/* staleness.h: is a binary built from the case as it is now? A --binary built before the case's lines moved would
 * be checked against markers it was never built for. */
#ifndef TSAN_VERIFY_STALENESS_H
#define TSAN_VERIFY_STALENESS_H

#include "binary/sourceid.h"

/* Compares what the binary's DWARF knows of the case with the file: the MD5 the compiler recorded for it (DWARF 5;
 * clang records one), else the times (the case must not be newer than the binary). Returns 0 when the binary was
 * built from this version of the case; -1 with *problem (one line) when it was not, or when that cannot be known. */
int binary_built_from_case(const char *binary, const struct case_file *case_file, char **problem);

#endif
