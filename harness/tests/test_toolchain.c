/* test_toolchain.c: toolchain ids ("clang-14") and the [SEL] selectors markers are qualified with. */
#include "toolchain.h"
#include "util.h"

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
