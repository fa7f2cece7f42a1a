/* signals.h: the signals the harness holds while it runs programs, and who sent one.
 *
 * A program's parent is the harness, and a program may signal it: SIGUSR1 "ready", SIGALRM or SIGXCPU passed on, a
 * real-time signal, SIGTSTP. Whatever the program sends must neither end nor stop the harness, or its temporary
 * folder stays and the verdict is lost; whatever the user (or the kernel) sends must act as it always does, after
 * the cleanup. So every signal whose default action ends or stops a process is blocked for the harness's whole life
 * and read from a signalfd while a program runs (run.c), where its sender decides what it means. */
#ifndef TSAN_VERIFY_SIGNALS_H
#define TSAN_VERIFY_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* Every signal whose default action (signal(7)) terminates, dumps core or stops the process, except SIGKILL and
 * SIGSTOP, which cannot be blocked: the standard ones and every real-time signal the C library leaves to programs. */
void held_signal_set(sigset_t *set);
/* Blocks the held set (and ignores SIGPIPE: a closed stdout is the caller's business, and a write says EPIPE). */
void hold_signals(void);
/* Lets a held signal the harness received from outside act by its default action, once the cleanup is done: the
 * harness ends the way its caller expects of that signal. Does nothing for 0. */
void act_on_signal(int received);
/* Whether the default action of `signal_number` stops the process (SIGTSTP, SIGTTIN, SIGTTOU). */
bool signal_stops(int signal_number);
/* "SIGALRM", "SIGRTMIN+3": the signal's name, into `name`. */
void signal_spelling(int signal_number, char name[static 32]);

#endif
