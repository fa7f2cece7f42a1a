/* runtime_options.c: what the harness pins in TSAN_OPTIONS and UBSAN_OPTIONS, and why (see runtime_options.h). */
#include "runner/runtime_options.h"
#include "base/util.h"
#include "runner/options.h"

#include <stdlib.h>
#include <string.h>

/* Defaults of the harness's own that a user or a case may change: not having TSan sleep a second at exit, and the
 * second stack of a lock-order-inversion that the markers can name. */
static const char harness_defaults[] = "atexit_sleep_ms=0:second_deadlock_stack=1";

struct pinned_option {
  const char *name;
  const char *value;
  bool common; /* a common flag (sanitizer_flags.inc) and no UBSan flag (ubsan_flags.inc: halt_on_error,
                  suppressions, ...): the UBSan parser sets it from UBSAN_OPTIONS too */
  bool hides;  /* a non-default value hides or cuts short reports: the case may declare its own */
};

/* The values are TSan's defaults (tsan_flags.inc, sanitizer_flags.inc, and the overrides of tsan_flags.cpp
 * InitializeFlags: exitcode 66, the stack layout), the same in clang 14, clang 19 and gcc 12 (`help=1`). */
static const struct pinned_option pinned_options[] = {
    /* What the checks cannot work without; never the case's to change. */
    {"report_bugs", "1", false, false},
    {"verbosity", "1", true, false},
    {"log_exe_name", "0", true, false},
    {"log_suffix", "", true, false},
    {"print_suppressions", "1", true, false},
    {"symbolize", "1", true, false},
    {"strip_path_prefix", "", true, false},
    {"color", "never", true, false},
    {"stack_trace_format", "    #%n %f %S %M", true, false},
    /* What hides reports, or stops the program before all of them are made. */
    {"report_thread_leaks", "1", false, true},
    {"report_destroy_locked", "1", false, true},
    {"report_mutex_bugs", "1", false, true},
    {"report_signal_unsafe", "1", false, true},
    {"report_atomic_races", "1", false, true},
    {"force_seq_cst_atomics", "0", false, true},
    {"halt_on_error", "0", false, true},
    {"ignore_interceptors_accesses", "0", false, true},
    {"ignore_noninstrumented_modules", "0", false, true},
    {"enable_annotations", "1", false, true},
    {"die_after_fork", "1", false, true},
    {"exitcode", "66", true, true},
    {"detect_deadlocks", "1", true, true},
    {"check_printf", "1", true, true},
    {"strict_memcmp", "1", true, true},
    {"intercept_strstr", "1", true, true},
    {"intercept_strspn", "1", true, true},
    {"intercept_strtok", "1", true, true},
    {"intercept_strpbrk", "1", true, true},
    {"intercept_strcmp", "1", true, true},
    {"intercept_strlen", "1", true, true},
    {"intercept_strndup", "1", true, true},
    {"intercept_strchr", "1", true, true},
    {"intercept_memcmp", "1", true, true},
    {"intercept_memmem", "1", true, true},
    {"intercept_intrin", "1", true, true},
    {"intercept_stat", "1", true, true},
    {"intercept_send", "1", true, true},
};

/* Whether two values of an option mean the same to the runtime: booleans by ParseBool, numbers by value. */
static bool same_value(const char *a, const char *b) {
  int bool_a = option_bool(a), bool_b = option_bool(b);
  if (bool_a >= 0 && bool_b >= 0)
    return bool_a == bool_b;
  char *end_a, *end_b;
  long number_a = strtol(a, &end_a, 10), number_b = strtol(b, &end_b, 10);
  if (*a && *b && !*end_a && !*end_b)
    return number_a == number_b;
  return strcmp(a, b) == 0;
}

/* The user's value of `name` as the runtime would end up with it: UBSAN_OPTIONS's for a common flag, else
 * TSAN_OPTIONS's; *from names the variable. */
static const char *user_value(const struct option_list *tsan, const struct option_list *ubsan, const char *name,
                              bool common, const char **from) {
  const char *value = common ? options_last(ubsan, name) : NULL;
  *from = "UBSAN_OPTIONS";
  if (!value) {
    value = options_last(tsan, name);
    *from = "TSAN_OPTIONS";
  }
  return value;
}

int runtime_options_build(const char *user_tsan, const char *user_ubsan, const char *case_options,
                          const char *log_prefix, struct runtime_options *options, char **error) {
  *options = (struct runtime_options){0};
  struct option_list tsan = {0}, ubsan = {0}, declared = {0}, pinned = {0}, common = {0};
  int status = -1;
  if (options_read(user_tsan, "TSAN_OPTIONS", &tsan, error) != 0 ||
      options_read(user_ubsan, "UBSAN_OPTIONS", &ubsan, error) != 0 ||
      options_read(case_options, "the case's tsan-options", &declared, error) != 0)
    goto done;
  struct strbuf overridden = {0};
  for (size_t i = 0; i < sizeof pinned_options / sizeof *pinned_options; i++) {
    const struct pinned_option *option = &pinned_options[i];
    const char *value = option->hides ? options_last(&declared, option->name) : NULL;
    if (!value) {
      value = option->value;
      const char *from;
      const char *users = option->hides ? user_value(&tsan, &ubsan, option->name, option->common, &from) : NULL;
      if (users && !same_value(users, value))
        strbuf_printf(&overridden, "%s%s=%s (%s)", overridden.length ? ", " : "", option->name, users, from);
    }
    options_add(&pinned, option->name, value);
    if (option->common)
      options_add(&common, option->name, value);
  }
  options->overridden = overridden.length ? strbuf_release(&overridden) : NULL;
  /* One suppressions file for every process: the case's own, else the user's, else none (which also drops one a
   * default-options function of the program names). Only TSAN_OPTIONS's: in UBSAN_OPTIONS, "suppressions" is
   * UBSan's own flag (ubsan_flags.inc, registered before the common flags, so FlagParser::run_handler finds it
   * first), a file of UBSan's rules that TSan never reads. */
  const char *from;
  const char *suppressions = options_last(&declared, "suppressions");
  options->suppressions_declared = suppressions != NULL;
  if (!suppressions)
    suppressions = options_last(&tsan, "suppressions");
  options->suppressions = xstrdup(suppressions ? suppressions : "");
  const char *log_path = user_value(&tsan, &ubsan, "log_path", true, &from);
  options->user_log_path = log_path ? xstrdup(log_path) : NULL;
  options_add(&pinned, "suppressions", options->suppressions);
  options_add(&pinned, "log_path", log_prefix ? log_prefix : "stderr");
  options_add(&common, "log_path", log_prefix ? log_prefix : "stderr");
  options->exitcode = strtol(options_last(&pinned, "exitcode"), NULL, 10);
  options->halt_on_error = option_bool(options_last(&pinned, "halt_on_error")) == 1;

  struct strbuf text = {0};
  strbuf_puts(&text, harness_defaults);
  options_write(&text, &tsan);
  options_write(&text, &declared);
  options_write(&text, &pinned);
  options->tsan_options = strbuf_release(&text);
  options_write(&text, &ubsan);
  options_write(&text, &common);
  options->ubsan_options = strbuf_release(&text);
  status = 0;
done:
  option_list_free(&tsan);
  option_list_free(&ubsan);
  option_list_free(&declared);
  option_list_free(&pinned);
  option_list_free(&common);
  return status;
}

void runtime_options_free(struct runtime_options *options) {
  free(options->tsan_options);
  free(options->ubsan_options);
  free(options->suppressions);
  free(options->user_log_path);
  free(options->overridden);
  *options = (struct runtime_options){0};
}
