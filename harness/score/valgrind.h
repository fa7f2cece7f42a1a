/* valgrind.h: Helgrind's and DRD's `--xml=yes` output read into the same report data type as TSan's, so that
 * matching and scoring are one code path for every detector. */
#ifndef TSAN_VERIFY_VALGRIND_H
#define TSAN_VERIFY_VALGRIND_H

#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>

/* Parses one Valgrind XML log (protocol version 4, tools helgrind and drd). Each <error> becomes a report whose
 * kind is TSan's headline for the same mistake where there is one ("data race", "lock-order-inversion (potential
 * deadlock)", "unlock of an unlocked mutex (or by a wrong thread)", ...), else the tool's own text. The log's
 * runtime_version is "TOOL VERSION" ("helgrind 3.19.0"), runtime_started/finished say whether the tool's status
 * went RUNNING and FINISHED, and first_line is the line of the report's <error>. Returns 0, or -1 with *error
 * ("line N: ...") when the XML is malformed or is not Valgrind's. */
int valgrind_xml_parse(const char *text, size_t length, struct tsan_log *log, char **error);
/* Reads and parses a file; errors name it: "path:line: ...". */
int valgrind_xml_read(const char *path, struct tsan_log *log, char **error);
/* The document one process image wrote in a traced run (detect.c), and the pid it names in its <pid> (0: none).
 * `replaced`: the image exec'd, and Valgrind stopped writing its document where the exec found it, inside its
 * <valgrindoutput>: the elements it finished are read, and the text may end anywhere after them. */
int valgrind_xml_read_image(const char *path, bool replaced, struct tsan_log *log, long *pid, char **error);
/* NULL when this build reads Valgrind's XML; else why it cannot (built without expat: TSAN_VERIFY_VALGRIND=OFF),
 * and both functions above fail with that reason. */
const char *valgrind_xml_unavailable(void);

#endif
