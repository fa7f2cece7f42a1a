/* test_toolchain.c: toolchain ids ("clang-14") and the [SEL] selectors markers are qualified with. */
#include "base/util.h"
#include "binary/toolchain.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static struct toolchain parsed(const char *text) {
  struct toolchain toolchain;
  cr_assert_eq(toolchain_parse(text, &toolchain), 0, "\"%s\" names a toolchain", text);
  return toolchain;
}

static void assert_toolchain(const char *text, const char *family, int major) {
  struct toolchain toolchain = parsed(text);
  cr_assert_str_eq(toolchain.family, family, "\"%s\": family should be %s, got %s", text, family, toolchain.family);
  cr_assert_eq(toolchain.major, major, "\"%s\": major should be %d, got %d", text, major, toolchain.major);
}

static void assert_bad_toolchain(const char *text) {
  struct toolchain toolchain = {"x", 99, OPT_O1};
  cr_assert_eq(toolchain_parse(text, &toolchain), -1, "\"%s\" names no toolchain", text);
  cr_assert_str_eq(toolchain.family, "", "a failed parse leaves the family empty, got %s", toolchain.family);
  cr_assert_eq(toolchain.major, 0, "a failed parse leaves major 0");
}

static bool matches(const char *selector, const char *toolchain_id) {
  struct toolchain toolchain = parsed(toolchain_id);
  return selector_matches(selector, &toolchain);
}

static void assert_valid(const char *selector) {
  char *error = NULL;
  cr_assert_eq(selector_check(selector, &error), 0, "\"%s\" is a valid selector, got: %s", selector,
               error ? error : "");
}

static void assert_invalid(const char *selector) {
  char *error = NULL;
  cr_assert_eq(selector_check(selector, &error), -1, "\"%s\" is not a valid selector", selector);
  cr_assert_not_null(error, "a bad selector sets *error");
  char *quoted = xprintf("unknown toolchain selector \"%s\"", selector);
  cr_assert(strncmp(error, quoted, strlen(quoted)) == 0, "the error quotes the selector: %s", error);
  free(quoted);
  free(error);
}

Test(toolchain_parse, reads_family_dash_major) {
  assert_toolchain("clang-14", "clang", 14);
  assert_toolchain("gcc-12", "gcc", 12);
}

Test(toolchain_parse, reads_a_full_version_as_its_major) { assert_toolchain("clang-19.1.7", "clang", 19); }

Test(toolchain_parse, reads_a_version_without_a_dash) { assert_toolchain("gcc12", "gcc", 12); }

Test(toolchain_parse, reads_a_bare_family_with_an_unknown_major) { assert_toolchain("clang", "clang", 0); }

Test(toolchain_parse, rejects_other_compilers_and_noise) {
  assert_bad_toolchain("icc-2021");
  assert_bad_toolchain("");
  assert_bad_toolchain("clang-x");
  assert_bad_toolchain("gccgo-12");
}

Test(selector_check, accepts_families_comparisons_and_lists) {
  assert_valid("gcc");
  assert_valid("clang");
  assert_valid("clang>=18");
  assert_valid("clang<=14");
  assert_valid("gcc>12");
  assert_valid("gcc<13");
  assert_valid("clang==14");
  assert_valid("clang!=16");
  assert_valid("clang<18,gcc");
  assert_valid(" clang>=18 , gcc ");
}

Test(selector_check, rejects_unknown_names_and_broken_comparisons) {
  assert_invalid("icc");
  assert_invalid("msvc>=19");
  assert_invalid("clangd");
  assert_invalid("clang>=");
  assert_invalid("clang>=x");
  assert_invalid("clang=14");
  assert_invalid("clang 14");
  assert_invalid("clang >=18");
  assert_invalid("");
  assert_invalid("gcc,");
  assert_invalid(",gcc");
}

Test(selector_matches, matches_a_bare_family_at_any_version) {
  cr_assert(matches("gcc", "gcc-12"), "gcc matches gcc-12");
  cr_assert(matches("gcc", "gcc-14"), "gcc matches gcc-14");
  cr_assert(!matches("gcc", "clang-14"), "gcc does not match clang-14");
  cr_assert(matches("clang", "clang-19"), "clang matches clang-19");
}

Test(selector_matches, compares_with_greater_or_equal) {
  cr_assert(!matches("clang>=18", "clang-14"), "clang>=18 excludes clang-14");
  cr_assert(matches("clang>=18", "clang-18"), "clang>=18 includes clang-18");
  cr_assert(matches("clang>=18", "clang-19"), "clang>=18 includes clang-19");
  cr_assert(!matches("clang>=18", "gcc-19"), "clang>=18 excludes every gcc");
}

Test(selector_matches, compares_with_less_than) {
  cr_assert(matches("gcc<13", "gcc-12"), "gcc<13 includes gcc-12");
  cr_assert(!matches("gcc<13", "gcc-13"), "gcc<13 excludes gcc-13");
  cr_assert(matches("clang<=14", "clang-14"), "clang<=14 includes clang-14");
  cr_assert(!matches("clang>14", "clang-14"), "clang>14 excludes clang-14");
}

Test(selector_matches, compares_with_equal_and_not_equal) {
  cr_assert(matches("clang==14", "clang-14"), "clang==14 includes clang-14");
  cr_assert(!matches("clang==14", "clang-16"), "clang==14 excludes clang-16");
  cr_assert(matches("clang!=14", "clang-16"), "clang!=14 includes clang-16");
  cr_assert(!matches("clang!=14", "clang-14"), "clang!=14 excludes clang-14");
}

Test(selector_matches, matches_when_any_item_of_a_list_does) {
  cr_assert(matches("clang<18,gcc", "gcc-12"), "the gcc item matches gcc-12");
  cr_assert(matches("clang<18,gcc", "clang-14"), "the clang<18 item matches clang-14");
  cr_assert(!matches("clang<18,gcc", "clang-19"), "no item matches clang-19");
}

Test(selector_matches, matches_nothing_for_an_unknown_toolchain) {
  struct toolchain unknown = {"", 0, OPT_UNKNOWN};
  cr_assert(!selector_matches("gcc", &unknown), "an unknown toolchain matches no family");
  cr_assert(!selector_matches("clang,gcc", &unknown), "not even a list of every family");
  cr_assert(!selector_matches("clang!=14", &unknown), "nor a != comparison");
}

Test(selector_matches, matches_nothing_for_an_invalid_selector) {
  cr_assert(!matches("icc,clang", "clang-14"), "a selector with an unknown name matches nothing");
}

/* ---- optimization levels ---- */

static bool matches_at(const char *selector, const char *toolchain_id, const char *level) {
  struct toolchain toolchain = parsed(toolchain_id);
  toolchain.opt_level = opt_level_parse(level);
  cr_assert_neq(toolchain.opt_level, OPT_UNKNOWN, "\"%s\" is a level", level);
  return selector_matches(selector, &toolchain);
}

Test(opt_level, reads_levels_with_and_without_the_dash) {
  cr_assert_eq(opt_level_parse("O2"), OPT_O2, "O2");
  cr_assert_eq(opt_level_parse("-O2"), OPT_O2, "-O2");
  cr_assert_eq(opt_level_parse("-O0"), OPT_O0, "-O0");
  cr_assert_eq(opt_level_parse("-O"), OPT_O1, "the compilers' bare -O is -O1");
  cr_assert_eq(opt_level_parse("Os"), OPT_OS, "Os");
  cr_assert_eq(opt_level_parse("-Oz"), OPT_OZ, "-Oz");
  cr_assert_eq(opt_level_parse("Ofast"), OPT_OFAST, "Ofast");
  cr_assert_eq(opt_level_parse("-Og"), OPT_OG, "-Og");
  cr_assert_str_eq(opt_level_name(OPT_O3), "O3", "the name of O3");
  cr_assert_str_eq(opt_level_name(OPT_UNKNOWN), "unknown", "the name of an unknown level");
}

Test(opt_level, rejects_what_is_no_level) {
  cr_assert_eq(opt_level_parse(""), OPT_UNKNOWN, "empty");
  cr_assert_eq(opt_level_parse("O9"), OPT_UNKNOWN, "O9");
  cr_assert_eq(opt_level_parse("--O1"), OPT_UNKNOWN, "--O1");
  cr_assert_eq(opt_level_parse("o1"), OPT_UNKNOWN, "lower-case o1");
  cr_assert_eq(opt_level_parse("O1 "), OPT_UNKNOWN, "a trailing space");
}

Test(opt_level, leaves_the_level_of_a_parsed_toolchain_unknown) {
  cr_assert_eq(parsed("gcc-12").opt_level, OPT_UNKNOWN, "a toolchain id says nothing of the level");
}

Test(selector_check, accepts_levels_alone_and_with_toolchains) {
  assert_valid("O1");
  assert_valid("gcc,O1");
  assert_valid("clang>=14,O0,O2");
  assert_valid("Ofast, gcc");
  assert_invalid("O9");
  assert_invalid("-O1");
  assert_invalid("gcc,o1");
  assert_invalid("gcc O1");
}

Test(selector_matches, ands_the_level_with_the_toolchain) {
  cr_assert(matches_at("gcc,O1", "gcc-12", "O1"), "gcc,O1 matches gcc-12 at O1");
  cr_assert(!matches_at("gcc,O1", "gcc-12", "O2"), "gcc,O1 does not match gcc-12 at O2");
  cr_assert(!matches_at("gcc,O1", "clang-14", "O1"), "gcc,O1 does not match clang-14 at O1");
}

Test(selector_matches, ors_levels_among_themselves_and_toolchains_among_themselves) {
  cr_assert(matches_at("clang<18,gcc,O0,O2", "gcc-12", "O2"), "gcc at O2");
  cr_assert(matches_at("clang<18,gcc,O0,O2", "clang-14", "O0"), "clang-14 at O0");
  cr_assert(!matches_at("clang<18,gcc,O0,O2", "clang-19", "O0"), "not clang-19");
  cr_assert(!matches_at("clang<18,gcc,O0,O2", "gcc-12", "O1"), "not O1");
  cr_assert(matches_at("clang>=14,clang<18", "clang-19", "O1"), "the comma still means or: clang>=14 holds");
}

Test(selector_matches, matches_a_level_alone_on_every_toolchain) {
  cr_assert(matches_at("O2", "gcc-12", "O2"), "O2 on gcc-12");
  cr_assert(matches_at("O2", "clang-19", "-O2"), "O2 on clang-19");
  cr_assert(!matches_at("O2", "clang-19", "O3"), "not O3");
}

Test(selector_matches, matches_no_level_item_at_an_unknown_level) {
  struct toolchain gcc = parsed("gcc-12");
  cr_assert(!selector_matches("gcc,O1", &gcc), "an unknown level matches no level item");
  cr_assert(selector_matches("gcc", &gcc), "a selector without levels matches at any level, unknown too");
}

/* ---- overlap, by the toolchains both selectors match ---- */

Test(selectors_overlap, finds_a_toolchain_that_differently_written_selectors_share) {
  struct toolchain both;
  cr_assert(selectors_overlap("clang", "clang>=14", &both), "clang and clang>=14 share clang-14");
  cr_assert_str_eq(both.family, "clang", "the witness is a clang, got %s", both.family);
  cr_assert_eq(both.major, 14, "the first shared major is 14, got %d", both.major);
  cr_assert(selectors_overlap("gcc<13", "gcc>=12", NULL), "gcc-12 is in both");
  cr_assert(selectors_overlap("gcc,O1", "gcc>=12", NULL), "gcc-12 at O1 is in both");
  cr_assert(selectors_overlap(NULL, "clang==40", NULL), "an unqualified marker overlaps every selector");
}

Test(selectors_overlap, sees_no_overlap_between_disjoint_sets) {
  cr_assert(!selectors_overlap("clang<14", "clang>=14", NULL), "versions on either side of 14");
  cr_assert(!selectors_overlap("gcc", "clang", NULL), "two families");
  cr_assert(!selectors_overlap("gcc,O1", "gcc,O0,O2,O3,Os,Oz,Ofast,Og", NULL), "O1 against every other level");
  cr_assert(selectors_overlap("clang==15", "clang!=14,clang==14", NULL),
            "clang!=14 or clang==14 is every clang, clang-15 among them");
}

/* A version is read as a number, never modulo 2^32: clang==4294967310 was clang 14, so a count or a marker meant for
 * no toolchain applied to clang 14 (blind round 6). */
Test(selector_check, rejects_a_major_version_no_toolchain_has) {
  const char *const too_long[] = {"clang==4294967310", "clang>18446744073709551630", "gcc<1000", "clang>=0014"};
  for (size_t i = 0; i < sizeof too_long / sizeof *too_long; i++) {
    char *error = NULL;
    cr_assert_neq(selector_check(too_long[i], &error), 0, "%s was accepted", too_long[i]);
    free(error);
  }
  struct toolchain toolchain;
  cr_assert_neq(toolchain_parse("clang-4294967310", &toolchain), 0);
  cr_assert_eq(toolchain_parse("clang-19.1.7", &toolchain), 0);
  cr_assert_eq(toolchain.major, 19);
}

/* The compiler's word about one compile unit, as clang and gcc write it (DW_AT_producer). */
Test(toolchain_parse, reads_a_compile_units_producer) {
  struct toolchain toolchain;
  cr_assert_eq(toolchain_from_producer("Debian clang version 14.0.6 /usr/bin/clang -g -O1", &toolchain), 0);
  cr_assert_str_eq(toolchain.family, "clang");
  cr_assert_eq(toolchain.major, 14);
  cr_assert_eq(toolchain_from_producer("GNU C17 12.2.0 -mtune=generic -march=x86-64 -g -O1", &toolchain), 0);
  cr_assert_str_eq(toolchain.family, "gcc");
  cr_assert_eq(toolchain.major, 12);
  cr_assert_eq(toolchain_from_producer("GNU C++17 11.4.0 -g", &toolchain), 0);
  cr_assert_eq(toolchain.major, 11);
  cr_assert_neq(toolchain_from_producer("", &toolchain), 0, "clang -fno-ident leaves the producer empty");
  cr_assert_neq(toolchain_from_producer("GNU AS 2.40", &toolchain), 0);
  cr_assert_neq(toolchain_from_producer(NULL, &toolchain), 0);
}
