/* test_parse.c: parse.c on real TSan output captured from clang 14 and gcc 12 (fixtures/, see capture.sh), and
 * on damaged logs derived from them. Line numbers such as data_race.c:28 are lines of fixtures/programs/. */
#include "report.h"
#include "support.h"
#include "util.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

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
  parse_fixture("clang14-segv.txt", &log_);
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
  cr_assert_eq(tsan_log_read(path, &log_, &error), -1, "tsan_log_read should fail on a cut log");
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
  cr_assert_str_eq(STR_OR_NULL(error), "line 3: malformed stack frame in the report of line 1", "got %s",
                   STR_OR_NULL(error));
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

static void assert_same_log(const struct tsan_log *a, const struct tsan_log *b) {
  cr_assert_eq(a->report_count, b->report_count, "report counts differ");
  cr_assert_eq(a->runtime_started, b->runtime_started, "runtime_started differs");
  cr_assert_str_eq(STR_OR_NULL(a->runtime_version), STR_OR_NULL(b->runtime_version), "runtime_version differs");
  cr_assert_eq(a->runtime_finished, b->runtime_finished, "runtime_finished differs");
  cr_assert_eq(a->warnings_reported, b->warnings_reported, "warnings_reported differs");
  for (size_t r = 0; r < a->report_count; r++) {
    const struct tsan_report *ra = &a->reports[r], *rb = &b->reports[r];
    cr_assert_str_eq(ra->kind, rb->kind, "report %zu: kind", r);
    cr_assert_eq(ra->pid, rb->pid, "report %zu: pid", r);
    cr_assert_eq(ra->first_line, rb->first_line, "report %zu: first_line", r);
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
