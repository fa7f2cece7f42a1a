cat > crash.c <<'X'
#include <stdlib.h>
int main(void) { abort(); }
X
printf 'crash.c\tbug\n' > corpus.tsv
"$TSAN_VERIFY" score corpus.tsv
