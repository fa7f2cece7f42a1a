/* background_proof.h: the proof of instrumentation of a program's binary, read while the program runs.
 *
 * The proof reads the binary's ELF, DWARF and code (proof/instrumentation.h) and needs nothing of the run but the
 * libraries the processes loaded, which are added after it. Read on a thread of its own while the harness waits for
 * the program, it costs the check no wall time on a machine with a core to spare: the harness's overhead over a
 * direct run (python3 -m bench overhead) is what it does after the run. */
#ifndef TSAN_VERIFY_BACKGROUND_PROOF_H
#define TSAN_VERIFY_BACKGROUND_PROOF_H

#include "proof/instrumentation_facts.h"

#include <pthread.h>
#include <stdbool.h>

struct background_proof {
  const char *binary;
  const char **files; /* the files under test, NULL-terminated; owned by the caller until background_proof_finish */
  struct instrumentation facts;
  char *error;
  int status;
  bool on_thread; /* false when no thread could start: the proof was read at once */
  pthread_t thread;
};

/* Starts reading the proof of `binary` for `files`. The thread inherits the caller's signal mask: the harness holds
 * its signals for its whole life (base/signals.h), so none the program sends lands on it. */
void background_proof_start(struct background_proof *proof, const char *binary, const char **files);
/* Waits for the proof. Returns 0 with proof->facts read, or -1 with proof->error saying why (then the facts hold
 * nothing to free). */
int background_proof_finish(struct background_proof *proof);

#endif
