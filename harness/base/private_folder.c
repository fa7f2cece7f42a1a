/* private_folder.c: the check's own folder, made absolute, and removed whatever is in it. */
#include "base/private_folder.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *private_folder_create(char **error) {
  const char *tmp = getenv("TMPDIR");
  const char *base = tmp && *tmp ? tmp : "/tmp";
  char *absolute = NULL;
  if (base[0] == '/') {
    absolute = xstrdup(base);
  } else {
    char *here = getcwd(NULL, 0);
    if (!here) {
      *error = xprintf("cannot create a private folder in TMPDIR=%s: it is relative, and the current folder cannot "
                       "be named: %s",
                       base, strerror(errno));
      return NULL;
    }
    absolute = xprintf("%s/%s", here, base);
    free(here);
  }
  char *folder = xprintf("%s/tsan-verify.XXXXXX", absolute);
  /* The folder is quoted in TSAN_OPTIONS' log_path, where a double quote would end the value; and its path is
   * written into TSan's reports (the compiled program's frames), where a line break or another control character
   * would break the report's lines apart. Both are named here rather than misread later. */
  const char *unusable = NULL;
  for (const unsigned char *c = (const unsigned char *)folder; *c && !unusable; c++)
    unusable = *c == '"'                 ? "a double quote"
               : *c == '\n'              ? "a line break"
               : *c < 0x20 || *c == 0x7f ? "a control character"
                                         : NULL;
  if (unusable) {
    struct strbuf shown = {0};
    strbuf_append_escaped(&shown, absolute, strlen(absolute), false, true);
    *error = xprintf("cannot create a private folder in TMPDIR=%s: its name holds %s, which cannot travel through "
                     "TSan's options and reports (set TMPDIR to a folder without it)",
                     shown.data, unusable);
    strbuf_free(&shown);
    free(absolute);
    free(folder);
    return NULL;
  }
  if (!mkdtemp(folder)) {
    *error = xprintf("cannot create a private folder in %s: %s", absolute, strerror(errno));
    free(absolute);
    free(folder);
    return NULL;
  }
  free(absolute);
  return folder;
}

void anchor_tmpdir(void) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp || tmp[0] == '/')
    return;
  char *here = getcwd(NULL, 0);
  if (!here)
    return;
  char *absolute = xprintf("%s/%s", here, tmp);
  setenv("TMPDIR", absolute, 1);
  free(absolute);
  free(here);
}

/* Empties the folder open at `fd` (which it closes), descending into subfolders; returns 0 when it is empty. */
static int empty_folder(int fd) {
  DIR *folder = fdopendir(fd);
  if (!folder) {
    close(fd);
    return -1;
  }
  int status = 0;
  struct dirent *entry;
  while ((entry = readdir(folder))) {
    const char *name = entry->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
      continue;
    if (unlinkat(dirfd(folder), name, 0) == 0)
      continue;
    if (errno != EISDIR && errno != EPERM) {
      status = -1;
      continue;
    }
    /* A folder: made ours to read, write and enter, emptied, then removed. */
    fchmodat(dirfd(folder), name, S_IRWXU, 0);
    int child = openat(dirfd(folder), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (child < 0 || empty_folder(child) != 0 || unlinkat(dirfd(folder), name, AT_REMOVEDIR) != 0)
      status = -1;
  }
  closedir(folder);
  return status;
}

void private_folder_remove(const char *path) {
  chmod(path, S_IRWXU);
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return;
  if (empty_folder(fd) == 0)
    rmdir(path);
}
