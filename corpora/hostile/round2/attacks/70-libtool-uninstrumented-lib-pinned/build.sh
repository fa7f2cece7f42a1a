set -e
LT="libtool --quiet --tag=CC"
$LT --mode=compile clang -g -O1 -c pool.c -o pool.lo
$LT --mode=link clang -g -O1 -o libpool.la pool.lo -rpath /usr/local/lib -lpthread
$LT --mode=compile clang -fsanitize=thread -g -O1 -c racer.c -o racer.lo
$LT --mode=link clang -fsanitize=thread -g -O1 -o racer racer.lo libpool.la -lpthread
