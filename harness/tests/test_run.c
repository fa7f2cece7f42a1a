/* test_run.c: run.c, the runner. /bin/sh is the program under test here (the runner itself never uses a shell). */
#include "base/side_thread.h"
#include "base/util.h"
#include "process/run.h"
#include "support.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct run_result result;
static char *error;

static void cleanup(void) {
  run_result_free(&result);
  free(error);
  error = NULL;
}

TestSuite(run, .fini = cleanup, .timeout = 20);

/* Runs `sh -c SCRIPT`; the test fails when it cannot be started. */
static void run_sh(const char *script, const char *tsan_options, double timeout, size_t limit) {
  char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
  struct run_request request = {
      .argv = argv, .tsan_options = tsan_options, .timeout_seconds = timeout, .capture_limit = limit};
  int status = run_program(&request, &result, &error);
  cr_assert_eq(status, 0, "sh -c '%s' should start, got: %s", script, STR_OR_NULL(error));
}

/* How many live or zombie processes belong to process group `group`, from /proc/PID/stat. */
static int group_members(long group) {
  DIR *proc = opendir("/proc");
  cr_assert_not_null(proc, "cannot list /proc: %s", strerror(errno));
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(proc))) {
    if (!isdigit((unsigned char)entry->d_name[0]))
      continue;
    char path[300], stat[512];
    snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
    FILE *file = fopen(path, "r");
    if (!file)
      continue; /* gone meanwhile */
    size_t got = fread(stat, 1, sizeof stat - 1, file);
    fclose(file);
    stat[got] = '\0';
    /* "pid (comm) state ppid pgrp ...": comm may hold spaces, so start after its last ')'. */
    const char *close = strrchr(stat, ')');
    char state;
    long ppid, pgrp;
    if (close && sscanf(close + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3 && pgrp == group)
      count++;
  }
  closedir(proc);
  return count;
}

/* The shell scripts below print $$ first: the shell leads the group, so that is the group's id. */
static long printed_group(void) {
  char *end;
  long group = strtol(result.out.data, &end, 10);
  cr_assert(group > 1 && *end == '\n', "the script should print its pid first, printed \"%s\"", result.out.data);
  return group;
}

static void assert_group_gone(long group) {
  errno = 0;
  cr_assert_eq(kill((pid_t)-group, 0), -1, "process group %ld should be gone, a member is still alive", group);
  cr_assert_eq(errno, ESRCH, "kill(-%ld, 0) should fail with ESRCH, got %s", group, strerror(errno));
  cr_assert_eq(group_members(group), 0, "/proc should list no member of group %ld", group);
}

Test(run, captures_stdout_and_stderr_separately) {
  run_sh("echo to-out; echo to-err >&2; echo more-out", NULL, 10, 1 << 20);
  cr_assert_str_eq(result.out.data, "to-out\nmore-out\n", "stdout holds only stdout, got \"%s\"", result.out.data);
  cr_assert_str_eq(result.err.data, "to-err\n", "stderr holds only stderr, got \"%s\"", result.err.data);
  cr_assert_eq(result.out.length, strlen("to-out\nmore-out\n"), "length counts the kept bytes");
  cr_assert_eq(result.out.dropped, 0, "nothing dropped under the limit");
  cr_assert(!result.group_survivors, "a shell that waits for nothing leaves no survivor");
}

Test(run, reports_the_exit_status) {
  run_sh("exit 3", NULL, 10, 1 << 20);
  cr_assert_eq(result.end, RUN_EXITED, "the program exited, got end %d", result.end);
  cr_assert_eq(result.code, 3, "exit status 3, got %d", result.code);
}

Test(run, reports_a_clean_exit_with_empty_captures) {
  run_sh("true", NULL, 10, 1 << 20);
  cr_assert_eq(result.end, RUN_EXITED, "the program exited");
  cr_assert_eq(result.code, 0, "status 0, got %d", result.code);
  cr_assert_not_null(result.out.data, "stdout is \"\", never NULL");
  cr_assert_str_eq(result.out.data, "", "nothing printed");
  cr_assert_str_eq(STR_OR_NULL(result.err.data), "", "nothing on stderr");
}

Test(run, reports_the_signal_that_killed_the_program) {
  run_sh("kill -SEGV $$", NULL, 10, 1 << 20);
  cr_assert_eq(result.end, RUN_SIGNALED, "the program was killed by a signal, got end %d", result.end);
  cr_assert_eq(result.code, SIGSEGV, "by SIGSEGV (%d), got %d", SIGSEGV, result.code);
}

Test(run, gives_the_program_an_empty_stdin) {
  run_sh("cat; echo eof", NULL, 5, 1 << 20);
  cr_assert_str_eq(result.out.data, "eof\n", "stdin is /dev/null: cat ends at once, got \"%s\"", result.out.data);
}

Test(run, kills_the_whole_process_group_on_timeout) {
  run_sh("echo $$; sleep 100 & sleep 100", NULL, 0.3, 1 << 20);
  cr_assert_eq(result.end, RUN_TIMED_OUT, "the program should time out, got end %d", result.end);
  cr_assert_geq(result.seconds, 0.3, "the deadline is 0.3 s, ended after %.3f s", result.seconds);
  cr_assert_lt(result.seconds, 3.0, "killed soon after the deadline, took %.3f s", result.seconds);
  assert_group_gone(printed_group());
}

Test(run, kills_and_flags_children_that_outlive_the_program) {
  /* The background sleep keeps the pipes open after the shell exits. */
  run_sh("echo $$; sleep 100 &", NULL, 10, 1 << 20);
  cr_assert_eq(result.end, RUN_EXITED, "the shell itself exited, got end %d", result.end);
  cr_assert(result.group_survivors, "the left-over sleep should be flagged");
  cr_assert_lt(result.seconds, 5.0, "the survivor is killed, not waited for (%.3f s)", result.seconds);
  assert_group_gone(printed_group());
}

Test(run, kills_and_flags_children_that_closed_the_pipes) {
  run_sh("sleep 100 >/dev/null 2>&1 & echo $$", NULL, 10, 1 << 20);
  cr_assert(result.group_survivors, "a survivor that closed stdout/stderr is flagged too");
  assert_group_gone(printed_group());
}

Test(run, keeps_whole_lines_up_to_the_limit_and_counts_the_rest) {
  /* 200 lines of 9 bytes: the 111 lines that fit in 1000 bytes are kept, the line the limit cuts is not. */
  run_sh("seq -f 'line %03g' 1 200", NULL, 10, 1000);
  cr_assert_eq(result.out.length, 999, "111 whole lines kept (999 bytes), got %zu", result.out.length);
  cr_assert(ends_with(result.out.data, "line 110\nline 111\n"), "the kept lines are the first ones, ending with:\n%s",
            result.out.data + (result.out.length > 40 ? result.out.length - 40 : 0));
  cr_assert_eq(result.out.dropped, 1800 - 999, "the other 801 bytes are counted as dropped, got %zu",
               result.out.dropped);
  cr_assert_eq(result.out.lost, 0, "no TSan line was lost");
  cr_assert_eq(result.end, RUN_EXITED, "a program writing past the limit still runs to its end");
  cr_assert_eq(result.err.dropped, 0, "the limit applies per stream: nothing dropped from stderr");
}

Test(run, keeps_tsan_reports_printed_past_the_limit) {
  run_sh("seq -f 'noise %04g' 1 200 >&2;"
         "printf '==================\\nWARNING: ThreadSanitizer: data race (pid=1)\\n' >&2;"
         "printf '  Write of size 4 at 0x1 by main thread:\\n    #0 main /a.c:3 (a+0x1)\\n\\n' >&2;"
         "printf 'SUMMARY: ThreadSanitizer: data race /a.c:3 in main\\n==================\\n' >&2;"
         "echo after the report >&2",
         NULL, 10, 100);
  cr_assert(starts_with(result.err.data, "noise 0001\n"), "the first lines are kept, got:\n%s", result.err.data);
  cr_assert(!contains(result.err.data, "noise 0010\n"), "program lines past the limit are not, got:\n%s",
            result.err.data);
  cr_assert(contains(result.err.data, "WARNING: ThreadSanitizer: data race (pid=1)\n"
                                      "  Write of size 4 at 0x1 by main thread:\n    #0 main /a.c:3 (a+0x1)\n\n"
                                      "SUMMARY: ThreadSanitizer: data race /a.c:3 in main\n==================\n"),
            "the whole report is kept past the limit, got:\n%s", result.err.data);
  cr_assert(!contains(result.err.data, "after the report"), "program lines after the report are dropped");
  cr_assert_gt(result.err.dropped, 0, "the dropped noise is counted");
  cr_assert_eq(result.err.lost, 0, "nothing of TSan's was lost");
}

Test(run, counts_tsan_lines_lost_past_the_second_bound) {
  /* Past 5 x the limit even TSan's own lines are no longer kept: they are counted as lost. */
  run_sh("i=0; while [ $i -lt 100 ]; do echo '==1==Installed the sigaction for signal 11' >&2; i=$((i+1)); done", NULL,
         10, 100);
  cr_assert_leq(result.err.length, 500, "at most 5 x 100 bytes kept, got %zu", result.err.length);
  cr_assert_gt(result.err.lost, 0, "the TSan lines beyond that are lost, and counted");
  cr_assert_geq(result.err.dropped, result.err.lost, "lost bytes are dropped bytes too");
}

Test(run, reads_large_outputs_on_both_streams_without_blocking) {
  run_sh("head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2; head -c 300000 /dev/zero", NULL, 10, 1 << 20);
  cr_assert_eq(result.out.length, 600000, "all of stdout, got %zu", result.out.length);
  cr_assert_eq(result.err.length, 300000, "all of stderr, got %zu", result.err.length);
  cr_assert_eq(result.code, 0, "the program ended normally");
}

Test(run, fails_to_start_a_missing_program) {
  char *argv[] = {"/nonexistent/program", NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 5, .capture_limit = 1024};
  cr_assert_eq(run_program(&request, &result, &error), -1, "a missing program cannot be started");
  cr_assert_str_eq(STR_OR_NULL(error), "cannot start /nonexistent/program: No such file or directory", "got %s",
                   STR_OR_NULL(error));
}

Test(run, fails_to_start_a_missing_program_from_path) {
  char *argv[] = {"tsan-casebook-no-such-program", NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 5, .capture_limit = 1024};
  cr_assert_eq(run_program(&request, &result, &error), -1, "a name not in PATH cannot be started");
  cr_assert(starts_with(STR_OR_NULL(error), "cannot start tsan-casebook-no-such-program: "), "got %s",
            STR_OR_NULL(error));
}

Test(run, searches_path_for_a_bare_program_name) {
  char *argv[] = {"sh", "-c", "exit 4", NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 5, .capture_limit = 1024};
  cr_assert_eq(run_program(&request, &result, &error), 0, "sh is found in PATH: %s", STR_OR_NULL(error));
  cr_assert_eq(result.code, 4, "the program ran, status 4, got %d", result.code);
}

Test(run, sets_tsan_options_in_the_child) {
  setenv("TSAN_OPTIONS", "from_the_parent=1", 1);
  run_sh("printf '%s|' \"$TSAN_OPTIONS\"; env | grep -c '^TSAN_OPTIONS='", "halt_on_error=1:verbosity=1", 5, 4096);
  cr_assert_str_eq(result.out.data, "halt_on_error=1:verbosity=1|1\n",
                   "the child sees only the requested TSAN_OPTIONS, once: got \"%s\"", result.out.data);
}

Test(run, leaves_the_environment_alone_without_tsan_options) {
  setenv("TSAN_OPTIONS", "from_the_parent=1", 1);
  setenv("HARNESS_TEST_MARK", "kept", 1);
  run_sh("printf '%s %s' \"$TSAN_OPTIONS\" \"$HARNESS_TEST_MARK\"", NULL, 5, 4096);
  cr_assert_str_eq(result.out.data, "from_the_parent=1 kept", "got \"%s\"", result.out.data);
}

Test(run, keeps_the_rest_of_the_environment_with_tsan_options) {
  setenv("HARNESS_TEST_MARK", "kept", 1);
  run_sh("printf %s \"$HARNESS_TEST_MARK\"", "verbosity=1", 5, 4096);
  cr_assert_str_eq(result.out.data, "kept", "other variables pass through, got \"%s\"", result.out.data);
}

Test(run, frees_a_result_to_zeros) {
  run_sh("echo x", NULL, 5, 4096);
  run_result_free(&result);
  cr_assert_null(result.out.data, "freed stdout is NULL");
  cr_assert_null(result.err.data, "freed stderr is NULL");
  cr_assert_eq(result.out.length, 0, "freed length is 0");
}

Test(run, kills_and_flags_children_that_left_the_group_and_closed_the_pipes) {
  /* setsid puts the sleep in a session and group of its own, out of reach of kill(-group); with its output sent
   * elsewhere, the pipes close with the shell. The runner inherits it as a subreaper once the shell is gone. */
  run_sh("setsid sleep 100 >/dev/null 2>&1 & echo $!", NULL, 10, 1 << 20);
  char *end;
  long escaped = strtol(result.out.data, &end, 10);
  cr_assert(escaped > 1 && *end == '\n', "the script should print the sleep's pid, printed \"%s\"", result.out.data);
  cr_assert(result.group_survivors, "a survivor out of the group is flagged too");
  cr_assert_lt(result.seconds, 5.0, "it is killed, not waited for (%.3f s)", result.seconds);
  errno = 0;
  cr_assert_eq(kill((pid_t)escaped, 0), -1, "the escaped sleep (pid %ld) should be gone", escaped);
  cr_assert_eq(errno, ESRCH, "and reaped: kill(%ld, 0) should fail with ESRCH, got %s", escaped, strerror(errno));
}

/* ---- traced runs: every process followed ---- */

static int never_instrumented(const char *exe_path, void *context) {
  (void)exe_path, (void)context;
  return 0;
}

/* Runs `sh -c SCRIPT` traced, with a scratch log prefix. */
static void run_sh_traced(const char *script) {
  char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
  struct run_request request = {.argv = argv,
                                .timeout_seconds = 20,
                                .capture_limit = 1 << 16,
                                .trace = true,
                                .log_prefix = "/nonexistent/tsan",
                                .classify = never_instrumented};
  int status = run_program(&request, &result, &error);
  cr_assert_eq(status, 0, "sh -c '%s' should start, got: %s", script, STR_OR_NULL(error));
}

static size_t images_where(enum image_end end, bool forked) {
  size_t count = 0;
  for (size_t i = 0; i < result.processes.count; i++)
    count += result.processes.images[i].end == end && result.processes.images[i].forked == forked;
  return count;
}

Test(run, follows_every_fork_and_exec_of_many_short_children) {
  /* 120 children that exec at once, or exit at once: their own events often come before their parent's fork
   * event. Each must be recorded once, with the way it ended. */
  run_sh_traced("i=0; while [ $i -lt 60 ]; do /bin/true & (exit 3) & i=$((i + 1)); done; wait");
  cr_assert(result.traced, "the run was traced");
  cr_assert_eq(result.end, RUN_EXITED, "sh exited");
  cr_assert_eq(trace_running(&result.processes), 0, "no image is left running");
  cr_assert(!result.group_survivors, "nothing outlived the program");
  cr_assert_geq(images_where(IMAGE_EXECED, true), 60, "60 forks that exec'd /bin/true");
  size_t trues = 0;
  for (size_t i = 0; i < result.processes.count; i++) {
    const struct process_image *image = &result.processes.images[i];
    if (image->pid == result.processes.root)
      cr_assert_eq(image->parent, 0, "the program has no parent in the table");
    else
      cr_assert_gt(image->parent, 0, "pid %ld: its parent is known, got %ld", image->pid, image->parent);
    if (image->exe && strstr(image->exe, "true") && image->end == IMAGE_EXITED)
      trues++;
  }
  cr_assert_eq(trues, 60, "60 images of /bin/true that exited, got %zu", trues);
  cr_assert_geq(images_where(IMAGE_EXITED, true), 60, "60 forks that exited 3 without an exec");
}

Test(run, records_the_root_image_and_its_exit_status_when_traced) {
  run_sh_traced("exit 7");
  cr_assert_eq(result.code, 7, "the program's status, got %d", result.code);
  const struct process_image *root = trace_root_image(&result.processes);
  cr_assert_not_null(root, "the program's image is recorded");
  cr_assert_eq(root->parent, 0, "the program has no parent in the table");
  cr_assert(!root->forked, "it was exec'd, not forked");
}

/* A run beside the traced one, on a side thread, as the compiler's reading goes beside the program
 * (compiler_reading.h). */
static double seconds_now(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

struct beside {
  const char *script;
  struct run_result result;
  char *error;
  int status;
};

static void *run_beside(void *argument) {
  struct beside *beside = argument;
  char *argv[] = {"/bin/sh", "-c", (char *)beside->script, NULL};
  struct run_request request = {.argv = argv, .timeout_seconds = 20, .capture_limit = 1 << 16, .alongside = true};
  beside->status = run_program(&request, &beside->result, &beside->error);
  return NULL;
}

Test(run, a_run_alongside_and_the_traced_run_keep_to_their_own_processes) {
  cr_assert(run_alongside_possible(), "the kernel lists each thread's children (/proc/thread-self/children)");
  /* The side run's shell ends amid the traced program's events, its child after them: neither run may reap, kill or
   * count the other's processes, nor take the other's SIGCHLD (a taken one costs the traced run a whole poll tick, a
   * second, per event). */
  const char *program = "i=0; while [ $i -lt 20 ]; do /bin/true; i=$((i + 1)); done; sleep 0.4 & wait; exit 7";
  double started = seconds_now();
  run_sh_traced(program); /* alone first: the time it takes on this machine now */
  double alone = seconds_now() - started;
  run_result_free(&result);
  struct beside beside = {.script = "sleep 1.2 & sleep 0.1; exit 5"};
  pthread_t thread;
  cr_assert(side_thread_start(&thread, run_beside, &beside), "a side thread starts");
  started = seconds_now();
  run_sh_traced(program);
  double took = seconds_now() - started;
  pthread_join(thread, NULL);
  cr_assert_eq(beside.status, 0, "the side run starts: %s", STR_OR_NULL(beside.error));
  cr_assert_eq(beside.result.end, RUN_EXITED, "the side run's shell exited by itself");
  cr_assert_eq(beside.result.code, 5, "with its own status, got %d", beside.result.code);
  cr_assert(beside.result.group_survivors, "the side run's shell left a child behind, and the side run says so");
  cr_assert_eq(result.code, 7, "the traced program's status, got %d", result.code);
  cr_assert(!result.group_survivors, "the side run's processes are not the traced program's survivors");
  cr_assert_eq(trace_running(&result.processes), 0, "no image of the traced program is left running");
  cr_assert_lt(took, 2 * alone + 0.5, "the traced run took its own time (%.2f s; %.2f s alone), not a tick per event",
               took, alone);
  run_result_free(&beside.result);
  free(beside.error);
}
