/* corpus.c: SV-COMP task definitions (through libyaml) and TSV label lists into tasks. */
#include "score/corpus.h"
#include "base/readfile.h"
#include "base/util.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

/* SV-COMP task files are optional (CMake option TSAN_VERIFY_SVCOMP, off when libyaml is missing); TSV lists are not. */
#if TSAN_VERIFY_HAVE_YAML
#include <yaml.h>
#endif

static bool ends_with(const char *text, const char *suffix) {
  size_t tl = strlen(text), sl = strlen(suffix);
  return tl >= sl && strcmp(text + tl - sl, suffix) == 0;
}

static char *folder_of(const char *path) {
  char *copy = xstrdup(path);
  char *folder = xstrdup(dirname(copy));
  free(copy);
  return folder;
}

static char *beside(const char *path, const char *file) {
  if (file[0] == '/')
    return xstrdup(file);
  char *folder = folder_of(path);
  char *joined = xprintf("%s/%s", folder, file);
  free(folder);
  return joined;
}

/* "corpora/svcomp/race.yml" -> "svcomp/race". */
static char *task_name(const char *path, const char *file) {
  char *folder = folder_of(path);
  char *folder_copy = xstrdup(folder);
  const char *folder_base = basename(folder_copy);
  char *file_copy = xstrdup(file);
  char *stem = xstrdup(basename(file_copy));
  char *dot = strrchr(stem, '.');
  if (dot && dot != stem)
    *dot = '\0';
  char *name = xprintf("%s/%s", folder_base, stem);
  free(stem);
  free(file_copy);
  free(folder_copy);
  free(folder);
  return name;
}

static void add_source(const char *path, struct corpus_task *task, const char *file) {
  task->sources = xrealloc(task->sources, (task->source_count + 1) * sizeof *task->sources);
  task->sources[task->source_count++] = beside(path, file);
}

#if TSAN_VERIFY_HAVE_YAML
static yaml_node_t *mapping_value(yaml_document_t *document, yaml_node_t *mapping, const char *key) {
  if (!mapping || mapping->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start; pair < mapping->data.mapping.pairs.top; pair++) {
    yaml_node_t *name = yaml_document_get_node(document, pair->key);
    if (name && name->type == YAML_SCALAR_NODE && strcmp((const char *)name->data.scalar.value, key) == 0)
      return yaml_document_get_node(document, pair->value);
  }
  return NULL;
}

static const char *scalar(yaml_node_t *node) {
  return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static int read_task(const char *path, yaml_document_t *document, struct corpus_task *task, char **error) {
  yaml_node_t *root = yaml_document_get_root_node(document);
  yaml_node_t *inputs = mapping_value(document, root, "input_files");
  if (!inputs) {
    *error = xprintf("%s:1: no input_files in the task definition", path);
    return -1;
  }
  size_t line = inputs->start_mark.line + 1;
  if (scalar(inputs)) {
    add_source(path, task, scalar(inputs));
  } else if (inputs->type == YAML_SEQUENCE_NODE) {
    for (yaml_node_item_t *item = inputs->data.sequence.items.start; item < inputs->data.sequence.items.top; item++) {
      const char *file = scalar(yaml_document_get_node(document, *item));
      if (!file) {
        *error = xprintf("%s:%zu: input_files lists something that is not a file name", path, line);
        return -1;
      }
      add_source(path, task, file);
    }
  }
  if (task->source_count == 0) {
    *error = xprintf("%s:%zu: input_files names no file", path, line);
    return -1;
  }
  task->name = task_name(path, task->sources[0]);
  yaml_node_t *properties = mapping_value(document, root, "properties");
  if (properties && properties->type == YAML_SEQUENCE_NODE) {
    for (yaml_node_item_t *item = properties->data.sequence.items.start; item < properties->data.sequence.items.top;
         item++) {
      yaml_node_t *property = yaml_document_get_node(document, *item);
      const char *file = scalar(mapping_value(document, property, "property_file"));
      if (!file || !ends_with(file, "no-data-race.prp"))
        continue;
      yaml_node_t *verdict_node = mapping_value(document, property, "expected_verdict");
      const char *verdict = scalar(verdict_node);
      if (verdict && (strcmp(verdict, "true") == 0 || strcmp(verdict, "false") == 0)) {
        task->buggy = strcmp(verdict, "false") == 0;
        return 0;
      }
      *error = xprintf("%s:%zu: the no-data-race property needs expected_verdict true or false", path,
                       property->start_mark.line + 1);
      return -1;
    }
  }
  task->skip_reason =
      xprintf("%s: no property_file ending in no-data-race.prp (this scorer checks data races only)", path);
  return 0;
}

static int read_svcomp(const char *path, struct corpus *corpus, char **error) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    *error = xprintf("%s: cannot read: %s", path, strerror(errno));
    return -1;
  }
  yaml_parser_t parser;
  yaml_document_t document;
  if (!yaml_parser_initialize(&parser)) {
    fclose(file);
    *error = xprintf("%s: cannot start the YAML parser", path);
    return -1;
  }
  yaml_parser_set_input_file(&parser, file);
  int status = 0;
  if (!yaml_parser_load(&parser, &document)) {
    *error = xprintf("%s:%zu: %s", path, parser.problem_mark.line + 1, parser.problem ? parser.problem : "bad YAML");
    status = -1;
  } else {
    struct corpus_task task = {0};
    status = read_task(path, &document, &task, error);
    if (status == 0) {
      GROW(corpus->tasks, corpus->task_count, corpus->task_capacity);
      corpus->tasks[corpus->task_count++] = task;
    } else {
      for (size_t i = 0; i < task.source_count; i++)
        free(task.sources[i]);
      free(task.sources);
      free(task.name);
      free(task.skip_reason);
    }
    yaml_document_delete(&document);
  }
  yaml_parser_delete(&parser);
  fclose(file);
  return status;
}

#else
static int read_svcomp(const char *path, struct corpus *corpus, char **error) {
  (void)corpus;
  *error = xprintf("%s: this tsan-verify was built without its SV-COMP part (TSAN_VERIFY_SVCOMP=OFF: libyaml was not "
                   "found, or the option was turned off), so it cannot read SV-COMP task files; a FILE<TAB>LABEL "
                   "list works",
                   path);
  return -1;
}
#endif

/* The third column's words, split at blanks; a word not starting with '-' (a source, a folder after -I) is a path
 * relative to the list, as FILE is. */
static char **task_flags(const char *path, const char *column) {
  size_t capacity = strlen(column) / 2 + 2, count = 0;
  char **words = xcalloc(capacity, sizeof *words);
  char *copy = xstrdup(column);
  for (char *save = NULL, *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save))
    words[count++] = word[0] == '-' ? xstrdup(word) : beside(path, word);
  free(copy);
  if (count == 0) {
    free(words);
    return NULL;
  }
  return words;
}

static void free_flags(char **flags) {
  for (size_t i = 0; flags && flags[i]; i++)
    free(flags[i]);
  free(flags);
}

struct list_reading {
  const char *path; /* the list: FILE and the flags' paths are relative to its folder */
  struct corpus *corpus;
};

/* One row of a FILE<TAB>LABEL list: its task added to the corpus, or why it cannot be. */
static char *read_list_row(char *line, void *context) {
  struct list_reading *reading = context;
  char *tab = strchr(line, '\t');
  char *flags_tab = tab ? strchr(tab + 1, '\t') : NULL;
  if (flags_tab)
    *flags_tab = '\0';
  if (!tab || tab == line || (strcmp(tab + 1, "bug") != 0 && strcmp(tab + 1, "correct") != 0) ||
      (flags_tab && strchr(flags_tab + 1, '\t')))
    return xstrdup("expected FILE<TAB>bug or FILE<TAB>correct, then optionally <TAB>FLAGS");
  *tab = '\0';
  struct corpus_task task = {.buggy = strcmp(tab + 1, "bug") == 0};
  task.flags = flags_tab ? task_flags(reading->path, flags_tab + 1) : NULL;
  add_source(reading->path, &task, line);
  task.name = task_name(reading->path, line);
  struct corpus *corpus = reading->corpus;
  GROW(corpus->tasks, corpus->task_count, corpus->task_capacity);
  corpus->tasks[corpus->task_count++] = task;
  return NULL;
}

static int read_tsv(const char *path, struct corpus *corpus, char **error) {
  struct list_reading reading = {path, corpus};
  return read_table_rows(path, read_list_row, &reading, error);
}

int corpus_read(const char *path, struct corpus *corpus, char **error) {
  if (ends_with(path, ".yml") || ends_with(path, ".yaml"))
    return read_svcomp(path, corpus, error);
  return read_tsv(path, corpus, error);
}

void corpus_free(struct corpus *corpus) {
  for (size_t i = 0; i < corpus->task_count; i++) {
    for (size_t s = 0; s < corpus->tasks[i].source_count; s++)
      free(corpus->tasks[i].sources[s]);
    free(corpus->tasks[i].sources);
    free_flags(corpus->tasks[i].flags);
    free(corpus->tasks[i].name);
    free(corpus->tasks[i].skip_reason);
  }
  free(corpus->tasks);
  *corpus = (struct corpus){0};
}
