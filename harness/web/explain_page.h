/* explain_page.h: what the build embeds in the site's explain page (explain_page_data.c, written by
 * cmake/EmbedExplainData.cmake): the patterns file, and the header of each fix case it names. */
#ifndef TSAN_VERIFY_EXPLAIN_PAGE_H
#define TSAN_VERIFY_EXPLAIN_PAGE_H

#include <stddef.h>

/* The path `tsan-verify explain` names the patterns file by, relative to the source tree, and its text. */
extern const char explain_page_patterns_path[];
extern const char explain_page_patterns[];

/* A fix case the patterns name ("locks/lock_write_only_fixed") and its file's text up to the end of its header
 * comment: all that the fix line is read from (case_header_first_sentence). */
struct explain_page_case {
  const char *name;
  const char *header;
};
extern const struct explain_page_case explain_page_cases[];
extern const size_t explain_page_case_count;

#endif
