int plugin_counter;
void plugin_bump(void) { plugin_counter++; }
