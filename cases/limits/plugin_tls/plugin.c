/* plugin.c: the plugin limits/plugin_tls_freed.c loads with dlopen (a library directory named plugin_*, built with
 * -fsanitize=thread and never linked, cases/CMakeLists.txt). Its thread-local `plugin_result` is a loaded module's:
 * each thread's copy is allocated at the thread's first access, through __tls_get_addr. */
static __thread int plugin_result;

/* Stores `value` in the calling thread's copy, and returns that copy's address. */
int *plugin_keep(int value) {
  plugin_result = value;
  return &plugin_result;
}
