/* runtime_options.c: what the harness gives TSan's runtime in TSAN_OPTIONS and UBSAN_OPTIONS, and why (see
 * runtime_options.h).
 *
 * An allow-list, not a deny-list: every option the runtimes know is classified below, and what is not known to be
 * harmless is pinned. The names and defaults are those of compiler-rt's lib/tsan/rtl/tsan_flags.inc and
 * lib/sanitizer_common/sanitizer_flags.inc (clang 13's v2 runtime, the v3 runtime of clang 14, 15, 16 and 19, gcc 11
 * and 12's libsanitizer copies), as each runtime prints them with `help=1` after tsan_flags.cpp InitializeFlags has set
 * its own overrides (exitcode 66, allow_addr2line, the stack layout): the same value in all seven runtimes for every
 * option pinned here. Options only some of those runtimes know (demangle, force_background_thread,
 * compress_stack_depot, suppress_equal_addresses, print_benign, print_full_thread_history, detect_invalid_join,
 * verify_interceptors, enable_symbolizer_markup, cov_8bit_counters_out, cov_pcs_out,
 * test_only_replace_dlopen_main_program), one whose default `help=1` does not print
 * (allocator_release_to_os_interval_ms) and every name the harness does not know are not pinned (a value one runtime
 * does not know makes it warn, and a runtime's future option has no default the harness can write): a user's value of
 * one is left out of what the program runs with, so the runtime keeps its own default; a case that means one declares
 * it. */
#include "runner/runtime_options.h"
#include "base/util.h"
#include "runner/options.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Defaults of the harness's own that a user or a case may change: TSan need not sleep a second at exit. */
static const char harness_defaults[] = "atexit_sleep_ms=0";

enum option_kind {
  OPTION_FORCED,   /* what the checks cannot work without: the harness's value, never the user's or the case's */
  OPTION_PINNED,   /* may change which reports are made, what their frames show or how the program ends: the
                      runtime's default unless the case declares its own */
  OPTION_HARMLESS, /* known not to change which reports are made or what they show: the user's value stays */
};

struct known_option {
  const char *name;
  enum option_kind kind;
  const char *value;  /* FORCED, PINNED: the value written; HARMLESS: NULL */
  bool common;        /* a common flag (sanitizer_flags.inc) and no UBSan flag (ubsan_flags.inc: halt_on_error,
                         suppressions, ...): the UBSan parser sets it from UBSAN_OPTIONS too */
  long harmless_from; /* HARMLESS only from this number on (history_size); -1: any value */
};

#define FORCED(name, value, common)                                                                                    \
  { name, OPTION_FORCED, value, common, -1 }
#define PINNED(name, value, common)                                                                                    \
  { name, OPTION_PINNED, value, common, -1 }
#define HARMLESS(name, common, from)                                                                                   \
  { name, OPTION_HARMLESS, NULL, common, from }

static const struct known_option known_options[] = {
    /* ---- Forced: the harness's checks read what these make the runtime write. ---- */
    FORCED("report_bugs", "1", false),
    FORCED("verbosity", "1", true),    /* the start and finish proof, "forked new process" */
    FORCED("log_exe_name", "0", true), /* one log per image: DIR/tsan.PID */
    FORCED("log_suffix", "", true),    /* ... under that name */
    FORCED("print_suppressions", "1", true),
    FORCED("symbolize", "1", true),        /* file:line for the markers */
    FORCED("strip_path_prefix", "", true), /* ... in full */
    FORCED("color", "never", true),
    FORCED("stack_trace_format", "    #%n %f %S %M", true),
    /* log_path and suppressions are forced too, below: each has a value of its own. */

    /* ---- Harmless: the user's value stays. ---- */
    /* How long the main thread sleeps before exit when threads still run (tsan_rtl.cpp Finalize): a longer sleep
     * only lets a late race be seen. */
    HARMLESS("atexit_sleep_ms", false, -1),
    /* How much access history each thread keeps (tsan_rtl.cpp, the trace; v3 tsan_rtl_report.cpp ReportRace drops a
     * report whose earlier access it cannot restore, v2 prints "[failed to restore the stack]"): harmless from 3 on,
     * the largest default of the runtimes (gcc's v2; clang's v3 default is 0), since more history only restores more
     * stacks. A smaller value is pinned away like any other. */
    HARMLESS("history_size", false, 3),
    /* When the background thread restarts the symbolizer process (tsan_rtl.cpp BackgroundThread): not what it says. */
    HARMLESS("flush_symbolizer_ms", false, -1),

    /* ---- Pinned: TSan's own options (tsan_flags.inc). ---- */
    PINNED("enable_annotations", "1", false),    /* 0 turns ignore and happens-before annotations into no-ops */
    PINNED("suppress_equal_stacks", "1", false), /* which duplicate races are reported */
    PINNED("report_thread_leaks", "1", false),
    PINNED("report_destroy_locked", "1", false),
    PINNED("report_mutex_bugs", "1", false),
    PINNED("report_signal_unsafe", "1", false),
    PINNED("report_atomic_races", "1", false),
    PINNED("force_seq_cst_atomics", "0", false), /* 1 adds happens-before to every atomic */
    PINNED("halt_on_error", "0", false),         /* stops after the first report */
    PINNED("profile_memory", "", false),
    /* Flushing the shadow memory (a period, or a limit it is flushed at) forgets every access made before: a race
     * across a flush is never reported (tsan_rtl.cpp BackgroundThread, DoReset). */
    PINNED("flush_memory_ms", "0", false),
    PINNED("memory_limit_mb", "0", false),
    PINNED("stop_on_start", "0", false),
    PINNED("running_on_valgrind", "0", false),
    PINNED("io_sync", "1", false), /* 2 makes every file descriptor a happens-before edge, 0 none */
    PINNED("die_after_fork", "1", false),
    PINNED("ignore_interceptors_accesses", "0", false),
    PINNED("ignore_noninstrumented_modules", "0", false),
    PINNED("shared_ptr_interceptor", "1", false),
    /* The harness's value, not TSan's 0: the second stack of a lock-order inversion is one the markers can name. */
    PINNED("second_deadlock_stack", "1", false),

    /* ---- Pinned: the common options (sanitizer_flags.inc) every runtime reads. ---- */
    /* Which symbolizer writes the frames, and how: another symbolizer, no inline frames (a race inside an inlined
     * function shown in its caller), another style or demangling changes what a marker's `in FUNCTION` or line
     * hits. external_symbolizer_path is not pinned (its default is no value, and an empty one turns symbolizing
     * off): a user's is left out, so the runtime finds llvm-symbolizer as it does by default. */
    PINNED("allow_addr2line", "1", true),
    PINNED("symbolize_inline_frames", "1", true),
    PINNED("symbolize_vs_style", "0", true),
    PINNED("fast_unwind_on_check", "0", true),
    PINNED("fast_unwind_on_fatal", "0", true),
    PINNED("fast_unwind_on_malloc", "1", true),
    PINNED("malloc_context_size", "1", true),
    PINNED("dedup_token_length", "0", true),
    PINNED("print_summary", "1", true),
    PINNED("print_module_map", "0", true),
    PINNED("print_cmdline", "0", true),
    PINNED("help", "0", true),
    /* Where else the runtime writes, and how a process ends. */
    PINNED("log_to_syslog", "0", true),
    PINNED("exitcode", "66", true),
    PINNED("abort_on_error", "0", true),
    PINNED("handle_ioctl", "0", true),
    PINNED("handle_segv", "1", true),
    PINNED("handle_sigbus", "1", true),
    PINNED("handle_abort", "0", true),
    PINNED("handle_sigill", "0", true),
    PINNED("handle_sigtrap", "0", true),
    PINNED("handle_sigfpe", "1", true),
    PINNED("allow_user_segv_handler", "1", true),
    PINNED("use_sigaltstack", "1", true),
    PINNED("dump_instruction_bytes", "0", true),
    PINNED("dump_registers", "1", true),
    PINNED("disable_coredump", "1", true),
    PINNED("use_madv_dontdump", "1", true),
    PINNED("strip_env", "1", true),
    /* Memory: limits that fail an allocation or end the program, and the shadow it clears. */
    PINNED("allocator_may_return_null", "0", true),
    PINNED("mmap_limit_mb", "0", true),
    PINNED("hard_rss_limit_mb", "0", true),
    PINNED("soft_rss_limit_mb", "0", true),
    PINNED("max_allocation_size_mb", "0", true),
    PINNED("heap_profile", "0", true),
    PINNED("can_use_proc_maps_statm", "1", true),
    PINNED("clear_shadow_mmap_threshold", "65536", true),
    PINNED("no_huge_pages_for_shadow", "1", true),
    PINNED("full_address_space", "0", true),
    PINNED("decorate_proc_maps", "0", true),
    PINNED("detect_write_exec", "0", true),
    PINNED("test_only_emulate_no_memorymap", "0", true),
    PINNED("detect_leaks", "1", true),
    PINNED("leak_check_at_exit", "1", true),
    /* Coverage dumps write files and lines of their own at exit. */
    PINNED("coverage", "0", true),
    PINNED("coverage_dir", ".", true),
    PINNED("html_cov_report", "0", true),
    PINNED("sancov_path", "sancov", true),
    /* What is reported: deadlocks, the interceptors' own checks, duplicates. */
    PINNED("detect_deadlocks", "1", true),
    PINNED("check_printf", "1", true),
    PINNED("strict_string_checks", "0", true),
    PINNED("strict_memcmp", "1", true),
    PINNED("suppress_equal_pcs", "1", true),
    PINNED("legacy_pthread_cond", "0", true),
    PINNED("intercept_tls_get_addr", "1", true),
    PINNED("intercept_strstr", "1", true),
    PINNED("intercept_strspn", "1", true),
    PINNED("intercept_strtok", "1", true),
    PINNED("intercept_strpbrk", "1", true),
    PINNED("intercept_strcmp", "1", true),
    PINNED("intercept_strlen", "1", true),
    PINNED("intercept_strndup", "1", true),
    PINNED("intercept_strchr", "1", true),
    PINNED("intercept_memcmp", "1", true),
    PINNED("intercept_memmem", "1", true),
    PINNED("intercept_intrin", "1", true),
    PINNED("intercept_stat", "1", true),
    PINNED("intercept_send", "1", true),
};

/* UBSan's own options (ubsan_flags.inc), which UBSAN_OPTIONS holds beside the common ones: TSan never reads them. */
static const char *const ubsan_own_options[] = {"halt_on_error", "print_stacktrace", "suppressions",
                                                "report_error_type", "silence_unsigned_overflow"};

static const struct known_option *known_option(const char *name) {
  for (size_t i = 0; i < sizeof known_options / sizeof *known_options; i++)
    if (strcmp(known_options[i].name, name) == 0)
      return &known_options[i];
  return NULL;
}

static bool ubsan_own_option(const char *name) {
  for (size_t i = 0; i < sizeof ubsan_own_options / sizeof *ubsan_own_options; i++)
    if (strcmp(ubsan_own_options[i], name) == 0)
      return true;
  return false;
}

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

/* Whether the user's `name=value` reaches the runtime as it is. */
static bool harmless(const struct known_option *option, const char *value) {
  if (!option || option->kind != OPTION_HARMLESS)
    return false;
  if (option->harmless_from < 0)
    return true;
  char *end;
  long number = strtol(value, &end, 10);
  return *value && !*end && number >= option->harmless_from;
}

/* The user's options of one variable as the program gets them, `from` naming the variable: what the runtime keeps
 * its default for is left out (a name the runtime would not read from this variable stays: it changes nothing);
 * what the harness replaces is named in `overridden` unless the case declares its own value. */
static void user_options(const struct option_list *user, const char *from, bool ubsan,
                         const struct option_list *declared, struct option_list *kept, struct strbuf *overridden) {
  for (size_t i = 0; i < user->count; i++) {
    const char *name = user->items[i].name, *value = user->items[i].value;
    const struct known_option *option = known_option(name);
    bool read_here = !ubsan || (!ubsan_own_option(name) && (!option || option->common));
    bool pinnable = option && option->kind != OPTION_HARMLESS;
    /* Kept: what the runtime does not read from this variable, what is harmless, and what a pin at the end
     * overrides (so the runtime still reads, and refuses, the user's text as it would). */
    if (!read_here || harmless(option, value) || pinnable || strcmp(name, "suppressions") == 0 ||
        strcmp(name, "log_path") == 0)
      options_add(kept, name, value);
    if (!read_here || harmless(option, value) || (option && option->kind == OPTION_FORCED) ||
        strcmp(name, "suppressions") == 0 || strcmp(name, "log_path") == 0 || options_last(declared, name))
      continue;
    if (options_last(user, name) != value) /* only the assignment that wins */
      continue;
    if (option && option->kind == OPTION_PINNED && same_value(value, option->value))
      continue;
    strbuf_printf(overridden, "%s%s=%s (%s)", overridden->length ? ", " : "", name, value, from);
  }
}

/* The user's value of `name` as the runtime would end up with it: UBSAN_OPTIONS's for a common flag, else
 * TSAN_OPTIONS's. */
static const char *user_value(const struct option_list *tsan, const struct option_list *ubsan, const char *name,
                              bool common) {
  const char *value = common ? options_last(ubsan, name) : NULL;
  return value ? value : options_last(tsan, name);
}

int runtime_options_build(const char *user_tsan, const char *user_ubsan, const char *case_options,
                          const char *log_prefix, struct runtime_options *options, char **error) {
  *options = (struct runtime_options){0};
  struct option_list tsan = {0}, ubsan = {0}, declared = {0}, pinned = {0}, common = {0}, tsan_kept = {0},
                     ubsan_kept = {0};
  int status = -1;
  if (options_read(user_tsan, "TSAN_OPTIONS", &tsan, error) != 0 ||
      options_read(user_ubsan, "UBSAN_OPTIONS", &ubsan, error) != 0 ||
      options_read(case_options, "the case's tsan-options", &declared, error) != 0)
    goto done;
  struct strbuf overridden = {0};
  user_options(&tsan, "TSAN_OPTIONS", false, &declared, &tsan_kept, &overridden);
  user_options(&ubsan, "UBSAN_OPTIONS", true, &declared, &ubsan_kept, &overridden);
  options->overridden = overridden.length ? strbuf_release(&overridden) : NULL;
  for (size_t i = 0; i < sizeof known_options / sizeof *known_options; i++) {
    const struct known_option *option = &known_options[i];
    if (option->kind == OPTION_HARMLESS)
      continue;
    const char *value = option->kind == OPTION_PINNED ? options_last(&declared, option->name) : NULL;
    if (!value)
      value = option->value;
    options_add(&pinned, option->name, value);
    if (option->common)
      options_add(&common, option->name, value);
  }
  /* One suppressions file for every process: the case's own, else the user's, else none (which also drops one a
   * default-options function of the program names). Only TSAN_OPTIONS's: in UBSAN_OPTIONS, "suppressions" is
   * UBSan's own flag (ubsan_flags.inc, registered before the common flags, so FlagParser::run_handler finds it
   * first), a file of UBSan's rules that TSan never reads. */
  const char *suppressions = options_last(&declared, "suppressions");
  options->suppressions_declared = suppressions != NULL;
  if (!suppressions)
    suppressions = options_last(&tsan, "suppressions");
  options->suppressions = xstrdup(suppressions ? suppressions : "");
  struct stat suppressions_file;
  if (*options->suppressions && stat(options->suppressions, &suppressions_file) == 0 &&
      !S_ISREG(suppressions_file.st_mode)) {
    *error =
        xprintf("the suppressions file %s of %s is not a regular file (a FIFO, a device): the runtime would wait "
                "on it, and so would the harness, which reads its rules",
                options->suppressions, options->suppressions_declared ? "the case's tsan-options" : "TSAN_OPTIONS");
    goto done;
  }
  const char *log_path = user_value(&tsan, &ubsan, "log_path", true);
  options->user_log_path = log_path ? xstrdup(log_path) : NULL;
  options_add(&pinned, "suppressions", options->suppressions);
  options_add(&pinned, "log_path", log_prefix ? log_prefix : "stderr");
  options_add(&common, "log_path", log_prefix ? log_prefix : "stderr");
  options->exitcode = strtol(options_last(&pinned, "exitcode"), NULL, 10);
  options->halt_on_error = option_bool(options_last(&pinned, "halt_on_error")) == 1;

  struct strbuf text = {0};
  strbuf_puts(&text, harness_defaults);
  options_write(&text, &tsan_kept);
  options_write(&text, &declared);
  options_write(&text, &pinned);
  options->tsan_options = strbuf_release(&text);
  options_write(&text, &ubsan_kept);
  options_write(&text, &common);
  options->ubsan_options = strbuf_release(&text);
  status = 0;
done:
  option_list_free(&tsan);
  option_list_free(&ubsan);
  option_list_free(&declared);
  option_list_free(&pinned);
  option_list_free(&common);
  option_list_free(&tsan_kept);
  option_list_free(&ubsan_kept);
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
