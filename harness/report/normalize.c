/* normalize.c: golden-file text from parsed reports. Re-rendering from data (instead of editing the raw text)
 * means whatever the parser understood is printed the same way, and whatever varies is simply not printed. */
#include "report/normalize.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Removes " at 0x1234", " (0x1234)", "(tid=12, running)" style variable parts from a section title. */
static char *scrub_title(const char *title) {
  struct strbuf out = {0};
  const char *p = title;
  while (*p) {
    if (starts_with(p, " at 0x")) {
      p += strlen(" at 0x");
      while (isxdigit((unsigned char)*p))
        p++;
      continue;
    }
    if (starts_with(p, " (0x") || starts_with(p, " (tid=")) {
      const char *close = strchr(p, ')');
      if (close) {
        p = close + 1;
        continue;
      }
    }
    if (*p == ' ' && p[1] == '(' && strstr(p, "+0x") && strchr(p, ')') && strstr(p, "+0x") < strchr(p, ')') &&
        !memchr(p + 2, ' ', (size_t)(strchr(p, ')') - p - 2))) {
      p = strchr(p, ')') + 1; /* " (module+0x1476280)" */
      continue;
    }
    if (starts_with(p, "0x")) {
      p += 2;
      while (isxdigit((unsigned char)*p))
        p++;
      strbuf_puts(&out, "0x...");
      continue;
    }
    strbuf_append(&out, p, 1);
    p++;
  }
  return strbuf_release(&out);
}

static char *relative_path(const char *file, const char *root) {
  char *clean = lexical_path(file);
  size_t n = root ? strlen(root) : 0;
  if (n && strncmp(clean, root, n) == 0 && clean[n] == '/') {
    char *relative = xstrdup(clean + n + 1);
    free(clean);
    return relative;
  }
  return clean;
}

/* "data race /abs/cases/seed/no_lock.c:16:15 in update" -> the path relativized; "(exe+0x..)" and
 * "(BuildId: ..)" groups dropped. The kind is printed from the report itself, since it may hold parentheses. */
static void render_summary(struct strbuf *out, const struct tsan_report *report, const char *root) {
  const char *rest = report->summary;
  if (starts_with(rest, report->kind))
    rest += strlen(report->kind);
  char *copy = xstrdup(rest);
  strbuf_printf(out, "SUMMARY: ThreadSanitizer: %s", report->kind);
  bool in_build_id = false;
  for (char *save = NULL, *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
    if (in_build_id) {
      in_build_id = !strchr(word, ')');
      continue;
    }
    if (starts_with(word, "(BuildId:")) {
      in_build_id = !strchr(word, ')');
      continue;
    }
    if (word[0] == '(' && strstr(word, "+0x"))
      continue;
    if (word[0] == '/') {
      char *relative = relative_path(word, root);
      strbuf_printf(out, " %s", relative);
      free(relative);
    } else {
      strbuf_printf(out, " %s", word);
    }
  }
  strbuf_puts(out, "\n");
  free(copy);
}

char *normalize_log(const struct tsan_log *log, const char *root) {
  struct strbuf out = {0};
  for (size_t r = 0; r < log->report_count; r++) {
    const struct tsan_report *report = &log->reports[r];
    strbuf_printf(&out, "WARNING: ThreadSanitizer: %s\n", report->kind);
    for (size_t s = 0; s < report->section_count; s++) {
      const struct tsan_section *section = &report->sections[s];
      if (section->title[0]) {
        char *title = scrub_title(section->title);
        strbuf_printf(&out, "  %s\n", title);
        free(title);
      }
      for (size_t f = 0; f < section->frame_count; f++) {
        const struct tsan_frame *frame = &section->frames[f];
        strbuf_printf(&out, "    #%d %s", frame->index, frame->function);
        if (frame->file) {
          char *file = relative_path(frame->file, root);
          strbuf_printf(&out, " %s", file);
          free(file);
          if (frame->line)
            strbuf_printf(&out, ":%d", frame->line);
          if (frame->column)
            strbuf_printf(&out, ":%d", frame->column);
        } else {
          strbuf_puts(&out, " <null>");
        }
        strbuf_puts(&out, "\n");
      }
      strbuf_puts(&out, "\n");
    }
    if (report->summary)
      render_summary(&out, report, root);
    strbuf_puts(&out, "==================\n");
  }
  return strbuf_release(&out);
}

char *normalize_root(const char *folder, char **error) {
  char resolved[PATH_MAX];
  if (folder) {
    if (!realpath(folder, resolved)) {
      *error = xprintf("--root %s: %s", folder, strerror(errno));
      return NULL;
    }
    struct stat info;
    if (stat(resolved, &info) != 0 || !S_ISDIR(info.st_mode)) {
      *error = xprintf("--root %s: not a folder", folder);
      return NULL;
    }
    return xstrdup(resolved);
  }
  if (!getcwd(resolved, sizeof resolved)) {
    *error = xprintf("cannot read the current folder: %s", strerror(errno));
    return NULL;
  }
  /* The work tree's top: the nearest folder upwards holding .git (a folder, or a file in a worktree). */
  char *top = xstrdup(resolved);
  for (;;) {
    char *git = xprintf("%s/.git", top);
    bool found = access(git, F_OK) == 0;
    free(git);
    if (found)
      return top;
    char *slash = strrchr(top, '/');
    if (!slash || slash == top)
      break;
    *slash = '\0';
  }
  free(top);
  return xstrdup(resolved);
}
