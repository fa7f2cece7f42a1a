/* p16_explain.c: `tsan-verify explain` (docs/EXPLAIN.md). A pattern matches only when the report's own structure
 * shows its premise: each predicate of the vocabulary holds of a small log that shows it and not of one that does
 * not, a report cut short or of another kind matches no pattern that needs what it lacks, and a report no premise
 * fits says "no specific pattern". The patterns file names existing cases, and its fix lines are the cases'. */
#include "base/readfile.h"
#include "base/util.h"
#include "explain/explain.h"
#include "explain/explain_output.h"
#include "explain/patterns.h"
#include "report/report.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PATTERNS_FILE CASES_DIR "/../harness/explain/patterns.tsv"

/* ---- small logs ---- */

/* A data race report with the two access titles and frames given, then `rest` (more sections, each ending in an
 * empty line). A frame is "function file:line" or "function <null>". */
static char *race_log(const char *current, const char *current_frame, const char *previous, const char *previous_frame,
                      const char *rest) {
  return xprintf("==================\n"
                 "WARNING: ThreadSanitizer: data race (pid=7)\n"
                 "  %s\n"
                 "    #0 %s (x+0x10)\n"
                 "    #1 main /src/x.c:40:3 (x+0x20)\n"
                 "\n"
                 "  %s\n"
                 "    #0 %s (x+0x30)\n"
                 "\n"
                 "%s"
                 "SUMMARY: ThreadSanitizer: data race /src/x.c:10:5 in worker\n"
                 "==================\n",
                 current, current_frame, previous, previous_frame, rest);
}

static const char plain_write[] = "Write of size 4 at 0x1000 by thread T1:";
static const char plain_read[] = "Previous read of size 4 at 0x1000 by main thread:";
static const char worker_frame[] = "worker /src/x.c:10:5";
static const char main_frame[] = "main /src/x.c:30:7";
static const char global_location[] = "  Location is global 'counter' of size 4 at 0x1000 (x+0x1000)\n\n";

/* Whether the one-pattern premise `premise` holds of the first report of `log_text`; its evidence joined by " | "
 * into *because (when not NULL). */
static bool premise_holds(const char *premise, const char *log_text, char **because) {
  char *patterns_text = xprintf("pattern\tp\t%s\tthe words\n", premise);
  struct pattern_set set;
  char *error = NULL;
  cr_assert_eq(pattern_set_parse(patterns_text, "test.tsv", &set, &error), 0, "%s should parse: %s", premise,
               error ? error : "");
  struct tsan_log log;
  parse_text(log_text, &log);
  cr_assert_geq(log.report_count, 1, "the log should hold a report");
  struct explanation explanation;
  explain_report(&log.reports[0], &set, &explanation);
  bool holds = explanation.match_count == 1;
  if (because) {
    struct strbuf words = {0};
    for (size_t i = 0; holds && i < explanation.matches[0].because_count; i++)
      strbuf_printf(&words, "%s%s", i ? " | " : "", explanation.matches[0].because[i]);
    *because = strbuf_release(&words);
  }
  explanation_free(&explanation);
  tsan_log_free(&log);
  pattern_set_free(&set);
  free(patterns_text);
  return holds;
}

static void assert_holds(const char *premise, char *log_text, const char *evidence) {
  char *because = NULL;
  cr_assert(premise_holds(premise, log_text, &because), "%s should hold of:\n%s", premise, log_text);
  cr_assert(contains(because, evidence), "%s: the evidence should say \"%s\", got \"%s\"", premise, evidence, because);
  free(because);
  free(log_text);
}

static void assert_fails(const char *premise, char *log_text) {
  cr_assert_not(premise_holds(premise, log_text, NULL), "%s must not hold of:\n%s", premise, log_text);
  free(log_text);
}

/* ---- each predicate: shown, and not shown ---- */

Test(predicates, kind_and_kind_prefix_read_the_headline) {
  assert_holds("kind(data race)", race_log(plain_write, worker_frame, plain_read, main_frame, ""),
               "TSan's headline is \"data race\"");
  assert_fails("kind(thread leak)", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
  assert_holds("kind_prefix(data )", race_log(plain_write, worker_frame, plain_read, main_frame, ""), "data race");
  assert_fails("kind_prefix(race on )", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, no_mutex_one_side_locked_different_mutexes) {
  assert_holds("no_mutex", race_log(plain_write, worker_frame, plain_read, main_frame, ""),
               "the write by thread T1 holds no mutex; the read by main thread holds no mutex");
  char *locked_write = "Write of size 4 at 0x1000 by thread T1 (mutexes: write M0):";
  assert_fails("no_mutex", race_log(locked_write, worker_frame, plain_read, main_frame, ""));
  assert_holds("one_side_locked", race_log(locked_write, worker_frame, plain_read, main_frame, ""),
               "the write by thread T1 holds write M0; the read by main thread holds no mutex");
  assert_fails("one_side_locked", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
  char *read_under_m1 = "Previous read of size 4 at 0x1000 by main thread (mutexes: write M1):";
  char *read_under_m0 = "Previous read of size 4 at 0x1000 by main thread (mutexes: write M10, write M0):";
  assert_holds("different_mutexes", race_log(locked_write, worker_frame, read_under_m1, main_frame, ""),
               "no mutex is held by both");
  assert_fails("one_side_locked", race_log(locked_write, worker_frame, read_under_m1, main_frame, ""));
  /* M0 is held by both (M10 is another mutex, not a longer spelling of M0). */
  assert_fails("different_mutexes", race_log(locked_write, worker_frame, read_under_m0, main_frame, ""));
  assert_fails("different_mutexes", race_log(locked_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, write_under_read_lock_needs_a_write_holding_the_shared_mutex_for_reading) {
  char *write_read_held = "Write of size 4 at 0x1000 by thread T1 (mutexes: read M0):";
  char *read_read_held = "Previous read of size 4 at 0x1000 by main thread (mutexes: read M0):";
  assert_holds("write_under_read_lock", race_log(write_read_held, worker_frame, read_read_held, main_frame, ""),
               "holds its mutex only for reading");
  char *write_write_held = "Write of size 4 at 0x1000 by thread T1 (mutexes: write M0):";
  assert_fails("write_under_read_lock", race_log(write_write_held, worker_frame, read_read_held, main_frame, ""));
  /* A read under a read lock, against a write under another mutex: no write holds a shared mutex for reading. */
  char *read_only = "Read of size 4 at 0x1000 by thread T1 (mutexes: read M0):";
  char *other_write = "Previous write of size 4 at 0x1000 by main thread (mutexes: write M1):";
  assert_fails("write_under_read_lock", race_log(read_only, worker_frame, other_write, main_frame, ""));
}

Test(predicates, sleep_is_the_runtimes_own_section) {
  char *sleep =
      "  As if synchronized via sleep:\n    #0 usleep <null> (x+0x40)\n    #1 main /src/x.c:29:3 (x+0x50)\n\n";
  assert_holds("sleep", race_log(plain_write, worker_frame, plain_read, main_frame, sleep),
               "TSan noticed a sleep (usleep, in main at /src/x.c:29)");
  assert_fails("sleep", race_log(plain_write, worker_frame, plain_read, main_frame, global_location));
}

Test(predicates, atomic_vs_plain_both_plain_both_writes_different_sizes) {
  char *atomic_write = "Atomic write of size 4 at 0x1000 by thread T1:";
  assert_holds("atomic_vs_plain", race_log(atomic_write, worker_frame, plain_read, main_frame, ""),
               "the atomic write by thread T1 and the read by main thread: one is atomic");
  assert_fails("atomic_vs_plain", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
  assert_holds("both_plain", race_log(plain_write, worker_frame, plain_read, main_frame, ""), "neither is atomic");
  assert_fails("both_plain", race_log(atomic_write, worker_frame, plain_read, main_frame, ""));
  char *previous_write = "Previous write of size 8 at 0x1000 by main thread:";
  assert_holds("both_writes", race_log(plain_write, worker_frame, previous_write, main_frame, ""), "both writes");
  assert_fails("both_writes", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
  assert_holds("different_sizes", race_log(plain_write, worker_frame, previous_write, main_frame, ""),
               "is of 4 bytes, the write by main thread of 8");
  assert_fails("different_sizes", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, same_function_compares_the_innermost_source_frames) {
  assert_holds("same_function", race_log(plain_write, worker_frame, plain_read, "worker /src/x.c:12:5", ""),
               "both accesses are in worker (/src/x.c:10 and /src/x.c:12)");
  assert_fails("same_function", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, location_and_no_location_read_the_location_section) {
  char *heap = "  Location is heap block of size 16 at 0x1000 allocated by main thread:\n"
               "    #0 malloc <null> (x+0x60)\n    #1 main /src/x.c:20:9 (x+0x70)\n\n";
  assert_holds("location(global,heap block)", race_log(plain_write, worker_frame, plain_read, main_frame, heap),
               "Location is heap block of size 16");
  assert_fails("location(global)", race_log(plain_write, worker_frame, plain_read, main_frame, heap));
  assert_fails("location(heap block)", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
  assert_holds("no_location", race_log(plain_write, worker_frame, plain_read, main_frame, ""),
               "TSan names no location");
  assert_fails("no_location", race_log(plain_write, worker_frame, plain_read, main_frame, global_location));
}

Test(predicates, access_in_reads_the_innermost_frame_only) {
  assert_holds("access_in(cfree,free)", race_log(plain_write, "free <null>", plain_read, main_frame, ""),
               "the write by thread T1 is inside free, called in main at /src/x.c:40");
  /* free as the caller (frame #1) of the access is not an access in free. */
  char *log = xprintf("==================\n"
                      "WARNING: ThreadSanitizer: data race (pid=7)\n"
                      "  %s\n    #0 release /src/x.c:10:5 (x+0x10)\n    #1 free <null> (x+0x20)\n\n"
                      "  %s\n    #0 %s (x+0x30)\n\n"
                      "==================\n",
                      plain_write, plain_read, main_frame);
  assert_fails("access_in(free)", log);
  assert_fails("access_in(freeze)", race_log(plain_write, "free <null>", plain_read, main_frame, ""));
}

Test(predicates, access_in_reads_a_cpp_frame_without_its_parameter_list) {
  /* TSan prints its operator delete interceptors demangled, with their parameters (tsan_new_delete.cpp). */
  assert_holds("access_in(free,operator delete)",
               race_log(plain_write, "operator delete(void*) <null>", plain_read, main_frame, ""),
               "the write by thread T1 is inside operator delete(void*)");
  assert_holds("access_in(operator delete[])",
               race_log(plain_write, "operator delete[](void*, unsigned long) <null>", plain_read, main_frame, ""),
               "inside operator delete[](void*, unsigned long)");
  /* operator delete is not operator delete[], and a parameter list is no part of the name compared. */
  assert_fails("access_in(operator delete[])",
               race_log(plain_write, "operator delete(void*) <null>", plain_read, main_frame, ""));
  assert_fails("access_in(operator)",
               race_log(plain_write, "operator delete(void*) <null>", plain_read, main_frame, ""));
}

Test(predicates, both_outside_source_needs_no_source_line_in_either_stack) {
  char *library_only = xprintf("==================\n"
                               "WARNING: ThreadSanitizer: data race (pid=7)\n"
                               "  Atomic read of size 1 at 0x1000 by main thread:\n"
                               "    #0 pthread_mutex_lock <null> (x+0x10)\n"
                               "    #1 <null> <null> (libomp.so.5+0xb3ae8)\n\n"
                               "  Previous write of size 1 at 0x1000 by thread T12:\n"
                               "    #0 pthread_mutex_init <null> (x+0x30)\n"
                               "    #1 <null> <null> (libomp.so.5+0xb054f)\n\n"
                               "==================\n");
  assert_holds("both_outside_source", library_only,
               "the write by thread T12, in pthread_mutex_init called from libomp.so.5 (previous): no frame of either "
               "stack has a source line");
  /* One side reaches the program's source (race_log's current access is called from main at x.c:40). */
  assert_fails("both_outside_source", race_log(plain_write, "memcpy <null>", plain_read, "memset <null>", ""));
  assert_fails("both_outside_source", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, access_outside_source_is_a_frame_without_a_file) {
  assert_holds("access_outside_source", race_log(plain_write, "memcpy <null>", plain_read, main_frame, ""),
               "the write by thread T1 is inside memcpy, which has no source line (called in main at /src/x.c:40)");
  assert_fails("access_outside_source", race_log(plain_write, worker_frame, plain_read, main_frame, ""));
}

Test(predicates, access_is_allocation_compares_with_the_blocks_allocation_stack) {
  char *heap = "  Location is heap block of size 16 at 0x1000 allocated by thread T1:\n"
               "    #0 malloc <null> (x+0x60)\n    #1 worker /src/x.c:9:9 (x+0x70)\n\n";
  char *allocating = "Previous write of size 8 at 0x1000 by thread T1:";
  assert_holds("access_is_allocation",
               race_log("Read of size 4 at 0x1000 by main thread:", main_frame, allocating, "malloc <null>", heap),
               "the write by thread T1 is malloc allocating the block");
  assert_fails("access_is_allocation",
               race_log("Read of size 4 at 0x1000 by main thread:", main_frame, allocating, "memset <null>", heap));
  /* The allocator's name alone, with no heap block shown, is no premise. */
  assert_fails("access_is_allocation",
               race_log("Read of size 4 at 0x1000 by main thread:", main_frame, allocating, "malloc <null>", ""));
}

Test(predicates, stack_of_other_thread_needs_an_owner_and_another_thread) {
  char *main_stack = "  Location is stack of main thread.\n\n";
  assert_holds("stack_of_other_thread", race_log(plain_write, worker_frame, plain_read, main_frame, main_stack),
               "the memory is on the stack or TLS of main thread, and the write by thread T1 is by another thread");
  char *same_owner = "Previous read of size 4 at 0x1000 by thread T1:";
  char *t1_tls = "  Location is TLS of thread T1.\n\n";
  assert_fails("stack_of_other_thread", race_log(plain_write, worker_frame, same_owner, main_frame, t1_tls));
  assert_fails("stack_of_other_thread", race_log(plain_write, worker_frame, plain_read, main_frame, global_location));
}

Test(predicates, a_negated_term_holds_when_its_predicate_does_not) {
  assert_holds("kind(data race) & !sleep", race_log(plain_write, worker_frame, plain_read, main_frame, ""),
               "not the case: TSan noticed a sleep");
  char *sleep = "  As if synchronized via sleep:\n    #0 usleep <null> (x+0x40)\n\n";
  assert_fails("kind(data race) & !sleep", race_log(plain_write, worker_frame, plain_read, main_frame, sleep));
}

/* ---- a premise the report does not show never fires ---- */

static struct pattern_set read_real_patterns(void) {
  struct pattern_set set;
  char *error = NULL;
  cr_assert_eq(pattern_set_read(PATTERNS_FILE, &set, &error), 0, "patterns.tsv should read: %s", error ? error : "");
  return set;
}

static void assert_matches_exactly(const char *log_text, const char *const *ids, size_t count) {
  struct pattern_set set = read_real_patterns();
  struct tsan_log log;
  parse_text(log_text, &log);
  struct explanation explanation;
  explain_report(&log.reports[0], &set, &explanation);
  struct strbuf matched = {0};
  for (size_t i = 0; i < explanation.match_count; i++)
    strbuf_printf(&matched, "%s ", explanation.matches[i].pattern->id);
  cr_assert_eq(explanation.match_count, count, "expected %zu patterns, got: %s", count,
               matched.data ? matched.data : "");
  for (size_t i = 0; i < count; i++)
    cr_assert_str_eq(explanation.matches[i].pattern->id, ids[i], "pattern %zu: got %s", i,
                     explanation.matches[i].pattern->id);
  strbuf_free(&matched);
  explanation_free(&explanation);
  tsan_log_free(&log);
  pattern_set_free(&set);
}

Test(premise_absent, a_race_report_with_one_access_matches_no_pattern_that_needs_two) {
  /* Cut after its first access: no pattern of patterns.tsv may read "neither holds a lock" from a side not shown. */
  assert_matches_exactly("==================\n"
                         "WARNING: ThreadSanitizer: data race (pid=7)\n"
                         "  Write of size 4 at 0x1000 by thread T1:\n"
                         "    #0 memcpy <null> (x+0x10)\n\n"
                         "==================\n",
                         NULL, 0);
}

Test(premise_absent, a_thread_leak_matches_its_own_pattern_only) {
  static const char *const ids[] = {"thread_leak"};
  assert_matches_exactly("==================\n"
                         "WARNING: ThreadSanitizer: thread leak (pid=7)\n"
                         "  Thread T1 (tid=8, finished) created by main thread at:\n"
                         "    #0 pthread_create <null> (x+0x10)\n"
                         "    #1 main /src/x.c:5:3 (x+0x20)\n\n"
                         "SUMMARY: ThreadSanitizer: thread leak /src/x.c:5:3 in main\n"
                         "==================\n",
                         ids, 1);
}

Test(premise_absent, a_headline_the_patterns_do_not_know_matches_nothing) {
  char *log = race_log(plain_write, worker_frame, plain_read, main_frame, global_location);
  char *renamed = replace_first(log, "data race (pid", "data race on vptr (ctor/dtor vs virtual call) (pid");
  assert_matches_exactly(renamed, NULL, 0);
  free(renamed);
  free(log);
}

Test(premise_absent, a_race_under_one_common_write_mutex_is_no_specific_pattern) {
  char *both =
      race_log("Write of size 4 at 0x1000 by thread T1 (mutexes: write M0):", worker_frame,
               "Previous read of size 4 at 0x1000 by main thread (mutexes: write M0):", main_frame, global_location);
  assert_matches_exactly(both, NULL, 0);
  char *scratch = NULL;
  char *path = write_scratch_file(&scratch, "common.log", both);
  const char *const arguments[] = {"explain", "--color", "never", path, NULL};
  struct run_result run;
  run_harness(arguments, NULL, 60, &run);
  cr_assert_eq(run.code, 1, "explain of a log with a report exits 1, got %d: %s", run.code, run.err.data);
  cr_assert(contains(run.out.data, "pattern: no specific pattern"), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "Thread T1 wrote 4 bytes in worker at /src/x.c:10, holding write M0."), "got: %s",
            run.out.data);
  run_result_free(&run);
  remove_scratch_dir(scratch);
  free(path);
  free(both);
}

/* ---- which pattern comes first: the rules fixed after the third-party review (docs/EXPLAIN.md) ---- */

/* The first pattern patterns.tsv gives the first report of `log_text` (NULL for none); `absent`, when not NULL, is a
 * pattern that must not be shown at all. Frees log_text. */
static void assert_first(char *log_text, const char *first, const char *absent) {
  struct pattern_set set = read_real_patterns();
  struct tsan_log log;
  parse_text(log_text, &log);
  cr_assert_geq(log.report_count, 1, "the log should hold a report");
  struct explanation explanation;
  explain_report(&log.reports[0], &set, &explanation);
  struct strbuf matched = {0};
  for (size_t i = 0; i < explanation.match_count; i++)
    strbuf_printf(&matched, "%s ", explanation.matches[i].pattern->id);
  if (first) {
    cr_assert_geq(explanation.match_count, 1, "expected %s first, got no pattern for:\n%s", first, log_text);
    cr_assert_str_eq(explanation.matches[0].pattern->id, first, "expected %s first, got: %s", first, matched.data);
  } else {
    cr_assert_eq(explanation.match_count, 0, "expected no specific pattern, got: %s", matched.data);
  }
  for (size_t i = 0; absent && i < explanation.match_count; i++)
    cr_assert_str_neq(explanation.matches[i].pattern->id, absent, "%s must not be shown, got: %s", absent,
                      matched.data);
  strbuf_free(&matched);
  explanation_free(&explanation);
  tsan_log_free(&log);
  pattern_set_free(&set);
  free(log_text);
}

static const char sleep_in_main[] =
    "  As if synchronized via sleep:\n    #0 usleep <null> (x+0x40)\n    #1 main /src/x.c:29:3 (x+0x50)\n\n";
static const char main_stack[] = "  Location is stack of main thread.\n\n";

Test(rule_order, a_cpp_delete_against_a_use_is_free_against_use) {
  /* Was mixed_size_atomic: TSan counts the free as an 8-byte write against the 4-byte atomic use. */
  assert_first(race_log("Write of size 8 at 0x1000 by main thread:", "operator delete(void*) <null>",
                        "Previous atomic write of size 4 at 0x1000 by thread T1:", worker_frame, ""),
               "free_against_use", NULL);
  /* Was libc_interceptor: the delete has no source line. */
  assert_first(race_log("Write of size 8 at 0x1000 by main thread:", "operator delete[](void*) <null>",
                        "Previous read of size 8 at 0x1000 by thread T1:", "pthread_cond_signal <null>", ""),
               "free_against_use", NULL);
}

Test(rule_order, an_allocation_without_a_source_line_is_publication_not_a_libc_function) {
  char *heap = "  Location is heap block of size 4 at 0x1000 allocated by main thread:\n"
               "    #0 operator new(unsigned long) <null> (x+0x60)\n    #1 main /src/x.c:17:26 (x+0x70)\n\n";
  assert_first(race_log("Write of size 4 at 0x1000 by thread T1:", worker_frame,
                        "Previous write of size 8 at 0x1000 by main thread:", "operator new(unsigned long) <null>",
                        heap),
               "publication_without_order", "libc_interceptor");
}

Test(rule_order, every_synchronization_objects_init_and_destroy_is_its_lifetime) {
  /* Each is an interceptor of compiler-rt's tsan_interceptors_posix.cpp that writes the object's memory (directly,
   * or through MutexCreate and MutexDestroy), against a use of the object by another thread. */
  static const char *const lifetime[] = {"pthread_barrier_init", "pthread_barrier_destroy", "pthread_cond_init",
                                         "pthread_cond_destroy", "pthread_rwlock_init",     "pthread_rwlock_destroy",
                                         "pthread_spin_init",    "pthread_spin_destroy",    "pthread_mutex_init",
                                         "pthread_mutex_destroy"};
  for (size_t i = 0; i < sizeof lifetime / sizeof *lifetime; i++) {
    char *frame = xprintf("%s <null>", lifetime[i]);
    assert_first(race_log("Write of size 1 at 0x1000 by thread T1:", frame,
                          "Previous read of size 1 at 0x1000 by main thread:", "pthread_barrier_wait <null>",
                          global_location),
                 "mutex_object_lifetime", NULL);
    free(frame);
  }
}

Test(rule_order, a_sleep_yields_to_what_the_accesses_show_themselves) {
  /* The runtime prints the sleep section whenever the current thread slept after the previous access
   * (tsan_rtl_report.cpp, ReportRace): a lock on one side, an atomic or the same code is the mistake shown. */
  assert_first(race_log("Write of size 4 at 0x1000 by thread T1 (mutexes: write M0):", worker_frame, plain_read,
                        main_frame, sleep_in_main),
               "one_side_locked", NULL);
  assert_first(
      race_log("Atomic write of size 4 at 0x1000 by thread T1:", worker_frame, plain_read, main_frame, sleep_in_main),
      "atomic_vs_plain", NULL);
  assert_first(race_log(plain_write, worker_frame,
                        "Previous write of size 4 at 0x1000 by thread T2:", "worker /src/x.c:12:5", sleep_in_main),
               "same_code_unlocked", "sleep_as_sync");
  /* Two roles, nothing but the sleep between them: the catalog's signaling/sleep_sync_bug. */
  assert_first(race_log(plain_write, worker_frame, plain_read, main_frame, sleep_in_main), "sleep_as_sync", NULL);
}

Test(rule_order, a_stack_object_shared_on_purpose_is_not_a_handoff) {
  assert_first(
      race_log("Atomic write of size 4 at 0x1000 by thread T1:", worker_frame, plain_read, main_frame, main_stack),
      "atomic_vs_plain", "stack_shared_with_thread");
  assert_first(race_log(plain_write, worker_frame,
                        "Previous write of size 4 at 0x1000 by thread T2:", "worker /src/x.c:12:5", main_stack),
               "same_code_unlocked", "stack_shared_with_thread");
  /* A local handed to one thread and used by two roles: the catalog's lifecycle/stack_arg_bug. */
  assert_first(race_log(plain_write, worker_frame, plain_read, main_frame, main_stack), "stack_shared_with_thread",
               NULL);
}

Test(rule_order, both_sides_without_a_source_line_blame_no_program_mistake_first) {
  char *heap = "  Location is heap block of size 1504 at 0x1000 allocated by main thread:\n"
               "    #0 malloc <null> (x+0x60)\n    #1 <null> <null> (libomp.so.5+0x22fe8)\n\n";
  assert_first(xprintf("==================\n"
                       "WARNING: ThreadSanitizer: data race (pid=7)\n"
                       "  Atomic read of size 1 at 0x1000 by main thread:\n"
                       "    #0 pthread_mutex_lock <null> (x+0x10)\n"
                       "    #1 <null> <null> (libomp.so.5+0xb3ae8)\n\n"
                       "  Previous write of size 1 at 0x1000 by thread T12:\n"
                       "    #0 pthread_mutex_init <null> (x+0x30)\n"
                       "    #1 <null> <null> (libomp.so.5+0xb054f)\n\n"
                       "%s"
                       "==================\n",
                       heap),
               "uninstrumented_code", NULL);
}

/* ---- the patterns file ---- */

static void assert_patterns_error(const char *text, const char *message) {
  struct pattern_set set;
  char *error = NULL;
  cr_assert_neq(pattern_set_parse(text, "bad.tsv", &set, &error), 0, "should be refused:\n%s", text);
  cr_assert(contains(error, message), "the error should say \"%s\", got \"%s\"", message, error);
  free(error);
  pattern_set_free(&set);
}

Test(patterns_file, refuses_what_it_cannot_evaluate_naming_the_line) {
  assert_patterns_error("# a comment\n\npattern\tp\tkind(data race) & locked_somewhere\twords\n",
                        "bad.tsv:3: unknown predicate \"locked_somewhere\"");
  assert_patterns_error("pattern\tp\tkind\twords\n", "bad.tsv:1: predicate kind needs an argument");
  assert_patterns_error("pattern\tp\tsleep(long)\twords\n", "bad.tsv:1: predicate sleep takes no argument");
  assert_patterns_error("pattern\tp\tsleep\twords\npattern\tp\tsleep\twords\n",
                        "bad.tsv:2: pattern p is defined twice");
  assert_patterns_error("case\tq\ta/b_bug\ta/b_fixed\tThe fix.\n", "bad.tsv:1: case of pattern q, which no line");
  assert_patterns_error("pattern\tp\tsleep\twords\ncase\tp\ta/b_fixed\ta/b_bug\tThe fix.\n",
                        "a case pair is folder/name_bug and folder/name_fixed");
  assert_patterns_error("pattern\tp\tsleep\n", "bad.tsv:1: a pattern line is");
  assert_patterns_error("# nothing\n", "defines no pattern");
}

Test(patterns_file, every_case_it_names_exists_and_its_fix_line_is_the_fix_cases_own) {
  struct pattern_set set = read_real_patterns();
  struct pattern_set from_cases = read_real_patterns();
  pattern_set_read_fix_lines(&from_cases, CASES_DIR);
  size_t cases = 0;
  for (size_t i = 0; i < set.count; i++) {
    cr_assert_gt(set.patterns[i].case_count, 0, "pattern %s names no case", set.patterns[i].id);
    for (size_t j = 0; j < set.patterns[i].case_count; j++, cases++) {
      const struct pattern_case *item = &set.patterns[i].cases[j];
      const char *names[] = {item->mistake, item->fix};
      for (int k = 0; k < 2; k++) {
        char *path = xprintf("%s/%s.c", CASES_DIR, names[k]);
        cr_assert(access(path, R_OK) == 0, "pattern %s names %s, and %s does not exist", set.patterns[i].id, names[k],
                  path);
        free(path);
      }
      const struct pattern_case *read = &from_cases.patterns[i].cases[j];
      cr_assert(read->fix_line_from_header, "%s: its header gives no first sentence", item->fix);
      cr_assert_str_eq(item->fix_line, read->fix_line,
                       "patterns.tsv's fix line of %s (what an installed tool shows) is not the case's own first "
                       "sentence:\n  file: %s\n  case: %s",
                       item->fix, item->fix_line, read->fix_line);
    }
  }
  cr_assert_gt(cases, 40, "patterns.tsv should name the catalog's cases, names %zu", cases);
  pattern_set_free(&set);
  pattern_set_free(&from_cases);
}

Test(patterns_file, a_fix_line_comes_from_the_cases_folder_when_it_is_there) {
  const char *text = "pattern\tp\tsleep\twords\ncase\tp\tf/a_bug\tf/a_fixed\tThe data file's line.\n";
  struct pattern_set set;
  char *error = NULL;
  cr_assert_eq(pattern_set_parse(text, "t.tsv", &set, &error), 0, "%s", error ? error : "");
  char *scratch = make_scratch_dir();
  pattern_set_read_fix_lines(&set, scratch); /* no f/a_fixed.c there: the data file's words stay */
  cr_assert_str_eq(set.patterns[0].cases[0].fix_line, "The data file's line.");
  cr_assert_not(set.patterns[0].cases[0].fix_line_from_header);
  char *folder = xprintf("%s/f", scratch);
  cr_assert_eq(mkdir(folder, 0700), 0);
  char *path = xprintf("%s/a_fixed.c", folder);
  write_file_or_fail(path, "/* The fix: a mutex around both.\n * More words. */\nint x;\n",
                     strlen("/* The fix: a mutex around both.\n * More words. */\nint x;\n"));
  pattern_set_read_fix_lines(&set, scratch);
  cr_assert_str_eq(set.patterns[0].cases[0].fix_line, "The fix: a mutex around both.");
  cr_assert(set.patterns[0].cases[0].fix_line_from_header);
  free(path);
  free(folder);
  remove_scratch_dir(scratch);
  pattern_set_free(&set);
}

/* ---- the command ---- */

static void run_explain(const char *const *arguments, struct run_result *run) { run_harness(arguments, NULL, 60, run); }

Test(command, explains_a_genuine_log_and_its_exit_status_is_parses) {
  char *path = fixture_path("clang14-data-race.txt");
  const char *const text_args[] = {"explain", "--color", "never", path, NULL};
  struct run_result run;
  run_explain(text_args, &run);
  cr_assert_eq(run.code, 1, "got %d: %s", run.code, run.err.data);
  cr_assert(contains(run.out.data, "report 1 (line 7): data race\n"), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "pattern: one_side_locked:"), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "because: the read by main thread holds no mutex; the write by thread T1 holds "
                                   "write M0"),
            "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "lesson: locks/lock_write_only_bug, fixed in locks/lock_write_only_fixed: The fix:"),
            "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "pattern: atomic_vs_plain:"), "got: %s", run.out.data);
  run_result_free(&run);
  const char *const json_args[] = {"explain", "--json", path, NULL};
  run_explain(json_args, &run);
  cr_assert_eq(run.code, 1, "got %d: %s", run.code, run.err.data);
  cr_assert(starts_with(run.out.data, "{\"patterns_file\":"), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "\"id\":\"one_side_locked\""), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "\"fix_line_from\":\"case header\""), "got: %s", run.out.data);
  run_result_free(&run);
  free(path);
  char *clean = fixture_path("clang14-clean.txt");
  const char *const clean_args[] = {"explain", clean, NULL};
  run_explain(clean_args, &run);
  cr_assert_eq(run.code, 0, "a log that proves no report: exit 0, got %d: %s", run.code, run.err.data);
  run_result_free(&run);
  free(clean);
}

Test(command, a_damaged_log_or_patterns_file_cannot_be_explained) {
  char *damaged = fixture_path("damaged-cut.txt");
  const char *const damaged_args[] = {"explain", damaged, NULL};
  struct run_result run;
  run_explain(damaged_args, &run);
  cr_assert_eq(run.code, 2, "a damaged log: exit 2, got %d", run.code);
  cr_assert(contains(run.err.data, "damaged-cut.txt:14: the report of line 7 is cut off"),
            "the message names the file and the damage, got: %s", run.err.data);
  /* The cut report (its thread creation lost) is read, and matched against no pattern: what it lacks is unknown. */
  cr_assert(contains(run.out.data, "The memory is the global 'counter' (4 bytes)."), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "pattern: not tried: the log is damaged and this report may be cut short"),
            "got: %s", run.out.data);
  cr_assert_not(contains(run.out.data, "pattern: one_side_locked"), "got: %s", run.out.data);
  run_result_free(&run);
  char *scratch = NULL;
  char *bad = write_scratch_file(&scratch, "bad.tsv", "pattern\tp\tkind(data race) & guessed\twords\n");
  char *log = fixture_path("clang14-data-race.txt");
  const char *const bad_args[] = {"explain", "--patterns", bad, log, NULL};
  run_explain(bad_args, &run);
  cr_assert_eq(run.code, 2, "unreadable patterns: exit 2, got %d", run.code);
  cr_assert(contains(run.err.data, "bad.tsv:1: unknown predicate \"guessed\""), "got: %s", run.err.data);
  run_result_free(&run);
  const char *const option_args[] = {"explain", "--sarif", log, NULL};
  run_explain(option_args, &run);
  cr_assert_eq(run.code, 2, "an unknown option: exit 2, got %d", run.code);
  cr_assert(contains(run.err.data, "unknown option '--sarif'"), "got: %s", run.err.data);
  run_result_free(&run);
  remove_scratch_dir(scratch);
  free(bad);
  free(log);
  free(damaged);
}

Test(command, check_mode_explains_the_reports_no_marker_expects) {
  char *scratch = NULL;
  char *path = write_scratch_file(&scratch, "race.c",
                                  "// expect-tsan: none\n"
                                  "#include <pthread.h>\n"
                                  "int counter;\n"
                                  "static void *worker(void *arg) { counter++; return arg; }\n"
                                  "int main(void) {\n"
                                  "  pthread_t t;\n"
                                  "  pthread_create(&t, 0, worker, 0);\n"
                                  "  counter++;\n"
                                  "  pthread_join(t, 0);\n"
                                  "  return 0;\n"
                                  "}\n");
  const char *const arguments[] = {"--explain", "--color", "never", path, NULL};
  struct run_result run;
  run_harness(arguments, scratch, 120, &run);
  cr_assert_eq(run.code, 1, "got %d: %s %s", run.code, run.out.data, run.err.data);
  cr_assert(contains(run.out.data, "explanation of report 1 (log line "), "got: %s", run.out.data);
  cr_assert(contains(run.out.data, "pattern: unordered_plain:"), "got: %s", run.out.data);
  run_result_free(&run);
  const char *const parse_args[] = {"parse", "--explain", path, NULL};
  run_harness(parse_args, scratch, 60, &run);
  cr_assert_eq(run.code, 2, "parse does not take --explain, got %d", run.code);
  run_result_free(&run);
  remove_scratch_dir(scratch);
  free(path);
}

/* ---- performance: explain on a 50 MB log stays within 2x of parse ---- */

/* The CPU seconds (user and system) of one run of `tsan-verify ARGUMENTS` with its output thrown away. */
static double cpu_seconds(const char *const *arguments) {
  pid_t child = fork();
  cr_assert_neq(child, -1);
  if (child == 0) {
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
      _exit(126);
    execv(TSAN_VERIFY_EXE, (char *const *)arguments);
    _exit(127);
  }
  int status;
  struct rusage usage;
  cr_assert_eq(wait4(child, &status, 0, &usage), child);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "%s %s should exit 1", arguments[1], arguments[2]);
  return (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + (double)usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

Test(performance, explain_on_a_50_mb_log_stays_within_twice_parse, .timeout = 240) {
  size_t length;
  char *fixture = read_fixture("clang14-data-race.txt", &length);
  const char *first = strstr(fixture, "==================\n");
  const char *last = strstr(fixture, "data_race: seen=2");
  cr_assert(first && last, "the fixture's reports");
  struct strbuf log = {0};
  strbuf_append(&log, fixture, (size_t)(first - fixture));
  size_t copies = 50000000 / (size_t)(last - first);
  for (size_t i = 0; i < copies; i++)
    strbuf_append(&log, first, (size_t)(last - first));
  strbuf_printf(&log, "ThreadSanitizer: reported %zu warnings\n", 2 * copies);
  char *scratch = make_scratch_dir();
  char *path = xprintf("%s/big.log", scratch);
  write_file_or_fail(path, log.data, log.length);
  const char *const parse_args[] = {TSAN_VERIFY_EXE, "parse", path, NULL};
  const char *const explain_args[] = {TSAN_VERIFY_EXE, "explain", path, NULL};
  /* Taken in turns, so that a change of the machine's load between them weighs on both alike. */
  double parse = 1e9, explain = 1e9;
  for (int round = 0; round < 5; round++) {
    double parse_now = cpu_seconds(parse_args), explain_now = cpu_seconds(explain_args);
    parse = parse_now < parse ? parse_now : parse;
    explain = explain_now < explain ? explain_now : explain;
  }
  cr_assert_leq(explain, 2 * parse, "explain took %.2f s of CPU on %zu MB, parse %.2f s: more than twice", explain,
                log.length >> 20, parse);
  remove_scratch_dir(scratch);
  free(path);
  strbuf_free(&log);
  free(fixture);
}
