/* plugin.c: the plugin cases/lifecycle/plugin_unload_*.c load with dlopen. Built with -fsanitize=thread like the
 * program (a library directory named plugin_*, cases/CMakeLists.txt), and never linked: the cases find it at run
 * time. Its constructor sets its state up when it is loaded; its destructor tears it down when dlclose unloads it. */
#include <stddef.h>

static const char *plugin_greeting;

__attribute__((constructor)) static void plugin_load(void) { plugin_greeting = "hello from the plugin"; }

__attribute__((destructor)) static void plugin_unload(void) { plugin_greeting = NULL; }

const char *plugin_greet(void) { return plugin_greeting; }
