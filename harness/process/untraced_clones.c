/* untraced_clones.c: a seccomp filter that stops clone(CLONE_UNTRACED) for the tracer (see untraced_clones.h). */
#include "process/untraced_clones.h"

#include <errno.h>
#include <stddef.h>
#include <sys/prctl.h>

#if defined(__x86_64__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/user.h>

enum {
  X32_BIT = 0x40000000,
  CLONE_X86_64 = 56,
  CLONE3_X86_64 = 435,
  CLONE_I386 = 120,
  CLONE3_I386 = 435,
  /* The filter's data on a stop: which register holds the flags. */
  FLAGS_IN_RDI = 1, /* x86-64 and x32: the first argument */
  FLAGS_IN_RBX = 2, /* i386 (int 0x80): ebx */
};

/* Offsets in struct seccomp_data: the call's number, its ABI, and the low 32 bits of its first argument (little
 * endian; CLONE_UNTRACED, 0x00800000, is among them). */
#define DATA_NR offsetof(struct seccomp_data, nr)
#define DATA_ARCH offsetof(struct seccomp_data, arch)
#define DATA_ARG0_LOW offsetof(struct seccomp_data, args[0])

bool untraced_clones_forbid(void) {
  struct sock_filter program[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_ARCH),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 9),
      /* x86-64 and x32 */
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_NR),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE3_X86_64, 16, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, X32_BIT | CLONE3_X86_64, 15, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE_X86_64, 1, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, X32_BIT | CLONE_X86_64, 0, 12),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_ARG0_LOW),
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_UNTRACED, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | FLAGS_IN_RDI),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      /* i386 */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 7),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_NR),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE3_I386, 6, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE_I386, 0, 4),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_ARG0_LOW),
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_UNTRACED, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | FLAGS_IN_RBX),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      /* clone3 */
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
  };
  struct sock_fprog filter = {.len = sizeof program / sizeof *program, .filter = program};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return false;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) == 0;
}

long untraced_clones_trace_option(void) { return PTRACE_O_TRACESECCOMP; }

bool untraced_clones_follow(pid_t tid, unsigned long message) {
  struct user_regs_struct registers;
  if (ptrace(PTRACE_GETREGS, tid, NULL, &registers) != 0)
    return false;
  if (message == FLAGS_IN_RDI)
    registers.rdi &= ~(unsigned long long)CLONE_UNTRACED;
  else if (message == FLAGS_IN_RBX)
    registers.rbx &= ~(unsigned long long)CLONE_UNTRACED;
  else
    return false;
  return ptrace(PTRACE_SETREGS, tid, NULL, &registers) == 0;
}

#else

bool untraced_clones_forbid(void) { return false; }
long untraced_clones_trace_option(void) { return 0; }
bool untraced_clones_follow(pid_t tid, unsigned long message) {
  (void)tid, (void)message;
  return false;
}

#endif
