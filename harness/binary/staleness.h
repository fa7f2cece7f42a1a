/* staleness.h: is a binary built from the sources as they are now? A --binary built before the case's lines moved, or
 * before a header it includes or a file a marker pins changed, would be checked against text it was never built from.
 */
#ifndef TSAN_VERIFY_STALENESS_H
#define TSAN_VERIFY_STALENESS_H

#include "binary/sourceid.h"

/* Compares what the binary's DWARF knows of the case with the file: the MD5 the compiler recorded for it (DWARF 5;
 * clang records one), else the times (the case must not be newer than the binary). Returns 0 when the binary was
 * built from this version of the case; -1 with *problem (one line) when it was not, or when that cannot be known. */
int binary_built_from_case(const char *binary, const struct case_file *case_file, char **problem);

/* What the verdict depends on besides the case's own text. */
struct verdict_sources {
  const char *const *files;     /* the file each `at FILE:LINE` names, each --instrumented file */
  size_t file_count;            /* of files */
  const char *const *functions; /* each `in FUNCTION` */
  size_t function_count;        /* of functions */
  bool every_source;            /* the markers were looked for in every source the DWARF names (tsan-verify EXE) */
  /* The harness built `binary` from the sources as they are, moments ago: only the other images are judged (by their
   * times a fresh build could be refused, for a source dated in the future). */
  bool program_built_here;
  /* The shared libraries the processes loaded whose DWARF names a source that exists here (the project's own, as
   * instrumentation_add_loaded keeps them): their code is under test as the program's is, so they are judged like the
   * executables of `identity`. */
  const char *const *libraries;
  size_t library_count; /* of libraries */
};

/* binary_built_from_case for `binary` (a module of `identity`, its DWARF read once for all; not when
 * also->program_built_here), then every file of every compile unit under test, in every image whose code the verdict
 * rests on: each module of `identity` (the program, each image the processes exec'd) and each of `also->libraries`.
 * The units under test are those that name the case, one of `also->files`, or define one of `also->functions` (with
 * every_source, every unit). Each file is compared with what its unit records: the MD5 (DWARF 5), else the times (not
 * newer than that image); in another image than the program the case is such a file too. A file of such a unit that
 * no longer exists, or that is no file here (a relative folder, and no file of the unit that is the case to place it
 * by), is stale too; under every_source alone it only counts when it exists (markers were read only from files that
 * exist). Returns 0, or -1 with *problem (one line naming the image, the file and what differs). */
int binary_built_from_sources(struct source_identity *identity, const char *binary, const struct verdict_sources *also,
                              char **problem);

#endif
