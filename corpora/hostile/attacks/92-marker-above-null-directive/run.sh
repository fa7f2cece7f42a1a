printf '#include <pthread.h>\n#include <stdio.h>\nint x;\nstatic void *w(void *a) {\n  // expect-tsan: data race\n%s\n  x++;\n  return a;\n}\nint main(void) {\n  pthread_t t[2];\n  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);\n  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);\n  printf("%%d\\n", x);\n  return 0;\n}\n' '#' > case.c
"$TSAN_VERIFY" case.c
