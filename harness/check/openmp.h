/* openmp.h: what an OpenMP case (`// uses-openmp: threads=N [tool=archer]`, MARKERS.md) needs of the machine and of
 * its run: a toolchain that can build OpenMP programs, the OpenMP runtime the program loads, and the environment the
 * harness gives it. */
#ifndef TSAN_VERIFY_OPENMP_H
#define TSAN_VERIFY_OPENMP_H

#include "binary/toolchain.h"

/* The prefixes of the variables an OpenMP case's run never takes from the harness's environment: the OpenMP
 * standard's (OMP_: the team size, the thread limit, the tool to load), libgomp's (GOMP_), libomp's (KMP_, LIBOMP_)
 * and Archer's (ARCHER_OPTIONS, whose enable=0 turns it off). NULL-terminated. */
extern const char *const openmp_cleared_prefixes[];

/* The distribution package that holds the OpenMP runtime `toolchain` links with -fopenmp (Debian and Ubuntu
 * names: libomp-N-dev for clang N, libgcc-N-dev for gcc N), or "its OpenMP runtime" when the toolchain is unknown.
 * The caller frees it. */
char *openmp_package(const struct toolchain *toolchain);

/* Builds a one-line OpenMP program with `compiler -fsanitize=thread -fopenmp` in `folder`. 0 when it builds, 1 when
 * the compiler refuses (*why: its first error line, e.g. "cannot find -lomp"), -1 when the compiler cannot be started
 * (*why says why). The caller frees *why. */
int openmp_probe(const char *compiler, const char *folder, char **why);

enum openmp_runtime_kind {
  OPENMP_NONE,    /* the program loads no OpenMP runtime */
  OPENMP_LIBOMP,  /* LLVM's libomp (clang -fopenmp) */
  OPENMP_LIBGOMP, /* GCC's libgomp (gcc -fopenmp) */
};

struct openmp_runtime {
  enum openmp_runtime_kind kind;
  char *needed; /* the name the program asks the loader for ("libomp.so.5"); NULL for OPENMP_NONE */
  char *path;   /* where the loader finds it, its real path; NULL when it finds none (`missing`) */
  bool missing; /* the loader finds no file for `needed`: the runtime is not installed */
};

/* The OpenMP runtime `binary` loads, as its own dynamic loader resolves its libraries (`LOADER --list BINARY`, what
 * ldd runs) in the program's environment `environment` ("NAME=VALUE" entries added to the harness's, NULL-terminated,
 * or NULL). 0, or -1 with *error when the loader cannot say. Free with openmp_runtime_free. */
int openmp_runtime_of(const char *binary, char *const *environment, struct openmp_runtime *runtime, char **error);
void openmp_runtime_free(struct openmp_runtime *runtime);

/* LLVM's Archer beside the libomp at `libomp_path` (the same folder: a tool speaks the OMPT interface of the runtime
 * built with it), or NULL when that folder holds none. The caller frees it. */
char *openmp_archer_beside(const char *libomp_path);

#endif
