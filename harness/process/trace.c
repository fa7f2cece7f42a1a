/* trace.c: the process table, kept by ptrace. The tracer only stops the program at forks, clones, execs and signals
 * (never at system calls), so a case runs at full speed between those events. PTRACE_O_EXITKILL takes every tracee
 * down with the harness if the harness itself is killed. */
#include "process/trace.h"
#include "base/procfs.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "process/runtime_variables.h"
#include "process/untraced_clones.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
  TRACE_OPTIONS = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
                  PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL
};

/* The image `pid` runs now, or NULL. */
static struct process_image *current_image(struct process_table *table, long pid) {
  for (size_t i = table->count; i > 0; i--)
    if (table->images[i - 1].pid == pid)
      return table->images[i - 1].end == IMAGE_RUNNING ? &table->images[i - 1] : NULL;
  return NULL;
}

const struct process_image *trace_root_image(const struct process_table *table) {
  /* The program's own images have parent 0; a later process the kernel gave the root's pid has a parent. */
  for (size_t i = table->count; i > 0; i--)
    if (table->images[i - 1].pid == table->root && table->images[i - 1].parent == 0)
      return &table->images[i - 1];
  return NULL;
}

static bool seen(const struct process_table *table, long tid) {
  for (size_t i = 0; i < table->thread_count; i++)
    if (table->threads[i] == tid)
      return true;
  return false;
}

static void remember(struct process_table *table, long tid) {
  GROW(table->threads, table->thread_count, table->thread_capacity);
  table->threads[table->thread_count++] = tid;
}

/* Every entry of the process's environment right after its exec that sets a variable the runtime reads
 * (runtime_variables.h), each occurrence (the
 * runtime's GetEnv takes the first, glibc's getenv too; a program may hold several), NULL-terminated. */
static char **option_variables_of(long pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/environ", pid);
  size_t count = 0, capacity = 4;
  char **entries = xcalloc(capacity, sizeof *entries);
  FILE *file = fopen(path, "re");
  if (!file)
    return entries;
  struct strbuf text = {0};
  read_stream(file, 4 << 20, &text);
  fclose(file);
  for (size_t at = 0; at < text.length; at += strlen(text.data + at) + 1)
    if (entry_sets_runtime_variable(text.data + at)) {
      if (count + 2 > capacity)
        entries = xrealloc(entries, (capacity *= 2) * sizeof *entries);
      entries[count++] = xstrdup(text.data + at);
      entries[count] = NULL;
    }
  strbuf_free(&text);
  return entries;
}

static char **copy_entries(char **entries) {
  size_t count = 0;
  while (entries && entries[count])
    count++;
  char **copy = xcalloc(count + 1, sizeof *copy);
  for (size_t i = 0; i < count; i++)
    copy[i] = xstrdup(entries[i]);
  return copy;
}

static void free_entries(char **entries) {
  for (size_t i = 0; entries && entries[i]; i++)
    free(entries[i]);
  free(entries);
}

static struct process_image *add_image(struct process_table *table, long pid) {
  GROW(table->images, table->count, table->capacity);
  struct process_image *image = &table->images[table->count++];
  *image = (struct process_image){.pid = pid, .end = IMAGE_RUNNING};
  image->log_path = xprintf("%s.%ld", table->log_prefix, pid);
  return image;
}

/* The forked image an exec recorded before its parent's fork event (exec_happened), still waiting for that event
 * to name its parent; NULL when there is none. */
static struct process_image *placeholder(struct process_table *table, long pid) {
  for (size_t i = table->count; i > 0; i--)
    if (table->images[i - 1].pid == pid && table->images[i - 1].forked && table->images[i - 1].parent == -1)
      return &table->images[i - 1];
  return NULL;
}

/* The image's log moves to PREFIX.PID.N (N counts the images its pid ran before it), where no later runtime of the
 * same pid can truncate it: the next image after an exec, or a new process the kernel gives the pid once this one
 * has ended. TSan names logs by pid alone, so this keeps one log per image. */
static void set_log_aside(struct process_table *table, struct process_image *image) {
  unsigned earlier = 0;
  for (struct process_image *other = table->images; other < image; other++)
    earlier += other->pid == image->pid;
  char *moved = xprintf("%s.%ld.%u", table->log_prefix, image->pid, earlier);
  if (rename(image->log_path, moved) == 0 || errno == ENOENT) {
    free(image->log_path);
    image->log_path = moved;
  } else {
    free(moved); /* the log stays where it was; a later runtime may truncate it, and its loss will show */
  }
}

/* The process running `image` ended (its last thread is gone, so it writes no more): its log is set aside. */
static void image_ended(struct process_table *table, struct process_image *image, int status) {
  image->end = WIFEXITED(status) ? IMAGE_EXITED : IMAGE_SIGNALED;
  image->code = WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status);
  set_log_aside(table, image);
}

/* A tid that ended may be handed to a new thread or process: forget it, so that its next first stop is one. */
static void forget_tid(struct process_table *table, long tid) {
  for (size_t i = 0; i < table->thread_count; i++)
    if (table->threads[i] == tid) {
      table->threads[i] = table->threads[--table->thread_count];
      return;
    }
}

/* What the table kept of an earlier tracee of that tid (its end, seen before its fork event) belongs to no one now. */
static void forget_early_exits(struct process_table *table, long tid) {
  size_t kept = 0;
  for (size_t i = 0; i < table->early_exit_count; i++)
    if (table->early_exits[i].tid != tid)
      table->early_exits[kept++] = table->early_exits[i];
  table->early_exit_count = kept;
}

/* A fork, vfork or clone: a new process runs its parent's image; a new thread needs nothing. The child runs on its
 * own, so its exec (or its end) may have been seen before this event of its parent's: then the image recorded for
 * it is completed, not added. */
static void new_tracee(struct process_table *table, long parent_tid, long child, bool clone) {
  long group = proc_thread_group(child);
  /* Gone already: a clone (exit signal other than SIGCHLD) is a thread, in practice; a fork is a process. */
  if (group != child && (group != -1 || clone))
    return;
  long parent = proc_thread_group(parent_tid);
  if (parent == -1)
    parent = parent_tid;
  struct process_image *from = current_image(table, parent);
  /* add_image may move the table: copy what the child inherits first. */
  char *exe = from && from->exe ? xstrdup(from->exe) : NULL;
  bool instrumented = from && from->instrumented;
  char **variables = from ? copy_entries(from->option_variables) : NULL;
  char *unknown = !from           ? xprintf("its parent (tid %ld) was gone before the fork could be traced", parent_tid)
                  : from->unknown ? xstrdup(from->unknown)
                                  : NULL;
  /* An exec seen before this event left a placeholder forked image, parent -1 (exec_happened). */
  struct process_image *image = placeholder(table, child);
  if (image) {
    free(image->exe);
    free_entries(image->option_variables);
    free(image->unknown);
  } else {
    image = add_image(table, child);
    image->forked = true;
  }
  image->exe = exe;
  image->instrumented = instrumented;
  image->option_variables = variables;
  image->unknown = unknown;
  image->parent = parent;
  for (size_t i = 0; i < table->count; i++)
    if (table->images[i].pid == child && table->images[i].parent == -1)
      table->images[i].parent = parent;
  /* It may even have ended already. */
  for (size_t i = 0; i < table->early_exit_count; i++)
    if (table->early_exits[i].tid == child && image->end == IMAGE_RUNNING)
      image_ended(table, image, table->early_exits[i].status);
}

/* The pid now runs a new image. Its old image's log moves aside before the new runtime can truncate it. */
static void exec_happened(struct process_table *table, long pid) {
  struct process_image *old = current_image(table, pid);
  unsigned sequence = 0;
  long parent = 0;
  if (!old && table->count > 0) {
    /* A child that execs before its parent's fork event was handled (the pid has no image, or only those of an
     * ended process that had it before): record its forked image now (its parent and what it inherits come with
     * that event), so that its log is set aside like any other. */
    old = add_image(table, pid);
    old->forked = true;
    old->parent = -1;
  }
  if (old) {
    old->end = IMAGE_EXECED;
    sequence = old->sequence + 1;
    parent = old->parent; /* -1 until the parent's fork event fills it in */
    set_log_aside(table, old);
  }
  char exe_link[64], target[4096];
  snprintf(exe_link, sizeof exe_link, "/proc/%ld/exe", pid);
  ssize_t length = readlink(exe_link, target, sizeof target - 1);
  struct process_image *image = add_image(table, pid);
  image->sequence = sequence;
  image->parent = parent;
  image->exe = length > 0 ? xstrndup(target, (size_t)length) : xstrdup(exe_link);
  int tsan = table->classify ? table->classify(exe_link, table->classify_context) : 0;
  image->instrumented = tsan == 1;
  /* What the executable is, not what it is called: a copy of ld.so under any name still runs another program. */
  struct elf_identity identity;
  if (tsan < 0 || elf_identify(exe_link, &identity) != 0)
    image->unknown =
        xprintf("its executable %s cannot be read (not readable, or the process is not dumpable)", image->exe);
  else if (identity.loader)
    image->unknown = xprintf("it runs a program through the dynamic loader %s (a shared object started without an "
                             "interpreter%s), which hides which program",
                             image->exe, identity.loader_symbols ? " that defines the loader's _dl_ symbols" : "");
  image->option_variables = option_variables_of(pid);
}

/* A thread of some image is about to exit, its memory still mapped (the kernel stops it at PTRACE_EVENT_EXIT before
 * it lets go of its address space: kernel/exit.c, do_exit). What the image has mapped then joins what its earlier
 * exits saw: the loader's and dlopen's choices, as the process made them, up to its last thread. */
static void exit_coming(struct process_table *table, pid_t tid) {
  long group = proc_thread_group(tid);
  struct process_image *image = group > 0 ? current_image(table, group) : NULL;
  char **mapped = image ? proc_mapped_code_files(tid) : NULL;
  for (size_t i = 0; mapped && mapped[i]; i++) {
    size_t count = 0;
    bool seen = false;
    for (; image->loaded_files && image->loaded_files[count]; count++)
      seen |= strcmp(image->loaded_files[count], mapped[i]) == 0;
    if (seen)
      continue;
    image->loaded_files = xrealloc(image->loaded_files, (count + 2) * sizeof *image->loaded_files);
    image->loaded_files[count] = xstrdup(mapped[i]);
    image->loaded_files[count + 1] = NULL;
  }
  free_entries(mapped);
}

bool trace_event(struct process_table *table, pid_t tid, int status) {
  if (WIFEXITED(status) || WIFSIGNALED(status)) {
    struct process_image *image = current_image(table, tid);
    if (!image) {
      /* A thread, or a process whose parent's fork event is still to come: kept for new_tracee. */
      GROW(table->early_exits, table->early_exit_count, table->early_exit_capacity);
      table->early_exits[table->early_exit_count++] = (struct early_exit){tid, status};
      forget_tid(table, tid);
      return false;
    }
    image_ended(table, image, status);
    forget_tid(table, tid);
    return tid == table->root && !image->forked && image->parent == 0;
  }
  if (!WIFSTOPPED(status))
    return false;
  int signal_number = WSTOPSIG(status);
  int event = status >> 16;
  bool first_stop = !seen(table, tid);
  if (first_stop) {
    remember(table, tid);
    forget_early_exits(table, tid);
  }
  if (signal_number == SIGTRAP && event) {
    unsigned long message = 0;
    ptrace(PTRACE_GETEVENTMSG, tid, NULL, &message);
    if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE)
      new_tracee(table, tid, (long)message, event == PTRACE_EVENT_CLONE);
    else if (event == PTRACE_EVENT_EXEC)
      exec_happened(table, tid);
    else if (event == PTRACE_EVENT_EXIT)
      exit_coming(table, tid);
    else if (event == PTRACE_EVENT_SECCOMP && untraced_clones_follow(tid, message))
      table->untraced_clones_followed++;
    ptrace(PTRACE_CONT, tid, NULL, NULL);
    return false;
  }
  if (signal_number == SIGSTOP && first_stop) {
    ptrace(PTRACE_CONT, tid, NULL, NULL); /* a new tracee's first stop, not a signal of the program's */
    return false;
  }
  siginfo_t info;
  if (ptrace(PTRACE_GETSIGINFO, tid, NULL, &info) != 0) {
    /* A group-stop (the program stopped itself): resumed, since nobody else may be there to continue it. */
    ptrace(PTRACE_CONT, tid, NULL, NULL);
    return false;
  }
  ptrace(PTRACE_CONT, tid, NULL, (void *)(long)signal_number); /* delivered as if nobody watched */
  return false;
}

bool trace_knows(const struct process_table *table, long tid) {
  if (tid == table->root || seen(table, tid))
    return true;
  for (size_t i = 0; i < table->count; i++)
    if (table->images[i].pid == tid)
      return true;
  return false;
}

size_t trace_running(const struct process_table *table) {
  size_t running = 0;
  for (size_t i = 0; i < table->count; i++)
    running += table->images[i].end == IMAGE_RUNNING;
  return running;
}

void trace_kill_all(struct process_table *table) {
  for (size_t i = 0; i < table->count; i++)
    if (table->images[i].end == IMAGE_RUNNING) {
      table->images[i].survivor = true;
      kill((pid_t)table->images[i].pid, SIGKILL);
    }
  /* A killed thread group is reported only once the tracer has reaped each of its traced threads: take every
   * event, not only the leaders'. */
  for (int tries = 0; tries < 5000 && trace_running(table) > 0; tries++) {
    int status;
    pid_t tid;
    bool any = false;
    while ((tid = waitpid(-1, &status, WNOHANG | __WALL | __WNOTHREAD)) > 0) {
      any = true;
      if (WIFEXITED(status) || WIFSIGNALED(status))
        trace_event(table, tid, status);
      else
        ptrace(PTRACE_CONT, tid, NULL, NULL); /* stopped on its way out: let SIGKILL finish it */
    }
    if (tid < 0 && errno == ECHILD)
      break;
    if (!any) {
      struct timespec tick = {0, 1000 * 1000};
      nanosleep(&tick, NULL);
    }
  }
}

void process_table_free(struct process_table *table) {
  for (size_t i = 0; i < table->count; i++) {
    free(table->images[i].exe);
    free(table->images[i].log_path);
    free(table->images[i].unknown);
    free_entries(table->images[i].option_variables);
    free_entries(table->images[i].loaded_files);
  }
  free(table->images);
  free(table->threads);
  free(table->early_exits);
  table->early_exits = NULL;
  table->early_exit_count = table->early_exit_capacity = 0;
  table->images = NULL;
  table->threads = NULL;
  table->count = table->capacity = table->thread_count = table->thread_capacity = 0;
}

/* In the child, after the fork: only async-signal-safe calls until the exec. */
_Noreturn static void child_fails(int report_fd, char what, int error_number) {
  char message[1 + sizeof error_number];
  message[0] = what;
  memcpy(message + 1, &error_number, sizeof error_number);
  ssize_t ignored = write(report_fd, message, sizeof message);
  (void)ignored;
  _exit(127);
}

/* The resource limits TSan's runtime sets itself, then re-execs the program to have (compiler-rt
 * tsan_platform_linux.cpp, InitializePlatform: an unlimited stack overlaps the shadow memory, so its soft limit
 * becomes 32 MiB; a limited address space cannot hold the shadow, so it becomes unlimited; then ReExec). Set before
 * the exec, the program starts as the runtime wants it, and its first image is the one that runs: a re-exec would
 * leave an image that never wrote a log. What cannot be set (a hard limit below what the runtime wants) is left to
 * the runtime, which then fails in its own words. */
static void runs_within_tsans_limits(void) {
  struct rlimit limit;
  const rlim_t tsan_stack_limit = 32 * 1024 * 1024;
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY &&
      (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= tsan_stack_limit)) {
    limit.rlim_cur = tsan_stack_limit;
    setrlimit(RLIMIT_STACK, &limit);
  }
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_max == RLIM_INFINITY) {
    limit.rlim_cur = RLIM_INFINITY;
    setrlimit(RLIMIT_AS, &limit);
  }
}

_Noreturn static void become_the_program(char *const *argv, char *const *env, int out_fd, int err_fd, int report_fd) {
  setpgid(0, 0);
  /* Out of the way of 0, 1 and 2 first: when the harness was started with those closed, the pipes may be there. */
  out_fd = fcntl(out_fd, F_DUPFD_CLOEXEC, 10);
  err_fd = fcntl(err_fd, F_DUPFD_CLOEXEC, 10);
  int in = open("/dev/null", O_RDONLY);
  if (in > 0) {
    dup2(in, STDIN_FILENO);
    close(in);
  }
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  const int defaults[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2};
  for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
    signal(defaults[i], SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  runs_within_tsans_limits();
  if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
    child_fails(report_fd, 'T', errno);
  /* Without the filter (another machine, a kernel that refuses it) a clone(CLONE_UNTRACED) child is still found by
   * the log it leaves (evidence.c); with it, the child is followed. */
  untraced_clones_forbid();
  raise(SIGSTOP); /* the tracer sets its options while we wait here */
  if (strchr(argv[0], '/'))
    execve(argv[0], argv, env);
  else
    execvpe(argv[0], argv, env);
  child_fails(report_fd, 'E', errno);
}

static int wait_for(pid_t pid, int *status) {
  for (;;) {
    pid_t got = waitpid(pid, status, __WALL);
    if (got == pid)
      return 0;
    if (got < 0 && errno != EINTR)
      return -1;
  }
}

/* What the child wrote before it gave up: "cannot trace" or "cannot start", with its errno. */
static char *child_failure(int report_fd, const char *program) {
  char message[1 + sizeof(int)];
  ssize_t got = read(report_fd, message, sizeof message);
  if (got != (ssize_t)sizeof message)
    return xprintf("cannot start %s: it ended before its exec", program);
  int error_number;
  memcpy(&error_number, message + 1, sizeof error_number);
  if (message[0] == 'T')
    return xprintf("cannot follow the program's processes: ptrace(PTRACE_TRACEME) failed: %s (is tsan-verify itself "
                   "being traced, or is ptrace forbidden here?)",
                   strerror(error_number));
  return xprintf("cannot start %s: %s", program, strerror(error_number));
}

pid_t trace_spawn(char *const *argv, char *const *env, int out_fd, int err_fd, struct process_table *table,
                  char **error) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) {
    *error = xprintf("cannot create a pipe: %s", strerror(errno));
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    *error = xprintf("cannot fork: %s", strerror(errno));
    close(report[0]);
    close(report[1]);
    return -1;
  }
  if (pid == 0)
    become_the_program(argv, env, out_fd, err_fd, report[1]);
  close(report[1]);
  table->root = pid;
  remember(table, pid);
  int status;
  /* First the child's own SIGSTOP (or its exit, when PTRACE_TRACEME was refused), then its exec or its failure. */
  if (wait_for(pid, &status) != 0 || !WIFSTOPPED(status)) {
    *error = child_failure(report[0], argv[0]);
    close(report[0]);
    return -1;
  }
  if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(TRACE_OPTIONS | untraced_clones_trace_option())) != 0) {
    *error = xprintf("cannot follow the program's processes: ptrace(PTRACE_SETOPTIONS) failed: %s", strerror(errno));
    kill(pid, SIGKILL);
    wait_for(pid, &status);
    close(report[0]);
    return -1;
  }
  ptrace(PTRACE_CONT, pid, NULL, NULL);
  for (;;) {
    if (wait_for(pid, &status) != 0 || WIFEXITED(status) || WIFSIGNALED(status)) {
      *error = child_failure(report[0], argv[0]);
      close(report[0]);
      return -1;
    }
    if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP && (status >> 16) == PTRACE_EVENT_EXEC) {
      trace_event(table, pid, status);
      break;
    }
    /* A signal that came before the exec (say, SIGINT from the terminal's group): deliver it. */
    ptrace(PTRACE_CONT, pid, NULL, (void *)(long)(WIFSTOPPED(status) ? WSTOPSIG(status) : 0));
  }
  close(report[0]);
  return pid;
}
