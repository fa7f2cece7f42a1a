/* test_parse.c: parse.c on real TSan output captured from clang 14, 16, 19 and gcc 12 (fixtures/ and
 * fixtures/real-world/, see capture.sh), and on damaged logs derived from them. Line numbers such as data_race.c:28
 * are lines of fixtures/programs/. */
#include "base/util.h"
#include "report/normalize.h"
#include "report/report.h"
#include "support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct tsan_log log_;

static void free_log(void) { tsan_log_free(&log_); }

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

/* One frame's fields, each checked on its own with a message naming the frame. */
static void assert_frame(const struct tsan_frame *frame, const char *function, const char *file_suffix, int line,
                         int column) {
  cr_assert_not_null(frame->function, "frame #%d should have a function", frame->index);
  cr_assert_str_eq(frame->function, function, "frame #%d: function should be %s, got %s", frame->index, function,
                   frame->function);
  if (file_suffix) {
    cr_assert_not_null(frame->file, "frame #%d (%s) should have a file", frame->index, function);
    cr_assert(ends_with(frame->file, file_suffix), "frame #%d (%s): file should end with %s, got %s", frame->index,
              function, file_suffix, frame->file);
  } else {
    cr_assert_null(frame->file, "frame #%d (%s) printed <null> as its file: file should be NULL, got %s", frame->index,
                   function, STR_OR_NULL(frame->file));
  }
  cr_assert_eq(frame->line, line, "frame #%d (%s): line should be %d, got %d", frame->index, function, line,
               frame->line);
  cr_assert_eq(frame->column, column, "frame #%d (%s): column should be %d, got %d", frame->index, function, column,
               frame->column);
}

static void assert_access(const struct tsan_section *section, bool previous, bool atomic, bool write, int size,
                          const char *thread, const char *mutexes) {
  cr_assert_eq(section->kind, SECTION_ACCESS, "\"%s\" should be an access section, got %s", section->title,
               section_kind_name(section->kind));
  cr_assert_eq(section->access.previous, previous, "\"%s\": previous should be %d", section->title, previous);
  cr_assert_eq(section->access.atomic, atomic, "\"%s\": atomic should be %d", section->title, atomic);
  cr_assert_eq(section->access.write, write, "\"%s\": write should be %d", section->title, write);
  cr_assert_eq(section->access.size, size, "\"%s\": size should be %d, got %d", section->title, size,
               section->access.size);
  cr_assert_not_null(section->access.thread, "\"%s\" should name its thread", section->title);
  cr_assert_str_eq(section->access.thread, thread, "\"%s\": thread should be \"%s\", got \"%s\"", section->title,
                   thread, section->access.thread);
  if (mutexes) {
    cr_assert_not_null(section->access.mutexes, "\"%s\" should list mutexes", section->title);
    cr_assert_str_eq(section->access.mutexes, mutexes, "\"%s\": mutexes should be \"%s\", got \"%s\"", section->title,
                     mutexes, section->access.mutexes);
  } else {
    cr_assert_null(section->access.mutexes, "\"%s\" holds no mutex, got \"%s\"", section->title,
                   STR_OR_NULL(section->access.mutexes));
  }
}

static void assert_section_kinds(const struct tsan_report *report, const enum section_kind *kinds, size_t count) {
  cr_assert_eq(report->section_count, count, "the %s report should have %zu sections, got %zu", report->kind, count,
               report->section_count);
  for (size_t i = 0; i < count; i++)
    cr_assert_eq(report->sections[i].kind, kinds[i], "section %zu (\"%s\") should be %s, got %s", i,
                 report->sections[i].title, section_kind_name(kinds[i]), section_kind_name(report->sections[i].kind));
}

/* ---- clang 14: data race ---- */

Test(parse_clang_data_race, finds_two_data_race_reports, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  cr_assert_eq(log_.report_count, 2, "the log holds 2 reports, parsed %zu", log_.report_count);
  for (size_t r = 0; r < 2; r++) {
    cr_assert_str_eq(log_.reports[r].kind, "data race", "report %zu: kind should be \"data race\", got \"%s\"", r,
                     log_.reports[r].kind);
    cr_assert_gt(log_.reports[r].pid, 0, "report %zu: the pid should be read from (pid=N)", r);
  }
  cr_assert_eq(log_.reports[0].first_line, 7, "the first WARNING is on log line 7, got %zu",
               log_.reports[0].first_line);
  cr_assert_eq(log_.reports[1].first_line, 27, "the second WARNING is on log line 27, got %zu",
               log_.reports[1].first_line);
}

Test(parse_clang_data_race, reads_every_section_of_the_first_report, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  static const enum section_kind kinds[] = {SECTION_ACCESS, SECTION_ACCESS, SECTION_LOCATION, SECTION_MUTEX_CREATION,
                                            SECTION_THREAD_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 5);
  cr_assert(starts_with(section_at(&log_, 0, 3)->title, "Mutex M0 (0x"), "the mutex section's title is kept, got %s",
            section_at(&log_, 0, 3)->title);
}

Test(parse_clang_data_race, reads_a_plain_read_by_the_main_thread, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  assert_access(section_at(&log_, 0, 0), false, false, false, 4, "main thread", NULL);
}

Test(parse_clang_data_race, reads_a_previous_write_that_held_a_mutex, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  assert_access(section_at(&log_, 0, 1), true, false, true, 4, "thread T1", "write M0");
}

Test(parse_clang_data_race, reads_a_previous_atomic_write, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  assert_access(section_at(&log_, 1, 1), true, true, true, 4, "thread T1", NULL);
}

Test(parse_clang_data_race, reads_file_line_and_column_of_clang_frames, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  const struct tsan_frame *frame = frame_at(&log_, 0, 0, 0);
  assert_frame(frame, "main", "/programs/data_race.c", 28, 14);
  cr_assert_eq(frame->index, 0, "the frame's #N is 0, got %d", frame->index);
  assert_frame(frame_at(&log_, 0, 1, 0), "worker", "/programs/data_race.c", 15, 11);
  assert_frame(frame_at(&log_, 1, 0, 0), "main", "/programs/data_race.c", 29, 11);
}

Test(parse_clang_data_race, keeps_the_module_without_its_build_id, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  const struct tsan_frame *frame = frame_at(&log_, 0, 0, 0);
  cr_assert_not_null(frame->module, "the frame's (module+offset) should be kept");
  cr_assert(starts_with(frame->module, "data_race+0x"), "module should be data_race+0x..., got %s", frame->module);
  cr_assert(!contains(frame->module, "BuildId"), "the BuildId group should be dropped, got %s", frame->module);
}

Test(parse_clang_data_race, reads_null_file_frames_as_no_file, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  assert_frame(frame_at(&log_, 0, 3, 0), "pthread_mutex_lock", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 3, 1), "worker", "/programs/data_race.c", 14, 3);
  cr_assert_eq(frame_at(&log_, 0, 3, 1)->index, 1, "the second frame's #N is 1");
  assert_frame(frame_at(&log_, 0, 4, 0), "pthread_create", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 4, 1), "main", "/programs/data_race.c", 25, 3);
}

Test(parse_clang_data_race, reads_the_global_location, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  const struct tsan_location *location = &section_at(&log_, 0, 2)->location;
  cr_assert_str_eq(STR_OR_NULL(location->kind), "global", "location kind should be global, got %s",
                   STR_OR_NULL(location->kind));
  cr_assert_str_eq(STR_OR_NULL(location->name), "counter", "the global's name should be counter, got %s",
                   STR_OR_NULL(location->name));
  cr_assert_eq(location->size, 4, "the global's size should be 4, got %ld", location->size);
  cr_assert_eq(section_at(&log_, 0, 2)->frame_count, 0, "a global location has no stack");
  cr_assert_str_eq(STR_OR_NULL(section_at(&log_, 1, 2)->location.name), "flag", "the second report's global is flag");
}

Test(parse_clang_data_race, keeps_the_summary_text, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  const char *summary = log_.reports[0].summary;
  cr_assert_not_null(summary, "the SUMMARY line should be kept");
  cr_assert(starts_with(summary, "data race /"), "the summary starts with the kind, got %s", summary);
  cr_assert(ends_with(summary, "/programs/data_race.c:28:14 in main"), "the summary ends with the place, got %s",
            summary);
  cr_assert(ends_with(STR_OR_NULL(log_.reports[1].summary), "data_race.c:29:11 in main"),
            "the second summary names line 29, got %s", STR_OR_NULL(log_.reports[1].summary));
}

Test(parse_clang_data_race, notes_that_the_runtime_started_and_finished, .fini = free_log) {
  parse_fixture("clang14-data-race.txt", &log_);
  cr_assert(log_.runtime_started, "the \"Running under ThreadSanitizer\" banner should set runtime_started");
  cr_assert_str_eq(STR_OR_NULL(log_.runtime_version), "v3", "clang 14's runtime is v3, got %s",
                   STR_OR_NULL(log_.runtime_version));
  cr_assert(log_.runtime_finished, "the allocator Stats lines should set runtime_finished");
  cr_assert_eq(log_.warnings_reported, 2, "\"reported 2 warnings\" should give 2, got %ld", log_.warnings_reported);
  cr_assert_null(log_.fatal, "a clean exit has no fatal line, got %s", STR_OR_NULL(log_.fatal));
}

Test(parse_clang_data_race, ignores_program_output_outside_reports, .fini = free_log) {
  /* "data_race: start" comes before the first report and "data_race: seen=2" after the last one. */
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  cr_assert(contains(text, "\ndata_race: start\n") && contains(text, "\ndata_race: seen=2\n"),
            "the fixture should hold the program's own stderr lines");
  char *error = NULL;
  cr_assert_eq(tsan_parse(text, length, &log_, &error), 0, "program lines outside reports are no error: %s",
               STR_OR_NULL(error));
  cr_assert_eq(log_.report_count, 2, "program lines add no report");
  free(text);
}

/* ---- gcc 12: data race ---- */

Test(parse_gcc_data_race, finds_the_same_two_reports_as_clang, .fini = free_log) {
  parse_fixture("gcc12-data-race.txt", &log_);
  cr_assert_eq(log_.report_count, 2, "the log holds 2 reports, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "data race", "kind should be data race");
  assert_access(section_at(&log_, 0, 0), false, false, false, 4, "main thread", NULL);
  assert_access(section_at(&log_, 0, 1), true, false, true, 4, "thread T1", "write M0");
  assert_access(section_at(&log_, 1, 1), true, true, true, 4, "thread T1", NULL);
}

Test(parse_gcc_data_race, reads_gcc_frames_that_have_no_column, .fini = free_log) {
  parse_fixture("gcc12-data-race.txt", &log_);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race.c", 28, 0);
  assert_frame(frame_at(&log_, 0, 1, 0), "worker", "/programs/data_race.c", 15, 0);
  cr_assert(starts_with(STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module), "data_race+0x"),
            "a module without BuildId is kept whole, got %s", STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module));
}

Test(parse_gcc_data_race, reads_interceptor_frames_with_the_runtime_source_file, .fini = free_log) {
  parse_fixture("gcc12-data-race.txt", &log_);
  const struct tsan_frame *frame = frame_at(&log_, 0, 3, 0);
  assert_frame(frame, "pthread_mutex_lock", "sanitizer_common/sanitizer_common_interceptors.inc", 4324, 0);
  cr_assert(starts_with(frame->file, "../"), "gcc prints the runtime's relative path, got %s", frame->file);
  cr_assert(starts_with(STR_OR_NULL(frame->module), "libtsan.so.2+0x"), "the module is libtsan, got %s",
            STR_OR_NULL(frame->module));
}

Test(parse_gcc_data_race, notes_the_v2_runtime_and_the_warning_count, .fini = free_log) {
  parse_fixture("gcc12-data-race.txt", &log_);
  cr_assert(log_.runtime_started, "gcc's banner should set runtime_started");
  cr_assert_str_eq(STR_OR_NULL(log_.runtime_version), "v2", "gcc 12's runtime is v2, got %s",
                   STR_OR_NULL(log_.runtime_version));
  cr_assert(log_.runtime_finished, "gcc's Stats lines should set runtime_finished");
  cr_assert_eq(log_.warnings_reported, 2, "reported 2 warnings, got %ld", log_.warnings_reported);
  cr_assert(ends_with(STR_OR_NULL(log_.reports[0].summary), "data_race.c:28 in main"),
            "gcc's summary has no column, got %s", STR_OR_NULL(log_.reports[0].summary));
}

/* ---- lock-order inversion ---- */

static const enum section_kind inversion_kinds[] = {SECTION_LOCK_CYCLE,   SECTION_LOCK_ACQUIRE,
                                                    SECTION_LOCK_ACQUIRE, SECTION_LOCK_ACQUIRE,
                                                    SECTION_LOCK_ACQUIRE, SECTION_THREAD_CREATION};

Test(parse_lock_order_inversion, reads_the_clang_headline_with_its_parenthesis, .fini = free_log) {
  parse_fixture("clang14-lock-order-inversion.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "lock-order-inversion (potential deadlock)",
                   "the whole headline before (pid=) is the kind, got \"%s\"", log_.reports[0].kind);
  cr_assert_gt(log_.reports[0].pid, 0, "the pid follows the parenthesized part");
}

Test(parse_lock_order_inversion, reads_the_cycle_and_both_stacks_per_edge, .fini = free_log) {
  parse_fixture("clang14-lock-order-inversion.txt", &log_);
  assert_section_kinds(&log_.reports[0], inversion_kinds, 6);
  cr_assert(starts_with(section_at(&log_, 0, 0)->title, "Cycle in lock order graph: M0 ("),
            "the cycle title is kept, got %s", section_at(&log_, 0, 0)->title);
  cr_assert_eq(section_at(&log_, 0, 0)->frame_count, 0, "the cycle line has no stack");
  assert_frame(frame_at(&log_, 0, 1, 0), "pthread_mutex_lock", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 1, 1), "main", "/programs/lock_order_inversion.c", 19, 3);
  assert_frame(frame_at(&log_, 0, 2, 1), "main", "/programs/lock_order_inversion.c", 18, 3);
  assert_frame(frame_at(&log_, 0, 3, 1), "b_then_a", "/programs/lock_order_inversion.c", 11, 3);
  assert_frame(frame_at(&log_, 0, 4, 1), "b_then_a", "/programs/lock_order_inversion.c", 10, 3);
}

Test(parse_lock_order_inversion, keeps_a_summary_that_names_only_the_module, .fini = free_log) {
  parse_fixture("clang14-lock-order-inversion.txt", &log_);
  const char *summary = STR_OR_NULL(log_.reports[0].summary);
  cr_assert(starts_with(summary, "lock-order-inversion (potential deadlock) ("), "got %s", summary);
  cr_assert(ends_with(summary, " in __interceptor_pthread_mutex_lock"), "got %s", summary);
  cr_assert_eq(log_.warnings_reported, 1, "reported 1 warnings, got %ld", log_.warnings_reported);
}

Test(parse_lock_order_inversion, reads_the_gcc_report_the_same_way, .fini = free_log) {
  parse_fixture("gcc12-lock-order-inversion.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "lock-order-inversion (potential deadlock)", "got \"%s\"",
                   log_.reports[0].kind);
  assert_section_kinds(&log_.reports[0], inversion_kinds, 6);
  assert_frame(frame_at(&log_, 0, 1, 1), "main", "/programs/lock_order_inversion.c", 19, 0);
  assert_frame(frame_at(&log_, 0, 3, 1), "b_then_a", "/programs/lock_order_inversion.c", 11, 0);
  cr_assert(ends_with(STR_OR_NULL(log_.reports[0].summary), "lock_order_inversion.c:19 in main"), "got %s",
            STR_OR_NULL(log_.reports[0].summary));
}

/* ---- other kinds ---- */

Test(parse_other_kinds, reads_a_heap_use_after_free_with_the_free_stack, .fini = free_log) {
  parse_fixture("clang14-heap-use-after-free.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "heap-use-after-free", "got \"%s\"", log_.reports[0].kind);
  static const enum section_kind kinds[] = {SECTION_ACCESS, SECTION_ACCESS, SECTION_THREAD_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 3);
  assert_access(section_at(&log_, 0, 0), false, false, false, 4, "main thread", NULL);
  assert_access(section_at(&log_, 0, 1), true, false, true, 8, "thread T1", NULL);
  assert_frame(frame_at(&log_, 0, 1, 0), "free", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 1, 1), "release", "/programs/heap_use_after_free.c", 11, 3);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/heap_use_after_free.c", 23, 15);
}

Test(parse_other_kinds, reads_a_thread_leak_reported_after_the_stats, .fini = free_log) {
  parse_fixture("clang14-thread-leak.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "thread leak", "got \"%s\"", log_.reports[0].kind);
  static const enum section_kind kinds[] = {SECTION_THREAD_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 1);
  cr_assert(starts_with(section_at(&log_, 0, 0)->title, "Thread T1 (tid="), "got %s", section_at(&log_, 0, 0)->title);
  assert_frame(frame_at(&log_, 0, 0, 1), "main", "/programs/thread_leak.c", 16, 3);
  cr_assert(log_.runtime_finished, "the Stats lines come before the leak report and still count");
  cr_assert_eq(log_.warnings_reported, 1, "reported 1 warnings, got %ld", log_.warnings_reported);
}

Test(parse_other_kinds, finds_no_report_in_a_clean_run, .fini = free_log) {
  parse_fixture("clang14-clean.txt", &log_);
  cr_assert_eq(log_.report_count, 0, "a clean run has no report, parsed %zu", log_.report_count);
  cr_assert(log_.runtime_started, "the banner is there");
  cr_assert(log_.runtime_finished, "the Stats lines are there");
  cr_assert_eq(log_.warnings_reported, -1, "no \"reported N warnings\" line: -1, got %ld", log_.warnings_reported);
  cr_assert_null(log_.fatal, "no fatal line, got %s", STR_OR_NULL(log_.fatal));
}

Test(parse_other_kinds, reads_the_as_if_synchronized_via_sleep_section, .fini = free_log) {
  parse_fixture("clang14-sleep.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  static const enum section_kind kinds[] = {SECTION_ACCESS, SECTION_ACCESS, SECTION_SLEEP, SECTION_LOCATION,
                                            SECTION_THREAD_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 5);
  assert_access(section_at(&log_, 0, 0), false, false, true, 4, "main thread", NULL);
  assert_frame(frame_at(&log_, 0, 2, 0), "usleep", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 2, 1), "main", "/programs/sleep.c", 16, 3);
  cr_assert_str_eq(STR_OR_NULL(section_at(&log_, 0, 3)->location.name), "ready", "the global is ready");
}

Test(parse_other_kinds, reads_a_mutex_misuse_whose_stack_has_no_title, .fini = free_log) {
  parse_fixture("clang14-mutex-misuse.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "unlock of an unlocked mutex (or by a wrong thread)", "got \"%s\"",
                   log_.reports[0].kind);
  static const enum section_kind kinds[] = {SECTION_STACK, SECTION_LOCATION, SECTION_LOCATION, SECTION_MUTEX_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 4);
  cr_assert_str_eq(section_at(&log_, 0, 0)->title, "", "an untitled stack has the title \"\"");
  assert_frame(frame_at(&log_, 0, 0, 0), "pthread_mutex_unlock", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 0, 1), "main", "/programs/mutex_misuse.c", 10, 3);
}

Test(parse_other_kinds, reads_stack_locations_and_unknown_global_names, .fini = free_log) {
  parse_fixture("clang14-mutex-misuse.txt", &log_);
  const struct tsan_location *stack = &section_at(&log_, 0, 1)->location;
  cr_assert_str_eq(STR_OR_NULL(stack->kind), "stack", "\"Location is stack of main thread.\" is a stack, got %s",
                   STR_OR_NULL(stack->kind));
  cr_assert_null(stack->name, "a stack location has no name");
  cr_assert_eq(stack->size, -1, "a stack location has no size: -1, got %ld", stack->size);
  const struct tsan_location *global = &section_at(&log_, 0, 2)->location;
  cr_assert_str_eq(STR_OR_NULL(global->kind), "global", "got %s", STR_OR_NULL(global->kind));
  cr_assert_str_eq(STR_OR_NULL(global->name), "??", "the unknown global's name is ??, got %s",
                   STR_OR_NULL(global->name));
  cr_assert_eq(global->size, -1, "no \"of size\": -1, got %ld", global->size);
}

Test(parse_other_kinds, reads_a_file_descriptor_location_with_its_stack, .fini = free_log) {
  parse_fixture("clang14-fd-race.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "one report, parsed %zu", log_.report_count);
  assert_access(section_at(&log_, 0, 0), false, false, true, 8, "main thread", NULL);
  assert_frame(frame_at(&log_, 0, 0, 0), "close", NULL, 0, 0);
  assert_access(section_at(&log_, 0, 1), true, false, false, 8, "thread T1", NULL);
  const struct tsan_section *section = section_at(&log_, 0, 2);
  cr_assert_eq(section->kind, SECTION_LOCATION, "got %s", section_kind_name(section->kind));
  cr_assert_str_eq(STR_OR_NULL(section->location.kind), "file descriptor", "got %s",
                   STR_OR_NULL(section->location.kind));
  cr_assert_null(section->location.name, "a descriptor has no name");
  assert_frame(frame_at(&log_, 0, 2, 0), "open", NULL, 0, 0);
  assert_frame(frame_at(&log_, 0, 2, 1), "main", "/programs/fd_race.c", 19, 8);
}

Test(parse_other_kinds, notes_the_error_line_of_a_segv, .fini = free_log) {
  parse_fixture("real-world/clang14-segv.txt", &log_);
  cr_assert_eq(log_.report_count, 0, "a crash is no WARNING report, parsed %zu", log_.report_count);
  cr_assert_not_null(log_.fatal, "the ERROR line should be noted as fatal");
  cr_assert(starts_with(log_.fatal, "=="), "the fatal line is the ==PID==ERROR line, got %s", log_.fatal);
  cr_assert(contains(log_.fatal, "ERROR: ThreadSanitizer: SEGV on unknown address"),
            "the fatal line says what happened, got %s", log_.fatal);
  cr_assert_eq(log_.fatal_line, 7, "the ERROR line is log line 7, got %zu", log_.fatal_line);
  cr_assert(log_.runtime_started, "the runtime did start");
  cr_assert(!log_.runtime_finished, "a crashed runtime prints no Stats");
  cr_assert_eq(log_.warnings_reported, -1, "no warning count after a crash, got %ld", log_.warnings_reported);
}

Test(parse_other_kinds, notes_a_check_failure_as_fatal, .fini = free_log) {
  parse_text("***** Running under ThreadSanitizer v3 (pid 7) *****\n"
             "ThreadSanitizer: CHECK failed: tsan_rtl.cpp:42 \"((x)) != (0)\" (0x0, 0x0) (tid=7)\n",
             &log_);
  cr_assert_str_eq(STR_OR_NULL(log_.fatal),
                   "ThreadSanitizer: CHECK failed: tsan_rtl.cpp:42 \"((x)) != (0)\" (0x0, 0x0) (tid=7)", "got %s",
                   STR_OR_NULL(log_.fatal));
  cr_assert_eq(log_.fatal_line, 2, "got %zu", log_.fatal_line);
}

Test(parse_other_kinds, notes_nothing_in_empty_output, .fini = free_log) {
  parse_text("", &log_);
  cr_assert_eq(log_.report_count, 0, "no report");
  cr_assert(!log_.runtime_started, "no banner, no start");
  cr_assert(!log_.runtime_finished, "no Stats, no finish");
  cr_assert_eq(log_.warnings_reported, -1, "no count");
}

/* ---- damaged logs ---- */

static void assert_parse_error(const char *fixture, const char *expected) {
  size_t length;
  char *text = read_fixture(fixture, &length);
  char *error = NULL;
  int status = tsan_parse(text, length, &log_, &error);
  cr_assert_eq(status, -1, "%s is damaged: tsan_parse should fail", fixture);
  cr_assert_not_null(error, "a failure sets *error");
  cr_assert_str_eq(error, expected, "%s: wrong error: %s", fixture, error);
  free(error);
  free(text);
}

Test(parse_damaged, rejects_a_report_cut_off_in_the_middle, .fini = free_log) {
  assert_parse_error("damaged-cut.txt", "line 14: the report of line 7 is cut off (no closing ==================)");
}

Test(parse_damaged, rejects_a_program_line_inside_a_report, .fini = free_log) {
  assert_parse_error("damaged-interleaved-output.txt",
                     "line 14: text that is not TSan's inside the report of line 7 (interleaved output?)");
}

Test(parse_damaged, rejects_two_interleaved_reports, .fini = free_log) {
  assert_parse_error("damaged-two-reports.txt", "line 14: a new report starts before the report of line 7 ended");
}

Test(parse_damaged, names_the_file_when_reading_a_damaged_log, .fini = free_log) {
  char *path = fixture_path("damaged-cut.txt");
  char *error = NULL;
  cr_assert_eq(tsan_log_read(path, &log_, &error), -2, "tsan_log_read says a cut log is damaged (-2)");
  char *expected = xprintf("%s:14: the report of line 7 is cut off (no closing ==================)", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "the error is path:line: what, got %s", STR_OR_NULL(error));
  free(expected);
  free(error);
  free(path);
}

Test(parse_damaged, says_why_an_unreadable_log_cannot_be_read, .fini = free_log) {
  char *error = NULL;
  cr_assert_eq(tsan_log_read("/nonexistent/tsan.log", &log_, &error), -1, "a missing file is an error");
  cr_assert_str_eq(STR_OR_NULL(error), "/nonexistent/tsan.log: cannot read: No such file or directory", "got %s",
                   STR_OR_NULL(error));
  free(error);
}

Test(parse_damaged, rejects_a_malformed_frame_line, .fini = free_log) {
  const char *text = "WARNING: ThreadSanitizer: data race (pid=1)\n"
                     "  Write of size 4 at 0x1 by main thread:\n"
                     "    #x main /src/a.c:3 (a+0x1)\n"
                     "==================\n";
  char *error = NULL;
  cr_assert_eq(tsan_parse(text, strlen(text), &log_, &error), -1, "\"#x\" is not a frame");
  cr_assert_str_eq(STR_OR_NULL(error),
                   "line 3: malformed stack frame in the report of line 1 (a custom stack_trace_format in "
                   "TSAN_OPTIONS?)",
                   "got %s", STR_OR_NULL(error));
  free(error);
}

Test(parse_damaged, keeps_an_unknown_indented_section_as_other, .fini = free_log) {
  parse_fixture("unknown-section.txt", &log_);
  cr_assert_eq(log_.report_count, 2, "both reports still parse, got %zu", log_.report_count);
  static const enum section_kind kinds[] = {SECTION_ACCESS,   SECTION_ACCESS,         SECTION_OTHER,
                                            SECTION_LOCATION, SECTION_MUTEX_CREATION, SECTION_THREAD_CREATION};
  assert_section_kinds(&log_.reports[0], kinds, 6);
  cr_assert_str_eq(section_at(&log_, 0, 2)->title,
                   "Fiber F1 was last switched to at:", "the unknown section's title is kept, got %s",
                   section_at(&log_, 0, 2)->title);
  assert_frame(frame_at(&log_, 0, 2, 0), "fiber_switch", "/src/fibers.c", 7, 3);
  assert_frame(frame_at(&log_, 0, 2, 1), "main", "/src/main.c", 40, 0);
}

Test(parse_damaged, parses_frames_holding_bytes_that_are_not_utf8, .fini = free_log) {
  parse_fixture("non-utf8.txt", &log_);
  cr_assert_eq(log_.report_count, 2, "got %zu reports", log_.report_count);
  assert_frame(frame_at(&log_, 0, 1, 0), "w\xf6rker", "/programs/data_race.c", 15, 11);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race\xff.c", 28, 14);
}

static void assert_same_frame(const struct tsan_frame *a, const struct tsan_frame *b, const char *where) {
  cr_assert_eq(a->index, b->index, "%s: index", where);
  cr_assert_str_eq(STR_OR_NULL(a->function), STR_OR_NULL(b->function), "%s: function", where);
  cr_assert_str_eq(STR_OR_NULL(a->file), STR_OR_NULL(b->file), "%s: file", where);
  cr_assert_eq(a->line, b->line, "%s: line", where);
  cr_assert_eq(a->column, b->column, "%s: column", where);
  cr_assert_str_eq(STR_OR_NULL(a->module), STR_OR_NULL(b->module), "%s: module", where);
}

/* `a` and `b` hold the same reports; a's reports start `line_offset` lines later in its log. */
static void assert_same_log_shifted(const struct tsan_log *a, const struct tsan_log *b, size_t line_offset) {
  cr_assert_eq(a->report_count, b->report_count, "report counts differ");
  cr_assert_eq(a->runtime_started, b->runtime_started, "runtime_started differs");
  cr_assert_str_eq(STR_OR_NULL(a->runtime_version), STR_OR_NULL(b->runtime_version), "runtime_version differs");
  cr_assert_eq(a->runtime_finished, b->runtime_finished, "runtime_finished differs");
  cr_assert_eq(a->warnings_reported, b->warnings_reported, "warnings_reported differs");
  for (size_t r = 0; r < a->report_count; r++) {
    const struct tsan_report *ra = &a->reports[r], *rb = &b->reports[r];
    cr_assert_str_eq(ra->kind, rb->kind, "report %zu: kind", r);
    cr_assert_eq(ra->pid, rb->pid, "report %zu: pid", r);
    cr_assert_eq(ra->first_line, rb->first_line + line_offset, "report %zu: first_line %zu, expected %zu", r,
                 ra->first_line, rb->first_line + line_offset);
    cr_assert_str_eq(STR_OR_NULL(ra->summary), STR_OR_NULL(rb->summary), "report %zu: summary", r);
    cr_assert_eq(ra->section_count, rb->section_count, "report %zu: section count", r);
    for (size_t s = 0; s < ra->section_count; s++) {
      const struct tsan_section *sa = &ra->sections[s], *sb = &rb->sections[s];
      cr_assert_eq(sa->kind, sb->kind, "report %zu section %zu: kind", r, s);
      cr_assert_str_eq(sa->title, sb->title, "report %zu section %zu: title", r, s);
      cr_assert_str_eq(STR_OR_NULL(sa->access.thread), STR_OR_NULL(sb->access.thread), "section %zu: thread", s);
      cr_assert_str_eq(STR_OR_NULL(sa->access.mutexes), STR_OR_NULL(sb->access.mutexes), "section %zu: mutexes", s);
      cr_assert_str_eq(STR_OR_NULL(sa->location.kind), STR_OR_NULL(sb->location.kind), "section %zu: location", s);
      cr_assert_eq(sa->frame_count, sb->frame_count, "report %zu section %zu: frame count", r, s);
      for (size_t f = 0; f < sa->frame_count; f++) {
        char *where = xprintf("report %zu section %zu frame %zu", r, s, f);
        assert_same_frame(&sa->frames[f], &sb->frames[f], where);
        free(where);
      }
    }
  }
}

static void assert_same_log(const struct tsan_log *a, const struct tsan_log *b) { assert_same_log_shifted(a, b, 0); }

Test(parse_damaged, parses_crlf_line_endings_like_lf, .fini = free_log) {
  struct tsan_log lf;
  parse_fixture("clang14-data-race.txt", &lf);
  parse_fixture("crlf.txt", &log_);
  assert_same_log(&log_, &lf);
  tsan_log_free(&lf);
}

Test(parse_damaged, parses_frames_without_symbols, .fini = free_log) {
  parse_fixture("unsymbolized.txt", &log_);
  cr_assert_eq(log_.report_count, 2, "got %zu reports", log_.report_count);
  const struct tsan_section *section = section_at(&log_, 0, 1);
  cr_assert_eq(section->frame_count, 2, "the replaced stack has 2 frames, got %zu", section->frame_count);
  const struct tsan_frame *null_frame = frame_at(&log_, 0, 1, 0);
  assert_frame(null_frame, "<null>", NULL, 0, 0);
  cr_assert_str_eq(STR_OR_NULL(null_frame->module), "libplugin.so+0x12", "got %s", STR_OR_NULL(null_frame->module));
  const struct tsan_frame *pc_frame = frame_at(&log_, 0, 1, 1);
  cr_assert_eq(pc_frame->index, 1, "#1");
  cr_assert_null(pc_frame->file, "a bare pc has no file, got %s", STR_OR_NULL(pc_frame->file));
  cr_assert_eq(pc_frame->line, 0, "a bare pc has no line");
  cr_assert_str_eq(STR_OR_NULL(pc_frame->module), "libplugin.so+0x34", "got %s", STR_OR_NULL(pc_frame->module));
  cr_assert_not_null(pc_frame->function, "function is never NULL");
}

Test(parse_damaged, reads_a_log_without_the_verbosity_lines, .fini = free_log) {
  /* The same report as TSan prints it with verbosity=0: no banner, no Stats. */
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  char *no_banner = replace_first(text, "***** Running under ThreadSanitizer", "(banner removed)");
  char *no_stats = replace_all(no_banner, "Stats: ", "(stats removed) ");
  parse_text(no_stats, &log_);
  cr_assert_eq(log_.report_count, 2, "the reports still parse");
  cr_assert(!log_.runtime_started, "without the banner, runtime_started stays false");
  cr_assert(!log_.runtime_finished, "without Stats, runtime_finished stays false");
  free(no_stats);
  free(no_banner);
  free(text);
}

/* ---- names ---- */

Test(parse_names, names_every_section_kind) {
  static const struct {
    enum section_kind kind;
    const char *name;
  } names[] = {{SECTION_ACCESS, "access"},
               {SECTION_LOCATION, "location"},
               {SECTION_MUTEX_CREATION, "mutex-creation"},
               {SECTION_MUTEX, "mutex"},
               {SECTION_LOCK_CYCLE, "lock-cycle"},
               {SECTION_LOCK_ACQUIRE, "lock-acquire"},
               {SECTION_THREAD_CREATION, "thread-creation"},
               {SECTION_SLEEP, "sleep"},
               {SECTION_STACK, "stack"},
               {SECTION_OTHER, "other"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    cr_assert_str_eq(section_kind_name(names[i].kind), names[i].name, "kind %d should be named %s", names[i].kind,
                     names[i].name);
}

Test(parse_names, lists_the_known_headlines_ending_with_null) {
  size_t count = 0;
  bool race = false, inversion = false;
  for (; tsan_known_kinds[count]; count++) {
    race |= strcmp(tsan_known_kinds[count], "data race") == 0;
    inversion |= strcmp(tsan_known_kinds[count], "lock-order-inversion (potential deadlock)") == 0;
  }
  cr_assert_gt(count, 10, "the list knows the C-reachable headlines, has %zu", count);
  cr_assert(race, "\"data race\" is a known headline");
  cr_assert(inversion, "the lock-order-inversion headline is known in full");
}

Test(parse_other_kinds, keeps_deadlysignal_as_fatal_when_no_error_line_follows, .fini = free_log) {
  parse_text("***** Running under ThreadSanitizer v3 (pid 7) *****\n"
             "ThreadSanitizer:DEADLYSIGNAL\n"
             "ThreadSanitizer:DEADLYSIGNAL\n",
             &log_);
  cr_assert_str_eq(STR_OR_NULL(log_.fatal), "ThreadSanitizer:DEADLYSIGNAL", "got %s", STR_OR_NULL(log_.fatal));
  cr_assert_eq(log_.fatal_line, 2, "the first one, line 2, got %zu", log_.fatal_line);
}

Test(parse_other_kinds, keeps_the_first_error_line_as_fatal, .fini = free_log) {
  parse_text("ThreadSanitizer:DEADLYSIGNAL\n"
             "==7==ERROR: ThreadSanitizer: SEGV on unknown address 0x000000000000\n"
             "FATAL: ThreadSanitizer: a later failure\n",
             &log_);
  cr_assert(starts_with(STR_OR_NULL(log_.fatal), "==7==ERROR: ThreadSanitizer: SEGV"), "got %s",
            STR_OR_NULL(log_.fatal));
  cr_assert_eq(log_.fatal_line, 2, "got %zu", log_.fatal_line);
}

/* ---- inputs the fuzzer once crashed on (harness/fuzz/regressions) ---- */

Test(parse_fuzz_regressions, parses_or_rejects_every_input_without_reading_past_it) {
  /* Each once made the parser read past an unterminated last line. The buffers end exactly where the input does,
   * so the address,undefined build (preset asan) fails here if it ever comes back. */
  struct raw_input *inputs;
  size_t count = read_fuzz_regressions(&inputs);
  for (size_t i = 0; i < count; i++) {
    struct tsan_log log;
    char *error = NULL;
    int status = tsan_parse(inputs[i].bytes, inputs[i].length, &log, &error);
    cr_assert(status == 0 || (status == -1 && error), "%s: a failure must say why (status %d)", inputs[i].name, status);
    if (status == 0)
      for (size_t r = 0; r < log.report_count; r++)
        cr_assert_not_null(log.reports[r].kind, "%s: report %zu has a kind", inputs[i].name, r);
    tsan_log_free(&log);
    free(error);
  }
  free_raw_inputs(inputs, count);
}

/* ---- logs from the real world (fixtures/real-world/, capture.sh real-world) ---- */

/* The text without its SGR color sequences ("ESC [ ... m"), removed the simple way, to compare with the parser's. */
static char *strip_sgr(const char *text) {
  char *plain = xstrdup(text), *out = plain;
  for (const char *c = text; *c;) {
    if (c[0] == '\033' && c[1] == '[') {
      c += 2;
      while (*c && *c != 'm')
        c++;
      c += *c == 'm';
    } else {
      *out++ = *c++;
    }
  }
  *out = '\0';
  return plain;
}

/* The message tsan_log_check gives for a fixture that parses, or NULL when it trusts the log. */
static char *distrust_of(const char *fixture, struct tsan_log *log) {
  char *path = fixture_path(fixture);
  char *error = NULL;
  cr_assert_eq(tsan_log_read(path, log, &error), 0, "%s should parse: %s", fixture, STR_OR_NULL(error));
  int status = tsan_log_check(log, path, &error);
  cr_assert(status == 0 ? error == NULL : error != NULL, "%s: a distrust must say why, and only then", fixture);
  char *message = error ? xstrdup(error + strlen(path)) : NULL; /* ":LINE: ..." */
  free(error);
  free(path);
  return message;
}

static void assert_data_race_pair(const struct tsan_log *log, const char *name) {
  cr_assert_eq(log->report_count, 2, "%s: the data_race program makes 2 reports, parsed %zu", name, log->report_count);
  for (size_t r = 0; r < 2; r++)
    cr_assert_str_eq(log->reports[r].kind, "data race", "%s: report %zu is a data race, got \"%s\"", name, r,
                     log->reports[r].kind);
}

Test(parse_real_world, ignores_color_escape_sequences_of_clang, .fini = free_log) {
  size_t length;
  char *text = read_fixture("real-world/clang14-color.txt", &length);
  cr_assert(contains(text, "\033[1m\033[31mWARNING: ThreadSanitizer: data race"), "the headline is colored");
  parse_text(text, &log_);
  assert_data_race_pair(&log_, "color=always");
  assert_access(section_at(&log_, 0, 1), true, false, true, 4, "thread T1", "write M0");
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race.c", 28, 14);
  cr_assert_eq(log_.warnings_reported, 2, "the count line is read too, got %ld", log_.warnings_reported);
  struct tsan_log plain;
  char *stripped = strip_sgr(text);
  parse_text(stripped, &plain);
  assert_same_log(&log_, &plain);
  tsan_log_free(&plain);
  free(stripped);
  free(text);
}

Test(parse_real_world, ignores_color_escape_sequences_of_gcc, .fini = free_log) {
  parse_fixture("real-world/gcc12-color.txt", &log_);
  assert_data_race_pair(&log_, "gcc color=always");
  assert_section_kinds(&log_.reports[0],
                       (enum section_kind[]){SECTION_ACCESS, SECTION_ACCESS, SECTION_LOCATION, SECTION_MUTEX_CREATION,
                                             SECTION_THREAD_CREATION},
                       5);
  assert_frame(frame_at(&log_, 1, 0, 0), "main", "/programs/data_race.c", 29, 0);
}

Test(parse_real_world, reads_a_log_captured_on_a_terminal_with_color_auto, .fini = free_log) {
  /* script(1)'s capture: color=auto colors on a terminal, every line ends in CRLF, script adds a first line. */
  size_t length;
  char *text = read_fixture("real-world/clang14-color-auto-terminal.txt", &length);
  cr_assert(contains(text, "\033[1m\033[31mWARNING: ThreadSanitizer: data race") && contains(text, "\r\n"),
            "the fixture is colored and has CRLF line endings");
  free(text);
  parse_fixture("real-world/clang14-color-auto-terminal.txt", &log_);
  assert_data_race_pair(&log_, "color=auto on a terminal");
  assert_frame(frame_at(&log_, 0, 1, 0), "worker", "/programs/data_race.c", 15, 11);
  assert_frame(frame_at(&log_, 1, 0, 0), "main", "/programs/data_race.c", 29, 11);
  cr_assert(log_.runtime_started && log_.runtime_finished, "banner and Stats are read");
  cr_assert_eq(log_.warnings_reported, 2, "got %ld", log_.warnings_reported);
}

Test(parse_real_world, ignores_escape_sequences_in_the_middle_of_a_line, .fini = free_log) {
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  /* A CSI in a frame and the kind, an OSC hyperlink (ESC ] 8 ;; URI BEL) around a file name, a cursor move. */
  char *a = replace_first(text, "#0 main /work", "#0 \033[1;32mmain\033[0m \033]8;;file:///x\a/work");
  char *b = replace_first(a, "data race (pid=", "data \033[Krace (pid=");
  char *c = replace_first(b, "  Previous write", "\033[2K  Previous write");
  parse_text(c, &log_);
  struct tsan_log plain;
  parse_text(text, &plain);
  assert_same_log(&log_, &plain);
  tsan_log_free(&plain);
  free(c);
  free(b);
  free(a);
  free(text);
}

Test(parse_real_world, reads_a_line_as_a_carriage_return_leaves_it, .fini = free_log) {
  /* GitLab writes "section_start:TIME:NAME\r\033[0K" before the line a terminal shows. */
  parse_text("section_start:1700000000:tests\r\033[0KWARNING: ThreadSanitizer: data race (pid=5)\n"
             "  Write of size 4 at 0x1 by main thread:\n"
             "    #0 main /src/a.c:3:7 (a+0x1)\n"
             "\n"
             "progress 50%\r==================\n",
             &log_);
  cr_assert_eq(log_.report_count, 1, "the headline after the carriage return counts, got %zu", log_.report_count);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/src/a.c", 3, 7);
}

Test(parse_real_world, reads_a_github_actions_log_like_the_plain_log, .fini = free_log) {
  parse_fixture("real-world/clang14-cxx-race-github-actions.txt", &log_);
  struct tsan_log plain;
  parse_fixture("real-world/clang14-cxx-race.txt", &plain);
  cr_assert_eq(log_.report_count, 1, "the CI log holds the C++ program's report, parsed %zu", log_.report_count);
  /* Two group lines come before the run's first line. */
  assert_same_log_shifted(&log_, &plain, 2);
  cr_assert_eq(log_.ci_lines, 3, "##[group], ##[endgroup] and ##[error] are skipped, got %zu", log_.ci_lines);
  cr_assert(log_.runtime_started && log_.runtime_finished, "the banner and the Stats are read under timestamps");
  cr_assert_eq(log_.warnings_reported, 1, "the count is read under its timestamp, got %ld", log_.warnings_reported);
  tsan_log_free(&plain);
}

Test(parse_real_world, reads_timestamps_with_any_fraction_or_none, .fini = free_log) {
  parse_text("2026-12-01T18:00:00Z WARNING: ThreadSanitizer: data race (pid=5)\n"
             "2026-12-01T18:00:00.1Z   Write of size 4 at 0x1 by main thread:\n"
             "2026-12-01T18:00:00.123456789Z     #0 main /src/a.c:3:7 (a+0x1)\n"
             "2026-12-01T18:00:00.1234567Z\n"
             "2026-12-01T18:00:00.1234567Z ==================\n"
             "2026-12-01T18:00:01.0000000Z ThreadSanitizer: reported 1 warnings\n",
             &log_);
  cr_assert_eq(log_.report_count, 1, "got %zu", log_.report_count);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/src/a.c", 3, 7);
  cr_assert_eq(log_.warnings_reported, 1, "got %ld", log_.warnings_reported);
}

Test(parse_real_world, distrusts_a_log_whose_runtime_failed_a_check, .fini = free_log) {
  char *message = distrust_of("real-world/clang14-join-twice.txt", &log_);
  cr_assert_str_eq(STR_OR_NULL(message),
                   ":5: the TSan runtime failed, so its reports cannot be trusted: ThreadSanitizer: CHECK failed: "
                   "sanitizer_thread_registry.cpp:348 \"((t)) != (0)\" (0x0, 0x0) (tid=15463)",
                   "got %s", STR_OR_NULL(message));
  cr_assert_eq(log_.report_count, 0, "the CHECK's stack is no report");
  free(message);
  tsan_log_free(&log_);
  message = distrust_of("real-world/clang19-join-twice.txt", &log_);
  cr_assert(starts_with(STR_OR_NULL(message), ":5: the TSan runtime failed, so its reports cannot be trusted: "
                                              "ThreadSanitizer: CHECK failed: sanitizer_thread_registry.cpp:348"),
            "clang 19 fails the same check, got %s", STR_OR_NULL(message));
  free(message);
}

Test(parse_real_world, distrusts_a_log_whose_runtime_crashed, .fini = free_log) {
  char *message = distrust_of("real-world/clang14-segv.txt", &log_);
  cr_assert(starts_with(STR_OR_NULL(message), ":7: the TSan runtime failed, so its reports cannot be trusted: "
                                              "==15454==ERROR: ThreadSanitizer: SEGV on unknown address"),
            "got %s", STR_OR_NULL(message));
  free(message);
}

Test(parse_real_world, distrusts_a_count_that_contradicts_the_reports, .fini = free_log) {
  /* The forked child's own log_path file: it inherited its parent's count of 1. */
  char *message = distrust_of("real-world/clang14-fork-after-report-child.txt", &log_);
  cr_assert_str_eq(STR_OR_NULL(message),
                   ":11: TSan says it reported 1 warnings, but the log holds only 0 reports before it (a process "
                   "forked on line 1, and a forked child's count includes the reports its parent made, which may be "
                   "in another log)",
                   "got %s", STR_OR_NULL(message));
  free(message);
  tsan_log_free(&log_);
  char *parent = distrust_of("real-world/clang14-fork-after-report.txt", &log_);
  cr_assert_null(parent, "the parent's file agrees with its count, got %s", STR_OR_NULL(parent));
  cr_assert_eq(log_.report_count, 1, "the parent made the one report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "data race", "got %s", log_.reports[0].kind);
  assert_frame(frame_at(&log_, 0, 1, 0), "worker", "/programs/fork_after_report.c", 15, 9);
}

Test(parse_real_world, trusts_the_counts_of_a_parent_and_its_forked_child_on_one_stream, .fini = free_log) {
  /* One stderr: the parent's report, then the child's count of 1 (inherited) and the parent's own count of 1. */
  char *message = distrust_of("real-world/clang14-fork-after-report-stderr.txt", &log_);
  cr_assert_null(message, "after the fork, a count is only an upper bound, got %s", STR_OR_NULL(message));
  cr_assert_eq(log_.report_count, 1, "one report, got %zu", log_.report_count);
  cr_assert_eq(log_.forked_line, 22, "the fork is on line 22, got %zu", log_.forked_line);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/fork_after_report.c", 25, 52);
  tsan_log_free(&log_);
  size_t length;
  char *text = read_fixture("real-world/clang14-fork-after-report-stderr.txt", &length);
  char *more = replace_all(text, "ThreadSanitizer: reported 1 warnings", "ThreadSanitizer: reported 2 warnings");
  parse_text(more, &log_);
  char *error = NULL;
  cr_assert_eq(tsan_log_check(&log_, "-", &error), -1, "2 is more than all the reports of the log");
  cr_assert(starts_with(STR_OR_NULL(error), "<stdin>:31: TSan says it reported 2 warnings, but the log holds only 1 "
                                            "reports before it (a process forked on line 22"),
            "got %s", STR_OR_NULL(error));
  free(error);
  free(more);
  free(text);
}

Test(parse_real_world, distrusts_a_log_that_lost_a_report, .fini = free_log) {
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  char *cut = replace_first(text, "WARNING: ThreadSanitizer: data race (pid=3030)\n  Read of size 4 at 0x56293fb95260",
                            "a program line\n  Read of size 4 at 0x56293fb95260");
  char *error = NULL;
  cr_assert_eq(tsan_parse(cut, strlen(cut), &log_, &error), 0, "the log still parses: %s", STR_OR_NULL(error));
  cr_assert_eq(log_.report_count, 1, "one report is left, got %zu", log_.report_count);
  cr_assert_eq(tsan_log_check(&log_, "-", &error), -1, "the count of 2 contradicts 1 report");
  cr_assert_str_eq(STR_OR_NULL(error), "<stdin>:51: TSan says it reported 2 warnings, but the log holds 1 reports",
                   "got %s", STR_OR_NULL(error));
  free(error);
  free(cut);
  free(text);
}

Test(parse_real_world, checks_each_count_against_the_reports_since_the_previous_one, .fini = free_log) {
  /* Two runs of the same program, one log after the other (as python3 -m bench parse-speed builds). */
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  char *twice = xprintf("%s%s", text, text);
  parse_text(twice, &log_);
  cr_assert_eq(log_.report_count, 4, "got %zu", log_.report_count);
  char *error = NULL;
  cr_assert_eq(tsan_log_check(&log_, "-", &error), 0, "each run's count matches its own reports: %s",
               STR_OR_NULL(error));
  tsan_log_free(&log_);
  char *lost = replace_first(twice, "ThreadSanitizer: reported 2 warnings", "ThreadSanitizer: reported 3 warnings");
  parse_text(lost, &log_);
  cr_assert_eq(tsan_log_check(&log_, "-", &error), -1, "3 contradicts the first run's 2 reports");
  cr_assert(contains(STR_OR_NULL(error), "reported 3 warnings, but the log holds 2 reports"), "got %s",
            STR_OR_NULL(error));
  free(error);
  tsan_log_free(&log_);
  char *second = replace_all(twice, "ThreadSanitizer: reported 2 warnings", "ThreadSanitizer: reported 1 warnings");
  parse_text(second, &log_);
  cr_assert_eq(tsan_log_check(&log_, "-", &error), -1, "1 contradicts 2");
  cr_assert(contains(STR_OR_NULL(error), "reported 1 warnings, but the log holds 2 reports"),
            "the first count "
            "that disagrees is named, got %s",
            STR_OR_NULL(error));
  free(error);
  free(second);
  free(lost);
  free(twice);
  free(text);
}

Test(parse_real_world, trusts_consistent_logs, .fini = free_log) {
  static const char *const fixtures[] = {"clang14-data-race.txt",
                                         "clang14-thread-leak.txt",
                                         "clang14-clean.txt",
                                         "gcc12-data-race.txt",
                                         "real-world/clang14-halt-on-error.txt",
                                         "real-world/clang14-module-map.txt"};
  for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
    char *message = distrust_of(fixtures[i], &log_);
    cr_assert_null(message, "%s is consistent, got %s", fixtures[i], STR_OR_NULL(message));
    tsan_log_free(&log_);
  }
}

Test(parse_real_world, reads_reports_holding_the_module_map, .fini = free_log) {
  static const char *const fixtures[] = {"real-world/clang14-module-map.txt", "real-world/gcc12-module-map.txt"};
  for (size_t i = 0; i < 2; i++) {
    parse_fixture(fixtures[i], &log_);
    assert_data_race_pair(&log_, fixtures[i]);
    cr_assert_gt(log_.module_map_lines, 50, "%s: the map after each SUMMARY is skipped, %zu lines", fixtures[i],
                 log_.module_map_lines);
    cr_assert(ends_with(STR_OR_NULL(log_.reports[1].summary),
                        i == 0 ? "data_race.c:29:11 in main" : "data_race.c:29 in main"),
              "%s: got %s", fixtures[i], STR_OR_NULL(log_.reports[1].summary));
    cr_assert_eq(log_.reports[0].section_count, 5, "%s: the map adds no section", fixtures[i]);
    assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race.c", 28, i == 0 ? 14 : 0);
    assert_frame(frame_at(&log_, 1, 1, 0), "worker", "/programs/data_race.c", 17, i == 0 ? 3 : 0);
    tsan_log_free(&log_);
  }
}

/* The C++ program's report, the same with every compiler: templates, a lambda, std::thread, operator new. */
static void assert_cxx_race(const struct tsan_log *log, bool gcc) {
  cr_assert_eq(log->report_count, 1, "one report, parsed %zu", log->report_count);
  cr_assert_str_eq(log->reports[0].kind, "data race", "got %s", log->reports[0].kind);
  assert_section_kinds(&log->reports[0],
                       (enum section_kind[]){SECTION_ACCESS, SECTION_ACCESS, SECTION_LOCATION, SECTION_THREAD_CREATION},
                       4);
  int column = gcc ? 0 : 1; /* gcc prints no column: multiply it away */
  const char *access3 = "void access3<0, 0>(bool, int, bool, char volatile*)";
  assert_frame(frame_at(log, 0, 0, 0), access3, "/programs/cxx_race.cpp", 14, 49 * column);
  assert_frame(frame_at(log, 0, 0, 1), "main", "/programs/cxx_race.cpp", 25, 3 * column);
  assert_frame(frame_at(log, 0, 1, 0), access3, "/programs/cxx_race.cpp", 12, 11 * column);
  if (gcc) {
    assert_frame(frame_at(log, 0, 1, 1), "operator()", "/programs/cxx_race.cpp", 20, 0);
    assert_frame(frame_at(log, 0, 1, 2), "__invoke_impl<void, main()::<lambda()> >", "/bits/invoke.h", 61, 0);
    assert_frame(frame_at(log, 0, 1, 3), "__invoke<main()::<lambda()> >", "/bits/invoke.h", 96, 0);
    assert_frame(frame_at(log, 0, 2, 0), "operator new(unsigned long)", "/tsan/tsan_new_delete.cpp", 64, 0);
  } else {
    assert_frame(frame_at(log, 0, 1, 1), "main::$_0::operator()() const", "/programs/cxx_race.cpp", 20, 5);
    assert_frame(frame_at(log, 0, 1, 2), "void std::__invoke_impl<void, main::$_0>(std::__invoke_other, main::$_0&&)",
                 "/bits/invoke.h", 61, 14);
    assert_frame(frame_at(log, 0, 1, 3), "std::__invoke_result<main::$_0>::type std::__invoke<main::$_0>(main::$_0&&)",
                 "/bits/invoke.h", 96, 14);
    assert_frame(frame_at(log, 0, 2, 0), "operator new(unsigned long)", NULL, 0, 0);
  }
  assert_frame(frame_at(log, 0, 1, 7), "<null>", NULL, 0, 0);
  cr_assert(starts_with(STR_OR_NULL(frame_at(log, 0, 1, 7)->module), "libstdc++.so.6+0x"), "got %s",
            STR_OR_NULL(frame_at(log, 0, 1, 7)->module));
  assert_frame(frame_at(log, 0, 2, 1), "main", "/programs/cxx_race.cpp", 18, 25 * column);
  const struct tsan_frame *start = frame_at(log, 0, 3, 1);
  cr_assert(starts_with(start->function, "std::thread::_M_start_thread(std::unique_ptr<std::thread::_State, "),
            "the whole name with its arguments, got %s", start->function);
  cr_assert(ends_with(start->function, ", void (*)())"), "got %s", start->function);
  cr_assert_null(start->file, "libstdc++ has no line info here, got %s", STR_OR_NULL(start->file));
  assert_frame(frame_at(log, 0, 3, 2), "main", "/programs/cxx_race.cpp", gcc ? 22 : 19, 15 * column);
}

Test(parse_real_world, keeps_whole_cxx_names_from_clang_14, .fini = free_log) {
  parse_fixture("real-world/clang14-cxx-race.txt", &log_);
  assert_cxx_race(&log_, false);
  assert_frame(frame_at(&log_, 0, 1, 5), "std::thread::_Invoker<std::tuple<main::$_0> >::operator()()",
               "/bits/std_thread.h", 259, 11);
}

Test(parse_real_world, keeps_whole_cxx_names_from_clang_16, .fini = free_log) {
  parse_fixture("real-world/clang16-cxx-race.txt", &log_);
  assert_cxx_race(&log_, false);
  assert_frame(frame_at(&log_, 0, 1, 5), "std::thread::_Invoker<std::tuple<main::$_0>>::operator()()",
               "/bits/std_thread.h", 259, 11);
}

Test(parse_real_world, keeps_whole_cxx_names_from_clang_19, .fini = free_log) {
  parse_fixture("real-world/clang19-cxx-race.txt", &log_);
  assert_cxx_race(&log_, false);
}

Test(parse_real_world, keeps_whole_cxx_names_from_gcc_12, .fini = free_log) {
  parse_fixture("real-world/gcc12-cxx-race.txt", &log_);
  assert_cxx_race(&log_, true);
}

Test(parse_real_world, reads_frames_without_a_module_from_an_external_symbolizer, .fini = free_log) {
  static const char *const fixtures[] = {"real-world/clang14-external-frame.txt",
                                         "real-world/gcc12-external-frame.txt"};
  for (size_t i = 0; i < 2; i++) {
    parse_fixture(fixtures[i], &log_);
    cr_assert_eq(log_.report_count, 1, "%s: one report, parsed %zu", fixtures[i], log_.report_count);
    cr_assert_str_eq(log_.reports[0].kind, "data race", "got %s", log_.reports[0].kind);
    const struct tsan_frame *frame = frame_at(&log_, 0, 1, 2);
    assert_frame(frame, "jit_compiled_loop", "script.js", 12, 3);
    cr_assert_str_eq(frame->file, "script.js", "the file is the file alone, got \"%s\"", frame->file);
    cr_assert_null(frame->module, "%s: the frame has no module, got %s", fixtures[i], STR_OR_NULL(frame->module));
    assert_frame(frame_at(&log_, 0, 1, 0), "store_value", "/programs/external_frame.c", 29, i == 0 ? 65 : 0);
    tsan_log_free(&log_);
  }
}

Test(parse_real_world, reads_asan_style_frames_of_a_custom_stack_trace_format, .fini = free_log) {
  /* stack_trace_format="    #%n %p %F %L": "#0 0x5607a50fe150 in main /path/data_race.c:28:14". */
  parse_fixture("real-world/clang14-stack-format-asan.txt", &log_);
  assert_data_race_pair(&log_, "stack_trace_format asan");
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race.c", 28, 14);
  cr_assert_null(frame_at(&log_, 0, 0, 0)->module, "%%L prints no module when the file is known");
  assert_frame(frame_at(&log_, 0, 3, 0), "pthread_mutex_lock", NULL, 0, 0);
  cr_assert(ends_with(STR_OR_NULL(frame_at(&log_, 0, 3, 0)->module), "/data_race+0x6ef3a"), "got %s",
            STR_OR_NULL(frame_at(&log_, 0, 3, 0)->module));
  assert_frame(frame_at(&log_, 0, 3, 1), "worker", "/programs/data_race.c", 14, 3);
}

Test(parse_real_world, names_the_option_when_a_stack_trace_format_cannot_be_read, .fini = free_log) {
  /* stack_trace_format="    %f at %S": "    main at /path/data_race.c:28:14". */
  assert_parse_error("real-world/clang14-stack-format-custom.txt",
                     "line 9: a stack frame this parser cannot read in the report of line 7: frames are read in "
                     "TSan's default layout (\"#N function file:line\"); was TSAN_OPTIONS' stack_trace_format "
                     "changed? (or interleaved output)");
}

Test(parse_real_world, reads_unsymbolized_frames_of_symbolize_0, .fini = free_log) {
  parse_fixture("real-world/clang14-symbolize0.txt", &log_);
  assert_data_race_pair(&log_, "symbolize=0");
  assert_frame(frame_at(&log_, 0, 0, 0), "<null>", NULL, 0, 0);
  cr_assert(starts_with(STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module), "data_race+0x"), "got %s",
            STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module));
  cr_assert_str_eq(STR_OR_NULL(section_at(&log_, 0, 2)->location.name), "<null>", "an unsymbolized global");
  cr_assert_null(section_source_frame(section_at(&log_, 0, 0)), "no frame has a source line");
}

Test(parse_real_world, reads_unsymbolized_frames_when_the_symbolizer_is_missing, .fini = free_log) {
  /* clang 19 finds no llvm-symbolizer-19 and says so on "==PID==WARNING:" lines before the first report. */
  parse_fixture("real-world/clang19-no-symbolizer.txt", &log_);
  assert_data_race_pair(&log_, "clang 19 without symbolizer");
  assert_frame(frame_at(&log_, 0, 1, 0), "<null>", NULL, 0, 0);
  cr_assert_null(log_.fatal, "a WARNING of the runtime is no failure, got %s", STR_OR_NULL(log_.fatal));
}

Test(parse_real_world, reads_the_one_report_of_halt_on_error, .fini = free_log) {
  parse_fixture("real-world/clang14-halt-on-error.txt", &log_);
  cr_assert_eq(log_.report_count, 1, "the runtime stops at the first report, parsed %zu", log_.report_count);
  cr_assert_str_eq(log_.reports[0].kind, "data race", "got %s", log_.reports[0].kind);
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/programs/data_race.c", 28, 14);
  cr_assert(log_.runtime_started && !log_.runtime_finished, "started, never finished");
  cr_assert_eq(log_.warnings_reported, -1, "no count after a halt, got %ld", log_.warnings_reported);
}

Test(parse_real_world, reads_verbosity_2_logs, .fini = free_log) {
  static const char *const fixtures[] = {"real-world/clang14-verbosity2.txt", "real-world/gcc12-verbosity2.txt"};
  for (size_t i = 0; i < 2; i++) {
    parse_fixture(fixtures[i], &log_);
    assert_data_race_pair(&log_, fixtures[i]);
    assert_frame(frame_at(&log_, 0, 1, 0), "worker", "/programs/data_race.c", 15, i == 0 ? 11 : 0);
    cr_assert(log_.runtime_started && log_.runtime_finished, "%s: banner and Stats", fixtures[i]);
    cr_assert_eq(log_.warnings_reported, 2, "%s: got %ld", fixtures[i], log_.warnings_reported);
    tsan_log_free(&log_);
  }
}

Test(parse_real_world, reads_relative_files_of_strip_path_prefix, .fini = free_log) {
  parse_fixture("real-world/clang14-strip-path-prefix.txt", &log_);
  assert_data_race_pair(&log_, "strip_path_prefix");
  const struct tsan_frame *frame = frame_at(&log_, 0, 0, 0);
  assert_frame(frame, "main", "programs/data_race.c", 28, 14);
  cr_assert_str_eq(frame->file, "programs/data_race.c", "the prefix is gone, got %s", frame->file);
}

Test(parse_real_world, reads_a_lock_order_inversion_of_second_deadlock_stack_0, .fini = free_log) {
  static const char *const fixtures[] = {"real-world/clang14-second-deadlock-stack0.txt",
                                         "real-world/gcc12-second-deadlock-stack0.txt"};
  for (size_t i = 0; i < 2; i++) {
    parse_fixture(fixtures[i], &log_);
    cr_assert_eq(log_.report_count, 1, "%s: got %zu", fixtures[i], log_.report_count);
    cr_assert_str_eq(log_.reports[0].kind, "lock-order-inversion (potential deadlock)", "got %s", log_.reports[0].kind);
    /* One stack per edge, and the "Hint: use TSAN_OPTIONS=second_deadlock_stack=1" line is no section. */
    assert_section_kinds(
        &log_.reports[0],
        (enum section_kind[]){SECTION_LOCK_CYCLE, SECTION_LOCK_ACQUIRE, SECTION_LOCK_ACQUIRE, SECTION_THREAD_CREATION},
        4);
    assert_frame(frame_at(&log_, 0, 1, 1), "main", "/programs/lock_order_inversion.c", 19, i == 0 ? 3 : 0);
    assert_frame(frame_at(&log_, 0, 2, 1), "b_then_a", "/programs/lock_order_inversion.c", 11, i == 0 ? 3 : 0);
    tsan_log_free(&log_);
  }
}

Test(parse_real_world, reads_a_log_path_file, .fini = free_log) {
  parse_fixture("real-world/clang14-log-path.txt", &log_);
  assert_data_race_pair(&log_, "log_path");
  cr_assert_eq(log_.reports[0].first_line, 3, "the banner, the separator, then the report: line 3, got %zu",
               log_.reports[0].first_line);
  cr_assert(log_.runtime_started && log_.runtime_finished, "banner and Stats");
  assert_frame(frame_at(&log_, 1, 0, 0), "main", "/programs/data_race.c", 29, 11);
}

/* ---- frame lines, one shape at a time ---- */

static void parse_one_frame(const char *frame_line) {
  char *text = xprintf("WARNING: ThreadSanitizer: data race (pid=1)\n"
                       "  Write of size 4 at 0x1 by main thread:\n"
                       "%s\n"
                       "==================\n",
                       frame_line);
  parse_text(text, &log_);
  free(text);
}

Test(parse_frames, reads_a_frame_without_module_and_with_a_trailing_space, .fini = free_log) {
  parse_one_frame("    #0 main file.c:12:3 ");
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "file.c", 12, 3);
  cr_assert_null(frame_at(&log_, 0, 0, 0)->module, "no module");
}

Test(parse_frames, reads_a_cxx_name_without_module, .fini = free_log) {
  parse_one_frame("    #3 main::$_0::operator()() const /src/a b/x.cpp:20:5");
  assert_frame(frame_at(&log_, 0, 0, 0), "main::$_0::operator()() const", "/src/a b/x.cpp", 20, 5);
}

Test(parse_frames, reads_a_cxx_name_alone, .fini = free_log) {
  parse_one_frame("    #1 main::$_0::operator()() const");
  assert_frame(frame_at(&log_, 0, 0, 0), "main::$_0::operator()() const", NULL, 0, 0);
}

Test(parse_frames, reads_a_file_without_line, .fini = free_log) {
  parse_one_frame("    #0 void f<int>(int) /src/x.cpp (x+0x12) (BuildId: ab)");
  assert_frame(frame_at(&log_, 0, 0, 0), "void f<int>(int)", "/src/x.cpp", 0, 0);
  cr_assert_str_eq(STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module), "x+0x12", "got %s",
                   STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module));
}

Test(parse_frames, reads_vs_style_locations, .fini = free_log) {
  parse_one_frame("    #0 main /src/a.c(28,14) (a+0x1)");
  assert_frame(frame_at(&log_, 0, 0, 0), "main", "/src/a.c", 28, 14);
}

Test(parse_frames, keeps_a_parenthesized_group_that_is_no_module, .fini = free_log) {
  parse_one_frame("    #0 void (anonymous namespace)::g(int (*)(int)) <null>");
  assert_frame(frame_at(&log_, 0, 0, 0), "void (anonymous namespace)::g(int (*)(int))", NULL, 0, 0);
  cr_assert_null(frame_at(&log_, 0, 0, 0)->module, "(int) is no module");
}

Test(parse_frames, reads_a_pc_with_an_unknown_module, .fini = free_log) {
  parse_one_frame("    #2 <null> <null> (0x7f0012345678)");
  assert_frame(frame_at(&log_, 0, 0, 0), "<null>", NULL, 0, 0);
  cr_assert_null(frame_at(&log_, 0, 0, 0)->module, "a bare pc is no module, got %s",
                 STR_OR_NULL(frame_at(&log_, 0, 0, 0)->module));
}

Test(parse_frames, does_not_take_a_qualified_argument_for_a_file, .fini = free_log) {
  /* Function-only frames come from layouts such as "%F %L" when %L gives the module, taken off first. */
  parse_one_frame("    #1 0x4a2b3c in void f(int, std::string) (/lib/x.so+0x12)");
  assert_frame(frame_at(&log_, 0, 0, 0), "void f(int, std::string)", NULL, 0, 0);
  tsan_log_free(&log_);
  parse_one_frame("    #1 std::vector<int>::size() const src/vector.h:3");
  assert_frame(frame_at(&log_, 0, 0, 0), "std::vector<int>::size() const", "src/vector.h", 3, 0);
}

Test(parse_real_world, distrusts_reports_that_a_finished_runtime_did_not_count, .fini = free_log) {
  /* A clean run's log with a whole report printed by the program: the runtime finishes and counts nothing. */
  size_t length;
  char *text = read_fixture("clang14-clean.txt", &length);
  char *forged = replace_first(text, "clean: total=200\n",
                               "==================\n"
                               "WARNING: ThreadSanitizer: data race (pid=3607)\n"
                               "  Write of size 4 at 0x1 by main thread:\n"
                               "    #0 main /src/clean.c:9:3 (clean+0x1)\n"
                               "\n"
                               "==================\n");
  parse_text(forged, &log_);
  cr_assert_eq(log_.report_count, 1, "the forged report parses, got %zu", log_.report_count);
  char *error = NULL;
  cr_assert_eq(tsan_log_check(&log_, "clean.log", &error), -1, "no count for a report");
  cr_assert_str_eq(STR_OR_NULL(error),
                   "clean.log:18: the TSan runtime finished (its Stats), but no \"reported N warnings\" line counts "
                   "the 1 reports of the log: the count is cut off, or the reports are not its own",
                   "got %s", STR_OR_NULL(error));
  free(error);
  free(forged);
  free(text);
}

Test(parse_real_world, distrusts_a_log_whose_count_is_cut_off, .fini = free_log) {
  size_t length;
  char *text = read_fixture("clang14-thread-leak.txt", &length);
  char *cut = replace_first(text, "ThreadSanitizer: reported 1 warnings\n", "");
  parse_text(cut, &log_);
  char *error = NULL;
  cr_assert_eq(tsan_log_check(&log_, "leak.log", &error), -1, "the leak report is counted nowhere");
  cr_assert(starts_with(STR_OR_NULL(error), "leak.log:13: the TSan runtime finished (its Stats), but no "
                                            "\"reported N warnings\" line counts the 1 reports of the log"),
            "the last Stats line is named, got %s", STR_OR_NULL(error));
  free(error);
  free(cut);
  free(text);
}

/* ---- the `parse` command on real-world logs: exit status and message ---- */

/* stdout_end NULL: stdout ends with "N report(s)"; stderr_start NULL: stderr is empty. */
static void assert_parse_cli(const char *fixture, int status, const char *stdout_end, const char *stderr_start) {
  struct cli_result result = run_parse_cli(NULL, fixture);
  cr_assert_eq(result.status, status, "tsan-verify parse %s: exit %d expected, got %d (stderr: %s)", fixture, status,
               result.status, result.err);
  bool ends = stdout_end ? ends_with(result.out, stdout_end)
                         : ends_with(result.out, " report\n") || ends_with(result.out, " reports\n");
  cr_assert(ends, "%s: stdout should end with \"%s\", got \"%s\"", fixture, stdout_end ? stdout_end : "N report(s)",
            result.out);
  if (stderr_start)
    cr_assert(starts_with(result.err, stderr_start), "%s: stderr should start with \"%s\", got \"%s\"", fixture,
              stderr_start, result.err);
  else
    cr_assert_str_eq(result.err, "", "%s: nothing on stderr, got %s", fixture, result.err);
  cli_result_free(&result);
}

Test(parse_cli, exits_2_quoting_a_runtime_check_failure) {
  assert_parse_cli(
      "real-world/clang14-join-twice.txt", 2,
      "cannot read: 0 reports read, and the log cannot be believed (the message below says why): not a count of "
      "what TSan reported\n",
      "real-world/clang14-join-twice.txt:5: the TSan runtime failed, so its reports cannot be trusted: "
      "ThreadSanitizer: CHECK failed: sanitizer_thread_registry.cpp:348 \"((t)) != (0)\"");
}

Test(parse_cli, exits_2_quoting_a_runtime_error_line) {
  assert_parse_cli(
      "real-world/clang14-segv.txt", 2,
      "cannot read: 0 reports read, and the log cannot be believed (the message below says why): not a count of "
      "what TSan reported\n",
      "real-world/clang14-segv.txt:7: the TSan runtime failed, so its reports cannot be trusted: "
      "==15454==ERROR: ThreadSanitizer: SEGV on unknown address");
}

Test(parse_cli, exits_2_naming_both_numbers_of_a_count_mismatch) {
  assert_parse_cli(
      "real-world/clang14-fork-after-report-child.txt", 2,
      "cannot read: 0 reports read, and the log cannot be believed (the message below says why): not a count of "
      "what TSan reported\n",
      "real-world/clang14-fork-after-report-child.txt:11: TSan says it reported 1 warnings, but the log "
      "holds only 0 reports before it");
}

Test(parse_cli, exits_2_naming_the_stack_trace_format_option) {
  struct cli_result result = run_parse_cli(NULL, "real-world/clang14-stack-format-custom.txt");
  cr_assert_eq(result.status, 2, "got %d", result.status);
  cr_assert(contains(result.err, "stack_trace_format"), "the message names the option, got %s", result.err);
  cli_result_free(&result);
}

Test(parse_cli, exits_1_on_real_world_logs_that_hold_reports) {
  static const char *const fixtures[] = {
      "real-world/clang14-color.txt",          "real-world/clang14-color-auto-terminal.txt",
      "real-world/clang14-module-map.txt",     "real-world/clang14-cxx-race-github-actions.txt",
      "real-world/gcc12-cxx-race.txt",         "real-world/clang19-cxx-race.txt",
      "real-world/clang14-external-frame.txt", "real-world/clang14-stack-format-asan.txt"};
  for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
    assert_parse_cli(fixtures[i], 1, NULL, NULL);
}

Test(parse_other_kinds, reads_a_previous_access_whose_stack_could_not_be_restored) {
  /* gcc 12 (a v2 runtime) on cases/limits/history_too_short.c: the older access left the thread's history. */
  const char *text = "==================\n"
                     "WARNING: ThreadSanitizer: data race (pid=8154)\n"
                     "  Write of size 8 at 0x55adb98f4000 by main thread:\n"
                     "    #0 main /src/history_too_short.c:36 (history_too_short+0xccc)\n"
                     "\n"
                     "  Previous write of size 8 at 0x55adb98f4000 by thread T1:\n"
                     "    [failed to restore the stack]\n"
                     "\n"
                     "  Location is global 'value' of size 8 at 0x55adb98f4000 (history_too_short+0x5000)\n"
                     "\n"
                     "SUMMARY: ThreadSanitizer: data race /src/history_too_short.c:36 in main\n"
                     "==================\n";
  struct tsan_log log;
  char *error = NULL;
  cr_assert_eq(tsan_parse(text, strlen(text), &log, &error), 0, "parses, got: %s", error ? error : "");
  cr_assert_eq(log.report_count, 1);
  cr_assert_eq(log.reports[0].section_count, 3, "access, previous access (no frames), location");
  cr_assert_eq(log.reports[0].sections[1].frame_count, 0, "the stack that could not be restored has no frames");
  tsan_log_free(&log);
}

/* TSan prints a location as file, ":line" and ":column" when it knows one (sanitizer_stacktrace_printer.cpp,
 * RenderSourceLocation): read from the right, a folder or file whose name holds ":N" stays in the file. Two numbers
 * may also be a line after a file whose name ends in ":N" (gcc prints no column): the frame says so, for the binary's
 * DWARF to settle (sourceid.c). */
Test(parse_frames, reads_a_location_from_the_right_and_flags_the_two_readings_of_two_numbers, .fini = free_log) {
  parse_text("==================\n"
             "WARNING: ThreadSanitizer: data race (pid=1)\n"
             "  Write of size 4 at 0x1 by main thread:\n"
             "    #0 f /src/a:3/b.c:10:5 (prog+0x1)\n"
             "    #1 g /src/race:12.c:7 (prog+0x2)\n"
             "    #2 h /src/x:3:28 (prog+0x3)\n"
             "    #3 main /src/m.c(9,2) (prog+0x4)\n"
             "\n"
             "SUMMARY: ThreadSanitizer: data race /src/a:3/b.c:10:5 in f\n"
             "==================\n",
             &log_);
  assert_frame(frame_at(&log_, 0, 0, 0), "f", "/src/a:3/b.c", 10, 5);
  assert_frame(frame_at(&log_, 0, 0, 1), "g", "/src/race:12.c", 7, 0);
  assert_frame(frame_at(&log_, 0, 0, 2), "h", "/src/x", 3, 28);
  assert_frame(frame_at(&log_, 0, 0, 3), "main", "/src/m.c", 9, 2);
  cr_assert(frame_at(&log_, 0, 0, 0)->file_may_end_in_line, "b.c:10:5 may be file b.c:10, line 5");
  cr_assert(!frame_at(&log_, 0, 0, 1)->file_may_end_in_line, "race:12.c:7 reads one way");
  cr_assert(frame_at(&log_, 0, 0, 2)->file_may_end_in_line, "x:3:28 may be file x:3, line 28");
  cr_assert(!frame_at(&log_, 0, 0, 3)->file_may_end_in_line, "vs-style (9,2) reads one way");
}

/* A normalized log (normalize.c: no addresses, pids or " at 0x..." in titles) reads back as the reports it came from:
 * the results of a test run are scored from it (ci/results.py). The external race's "Modifying access of Store at
 * 0x..." loses its " at 0x..."; it is still the access it was. */
Test(parse_real_world, reads_a_normalized_log_as_the_reports_it_came_from) {
  char *path = fixture_path("clang14-external-race.txt");
  struct tsan_log original, reread;
  char *error = NULL;
  cr_assert_eq(tsan_log_read(path, &original, &error), 0, "the fixture parses: %s", STR_OR_NULL(error));
  char *normalized = normalize_log(&original, NULL);
  char *scratch = make_scratch_dir();
  char *copy = xprintf("%s/normalized.txt", scratch);
  write_file_or_fail(copy, normalized, strlen(normalized));
  cr_assert_eq(tsan_log_read(copy, &reread, &error), 0, "the normalized log parses: %s", STR_OR_NULL(error));
  cr_assert_eq(reread.report_count, original.report_count, "as many reports");
  for (size_t r = 0; r < original.report_count; r++) {
    cr_assert_eq(reread.reports[r].section_count, original.reports[r].section_count, "report %zu: as many sections", r);
    for (size_t s = 0; s < original.reports[r].section_count; s++) {
      const struct tsan_section *was = &original.reports[r].sections[s], *is = &reread.reports[r].sections[s];
      cr_assert_eq(is->kind, was->kind, "report %zu section \"%s\" (normalized \"%s\"): kind %s, got %s", r, was->title,
                   is->title, section_kind_name(was->kind), section_kind_name(is->kind));
      cr_assert_eq(is->access.write, was->access.write, "\"%s\": the same access", is->title);
    }
  }
  tsan_log_free(&original);
  tsan_log_free(&reread);
  free(normalized);
  free(copy);
  remove_scratch_dir(scratch);
  free(path);
}
