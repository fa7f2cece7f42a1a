/* Preloaded (LD_PRELOAD) into tsan-verify: a system where no library can be loaded at run time, as when ICU, which
 * the harness loads only when a case's comments hold characters outside ASCII, is not installed. */
#include <stddef.h>

void *dlopen(const char *file, int mode);

void *dlopen(const char *file, int mode) {
  (void)file;
  (void)mode;
  return NULL;
}
