/* untraced_clones.h: no process of the program escapes the trace through clone(CLONE_UNTRACED).
 *
 * ptrace follows every fork, vfork and clone of a tracee, except one whose flags hold CLONE_UNTRACED
 * (kernel/fork.c kernel_clone: "trace" stays 0 when CLONE_UNTRACED is set): such a child runs unwatched, and with its
 * own options its runtime can report to no file the harness knows. So the program runs under a seccomp filter, set
 * before its exec and inherited by everything it starts: a clone whose flags hold CLONE_UNTRACED stops for the
 * tracer, which clears the flag (the child is then followed like any other); every clone3, whose flags lie in memory
 * a filter cannot read, stops too, and the tracer clears the flag in the struct clone_args it points at (glibc's
 * pthread_create calls clone3 first: one more stop per thread). x86-64 only (its x32 and i386 system calls too); on
 * other machines, and where the kernel refuses the filter, the program runs without it. */
#ifndef TSAN_VERIFY_UNTRACED_CLONES_H
#define TSAN_VERIFY_UNTRACED_CLONES_H

#include <stdbool.h>
#include <sys/types.h>

/* In the child, after PTRACE_TRACEME and before its exec: sets the filter (with PR_SET_NO_NEW_PRIVS, which an
 * unprivileged process needs for it). Whether it is in force. */
bool untraced_clones_forbid(void);
/* The ptrace option that makes the filter's stops reach the tracer (PTRACE_O_TRACESECCOMP), or 0 where there is no
 * filter. */
long untraced_clones_trace_option(void);
/* At a PTRACE_EVENT_SECCOMP stop of `tid` with event message `message`: clears CLONE_UNTRACED from the flags of the
 * clone it is about to make. Whether it did. */
bool untraced_clones_follow(pid_t tid, unsigned long message);

#endif
