/* test_valgrind.c: valgrind.c on real `--xml=yes` logs of Helgrind and DRD (Valgrind 3.19) over cases built without
 * TSan (clang 14 -gdwarf-4 -O1): fixtures/helgrind-*.xml and drd-*.xml, from ci/detectors.py run. Lines are lines of
 * the cases: seed/no_lock.c writes back at 18 after reading at 13; seed/lock_order_inversion.c takes the inner lock
 * at 24 while holding the outer one taken at 23; misuse/double_unlock_bug.c unlocks twice at 26;
 * misuse/destroy_locked_bug.c destroys a locked mutex at 33. */
#include "base/util.h"
#include "report/report.h"
#include "score/valgrind.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static struct tsan_log log_;
static char *error;

static void cleanup(void) {
  tsan_log_free(&log_);
  free(error);
  error = NULL;
}

TestSuite(valgrind, .fini = cleanup);
TestSuite(valgrind_errors, .fini = cleanup);

static void read_fixture_xml(const char *name) {
  char *path = fixture_path(name);
  int status = valgrind_xml_read(path, &log_, &error);
  cr_assert_eq(status, 0, "%s should parse: %s", name, error ? error : "");
  free(path);
}

/* The innermost frame of a section that is in `file` (a base name), or NULL. */
static const struct tsan_frame *frame_in(const struct tsan_section *section, const char *file) {
  for (size_t i = 0; i < section->frame_count; i++)
    if (section->frames[i].file && ends_with(section->frames[i].file, file))
      return &section->frames[i];
  return NULL;
}

Test(valgrind, a_helgrind_race_becomes_a_data_race_with_both_accesses) {
  read_fixture_xml("helgrind-data-race.xml");
  cr_assert_str_eq(log_.runtime_version, "helgrind 3.19.0");
  cr_assert(log_.runtime_started && log_.runtime_finished, "the status went RUNNING, then FINISHED");
  cr_assert_eq(log_.report_count, 2, "Helgrind reports the write and the read, got %zu", log_.report_count);
  const struct tsan_report *report = &log_.reports[0];
  cr_assert_str_eq(report->kind, "data race");
  const struct tsan_section *access = section_at(&log_, 0, 0);
  cr_assert_eq(access->kind, SECTION_ACCESS, "the first stack is the access, got %s", section_kind_name(access->kind));
  cr_assert(access->access.write && !access->access.previous, "a write, the current access");
  cr_assert_eq(access->access.size, 4);
  cr_assert_not_null(access->access.thread);
  cr_assert_str_eq(access->access.thread, "thread T1", "Helgrind's thread #2 is TSan's T1, got %s",
                   access->access.thread);
  const struct tsan_frame *frame = frame_in(access, "no_lock.c");
  cr_assert_not_null(frame, "the access is in no_lock.c");
  cr_assert_eq(frame->line, 18, "the write back is line 18, got %d", frame->line);
  cr_assert_str_eq(frame->function, "update");
  cr_assert(starts_with(frame->file, "/"), "file is dir/file, absolute: %s", frame->file);
  const struct tsan_section *previous = section_at(&log_, 0, 1);
  cr_assert(previous->kind == SECTION_ACCESS && previous->access.previous && !previous->access.write,
            "the second stack is the previous read");
  cr_assert_eq(frame_in(previous, "no_lock.c")->line, 13, "the read is line 13");
  const struct tsan_section *location = section_at(&log_, 0, 2);
  cr_assert_eq(location->kind, SECTION_LOCATION);
  cr_assert_str_eq(location->location.kind, "global");
  cr_assert_str_eq(location->location.name, "store.0");
}

Test(valgrind, reports_remember_their_line_in_the_log) {
  read_fixture_xml("helgrind-data-race.xml");
  char *text = read_fixture("helgrind-data-race.xml", NULL);
  size_t line = 1;
  for (const char *at = text; at < strstr(text, "<error>"); at++)
    line += *at == '\n';
  cr_assert_eq(log_.reports[0].first_line, line, "the first <error> is on line %zu, got %zu", line,
               log_.reports[0].first_line);
  free(text);
}

Test(valgrind, a_drd_conflict_is_a_data_race_and_its_segments_are_not_accesses) {
  read_fixture_xml("drd-data-race.xml");
  cr_assert_str_eq(log_.runtime_version, "drd 3.19.0");
  bool found = false;
  for (size_t r = 0; r < log_.report_count && !found; r++) {
    const struct tsan_report *report = &log_.reports[r];
    cr_assert_str_eq(report->kind, "data race", "DRD's ConflictingAccess is a data race");
    const struct tsan_frame *frame = frame_in(&report->sections[0], "no_lock.c");
    if (!frame || frame->line != 18)
      continue;
    found = true;
    cr_assert(report->sections[0].access.write, "\"Conflicting store\" is a write");
    for (size_t s = 1; s < report->section_count; s++)
      cr_assert_neq(report->sections[s].kind, SECTION_ACCESS, "DRD's other stacks are segment bounds, not accesses");
    cr_assert(report->section_count >= 2 && report->sections[report->section_count - 1].kind == SECTION_OTHER,
              "the other segment's stacks are kept as other sections");
  }
  cr_assert(found, "DRD reports the write back at no_lock.c:18");
}

Test(valgrind, a_lock_order_violation_is_tsans_lock_order_inversion) {
  read_fixture_xml("helgrind-lock-order.xml");
  cr_assert_geq(log_.report_count, 1);
  const struct tsan_report *report = &log_.reports[0];
  cr_assert_str_eq(report->kind, "lock-order-inversion (potential deadlock)");
  cr_assert_eq(report->sections[0].kind, SECTION_STACK, "the violating acquisition");
  cr_assert_eq(frame_in(&report->sections[0], "lock_order_inversion.c")->line, 24);
  cr_assert_eq(report->sections[1].kind, SECTION_LOCK_ACQUIRE, "where the order was established");
  bool creation = false;
  for (size_t s = 0; s < report->section_count; s++)
    creation |= report->sections[s].kind == SECTION_MUTEX_CREATION;
  cr_assert(creation, "\"Lock at ... was first observed\" is the mutex's creation");
}

Test(valgrind, unlocking_an_unlocked_mutex_has_tsans_headline) {
  read_fixture_xml("helgrind-unlock-unlocked.xml");
  cr_assert_eq(log_.report_count, 1);
  cr_assert_str_eq(log_.reports[0].kind, "unlock of an unlocked mutex (or by a wrong thread)");
  cr_assert_eq(frame_in(&log_.reports[0].sections[0], "double_unlock_bug.c")->line, 26);
}

Test(valgrind, destroying_a_locked_mutex_has_tsans_headline_and_other_words_are_kept) {
  read_fixture_xml("helgrind-destroy-locked.xml");
  bool destroy = false, kept = false;
  for (size_t r = 0; r < log_.report_count; r++) {
    const struct tsan_report *report = &log_.reports[r];
    if (strcmp(report->kind, "destroy of a locked mutex") == 0) {
      destroy = true;
      cr_assert_eq(frame_in(&report->sections[0], "destroy_locked_bug.c")->line, 33);
    }
    kept |= strcmp(report->kind, "Exiting thread still holds 1 lock") == 0;
  }
  cr_assert(destroy, "\"pthread_mutex_destroy of a locked mutex\" is TSan's destroy of a locked mutex");
  cr_assert(kept, "a message TSan has no headline for keeps Helgrind's words, without \"Thread #N: \"");
}

Test(valgrind_errors, a_log_cut_short_is_an_error_naming_the_line) {
  size_t length;
  char *text = read_fixture("helgrind-data-race.xml", &length);
  size_t cut = (size_t)(strstr(text, "</stack>") - text);
  int status = valgrind_xml_parse(text, cut, &log_, &error);
  cr_assert_eq(status, -1, "a cut log must be rejected");
  cr_assert(starts_with(error, "line "), "the error names a line: %s", error);
  cr_assert(contains(error, "no element found") || contains(error, "unclosed"), "expat says why: %s", error);
  free(text);
}

Test(valgrind_errors, xml_that_is_not_valgrinds_is_an_error) {
  const char *text = "<?xml version=\"1.0\"?>\n<testsuite/>\n";
  cr_assert_eq(valgrind_xml_parse(text, strlen(text), &log_, &error), -1, "not Valgrind's output");
  cr_assert_str_eq(error, "line 2: <testsuite> is not Valgrind's <valgrindoutput>");
}

Test(valgrind_errors, a_file_that_is_missing_is_named) {
  cr_assert_eq(valgrind_xml_read("/nonexistent/helgrind.xml", &log_, &error), -1);
  cr_assert_str_eq(error, "/nonexistent/helgrind.xml: cannot read: No such file or directory");
}

Test(valgrind, a_run_that_did_not_finish_says_so) {
  size_t length;
  char *text = read_fixture("helgrind-data-race.xml", &length);
  char *unfinished = replace_first(text, "<state>FINISHED</state>", "<state>RUNNING</state>");
  cr_assert_eq(valgrind_xml_parse(unfinished, strlen(unfinished), &log_, &error), 0, "%s", error ? error : "");
  cr_assert_not(log_.runtime_finished, "without a FINISHED status the run did not end under the tool");
  free(unfinished);
  free(text);
}
