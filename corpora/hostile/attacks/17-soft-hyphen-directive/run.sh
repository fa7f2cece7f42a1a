printf '// expect-tsan: none\n#include <stdio.h>\nint main(void) {\n  puts("hello");\n  return 0;\n}\n// expect\xc2\xadoutput: GOODBYE\n' > case.c
"$TSAN_VERIFY" case.c
