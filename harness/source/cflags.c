/* cflags.c: relative paths in the user's compiler flags, anchored to the folder they were written for. */
#include "source/cflags.h"
#include "base/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *absolute_path(const char *path, const char *base) {
  return path[0] == '/' ? xstrdup(path) : xprintf("%s/%s", base, path);
}

static bool exists_under(const char *path, const char *base) {
  char *full = absolute_path(path, base);
  struct stat info;
  bool exists = stat(full, &info) == 0;
  free(full);
  return exists;
}

/* The options of gcc's and clang's drivers whose value, written attached, is a folder or file to read ("Options
 * for Directory Search" and "-include" in gcc's manual). The longer names come first: "-isystem" before "-I". */
static const char *const path_options[] = {"-idirafter", "-isystem", "-iquote", "-imacros",
                                           "-include",   "-I",       "-L",      NULL};

static char *anchored(const char *word, const char *base) {
  if (word[0] != '-' && word[0] != '@')
    return word[0] != '/' && exists_under(word, base) ? absolute_path(word, base) : xstrdup(word);
  if (word[0] == '@')
    return word[1] && word[1] != '/' && exists_under(word + 1, base) ? xprintf("@%s/%s", base, word + 1)
                                                                     : xstrdup(word);
  for (size_t i = 0; path_options[i]; i++) {
    size_t n = strlen(path_options[i]);
    if (strncmp(word, path_options[i], n) == 0 && word[n] && word[n] != '/' && word[n] != '=')
      return xprintf("%s%s/%s", path_options[i], base, word + n);
  }
  return xstrdup(word);
}

char **cflags_words(const char *flags, const char *base) { return cflags_words_with(flags, NULL, base); }

char **cflags_words_with(const char *flags, char *const *whole_words, const char *base) {
  size_t whole_count = 0;
  while (whole_words && whole_words[whole_count])
    whole_count++;
  char **words = xcalloc(strlen(flags) / 2 + whole_count + 2, sizeof *words);
  size_t count = 0;
  char *copy = xstrdup(flags);
  for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
    words[count++] = anchored(w, base);
  free(copy);
  for (size_t i = 0; i < whole_count; i++)
    words[count++] = anchored(whole_words[i], base);
  return words;
}

/* The driver options whose value may be the next word (`-I include`, `-o prog`, `-x c`): that word is the option's,
 * never an input, whatever it names. */
static const char *const options_with_a_separate_value[] = {
    "-I",        "-L",       "-o",      "-x",         "-D",        "-U",          "-include",
    "-imacros",  "-isystem", "-iquote", "-idirafter", "-isysroot", "-iprefix",    "-iwithprefix",
    "-MF",       "-MT",      "-MQ",     "-Xclang",    "-Xlinker",  "-Xassembler", "-Xpreprocessor",
    "-target",   "-arch",    "-T",      "-z",         "-l",        "-u",          "-e",
    "-aux-info", "--param",  NULL};

/* The suffixes the drivers compile as a source (gcc's manual, "Options Controlling the Kind of Output"). */
static const char *const source_suffixes[] = {".c", ".i", ".ii", ".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++",
                                              ".C", ".s", ".S",  ".sx", ".m",  ".mi",  ".mm",  ".M",   NULL};

bool cflags_word_is_source(char *const *words, size_t index) {
  const char *word = words[index];
  if (word[0] == '-' || word[0] == '@')
    return false;
  for (size_t i = 0; index > 0 && options_with_a_separate_value[i]; i++)
    if (strcmp(words[index - 1], options_with_a_separate_value[i]) == 0)
      return false;
  const char *slash = strrchr(word, '/');
  const char *dot = strrchr(slash ? slash + 1 : word, '.');
  bool source = false;
  for (size_t i = 0; dot && source_suffixes[i] && !source; i++)
    source = strcmp(dot, source_suffixes[i]) == 0;
  struct stat info;
  return source && stat(word, &info) == 0 && S_ISREG(info.st_mode);
}

void free_words(char **words) {
  for (size_t i = 0; words && words[i]; i++)
    free(words[i]);
  free(words);
}
