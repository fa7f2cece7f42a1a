/* p09_outlives.c: principle 9 of docs/HOSTILE.md, the harness outlives the program. Whatever signal the program
 * sends its parent (the harness) neither ends nor stops it; a signal from outside still acts, after the cleanup; the
 * private folder always goes, whatever the program left in it; the compiler works in that folder, so nothing it
 * writes beside its working directory stays in the user's. Each test runs the built tsan-verify as a user would. */
#include "base/private_folder.h"
#include "base/util.h"
#include "process/run.h"
#include "support.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *scratch;

static void setup(void) {
  unset_user_environment();
  scratch = make_scratch_dir();
}

/* The library's own removal: a failed test may leave a folder of mode 000 behind, which nftw cannot empty. */
static void cleanup(void) {
  if (scratch)
    private_folder_remove(scratch);
  free(scratch);
  scratch = NULL;
}

TestSuite(outlives, .init = setup, .fini = cleanup, .timeout = 120);

/* SCRATCH/NAME, created as a folder. */
static char *scratch_folder(const char *name) {
  char *path = xprintf("%s/%s", scratch, name);
  cr_assert_eq(mkdir(path, 0700), 0, "mkdir %s: %s", path, strerror(errno));
  return path;
}

/* The names in `folder`, space-separated ("" when it is empty). */
static char *folder_listing(const char *folder) {
  DIR *listing = opendir(folder);
  cr_assert_not_null(listing, "opendir %s: %s", folder, strerror(errno));
  struct strbuf names = {0};
  strbuf_puts(&names, "");
  struct dirent *entry;
  while ((entry = readdir(listing)))
    if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
      strbuf_printf(&names, "%s ", entry->d_name);
  closedir(listing);
  return strbuf_release(&names);
}

static void assert_empty(const char *folder) {
  char *names = folder_listing(folder);
  cr_assert_str_empty(names, "%s should be empty, it holds: %s", folder, names);
  free(names);
}

#define SETPRIV "setpriv"

static void assert_exit(const struct run_result *run, int status) {
  cr_assert(run->end == RUN_EXITED && run->code == status,
            "tsan-verify should exit with status %d; it %s %d\nstdout: %s\nstderr: %s", status,
            run->end == RUN_EXITED     ? "exited with status"
            : run->end == RUN_SIGNALED ? "was killed by signal"
                                       : "timed out (stopped?), signal",
            run->code, run->out.data, run->err.data);
}

/* signals_its_parent.c sends the harness each signal of `signals` (terminated by 0), then races; `queued`: each
 * queued naming pid 1 as its sender. */
static void survive_signals_queued_or_not(const int *signals, bool queued) {
  char *tmpdir = scratch_folder("tmp");
  char *case_path = program_path("signals_its_parent.c");
  const char *arguments[64] = {"--cc", "clang", case_path, "--"};
  size_t count = 4;
  char *numbers[48] = {0};
  for (size_t i = 0; signals[i]; i++) {
    numbers[i] = xprintf("%s%d", queued ? "q" : "", signals[i]);
    arguments[count++] = numbers[i];
  }
  struct run_result run;
  setenv("TMPDIR", tmpdir, 1);
  run_harness(arguments, scratch, 90, &run);
  assert_exit(&run, 1);
  cr_assert(contains(run.out.data, "expected no report, TSan reported data race"), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "note: the program sent its parent, the harness, "), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "the harness dropped"), "got: %s", run.out.data);
  assert_empty(tmpdir);
  run_result_free(&run);
  for (size_t i = 0; numbers[i]; i++)
    free(numbers[i]);
  free(case_path);
  free(tmpdir);
}

static void survive_signals_from_the_program(const int *signals) { survive_signals_queued_or_not(signals, false); }

/* Queued with rt_sigqueueinfo, a signal carries the sender pid the program wrote (kernel/signal.c do_rt_sigqueueinfo).
 * Before: the harness took SIGTERM "from pid 1" for the user's and died, and stopped itself on SIGTSTP (blind round
 * of session 12, attacks 01 and 02). */
Test(outlives, survives_signals_the_program_queues_naming_another_sender) {
  const int signals[] = {SIGTERM, SIGTSTP, SIGINT, 0};
  survive_signals_queued_or_not(signals, true);
}

Test(outlives, survives_every_signal_that_ends_a_process_when_the_program_sends_it_to_its_parent) {
  /* Every signal whose default action terminates or dumps core (signal(7)), real-time ones included. */
  const int signals[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGILL,   SIGTRAP,      SIGABRT,  SIGBUS,  SIGFPE,    SIGUSR1,
                         SIGSEGV, SIGUSR2, SIGALRM, SIGTERM,  SIGSTKFLT,    SIGXCPU,  SIGXFSZ, SIGVTALRM, SIGPROF,
                         SIGIO,   SIGPWR,  SIGSYS,  SIGRTMIN, SIGRTMIN + 7, SIGRTMAX, 0};
  survive_signals_from_the_program(signals);
}

Test(outlives, is_not_stopped_by_a_stop_signal_the_program_sends_to_its_parent) {
  const int signals[] = {SIGTSTP, SIGTTIN, SIGTTOU, 0};
  survive_signals_from_the_program(signals);
}

static long read_pid_file(const char *path, double seconds, pid_t harness) {
  struct timespec tick = {0, 20 * 1000 * 1000};
  for (int i = 0; i < (int)(seconds * 50); i++) {
    FILE *file = fopen(path, "r");
    long pid = 0;
    if (file) {
      if (fscanf(file, "%ld", &pid) != 1)
        pid = 0;
      fclose(file);
      if (pid > 1)
        return pid;
    }
    if (waitpid(harness, NULL, WNOHANG) == harness)
      return -1;
    nanosleep(&tick, NULL);
  }
  return -1;
}

/* A signal that ends a process, sent to the harness from outside (here: by the test, which is not the program):
 * the harness cleans up, then dies by it. */
static void end_the_harness_from_outside(int sig) {
  char *tmpdir = scratch_folder("tmp");
  char *pid_file = xprintf("%s/program.pid", scratch);
  char *case_path = program_path("hang.c");
  pid_t harness = fork();
  cr_assert_geq(harness, 0, "fork: %s", strerror(errno));
  if (harness == 0) {
    setenv("TMPDIR", tmpdir, 1);
    setenv("HOSTILE_PID_FILE", pid_file, 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    setpgid(0, 0); /* not in the test runner's group: the signal is for the harness alone */
    execl(TSAN_VERIFY_EXE, TSAN_VERIFY_EXE, "--cc", "clang", "--timeout", "60", case_path, (char *)NULL);
    _exit(127);
  }
  long program = read_pid_file(pid_file, 30, harness);
  if (program <= 1) {
    kill(harness, SIGKILL);
    waitpid(harness, NULL, 0);
    cr_assert_fail("the hanging program never wrote its pid to %s", pid_file);
  }
  struct timespec settle = {0, 200 * 1000 * 1000};
  nanosleep(&settle, NULL);
  cr_assert_eq(kill(harness, sig), 0, "kill: %s", strerror(errno));
  int status = 0;
  cr_assert_eq(waitpid(harness, &status, 0), harness, "waitpid: %s", strerror(errno));
  cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sig, "the harness should die by signal %d; status %#x", sig,
            status);
  assert_empty(tmpdir);
  cr_assert(kill((pid_t)program, 0) != 0 && errno == ESRCH, "the program (pid %ld) should be gone", program);
  free(case_path);
  free(pid_file);
  free(tmpdir);
}

Test(outlives, removes_its_folder_then_dies_by_sigalrm_from_outside) { end_the_harness_from_outside(SIGALRM); }

Test(outlives, removes_its_folder_then_dies_by_a_real_time_signal_from_outside) {
  end_the_harness_from_outside(SIGRTMIN + 2);
}

/* The same signal while the harness waits for the compiler's reading (the program has run: nothing else reads the
 * held signals then): the reading's compiler is killed, the folder removed, and the harness dies by the signal. Before:
 * the signal stayed pending, the harness waited for the reading and said met, exit 0 (blind round 6, 49 and 50). */
Test(outlives, dies_by_a_signal_from_outside_while_it_waits_for_the_compilers_reading) {
  char *tmpdir = scratch_folder("tmp");
  char *pid_file = xprintf("%s/reading.pid", scratch);
  char *wrapper = xprintf("%s/slow-reading-cc", scratch);
  /* Only the reading (-E -C) is slow; the question which compiler it is (-dM -E) is answered at once. */
  char *script = xprintf("#!/bin/sh\ncase \" $* \" in *\" -dM \"*) ;; *\" -E \"*) echo $$ > %s; sleep 30;; esac\n"
                         "exec clang \"$@\"\n",
                         pid_file);
  write_file_or_fail(wrapper, script, strlen(script));
  cr_assert_eq(chmod(wrapper, 0755), 0);
  char *case_path = program_path("racy.c");
  pid_t harness = fork();
  cr_assert_geq(harness, 0, "fork: %s", strerror(errno));
  if (harness == 0) {
    setenv("TMPDIR", tmpdir, 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    setpgid(0, 0);
    /* As a shell starts it: the test runner's own dispositions and mask are not the harness's. */
    signal(SIGTERM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execl(TSAN_VERIFY_EXE, TSAN_VERIFY_EXE, "--cc", wrapper, case_path, (char *)NULL);
    _exit(127);
  }
  long reading = read_pid_file(pid_file, 30, harness);
  cr_assert_gt(reading, 1, "the compiler's reading never started");
  struct timespec settle = {1, 0}; /* the build and the run go on meanwhile */
  nanosleep(&settle, NULL);
  cr_assert_eq(kill(harness, SIGTERM), 0, "kill: %s", strerror(errno));
  int status = 0;
  cr_assert_eq(waitpid(harness, &status, 0), harness, "waitpid: %s", strerror(errno));
  cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "the harness should die by SIGTERM; status %#x",
            status);
  assert_empty(tmpdir);
  free(case_path);
  free(script);
  free(wrapper);
  free(pid_file);
  free(tmpdir);
}

Test(outlives, removes_its_private_folder_whatever_the_program_left_in_it) {
  /* Permissions hold only for a user other than root (root may remove anything): as root, the harness runs as uid
   * 65534 (setpriv, util-linux), in a TMPDIR that uid owns. */
  char *tmpdir = scratch_folder("tmp");
  char *case_path = program_path("locks_its_private_folder.c");
  bool root = geteuid() == 0;
  if (root) {
    cr_assert_eq(chown(tmpdir, 65534, 65534), 0, "chown %s: %s", tmpdir, strerror(errno));
    cr_assert_eq(chmod(scratch, 0755), 0, "chmod %s: %s", scratch, strerror(errno));
  }
  const char *arguments[] = {"--cc", "clang", case_path, NULL};
  const char *as_nobody[] = {"--reuid=65534", "--regid=65534", "--clear-groups", TSAN_VERIFY_EXE,
                             "--cc",          "clang",         case_path,        NULL};
  struct run_result run;
  setenv("TMPDIR", tmpdir, 1);
  if (root)
    run_command(SETPRIV, as_nobody, scratch, 90, &run);
  else
    run_harness(arguments, scratch, 90, &run);
  assert_exit(&run, 0);
  assert_empty(tmpdir);
  run_result_free(&run);
  free(case_path);
  free(tmpdir);
}

Test(outlives, leaves_no_split_dwarf_file_in_the_folder_it_was_started_in) {
  /* clang before 15 writes the .dwo of a one-step -gsplit-dwarf build into its working directory. */
  char *tmpdir = scratch_folder("tmp");
  char *work = scratch_folder("work");
  char *case_path = program_path("racy.c");
  const char *arguments[] = {"--cc",    "clang", "--cflags", "-fsanitize=thread -g -gsplit-dwarf -pthread",
                             case_path, NULL};
  struct run_result run;
  setenv("TMPDIR", tmpdir, 1);
  run_harness(arguments, work, 90, &run);
  assert_exit(&run, 0);
  assert_empty(work);
  assert_empty(tmpdir);
  run_result_free(&run);
  free(case_path);
  free(work);
  free(tmpdir);
}

Test(outlives, reads_relative_paths_of_cflags_from_the_folder_it_was_started_in) {
  /* The compiler works in the private folder; `-Iinc`, `-I inc` and the source `extra.c` still mean the user's. */
  char *tmpdir = scratch_folder("tmp");
  char *inc = scratch_folder("inc");
  char *header = xprintf("%s/value.h", inc);
  write_file_or_fail(header, "int value(void);\n", strlen("int value(void);\n"));
  char *extra = xprintf("%s/extra.c", scratch);
  write_file_or_fail(extra, "int value(void) { return 0; }\n", strlen("int value(void) { return 0; }\n"));
  char *case_file = xprintf("%s/uses_value.c", scratch);
  const char *text = "#include \"value.h\"\n// expect-tsan: none\nint main(void) { return value(); }\n";
  write_file_or_fail(case_file, text, strlen(text));
  const char *spellings[] = {"-fsanitize=thread -g -pthread -Iinc extra.c",
                             "-fsanitize=thread -g -pthread -I inc extra.c", NULL};
  for (size_t i = 0; spellings[i]; i++) {
    const char *arguments[] = {"--cc", "clang", "--cflags", spellings[i], "uses_value.c", NULL};
    struct run_result run;
    setenv("TMPDIR", tmpdir, 1);
    run_harness(arguments, scratch, 90, &run);
    assert_exit(&run, 0);
    cr_assert(contains(run.out.data, "uses_value.c: met"), "with --cflags \"%s\": %s", spellings[i], run.out.data);
    run_result_free(&run);
  }
  assert_empty(tmpdir);
  free(case_file);
  free(extra);
  free(header);
  free(inc);
  free(tmpdir);
}

/* The private folder's path travels into TSan's options (quoted) and into its reports (the program's frames): a
 * TMPDIR holding a line break broke the report's lines, and the harness blamed "interleaved output" (blind round). */
Test(outlives, names_a_tmpdir_whose_name_cannot_travel_through_tsans_reports) {
  char *tmpdir = xprintf("%s/a\nb", scratch);
  cr_assert_eq(mkdir(tmpdir, 0700), 0, "mkdir");
  setenv("TMPDIR", tmpdir, 1);
  char *source = program_path("racy.c");
  struct verify_request request = {.case_path = source, .timeout_seconds = 60};
  struct case_result result = {0};
  verify_case(&request, &result);
  char *seen = verdict_diagnostics(&result.verdict);
  cr_assert_eq(result.verdict.outcome, OUTCOME_CANNOT_CHECK, "%s", seen);
  cr_assert(contains(seen, "its name holds a line break"), "%s", seen);
  cr_assert(contains(seen, "/a\\nb"), "the folder shown on one line: %s", seen);
  free(seen);
  case_result_free(&result);
  unsetenv("TMPDIR");
  cr_assert_eq(rmdir(tmpdir), 0, "nothing was left in TMPDIR");
  free(source);
  free(tmpdir);
}
