/* p03_identity.c: principle 3 of docs/HOSTILE.md, "identify by content, not by name". The dynamic loader, an exec'd
 * helper, an instrumented image are what their ELF file is (program headers, PT_DYNAMIC, the dynamic symbol table),
 * whatever they are called and whether or not they keep section headers; a frame is in the case when the binary's
 * DWARF places it there (the compile unit at the frame's address, its DW_AT_comp_dir, the file's MD5), never because
 * a file of the same name exists where the harness runs. */
#include "base/util.h"
#include "binary/elfinfo.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct case_result result;
static char *scratch;

static void cleanup(void) {
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(p03_elf, .init = unset_user_environment, .fini = cleanup, .timeout = 120);
TestSuite(p03_frames, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

/* Runs a shell command line (the tests' own, for builds in a folder: `cd DIR && cc ...`); fails the test if it fails.
 */
static void shell(const char *command) {
  char *argv[] = {"sh", "-c", (char *)command, NULL};
  run_or_fail(argv, 120);
}

/* programs/NAME built with TSan (clang, -g -O1) into the scratch folder as OUTPUT. */
static char *build(const char *name, const char *output, const char *extra) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *source = program_path(name);
  char *binary = xprintf("%s/%s", scratch, output);
  char *command =
      xprintf("clang -fsanitize=thread -g -O1 -pthread %s '%s' -o '%s'", extra ? extra : "", source, binary);
  shell(command);
  free(command);
  free(source);
  return binary;
}

/* A copy of `binary` without section headers (e_shoff, e_shnum, e_shstrndx zeroed): the kernel and the dynamic loader
 * never read them, so it runs exactly as before; only tools that read sections lose its symbol tables. */
static char *without_section_headers(const char *binary) {
  size_t length;
  char *bytes = read_file_or_fail(binary, &length);
  cr_assert_geq(length, sizeof(Elf64_Ehdr), "%s is an ELF file", binary);
  Elf64_Ehdr header;
  memcpy(&header, bytes, sizeof header);
  header.e_shoff = 0;
  header.e_shnum = 0;
  header.e_shstrndx = 0;
  memcpy(bytes, &header, sizeof header);
  char *copy = xprintf("%s.nosections", binary);
  write_file_or_fail(copy, bytes, length);
  cr_assert_eq(chmod(copy, 0755), 0, "chmod %s", copy);
  free(bytes);
  return copy;
}

/* ---- what an ELF file is ---- */

Test(p03_elf, reads_the_dynamic_symbols_of_a_binary_without_section_headers) {
  char *binary = build("racy.c", "racy", NULL);
  char *bare = without_section_headers(binary);
  cr_assert(elf_mentions_symbol(bare, "__tsan_init"),
            "PT_DYNAMIC's symbol table still holds __tsan_init (the section headers are only a table of contents)");
  cr_assert(!elf_mentions_symbol(bare, "__no_such_symbol_anywhere"), "an absent symbol is still absent");
  struct elf_identity identity;
  cr_assert_eq(elf_identify(bare, &identity), 0);
  cr_assert(identity.elf && identity.interpreter && identity.pie && !identity.loader,
            "a PIE program with an interpreter, not a loader");
  free(bare);
  free(binary);
}

Test(p03_elf, knows_the_dynamic_loader_by_what_it_is_under_any_name) {
  scratch = make_scratch_dir();
  char *copy = xprintf("%s/helper", scratch);
  char *command = xprintf("cp /lib64/ld-linux-x86-64.so.2 '%s'", copy);
  shell(command);
  struct elf_identity identity;
  cr_assert_eq(elf_identify(copy, &identity), 0);
  cr_assert(identity.loader, "a copy of ld.so named helper is the dynamic loader");
  cr_assert(identity.shared && !identity.interpreter && identity.loader_symbols, "ET_DYN, no PT_INTERP, _dl_ symbols");
  cr_assert_eq(elf_identify("/bin/true", &identity), 0);
  cr_assert(identity.elf && !identity.loader, "a program is not the loader");
  char *static_pie = xprintf("%s/static-pie", scratch);
  char *source = program_path("exits_nonzero.c");
  free(command);
  command = xprintf("gcc -static-pie -O1 '%s' -o '%s'", source, static_pie);
  shell(command);
  cr_assert_eq(elf_identify(static_pie, &identity), 0);
  cr_assert(identity.shared && !identity.interpreter && identity.pie && !identity.loader,
            "a static PIE program has no interpreter either, and is no loader (DF_1_PIE, no _dl_ definitions)");
  free(source);
  free(static_pie);
  free(command);
  free(copy);
}

Test(p03_elf, cannot_check_a_child_run_through_a_renamed_copy_of_the_dynamic_loader) {
  /* Before: the copy's name did not start with "ld-", so it was a plain tool that proves nothing, and the child's
   * lost race was "met (reported: none)". */
  char *binary = build("ldso_copy_child_closes_fds.c", "ldso_copy", NULL);
  char *case_path = program_path("ldso_copy_child_closes_fds.c");
  struct verify_request request = {.case_path = case_path, .binary = binary, .timeout_seconds = 30};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs a program through the dynamic loader");
  free(case_path);
  free(binary);
}

Test(p03_elf, cannot_check_a_tsan_child_without_section_headers_that_loses_its_report) {
  /* The child is a TSan program whose section headers are gone: it runs under TSan all the same, closes its log and
   * races. Before: no section symbol table, so "not TSan", its missing log excused, and "met (reported: none)". */
  char *launcher = build("forks_and_runs_its_argument.c", "launcher", NULL);
  char *child = build("ldso_child_closes_fds.c", "child", NULL);
  char *bare = without_section_headers(child);
  char *case_path = program_path("forks_and_runs_its_argument.c");
  char *arguments[] = {bare, "close", NULL};
  struct verify_request request = {
      .case_path = case_path, .binary = launcher, .timeout_seconds = 30, .program_args = arguments};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime did not finish in process");
  assert_diagnostic(&result, "child.nosections");
  free(case_path);
  free(bare);
  free(child);
  free(launcher);
}

/* ---- which file a frame is in ---- */

/* A project with a library src/counter.c and a test tests/counter.c (programs/same_name), copied to the scratch
 * folder; the test's marker is moved to `marker_line` when it is not 0 (line 5 is the library's racy line, a wrong
 * place for the test's marker). Builds tests/prog with `compiler`, each file compiled in its own folder as
 * `COMPILER FLAGS SOURCE`, `source` being "counter.c" or "./counter.c". Returns the case's path. */
static char *build_same_name(const char *compiler, const char *flags, const char *source, int marker_line) {
  scratch = make_scratch_dir();
  char *programs = program_path("same_name");
  char *command = xprintf("cp -r '%s/src' '%s/tests' '%s'", programs, programs, scratch);
  shell(command);
  free(command);
  char *case_path = xprintf("%s/tests/counter.c", scratch);
  if (marker_line) {
    size_t length;
    char *text = read_file_or_fail(case_path, &length);
    char *unmarked = replace_first(text, "  counter_bump(); // expect-tsan: data race", "  counter_bump();");
    char *moved =
        replace_first(unmarked, "static int five = 5; /* line 5 */", "static int five = 5; // expect-tsan: data race");
    cr_assert_eq(marker_line, 5, "the test moves the marker to line 5 only");
    write_file_or_fail(case_path, moved, strlen(moved));
    free(moved);
    free(unmarked);
    free(text);
  }
  command = xprintf("cd '%s/src' && %s -fsanitize=thread -g -O1 %s -c %s -o counter.o && cd '%s/tests' && %s "
                    "-fsanitize=thread -g -O1 -pthread %s %s ../src/counter.o -o prog",
                    scratch, compiler, flags, source, scratch, compiler, flags, source);
  shell(command);
  free(command);
  free(programs);
  return case_path;
}

/* Checks tests/counter.c against tests/prog, from the test's own folder (where "./counter.c" is the test). */
static void check_same_name(const char *case_path) {
  char *folder = xprintf("%s/tests", scratch);
  cr_assert_eq(chdir(folder), 0, "chdir %s", folder);
  char *binary = xprintf("%s/prog", folder);
  struct verify_request request = {.case_path = "counter.c", .binary = binary, .timeout_seconds = 30};
  verify_case(&request, &result);
  (void)case_path;
  free(binary);
  free(folder);
}

Test(p03_frames, never_takes_the_librarys_file_of_the_cases_name_for_the_case_under_a_prefix_map) {
  /* -ffile-prefix-map=$PWD=. in each folder: both files are "./counter.c" to TSan. clang records each file's MD5, so
   * the library's frame (line 5) is not the case's line 5. Before: "met (reported: data race)". */
  char *case_path = build_same_name("clang", "-ffile-prefix-map=$PWD=.", "counter.c", 5);
  check_same_name(case_path);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected data race, TSan reported nothing here");
  free(case_path);
}

Test(p03_frames, meets_the_right_marker_under_a_prefix_map_by_the_files_md5) {
  char *case_path = build_same_name("clang", "-ffile-prefix-map=$PWD=.", "counter.c", 0);
  check_same_name(case_path);
  assert_outcome(&result, OUTCOME_MET);
  free(case_path);
}

Test(p03_frames, cannot_check_two_files_of_one_name_that_gcc_leaves_unresolvable) {
  /* gcc 12 records no MD5, and the prefix map leaves a relative DW_AT_comp_dir ("."): nothing says which counter.c
   * the library's frame is in. Before: "met (reported: data race)". */
  char *case_path = build_same_name("gcc", "-ffile-prefix-map=$PWD=.", "counter.c", 5);
  check_same_name(case_path);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result,
                    "may or may not be in the case: its file ./counter.c (compile unit counter.c, DW_AT_comp_dir .)");
  free(case_path);
}

Test(p03_frames, resolves_a_relative_frame_path_against_its_compile_units_folder) {
  /* `gcc -c ./counter.c` in each folder: TSan prints both files as "./counter.c" (gcc's symbolizer does not prefix
   * DW_AT_comp_dir), and the harness runs in tests/, where ./counter.c is the test. The library's frame resolves
   * against its own unit's folder, src/. Before: "met (reported: data race)". */
  char *case_path = build_same_name("gcc", "", "./counter.c", 5);
  check_same_name(case_path);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected data race, TSan reported nothing here");
  free(case_path);
}

Test(p03_frames, meets_the_right_marker_with_relative_frame_paths) {
  char *case_path = build_same_name("gcc", "", "./counter.c", 0);
  check_same_name(case_path);
  assert_outcome(&result, OUTCOME_MET);
  free(case_path);
}

/* A frame's file and line come from a symbolizer; its module and offset from the runtime itself. The case below races
 * on line 6 and marks line 8; something then moves the report's line 6 to 8. */
static const char racy_case_body[] = "#include <pthread.h>\n"
                                     "int g;\n"
                                     "static void *bump(void *unused) {\n"
                                     "  (void)unused;\n"
                                     "  for (int i = 0; i < 1000; i++)\n"
                                     "    g++;\n"
                                     "  return 0; }\n"
                                     "int other(void) { return g; } // expect-tsan: data race\n"
                                     "int main(void) {\n"
                                     "  pthread_t t[2];\n"
                                     "  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, bump, 0);\n"
                                     "  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);\n"
                                     "  return other() * 0;\n"
                                     "}\n";

/* The case above, after one line `first_line` and followed by `rest`, checked from the scratch folder. */
static void verify_scratch_case(const char *first_line, const char *rest) {
  char *case_path = xprintf("%s/case.c", scratch);
  char *text = xprintf("%s\n%s%s", first_line, racy_case_body, rest);
  write_file_or_fail(case_path, text, strlen(text));
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 60};
  verify_case(&request, &result);
  free(text);
  free(case_path);
}

Test(p03_frames, cannot_check_a_line_that_the_cases_own_symbolizer_moved) {
  /* The case's own options name a symbolizer that asks llvm-symbolizer and rewrites line 7 (the race, one line lower
   * for the options line) as line 9 (the marker). Before: "met (reported: data race)" (a blind round). */
  scratch = make_scratch_dir();
  char *symbolizer = xprintf("%s/llvm-symbolizer", scratch);
  const char *script = "#!/bin/sh\n"
                       "real=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || echo "
                       "/usr/lib/llvm-14/bin/llvm-symbolizer)\n"
                       "\"$real\" \"$@\" | sed -u 's/case\\.c:7:/case.c:9:/'\n";
  write_file_or_fail(symbolizer, script, strlen(script));
  cr_assert_eq(chmod(symbolizer, 0755), 0);
  char *options = xprintf("// tsan-options: external_symbolizer_path=%s", symbolizer);
  verify_scratch_case(options, "");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "gives line 7 to its code");
  free(options);
  free(symbolizer);
}

Test(p03_frames, cannot_check_a_program_that_rewrites_its_own_report) {
  /* The program moves line 7 of its own log to line 9 before it exits (its TSAN_OPTIONS name the log). The runtime
   * printed the module and offset, which the binary's line table holds to line 7. */
  scratch = make_scratch_dir();
  const char *rewriter = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <unistd.h>\n"
                         "__attribute__((destructor(101))) static void rewrite(void) {\n"
                         "  const char *o = getenv(\"TSAN_OPTIONS\"), *p = o ? strstr(o, \"log_path=\") : 0;\n"
                         "  if (!p) return;\n"
                         "  char path[4096]; snprintf(path, sizeof path, \"%s\", p + 9);\n"
                         "  char *end = strpbrk(path, \": \"); if (end) *end = 0;\n"
                         "  snprintf(path + strlen(path), 32, \".%d\", getpid());\n"
                         "  FILE *f = fopen(path, \"r+\"); if (!f) return;\n"
                         "  static char text[1 << 20]; size_t n = fread(text, 1, sizeof text - 1, f); text[n] = 0;\n"
                         "  for (char *q = text; (q = strstr(q, \"case.c:7:\")); q++) q[7] = '9';\n"
                         "  rewind(f); fwrite(text, 1, n, f); fclose(f); }";
  verify_scratch_case("/* rewrites its own report */", rewriter);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the line was not read from this binary");
}

/* What built the program is read from the program: a --toolchain that names another compiler (a Makefile pinning
 * clang-14 while CC moved to clang-19) would apply the markers qualified for the wrong one. Found by the blind round:
 * met, with the [clang<18] marker applied to a clang 19 binary. */
TestSuite(p03_toolchain, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

Test(p03_toolchain, cannot_check_a_toolchain_flag_that_contradicts_the_binary) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  char *binary = xprintf("%s/racy.gcc", scratch);
  char *command = xprintf("gcc -fsanitize=thread -g -O1 -pthread -o %s %s", binary, source);
  shell(command);
  struct verify_request request = {
      .case_path = source, .binary = binary, .toolchain = "clang-14", .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "--toolchain clang-14 contradicts");
  assert_diagnostic(&result, "which says gcc 12");
  case_result_free(&result);
  memset(&result, 0, sizeof result);
  request.toolchain = "gcc-12";
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_MET);
  free(command);
  free(binary);
  free(source);
}

/* A clang program built with -fno-ident: its .comment holds only the C runtime's start files' "GCC: ..." line, and its
 * case unit's DW_AT_producer is empty. The toolchain is read from the case's own unit, never from .comment: unknown
 * here, so gcc-qualified markers are not applied to a clang program. Before: gcc 12, and `[gcc]: data race` with
 * `[clang]: none` was met (blind round 6, 25). */
Test(p03_toolchain, does_not_take_the_start_files_compiler_for_the_programs) {
  scratch = make_scratch_dir();
  char *original = program_path("racy.c");
  char *text = read_file_or_fail(original, NULL);
  char *gcc_only = replace_all(text, "// expect-tsan: data race", "// expect-tsan[gcc]: data race");
  char *marked = xprintf("%s// expect-tsan[clang]: none\n", gcc_only);
  char *source = write_scratch_file(&scratch, "racy.c", marked);
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  char *binary = xprintf("%s/racy.noident", scratch);
  char *command = xprintf("clang -fsanitize=thread -g -O1 -pthread -fno-ident -o %s %s", binary, source);
  shell(command);
  struct verify_request request = {.case_path = source, .binary = binary, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "toolchain-qualified markers, and the toolchain is unknown");
  free(command);
  free(binary);
  free(source);
  free(marked);
  free(gcc_only);
  free(text);
  free(original);
}

/* A --cc that answers "which are you" (-dM -E) as gcc 12 and builds with clang: the program's own record of its case
 * unit (clang 14) contradicts the answer, and gcc-qualified markers would be applied to a clang program. Before: met
 * (blind round 6, 27 and 28). */
Test(p03_toolchain, cannot_check_a_compiler_whose_answer_the_program_it_built_contradicts) {
  scratch = make_scratch_dir();
  char *wrapper = xprintf("%s/two-faced-cc", scratch);
  const char *script = "#!/bin/sh\ncase \" $* \" in *\" -dM \"*) exec gcc-12 \"$@\";; esac\nexec clang \"$@\"\n";
  write_file_or_fail(wrapper, script, strlen(script));
  cr_assert_eq(chmod(wrapper, 0755), 0);
  char *source = copy_program("racy.c", scratch, "racy.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  struct verify_request request = {.case_path = source, .compiler = wrapper, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "says it is gcc 12, yet the program it built records clang 14 for the case");
  free(source);
  free(wrapper);
}
