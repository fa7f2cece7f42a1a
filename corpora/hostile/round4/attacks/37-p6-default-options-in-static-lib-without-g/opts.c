const char *__tsan_default_options(void) { return "report_bugs=0"; }
