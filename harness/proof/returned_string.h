/* returned_string.h: the string constant a function of the program returns, read from its code: what the runtime
 * gets when it calls the program's __tsan_default_suppressions. */
#ifndef TSAN_VERIFY_RETURNED_STRING_H
#define TSAN_VERIFY_RETURNED_STRING_H

#include "proof/code_image.h"

/* The NUL-terminated string in the image's read-only data that the function `name` returns on every path, copied,
 * or NULL with *why saying what the harness could not follow (a branch, a call, a value it cannot trace to constant
 * data). Only straight-line code that ends in `ret` with rax (or eax, non-PIE) holding a constant address is read. */
char *returned_string(const struct image *image, const char *name, char **why);

#endif
