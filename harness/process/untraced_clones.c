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
  /* The filter's data on a stop: where the flags are. */
  FLAGS_IN_RDI = 1, /* clone, x86-64 and x32: the first argument */
  FLAGS_IN_RBX = 2, /* clone, i386 (int 0x80): ebx */
  ARGS_AT_RDI = 3,  /* clone3, x86-64 and x32: the first argument points at struct clone_args */
  ARGS_AT_RBX = 4,  /* clone3, i386 */
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
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE3_I386, 7, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CLONE_I386, 0, 4),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, DATA_ARG0_LOW),
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_UNTRACED, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | FLAGS_IN_RBX),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      /* clone3, x86-64 and x32 (i386's jumps to the next one) */
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | ARGS_AT_RDI),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | ARGS_AT_RBX),
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
  if (message == FLAGS_IN_RDI || message == FLAGS_IN_RBX) {
    unsigned long long *flags = message == FLAGS_IN_RDI ? &registers.rdi : &registers.rbx;
    *flags &= ~(unsigned long long)CLONE_UNTRACED;
    return ptrace(PTRACE_SETREGS, tid, NULL, &registers) == 0;
  }
  if (message != ARGS_AT_RDI && message != ARGS_AT_RBX)
    return false;
  /* clone3: the flags are the first 64 bits of struct clone_args (include/uapi/linux/sched.h), which the kernel
   * copies in when the call goes on (kernel/fork.c copy_clone_args_from_user). */
  unsigned long long address = message == ARGS_AT_RDI ? registers.rdi : registers.rbx & 0xffffffffULL;
  errno = 0;
  long flags = ptrace(PTRACE_PEEKDATA, tid, (void *)address, NULL);
  if (errno != 0 || !(flags & CLONE_UNTRACED))
    return false; /* unreadable: the kernel refuses the call with EFAULT as well */
  flags &= ~(long)CLONE_UNTRACED;
  return ptrace(PTRACE_POKEDATA, tid, (void *)address, (void *)flags) == 0;
}

#else

bool untraced_clones_forbid(void) { return false; }
long untraced_clones_trace_option(void) { return 0; }
bool untraced_clones_follow(pid_t tid, unsigned long message) {
  (void)tid, (void)message;
  return false;
}

#endif
