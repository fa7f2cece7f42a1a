/* build_inputs.h: whether the compiler's reading of a source read what the program's build read for it. The reading
 * (`cc FLAGS -E -C`, compiler_reading.h) is made with the flags the harness was given, in the harness's environment;
 * the build may have had others (another configuration's flags, a launcher's variables or defines, CPATH set only in
 * the build's shell, a response file edited since), and a header it read that the reading did not (one whose #line
 * lands on the case's lines) would go unseen. The program says what its build read: each unit's DWARF file table,
 * which `-fdebug-macro` (clang) and `-g3` (gcc) make complete (every file the preprocessor opened), with an MD5 per
 * file in clang's DWARF 5. */
#ifndef TSAN_VERIFY_BUILD_INPUTS_H
#define TSAN_VERIFY_BUILD_INPUTS_H

#include "binary/dwarfinfo.h"

#include <stddef.h>

/* Whether the reading `text` of `source`, run in `folder`, read every file `info`'s unit of `source` names: by real
 * path, else (a name that is no file here: a prefix map, a moved tree) by the MD5 the unit records, else by the file's
 * base name. Returns 0 when it did, or when no unit of the program is `source`'s (a header: it is read within the
 * case's unit); -1 with *error naming the first file the build read and the reading did not. */
int build_inputs_check(const struct dwarf_info *info, const char *source, const char *text, size_t length,
                       const char *folder, char **error);

#endif
