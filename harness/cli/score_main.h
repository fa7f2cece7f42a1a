/* score_main.h: `tsan-verify score ARGS...` (argv[0] is "score"); returns the exit status. */
#ifndef TSAN_VERIFY_SCORE_MAIN_H
#define TSAN_VERIFY_SCORE_MAIN_H

int score_command(int argc, char **argv);

#endif
