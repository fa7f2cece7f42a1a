/* run.c: posix_spawn + poll. The program leads a new process group so that a timeout can kill everything it
 * started; a pidfd (Linux >= 5.3) wakes the loop the moment it exits, with a short poll tick as a fallback. */
#include "process/run.h"
#include "base/procfs.h"
#include "base/signals.h"
#include "base/util.h"
#include "process/runtime_variables.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The name part of "NAME=VALUE" (with its '='), as a length. */
static size_t name_length(const char *entry) {
  const char *equals = strchr(entry, '=');
  return equals ? (size_t)(equals - entry) + 1 : strlen(entry);
}

static bool entry_named(char *const *entries, const char *entry) {
  for (size_t i = 0; entries && entries[i]; i++)
    if (name_length(entries[i]) == name_length(entry) && strncmp(entries[i], entry, name_length(entry)) == 0)
      return true;
  return false;
}

/* What the harness owns of a TSan program's environment (runtime_variables.h): the options variable it gives, and the
 * symbolizer variable of the same runtime, left out. */
static bool harness_sets(const char *entry, const char *tsan_options, const char *ubsan_options) {
  const char *given[RUNTIME_VARIABLE_PAIRS] = {[RUNTIME_TSAN] = tsan_options, [RUNTIME_UBSAN] = ubsan_options};
  for (int i = 0; i < RUNTIME_VARIABLE_PAIRS; i++)
    if (given[i] &&
        (entry_sets(entry, runtime_option_variables[i]) || entry_sets(entry, runtime_symbolizer_variables[i])))
      return true;
  return false;
}

/* Whether the entry's variable name starts with one of `prefixes` (NULL-terminated, or NULL). */
static bool name_starts_with(const char *entry, const char *const *prefixes) {
  for (size_t i = 0; prefixes && prefixes[i]; i++) {
    size_t n = strlen(prefixes[i]);
    if (n < name_length(entry) && strncmp(entry, prefixes[i], n) == 0)
      return true;
  }
  return false;
}

/* environ without the variables whose name starts with one of `cleared`, with the request's `environment` entries set
 * (each replaces a variable of its name), then TSAN_OPTIONS and UBSAN_OPTIONS replaced by the harness's when given
 * (every earlier occurrence goes). Only the entries this function allocated are the caller's to free: the
 * TSAN_OPTIONS and UBSAN_OPTIONS ones. */
static char **environment_with(const char *tsan_options, const char *ubsan_options, char *const *environment,
                               const char *const *cleared) {
  size_t count = 0, added = 0;
  while (environ[count])
    count++;
  while (environment && environment[added])
    added++;
  char **env = xcalloc(count + added + 3, sizeof *env);
  size_t kept = 0;
  for (size_t i = 0; i < count; i++)
    if (!harness_sets(environ[i], tsan_options, ubsan_options) && !entry_named(environment, environ[i]) &&
        !name_starts_with(environ[i], cleared))
      env[kept++] = environ[i];
  for (size_t i = 0; i < added; i++)
    if (!harness_sets(environment[i], tsan_options, ubsan_options) && !entry_named(environment + i + 1, environment[i]))
      env[kept++] = environment[i];
  if (tsan_options)
    env[kept++] = xprintf("TSAN_OPTIONS=%s", tsan_options);
  if (ubsan_options)
    env[kept++] = xprintf("UBSAN_OPTIONS=%s", ubsan_options);
  return env;
}

enum { MAX_LINE = 64 * 1024, KEPT_TSAN_FACTOR = 4 };

static void keep(struct captured *into, const char *bytes, size_t length) {
  into->data = xrealloc(into->data, into->length + length + 1);
  memcpy(into->data + into->length, bytes, length);
  into->length += length;
  into->data[into->length] = '\0';
}

static bool line_starts(const char *line, size_t length, const char *prefix) {
  size_t n = strlen(prefix);
  return length >= n && memcmp(line, prefix, n) == 0;
}

/* Whether the kept text ends inside a report: a WARNING line with no separator line after it. */
static bool ends_inside_report(const struct captured *into) {
  const char *warning = NULL, *separator = NULL;
  for (const char *p = into->data, *end = into->data + into->length; p < end;) {
    const char *newline = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((newline ? newline : end) - p);
    if (line_starts(p, n, "WARNING: ThreadSanitizer: "))
      warning = p;
    else if (line_starts(p, n, "=================="))
      separator = p;
    p = newline ? newline + 1 : end;
  }
  return warning && (!separator || separator < warning);
}

/* One whole line (with its newline, if any) seen past the limit: kept when it is TSan's. */
static void filter_line(struct captured *into, const char *line, size_t length, size_t limit) {
  size_t n = length && line[length - 1] == '\n' ? length - 1 : length;
  bool separator = line_starts(line, n, "==================");
  bool tsan = into->in_report || separator || line_starts(line, n, "WARNING: ThreadSanitizer: ") ||
              line_starts(line, n, "ThreadSanitizer") || line_starts(line, n, "Stats: ") ||
              line_starts(line, n, "FATAL: ") || line_starts(line, n, "==") || line_starts(line, n, "*****");
  if (line_starts(line, n, "WARNING: ThreadSanitizer: "))
    into->in_report = true;
  else if (separator && into->in_report)
    into->in_report = false;
  if (!tsan) {
    into->dropped += length;
  } else if (into->length + length > limit + KEPT_TSAN_FACTOR * limit) {
    into->dropped += length;
    into->lost += length;
  } else {
    keep(into, line, length);
  }
}

static void capture(struct captured *into, const char *bytes, size_t length, size_t limit) {
  if (!into->filtering) {
    size_t room = limit > into->length ? limit - into->length : 0;
    size_t kept = length < room ? length : room;
    if (kept)
      keep(into, bytes, kept);
    if (kept == length)
      return;
    /* Past the limit: finish the current line in the filter, starting from where the kept text left off. */
    into->filtering = true;
    into->in_report = ends_inside_report(into);
    bytes += kept;
    length -= kept;
    const char *last_newline = into->length ? memrchr(into->data, '\n', into->length) : NULL;
    size_t partial = last_newline ? into->length - (size_t)(last_newline + 1 - into->data) : into->length;
    if (partial) {
      into->pending = xmalloc(MAX_LINE + 1);
      memcpy(into->pending, into->data + into->length - partial, partial < MAX_LINE ? partial : MAX_LINE);
      into->pending_length = partial < MAX_LINE ? partial : MAX_LINE;
      into->length -= partial;
      into->data[into->length] = '\0';
    }
  }
  if (!into->pending)
    into->pending = xmalloc(MAX_LINE + 1);
  for (size_t i = 0; i < length; i++) {
    if (into->pending_length < MAX_LINE)
      into->pending[into->pending_length++] = bytes[i];
    else
      into->dropped++; /* an endless line: its tail is not kept */
    if (bytes[i] == '\n') {
      filter_line(into, into->pending, into->pending_length, limit);
      into->pending_length = 0;
    }
  }
}

/* At end of stream: a last line without a newline still goes through the filter. */
static void finish_capture(struct captured *into, size_t limit) {
  if (into->pending_length)
    filter_line(into, into->pending, into->pending_length, limit);
  free(into->pending);
  into->pending = NULL;
  into->pending_length = 0;
}

/* Reads what is available; returns false at end of file. */
static bool drain(int fd, struct captured *into, size_t limit) {
  char chunk[65536];
  for (;;) {
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got > 0) {
      capture(into, chunk, (size_t)got, limit);
      continue;
    }
    if (got < 0 && errno == EINTR)
      continue;
    return got < 0 && errno == EAGAIN;
  }
}

static void kill_group(pid_t group) {
  if (kill(-group, SIGKILL) != 0 && errno != ESRCH) {
    /* nothing more we can do: the group is gone or not ours */
  }
}

/* A signalfd for the held signals (signals.h) the caller has blocked, else -1. */
static int held_signal_fd(void) {
  sigset_t blocked, held, wanted;
  if (sigprocmask(SIG_BLOCK, NULL, &blocked) != 0)
    return -1;
  held_signal_set(&held);
  sigemptyset(&wanted);
  bool any = false;
  for (int signal_number = 1; signal_number <= SIGRTMAX; signal_number++)
    if (sigismember(&held, signal_number) == 1 && sigismember(&blocked, signal_number) == 1) {
      sigaddset(&wanted, signal_number);
      any = true;
    }
  return any ? signalfd(-1, &wanted, SFD_CLOEXEC | SFD_NONBLOCK) : -1;
}

/* Whether the sender of a signal wrote its own pid into it: the kernel fills in the sender for kill() (SI_USER) and
 * tgkill() (SI_TKILL), and lets any other code below 0 through rt_sigqueueinfo as the caller wrote it (kernel/signal.c
 * do_rt_sigqueueinfo: only SI_USER, the kernel's codes and SI_TKILL are refused), so a program can queue SIGTERM
 * naming pid 1. */
static bool sender_unverified(const struct signalfd_siginfo *info) {
  return info->ssi_code < 0 && info->ssi_code != SI_TKILL;
}

/* Whether a signal the harness received was sent by the program: by a process the trace followed, or by a
 * descendant of the harness (the program's processes, and their orphans, which the subreaper adopts). The kernel's
 * own signals (a terminal's ^C, SIGXCPU) and those of anyone else are the caller's. While a program runs, a signal
 * whose sender cannot be verified is taken for the program's: the user stops the harness with kill (SI_USER) or the
 * terminal (SI_KERNEL), whose sender the kernel tells. */
static bool sent_by_the_program(const struct signalfd_siginfo *info, const struct run_result *result) {
  if (sender_unverified(info))
    return true;
  bool user_sent = info->ssi_code == SI_USER || info->ssi_code == SI_TKILL;
  long sender = (long)info->ssi_pid;
  if (!user_sent || sender <= 0 || sender == (long)getpid())
    return false;
  return (result->traced && trace_knows(&result->processes, sender)) || is_descendant(sender);
}

/* Reads every pending held signal: one the program sent is counted and dropped; one from outside that stops a
 * process stops the harness as it would have; any other from outside interrupts the run (result->interrupted_by).
 * Returns true when the run must stop. */
static bool read_held_signals(int fd, struct run_result *result) {
  struct signalfd_siginfo info;
  bool stop = false;
  while (fd >= 0 && read(fd, &info, sizeof info) == (ssize_t)sizeof info) {
    int signal_number = (int)info.ssi_signo;
    if (sent_by_the_program(&info, result)) {
      if (result->signals_from_program++ == 0) {
        result->first_signal_from_program = signal_number;
        result->first_signal_sender = sender_unverified(&info) ? 0 : (long)info.ssi_pid;
      }
    } else if (signal_stops(signal_number)) {
      raise(SIGSTOP);
    } else if (!result->interrupted_by) {
      result->interrupted_by = signal_number;
      stop = true;
    }
  }
  return stop;
}

/* Reaps what is left of the group (as a subreaper, orphaned members are ours to reap) and waits up to
 * `grace` seconds for it to empty; returns true when members were still running and had to be killed. The
 * grace period exists for TSan's own symbolizer, a child that exits just after the program. */
static bool reap_group(pid_t group, double grace) {
  double until = now_seconds() + grace;
  for (;;) {
    while (waitpid(-group, NULL, WNOHANG) > 0)
      ;
    if (kill(-group, 0) != 0)
      return false;
    if (now_seconds() >= until) {
      kill_group(group);
      while (waitpid(-group, NULL, 0) > 0)
        ;
      return true;
    }
    struct timespec tick = {0, 2 * 1000 * 1000};
    nanosleep(&tick, NULL);
  }
}

static void add_child(pid_t **pids, bool **zombie, size_t *count, size_t *capacity, size_t *flags, pid_t pid,
                      char state) {
  GROW(*pids, *count, *capacity);
  GROW(*zombie, *count, *flags);
  (*pids)[*count] = pid;
  (*zombie)[*count] = state == 'Z';
  (*count)++;
}

/* Appends the children the kernel lists for thread `tid` of this process; false when the list cannot be read (the
 * thread ended meanwhile, or the leader ended its own thread with pthread_exit). */
static bool append_task_children(long tid, pid_t **pids, size_t *count, size_t *capacity) {
  char path[64];
  snprintf(path, sizeof path, "/proc/self/task/%ld/children", tid);
  FILE *list = fopen(path, "re");
  if (!list)
    return false;
  long pid;
  while (fscanf(list, "%ld", &pid) == 1) {
    GROW(*pids, *count, *capacity);
    (*pids)[(*count)++] = (pid_t)pid;
  }
  fclose(list);
  return true;
}

/* The kernel's own list, /proc/self/task/TID/children, for the calling thread and for the thread group's leader
 * (orphans adopted as subreaper go to the first live thread, the leader: kernel/exit.c, find_new_reaper). A thread
 * running beside the caller (run_request.alongside) has children of its own that are none of the caller's business.
 * False when the kernel lacks the list (CONFIG_PROC_CHILDREN). */
static bool children_from_task_lists(pid_t **pids, bool **zombie, size_t *count) {
  if (!run_alongside_possible())
    return false;
  long self = (long)syscall(SYS_gettid), leader = (long)getpid();
  pid_t *listed_children = NULL;
  size_t listed_count = 0, listed_capacity = 0;
  append_task_children(self, &listed_children, &listed_count, &listed_capacity);
  if (leader != self)
    append_task_children(leader, &listed_children, &listed_count, &listed_capacity);
  size_t capacity = 0, flags = 0;
  for (size_t i = 0; i < listed_count; i++) {
    char state;
    long ppid;
    if (proc_state(listed_children[i], &state, &ppid))
      add_child(pids, zombie, count, &capacity, &flags, listed_children[i], state);
  }
  free(listed_children);
  return true;
}

int held_signals_wait(int timeout_ms, int wake_fd) {
  int fd = held_signal_fd();
  struct pollfd watched[2];
  nfds_t count = 0;
  if (fd >= 0)
    watched[count++] = (struct pollfd){.fd = fd, .events = POLLIN};
  if (wake_fd >= 0)
    watched[count++] = (struct pollfd){.fd = wake_fd, .events = POLLIN};
  struct run_result outside = {0}; /* no traced process: only the harness's descendants count as the program's */
  if (count && poll(watched, count, timeout_ms) > 0 && fd >= 0 && (watched[0].revents & POLLIN))
    read_held_signals(fd, &outside);
  if (fd >= 0)
    close(fd);
  return outside.interrupted_by;
}

bool run_alongside_possible(void) { return access("/proc/thread-self/children", R_OK) == 0; }

/* This process's children, of the calling thread and of the leader; *zombie says which have exited. Without the
 * kernel's per-thread lists, every child of the process (no run goes alongside another then). */
static size_t own_children(pid_t **pids, bool **zombie) {
  size_t count = 0, capacity = 0, flags = 0;
  *pids = NULL;
  *zombie = NULL;
  if (children_from_task_lists(pids, zombie, &count))
    return count;
  DIR *proc = opendir("/proc");
  if (!proc)
    return 0;
  long self = (long)getpid();
  struct dirent *entry;
  while ((entry = readdir(proc))) {
    char state;
    long ppid;
    if (isdigit((unsigned char)entry->d_name[0]) && proc_state(atol(entry->d_name), &state, &ppid) && ppid == self)
      add_child(pids, zombie, &count, &capacity, &flags, (pid_t)atol(entry->d_name), state);
  }
  closedir(proc);
  return count;
}

static bool listed(const pid_t *pids, size_t count, pid_t pid) {
  for (size_t i = 0; i < count; i++)
    if (pids[i] == pid)
      return true;
  return false;
}

/* The process groups of the runs going on beside this one (run_request.alongside): each is led by a child of another
 * thread of the harness (spawn_plain makes the child lead its own group). A process such a run leaves behind is
 * adopted by the thread group's leader, where it would pass for one of this run's. */
static size_t alongside_groups(pid_t **groups) {
  size_t count = 0, capacity = 0;
  *groups = NULL;
  DIR *tasks = opendir("/proc/self/task");
  if (!tasks)
    return 0;
  long self = (long)syscall(SYS_gettid), leader = (long)getpid();
  struct dirent *task;
  while ((task = readdir(tasks))) {
    long tid = atol(task->d_name);
    if (tid > 0 && tid != self && tid != leader)
      append_task_children(tid, groups, &count, &capacity);
  }
  closedir(tasks);
  return count;
}

/* Descendants that left the program's process group (setsid, setpgid) escape kill(-group). As a subreaper this
 * process inherits them once their parent is gone: every child that was not there before the program started, and
 * is in no group of a run beside this one, is one of them. Kills and reaps them (their own children are inherited in
 * turn); returns true when one still ran. */
static bool kill_escaped(const pid_t *before, size_t before_count) {
  bool killed = false;
  pid_t *beside;
  size_t beside_count = alongside_groups(&beside);
  for (int round = 0; round < 64; round++) {
    pid_t *pids;
    bool *zombie;
    size_t count = own_children(&pids, &zombie);
    bool found = false;
    for (size_t i = 0; i < count; i++) {
      if (listed(before, before_count, pids[i]))
        continue;
      long group = proc_process_group(pids[i]);
      if (group > 0 && listed(beside, beside_count, (pid_t)group))
        continue; /* the run beside this one reaps its own group */
      found = true;
      killed |= !zombie[i];
      kill(pids[i], SIGKILL);
      waitpid(pids[i], NULL, 0);
    }
    free(pids);
    free(zombie);
    if (!found)
      break;
  }
  free(beside);
  return killed;
}

/* Starts the program untraced, through posix_spawn (the compiler, and anything else the harness only runs). */
static pid_t spawn_plain(const struct run_request *request, char **env, int out_fd, int err_fd, char **error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  if (request->working_directory)
    posix_spawn_file_actions_addchdir_np(&actions, request->working_directory);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none, defaults;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  held_signal_set(&defaults); /* with SIGPIPE, which the harness ignores */
  sigaddset(&defaults, SIGCHLD);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  pid_t pid;
  int spawned = strchr(request->argv[0], '/')
                    ? posix_spawn(&pid, request->argv[0], &actions, &attributes, request->argv, env)
                    : posix_spawnp(&pid, request->argv[0], &actions, &attributes, request->argv, env);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    *error = xprintf("cannot start %s: %s", request->argv[0], strerror(spawned));
    return -1;
  }
  return pid;
}

/* Whether the untraced program `pid` has ended, with its wait status. A run alongside another leaves it a zombie until
 * its group is reaped at the end (waitid's WNOWAIT): while it is there, its group is known to be this run's
 * (alongside_groups), and the other run takes no orphan of it for one of its own. */
static bool program_ended(pid_t pid, bool alongside, int *status) {
  if (!alongside)
    return waitpid(pid, status, WNOHANG) == pid;
  siginfo_t info = {0};
  if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != pid)
    return false;
  /* The status waitpid would give: the exit code in the second byte, or the signal (0x80: a core was dumped). */
  *status = info.si_code == CLD_EXITED ? (info.si_status & 0xff) << 8
                                       : info.si_status | (info.si_code == CLD_DUMPED ? 0x80 : 0);
  return true;
}

/* Every pending tracee event; returns true when the root process ended among them. */
static bool collect_trace_events(struct process_table *table) {
  bool root_ended = false;
  int status;
  pid_t tid;
  /* __WNOTHREAD: the tracees are this thread's; a run alongside (the compiler's reading) reaps its own. */
  while ((tid = waitpid(-1, &status, WNOHANG | __WALL | __WNOTHREAD)) > 0)
    root_ended |= trace_event(table, tid, status);
  return root_ended;
}

int run_program(const struct run_request *request, struct run_result *result, char **error) {
  *result = (struct run_result){0};
  /* Orphans of the program's group become our children, so they can be reaped instead of lingering as zombies
   * that would look like survivors. */
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  pid_t *children_before = NULL;
  bool *zombie_before = NULL;
  size_t children_before_count = request->alongside ? 0 : own_children(&children_before, &zombie_before);
  free(zombie_before);
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    *error = xprintf("cannot create a pipe: %s", strerror(errno));
    free(children_before);
    return -1;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    *error = xprintf("cannot create a pipe: %s", strerror(errno));
    close(out_pipe[0]);
    close(out_pipe[1]);
    free(children_before);
    return -1;
  }
  /* A traced run learns of every event through SIGCHLD, read from a signalfd. */
  sigset_t sigchld, mask_before;
  sigemptyset(&sigchld);
  sigaddset(&sigchld, SIGCHLD);
  int childfd = -1;
  if (request->trace) {
    sigprocmask(SIG_BLOCK, &sigchld, &mask_before);
    childfd = signalfd(-1, &sigchld, SFD_CLOEXEC | SFD_NONBLOCK);
    result->traced = true;
    result->processes.log_prefix = request->log_prefix;
    result->processes.classify = request->classify;
    result->processes.classify_context = request->classify_context;
  }
  char **env = request->tsan_options || request->ubsan_options || request->environment || request->cleared_prefixes
                   ? environment_with(request->tsan_options, request->ubsan_options, request->environment,
                                      request->cleared_prefixes)
                   : environ;
  double started = now_seconds();
  pid_t pid = request->trace ? trace_spawn(request->argv, env, out_pipe[1], err_pipe[1], &result->processes, error)
                             : spawn_plain(request, env, out_pipe[1], err_pipe[1], error);
  if (env != environ) {
    for (size_t i = 0; env[i]; i++)
      if (harness_sets(env[i], request->tsan_options, request->ubsan_options))
        free(env[i]);
    free(env);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (childfd >= 0)
      close(childfd);
    if (request->trace)
      sigprocmask(SIG_SETMASK, &mask_before, NULL);
    free(children_before);
    return -1;
  }
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl(err_pipe[0], F_SETFL, O_NONBLOCK);
  int pidfd = request->trace ? -1 : (int)syscall(SYS_pidfd_open, pid, 0);
  int stopfd = request->alongside ? -1 : held_signal_fd();
  double deadline = request->timeout_seconds > 0 ? started + request->timeout_seconds : 0;
  bool out_open = true, err_open = true, exited = false;
  int status = 0;
  double exited_at = 0;
  for (;;) {
    if (!exited) {
      if (request->trace) {
        exited = collect_trace_events(&result->processes);
      } else if (program_ended(pid, request->alongside, &status)) {
        exited = true;
        if (pidfd >= 0) {
          close(pidfd);
          pidfd = -1;
        }
      }
      if (exited)
        exited_at = now_seconds();
    } else if (request->trace) {
      collect_trace_events(&result->processes); /* what the program started may still be ending */
    }
    bool others_running = request->trace && trace_running(&result->processes) > 0;
    if (exited && !out_open && !err_open && !others_running)
      break; /* nothing left to read or wait for: polling again would only sleep a tick */
    double now = now_seconds();
    /* TSan's symbolizer ends once the program closed its pipe: give it time, more when traced (a loaded machine
     * was seen to need more than 0.5 s), before taking what still runs for a survivor. */
    if (exited && (out_open || err_open || others_running) && now - exited_at > (request->trace ? 2.0 : 0.5)) {
      /* Something the program started still runs, or holds the pipes: it outlived the program. */
      result->group_survivors = true;
      kill_group(pid);
      if (request->trace)
        trace_kill_all(&result->processes);
      drain(out_pipe[0], &result->out, request->capture_limit);
      drain(err_pipe[0], &result->err, request->capture_limit);
      break;
    }
    if (!exited && deadline && now >= deadline) {
      kill_group(pid);
      if (request->trace)
        trace_kill_all(&result->processes);
      else
        waitpid(pid, &status, 0);
      result->end = RUN_TIMED_OUT;
      exited = true;
      exited_at = now;
      drain(out_pipe[0], &result->out, request->capture_limit);
      drain(err_pipe[0], &result->err, request->capture_limit);
      break;
    }
    struct pollfd fds[5];
    nfds_t count = 0;
    if (out_open)
      fds[count++] = (struct pollfd){.fd = out_pipe[0], .events = POLLIN};
    if (err_open)
      fds[count++] = (struct pollfd){.fd = err_pipe[0], .events = POLLIN};
    if (!exited && pidfd >= 0)
      fds[count++] = (struct pollfd){.fd = pidfd, .events = POLLIN};
    if (childfd >= 0)
      fds[count++] = (struct pollfd){.fd = childfd, .events = POLLIN};
    if (stopfd >= 0)
      fds[count++] = (struct pollfd){.fd = stopfd, .events = POLLIN};
    int tick = exited ? 50 : (pidfd >= 0 || childfd >= 0 ? 1000 : 10);
    if (request->cancelled && tick > 20)
      tick = 20; /* nothing wakes the poll when the other thread cancels */
    if (exited && others_running)
      tick = 5;
    if (deadline && !exited) {
      int left = (int)((deadline - now) * 1000) + 1;
      if (left < tick)
        tick = left;
    }
    if (poll(fds, count, tick) < 0 && errno != EINTR)
      break;
    bool stop = false;
    for (nfds_t i = 0; i < count; i++) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      if (fds[i].fd == stopfd) {
        stop |= read_held_signals(stopfd, result);
        continue;
      }
      if (fds[i].fd == childfd) {
        struct signalfd_siginfo info;
        while (read(childfd, &info, sizeof info) == (ssize_t)sizeof info)
          ; /* the events themselves come from waitpid */
        continue;
      }
      if (fds[i].fd == out_pipe[0])
        out_open = drain(out_pipe[0], &result->out, request->capture_limit);
      else if (fds[i].fd == err_pipe[0])
        err_open = drain(err_pipe[0], &result->err, request->capture_limit);
    }
    if (request->cancelled && *request->cancelled && !result->interrupted_by) {
      result->interrupted_by = (int)*request->cancelled;
      stop = true;
    }
    if (stop) {
      kill_group(pid);
      if (request->trace)
        trace_kill_all(&result->processes);
      else if (!exited)
        waitpid(pid, &status, 0);
      break;
    }
  }
  if (pidfd >= 0)
    close(pidfd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  if (reap_group(pid, result->end == RUN_TIMED_OUT || request->trace ? 0 : 0.5) && result->end != RUN_TIMED_OUT)
    result->group_survivors = true;
  if (!request->alongside && kill_escaped(children_before, children_before_count) && result->end != RUN_TIMED_OUT)
    result->group_survivors = true;
  /* What the program sent just before it ended is still pending: every process of it is gone now, so nothing it
   * sends can come later and stay for the harness's next step. */
  read_held_signals(stopfd, result);
  if (stopfd >= 0)
    close(stopfd);
  /* An interruption from outside stays the harness's until it acts on it: the signal is left pending again (it is
   * held, so it waits), and whatever the harness does next, another run or its last look (held_signals_wait), ends by
   * it. A caller that only asked a compiler a question would otherwise lose a cancelled job's SIGTERM. */
  if (result->interrupted_by && !request->alongside)
    kill(getpid(), result->interrupted_by);
  free(children_before);
  if (request->trace) {
    close(childfd);
    sigprocmask(SIG_SETMASK, &mask_before, NULL);
  }
  result->seconds = now_seconds() - started;
  if (result->end != RUN_TIMED_OUT) {
    const struct process_image *root = request->trace ? trace_root_image(&result->processes) : NULL;
    if (request->trace) {
      result->end = root && root->end == IMAGE_SIGNALED ? RUN_SIGNALED : RUN_EXITED;
      result->code = root && root->end != IMAGE_RUNNING ? root->code : SIGKILL;
      if (root && root->end == IMAGE_RUNNING)
        result->end = RUN_SIGNALED; /* interrupted: the harness killed it */
    } else if (WIFSIGNALED(status)) {
      result->end = RUN_SIGNALED;
      result->code = WTERMSIG(status);
    } else {
      result->end = RUN_EXITED;
      result->code = WEXITSTATUS(status);
    }
  }
  finish_capture(&result->out, request->capture_limit);
  finish_capture(&result->err, request->capture_limit);
  if (!result->out.data)
    result->out.data = xstrdup("");
  if (!result->err.data)
    result->err.data = xstrdup("");
  return 0;
}

void run_result_free(struct run_result *result) {
  process_table_free(&result->processes);
  free(result->out.data);
  free(result->err.data);
  free(result->out.pending);
  free(result->err.pending);
  *result = (struct run_result){0};
}
