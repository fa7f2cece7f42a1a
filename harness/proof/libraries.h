/* libraries.h: the program's own shared libraries: found, read and judged like the program's units. */
#ifndef TSAN_VERIFY_LIBRARIES_H
#define TSAN_VERIFY_LIBRARIES_H

#include "proof/code_image.h"
#include "proof/instrumentation_facts.h"
#include "proof/off_flags.h"

/* Adds the shared object at `path` to facts->libraries, under the name the program asks the loader for (`needed`),
 * with what its imports, exports, DWARF and code show (`needed` NULL: its DT_SONAME, else its file name). With
 * `own_sources_only`, a library whose DWARF names no source that exists here is not added. Returns whether it was. */
bool add_library(struct instrumentation *facts, const char *path, const char *needed, bool own_sources_only,
                 const struct off_flag_rules *rules);

/* The DT_SONAME of the shared object at `path`, or NULL. */
char *shared_object_name(const char *path);

/* The program's own shared objects: DT_NEEDED names found in its DT_RUNPATH or DT_RPATH folders ($ORIGIN
 * expanded), and those the link named by an absolute path. */
void read_libraries(const char *binary, const struct image *image, struct instrumentation *facts,
                    const struct off_flag_rules *rules);

#endif
