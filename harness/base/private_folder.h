/* private_folder.h: the folder of one check: the compiler's working directory, the built program, every process's
 * TSan log. It is made under $TMPDIR (else /tmp) and always goes, whatever the program did to it. */
#ifndef TSAN_VERIFY_PRIVATE_FOLDER_H
#define TSAN_VERIFY_PRIVATE_FOLDER_H

/* Creates a fresh folder "TMPDIR/tsan-verify.XXXXXX" and returns its absolute path: a relative TMPDIR is taken
 * relative to the current folder now, since the program (which gets the log path in TSAN_OPTIONS) may chdir before
 * its runtime opens its log. NULL with *error when it cannot be made. */
char *private_folder_create(char **error);
/* Sets a relative TMPDIR in this process's environment to its absolute path, for the processes the harness starts:
 * the compiler works in the private folder, and a program may chdir. Nothing changes when TMPDIR is unset, empty,
 * already absolute, or when the current folder cannot be named. */
void anchor_tmpdir(void);
/* Removes the folder and everything in it, also what the program left unreadable or unwritable (a folder of mode
 * 000 in it, or the folder itself made read-only): permissions are restored on the way down. Symbolic links are
 * removed, never followed. */
void private_folder_remove(const char *path);

#endif
