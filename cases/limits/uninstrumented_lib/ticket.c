/* ticket.c: the uninstrumented library of the limits/uninstrumented_lib_* cases (see ticket.h). Built without
 * TSan, so none of its loads, stores or atomic builtins reach the runtime; only the libc calls it makes go
 * through TSan's interceptors, since those are found by symbol, whoever calls them. */
#include "ticket.h"

#include <string.h>

static int lock_word;
static int calls;
static char message[64];

void ticket_lock(void) {
  while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
    continue;
}

void ticket_unlock(void) { __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE); }

void ticket_count(void) { calls += 1; }

int ticket_total(void) { return calls; }

void ticket_note(const char *text) { memcpy(message, text, strlen(text) + 1); }

const char *ticket_last_note(void) { return message; }
