/* background_proof.c: reads the proof of instrumentation on a thread of its own (background_proof.h). */
#include "check/background_proof.h"
#include "base/side_thread.h"
#include "proof/instrumentation.h"

static void *read_proof(void *argument) {
  struct background_proof *proof = argument;
  proof->status = instrumentation_read(proof->binary, proof->files, &proof->facts, &proof->error);
  return NULL;
}

void background_proof_start(struct background_proof *proof, const char *binary, const char **files) {
  *proof = (struct background_proof){.binary = binary, .files = files};
  proof->on_thread = side_thread_start(&proof->thread, read_proof, proof);
  if (!proof->on_thread)
    read_proof(proof);
}

int background_proof_finish(struct background_proof *proof) {
  if (proof->on_thread)
    pthread_join(proof->thread, NULL);
  proof->on_thread = false;
  return proof->status == 0 ? 0 : -1;
}
