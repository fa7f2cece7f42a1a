/* openmp.c: an OpenMP case's toolchain, runtime and run (openmp.h). */
#include "check/openmp.h"
#include "base/util.h"
#include "process/run.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const openmp_cleared_prefixes[] = {"OMP_", "GOMP_", "KMP_", "LIBOMP_", "ARCHER_", NULL};

char *openmp_package(const struct toolchain *toolchain) {
  if (strcmp(toolchain->family, "clang") == 0 && toolchain->major)
    return xprintf("libomp-%d-dev", toolchain->major);
  if (strcmp(toolchain->family, "gcc") == 0 && toolchain->major)
    return xprintf("libgcc-%d-dev", toolchain->major);
  return xstrdup("its OpenMP runtime");
}

/* The first line of `text` that says "error" or "cannot find" (the linker's "cannot find -lomp" comes before the
 * driver's "linker command failed"), else its first line; "(no message)" when it is empty. */
static char *first_error_line(const char *text) {
  const char *chosen = NULL;
  for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    size_t length = strcspn(line, "\n");
    if (!chosen)
      chosen = line;
    if (memmem(line, length, "error", 5) || memmem(line, length, "cannot find", 11)) {
      chosen = line;
      break;
    }
  }
  return chosen ? xstrndup(chosen, strcspn(chosen, "\n")) : xstrdup("(no message)");
}

int openmp_probe(const char *compiler, const char *folder, char **why) {
  /* A parallel region, so that -fopenmp must both compile the pragma and link the runtime it calls. */
  static const char program[] = "int main(void) {\n  int n = 0;\n#pragma omp parallel reduction(+ : n)\n  n++;\n"
                                "  return n == 0;\n}\n";
  char *source = xprintf("%s/openmp-probe.c", folder);
  char *output = xprintf("%s/openmp-probe", folder);
  FILE *file = fopen(source, "w");
  if (!file || fputs(program, file) == EOF || fclose(file) != 0) {
    *why = xprintf("cannot write %s: %s", source, strerror(errno));
    free(source);
    free(output);
    return -1;
  }
  char *argv[] = {(char *)compiler, "-fsanitize=thread", "-fopenmp", "-pthread", source, "-o", output, NULL};
  char *tmpdir = xprintf("TMPDIR=%s", folder);
  char *const environment[] = {tmpdir, NULL};
  struct run_request request = {.argv = argv,
                                .timeout_seconds = 300,
                                .capture_limit = 1 << 20,
                                .working_directory = folder,
                                .environment = environment};
  struct run_result run;
  char *error = NULL;
  int status;
  if (run_program(&request, &run, &error) != 0) {
    *why = error;
    status = -1;
  } else {
    status = run.end == RUN_EXITED && run.code == 0 && access(output, X_OK) == 0 ? 0 : 1;
    if (status)
      *why = first_error_line(run.err.data ? run.err.data : "");
    run_result_free(&run);
  }
  unlink(source);
  unlink(output);
  free(tmpdir);
  free(source);
  free(output);
  return status;
}

/* The program's dynamic loader (PT_INTERP), or NULL when it has none (a static program) or cannot be read. */
static char *interpreter_of(const char *binary) {
  int fd = open(binary, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  char *found = NULL;
  elf_version(EV_CURRENT);
  Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
  size_t count = 0;
  if (elf && elf_kind(elf) == ELF_K_ELF && elf_getphdrnum(elf, &count) == 0) {
    for (size_t i = 0; i < count && !found; i++) {
      GElf_Phdr header;
      if (!gelf_getphdr(elf, (int)i, &header) || header.p_type != PT_INTERP || header.p_filesz < 2 ||
          header.p_filesz > PATH_MAX)
        continue;
      char *path = xcalloc(header.p_filesz + 1, 1);
      if (pread(fd, path, header.p_filesz, (off_t)header.p_offset) == (ssize_t)header.p_filesz &&
          path[header.p_filesz - 1] == '\0' && path[0] == '/')
        found = path;
      else
        free(path);
    }
  }
  if (elf)
    elf_end(elf);
  close(fd);
  return found;
}

/* Which runtime a library's name (what the program asks for, or the file it resolves to) is. */
static enum openmp_runtime_kind runtime_named(const char *name) {
  const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
  if (starts_with(base, "libomp.so"))
    return OPENMP_LIBOMP;
  if (starts_with(base, "libgomp.so"))
    return OPENMP_LIBGOMP;
  return OPENMP_NONE;
}

int openmp_runtime_of(const char *binary, char *const *environment, struct openmp_runtime *runtime, char **error) {
  *runtime = (struct openmp_runtime){OPENMP_NONE, NULL, NULL, false};
  char *loader = interpreter_of(binary);
  if (!loader) {
    *error = xprintf("%s has no dynamic loader (PT_INTERP) to ask which OpenMP runtime it loads", binary);
    return -1;
  }
  /* The loader lists what it would load and stops, running none of the program (glibc's ld.so --list, which ldd
   * runs): the same search the run makes, in the same environment (a libtool wrapper's LD_LIBRARY_PATH). */
  char *argv[] = {loader, "--list", (char *)binary, NULL};
  struct run_request request = {
      .argv = argv, .environment = environment, .timeout_seconds = 60, .capture_limit = 1 << 20};
  struct run_result run;
  char *run_error = NULL;
  if (run_program(&request, &run, &run_error) != 0) {
    *error = xprintf("cannot run %s --list %s: %s", loader, binary, run_error);
    free(run_error);
    free(loader);
    return -1;
  }
  /* Lines "\tNAME => PATH (0xADDRESS)", or "\tNAME => not found". */
  bool listed = false;
  for (const char *line = run.out.data; line && *line && runtime->kind == OPENMP_NONE;
       line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    size_t length = strcspn(line, "\n");
    char *text = xstrndup(line, length);
    char *arrow = strstr(text, " => ");
    listed |= arrow != NULL;
    if (arrow) {
      *arrow = '\0';
      char *name = text + strspn(text, " \t");
      char *target = arrow + 4;
      target[strcspn(target, " (")] = '\0';
      char real[PATH_MAX];
      bool found = strcmp(target, "not") != 0 && realpath(target, real);
      /* The file decides where it exists: Debian's libomp-N-dev installs libgomp.so.1 as a link to libomp. */
      enum openmp_runtime_kind kind = found ? runtime_named(real) : OPENMP_NONE;
      if (kind == OPENMP_NONE)
        kind = runtime_named(name);
      if (kind != OPENMP_NONE) {
        runtime->kind = kind;
        runtime->needed = xstrdup(name);
        runtime->path = found ? xstrdup(real) : NULL;
        runtime->missing = !found;
      }
    }
    free(text);
  }
  int status = 0;
  if (!listed && runtime->kind == OPENMP_NONE) {
    char *line = first_error_line(run.err.data ? run.err.data : "");
    *error = xprintf("%s --list %s listed no library (%s %d): %s", loader, binary,
                     run.end == RUN_EXITED ? "exit status" : "signal", run.code, line);
    free(line);
    status = -1;
  }
  run_result_free(&run);
  free(loader);
  return status;
}

void openmp_runtime_free(struct openmp_runtime *runtime) {
  free(runtime->needed);
  free(runtime->path);
  *runtime = (struct openmp_runtime){OPENMP_NONE, NULL, NULL, false};
}

char *openmp_archer_beside(const char *libomp_path) {
  const char *slash = strrchr(libomp_path, '/');
  if (!slash)
    return NULL;
  char *archer = xprintf("%.*s/libarcher.so", (int)(slash - libomp_path), libomp_path);
  if (access(archer, R_OK) == 0)
    return archer;
  free(archer);
  return NULL;
}
