/* ticket.h: a tiny library that cases/CMakeLists.txt builds WITHOUT -fsanitize=thread, as a third-party
 * library would be, for the limits/uninstrumented_lib_* cases. */
#ifndef TICKET_H
#define TICKET_H

/* A spinlock made of the compiler's atomic builtins: correct, but invisible to TSan here. */
void ticket_lock(void);
void ticket_unlock(void);

/* Counts a call with a plain increment and no lock: racy, and TSan never sees it. */
void ticket_count(void);
int ticket_total(void);

/* Copies `text` into the library's one message buffer with memcpy(), with no lock; the last note is kept. */
void ticket_note(const char *text);
const char *ticket_last_note(void);

#endif
