#!/bin/bash
# A llvm-symbolizer first on PATH that names line 8 (the marked, non-racing
# line) for every pc.
cat > bin/llvm-symbolizer <<EOS
#!/bin/sh
while read -r kind module off; do
  case "\$kind" in
    DATA) printf 'counter\n0 4\n\n' ;;
    *) printf 'unrelated\n$PWD/racy.c:8:3\n\n' ;;
  esac
done
EOS
chmod +x bin/llvm-symbolizer
PATH="$PWD/bin:$PATH" "$TSAN_VERIFY" racy.c
