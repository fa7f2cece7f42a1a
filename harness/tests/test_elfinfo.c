/* test_elfinfo.c: elfinfo.c on binaries compiled here, with and without TSan, by clang and gcc. */
#include "base/util.h"
#include "binary/elfinfo.h"
#include "process/run.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *scratch;

static void cleanup(void) {
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(elfinfo, .fini = cleanup, .timeout = 60);

/* Compiles programs/racy.c with `compiler` and `flags` (one word) into the scratch folder. */
static char *build(const char *compiler, const char *flag, const char *name) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *source = program_path("racy.c");
  char *binary = xprintf("%s/%s", scratch, name);
  char *argv[] = {(char *)compiler, (char *)flag, "-pthread", "-O1", source, "-o", binary, NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &run, &error), 0, "cannot run %s: %s", compiler, error ? error : "");
  cr_assert(run.end == RUN_EXITED && run.code == 0, "%s %s failed: %s", compiler, flag, run.err.data);
  run_result_free(&run);
  free(source);
  return binary;
}

Test(elfinfo, finds_tsan_init_in_an_instrumented_binary) {
  char *binary = build("clang", "-fsanitize=thread", "with-tsan");
  cr_assert(elf_mentions_symbol(binary, "__tsan_init"), "a -fsanitize=thread binary mentions __tsan_init");
  cr_assert(!elf_mentions_symbol(binary, "__no_such_symbol_anywhere"), "an absent symbol is not found");
  free(binary);
}

Test(elfinfo, finds_no_tsan_init_in_a_plain_binary) {
  char *binary = build("clang", "-g", "plain");
  cr_assert(!elf_mentions_symbol(binary, "__tsan_init"), "a plain binary does not mention __tsan_init");
  cr_assert(elf_mentions_symbol(binary, "main"), "but it does define main");
  free(binary);
}

Test(elfinfo, finds_tsan_init_imported_by_a_gcc_binary) {
  /* gcc links libtsan dynamically: __tsan_init is an import, in .dynsym. */
  char *binary = build("gcc", "-fsanitize=thread", "gcc-tsan");
  cr_assert(elf_mentions_symbol(binary, "__tsan_init"), "gcc's binary imports __tsan_init");
  free(binary);
}

Test(elfinfo, reads_clang_from_the_comment_section) {
  char *binary = build("clang", "-g", "clang-built");
  struct toolchain toolchain;
  cr_assert_eq(elf_toolchain(binary, &toolchain), 0, "clang writes its version in .comment");
  cr_assert_str_eq(toolchain.family, "clang", "clang wins over the C runtime's GCC lines, got %s", toolchain.family);
  cr_assert_gt(toolchain.major, 0, "with a major version");
  free(binary);
}

Test(elfinfo, reads_gcc_from_the_comment_section) {
  char *binary = build("gcc", "-g", "gcc-built");
  struct toolchain toolchain;
  cr_assert_eq(elf_toolchain(binary, &toolchain), 0, "gcc writes its version in .comment");
  cr_assert_str_eq(toolchain.family, "gcc", "got %s", toolchain.family);
  cr_assert_geq(toolchain.major, 4, "the major version follows the parenthesis, got %d", toolchain.major);
  free(binary);
}

Test(elfinfo, reads_nothing_from_a_file_that_is_not_elf) {
  char *path = fixture_path("clang14-clean.txt");
  struct toolchain toolchain = {"x", 9, OPT_O1};
  cr_assert(!elf_mentions_symbol(path, "__tsan_init"), "a text file mentions no symbol");
  cr_assert_eq(elf_toolchain(path, &toolchain), -1, "a text file has no toolchain");
  cr_assert_str_eq(toolchain.family, "", "the toolchain is left unknown");
  free(path);
}

Test(elfinfo, reads_nothing_from_a_missing_or_truncated_file) {
  cr_assert(!elf_mentions_symbol("/nonexistent/binary", "__tsan_init"), "a missing file mentions nothing");
  scratch = make_scratch_dir();
  char *path = xprintf("%s/truncated", scratch);
  write_file_or_fail(path, "\177ELF\2\1\1", 7);
  struct toolchain toolchain;
  cr_assert(!elf_mentions_symbol(path, "__tsan_init"), "a truncated ELF header is rejected");
  cr_assert_eq(elf_toolchain(path, &toolchain), -1, "and has no toolchain");
  free(path);
}

Test(elfinfo, reads_nothing_from_a_binary_cut_in_half) {
  char *binary = build("clang", "-fsanitize=thread", "whole");
  size_t length;
  char *bytes = read_file_or_fail(binary, &length);
  char *half = xprintf("%s/half", scratch);
  write_file_or_fail(half, bytes, length / 2);
  struct toolchain toolchain;
  cr_assert(!elf_mentions_symbol(half, "__tsan_init"), "the section headers are cut off: nothing is found");
  cr_assert_eq(elf_toolchain(half, &toolchain), -1, "and no .comment either");
  free(half);
  free(bytes);
  free(binary);
}
