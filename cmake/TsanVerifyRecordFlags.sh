#!/bin/sh
# TsanVerifyRecordFlags.sh: the compiler launcher tsan_verify_add_test (TsanVerify.cmake) gives its test programs,
# so that tsan-verify reads the case with the flags its compiler was given, whatever CMake made of them.
#
#   sh TsanVerifyRecordFlags.sh FLAGS_FILE CASE LAUNCHER_WORDS -- [LAUNCHER...] COMPILER ARGUMENTS...
#
# Runs the compile as it is given (after the LAUNCHER_WORDS words of the project's own launcher, if any, then the
# compiler). When the compile's input is CASE and it succeeds, writes FLAGS_FILE: its ARGUMENTS as a response file
# gcc and clang read alike (each in double quotes, with \ and " escaped), without what names its input and outputs
# (CASE, -c, -o FILE, the -M options of the dependency file), each relative path made absolute against the folder the
# compile ran in (tsan-verify reads the case from another). `tsan-verify --cflag @FLAGS_FILE` gives them to the
# compiler's reading of the case. A compile that fails leaves the file as it was, with the program it built.
#
# Why a launcher: what the compiler is given is CMake's own assembly of CMAKE_<LANG>_FLAGS, the language standard
# (-std=), the usage requirements of every linked target, options that hold only for one language
# ($<COMPILE_LANGUAGE:C>), source properties, precompiled headers. No generator expression yields it whole (one
# evaluated for a test has no language, so a C-only option is left out), and compile_commands.json is written for
# a shell: under Ninja a $ in a flag comes out doubled. The launcher sees the arguments themselves.
set -u

if [ "$#" -lt 5 ] || [ "$4" != "--" ]; then
  echo "TsanVerifyRecordFlags.sh: usage: FLAGS_FILE CASE LAUNCHER_WORDS -- [LAUNCHER...] COMPILER ARGUMENTS..." >&2
  exit 2
fi
flags_file=$1
case_file=$2
launcher_words=$3
shift 4

# $1 quoted for a response file, in $quoted (a function that sets a variable: a command substitution is a fork).
quote() {
  rest=$1
  quoted=
  while :; do
    case $rest in
    *[\\\"]*)
      head=${rest%%[\\\"]*}
      rest=${rest#"$head"}
      quoted=$quoted$head\\${rest%"${rest#?}"}
      rest=${rest#?}
      ;;
    *)
      quoted=\"$quoted$rest\"
      return
      ;;
    esac
  done
}

# $1 as the compile meant it, in $anchored: a relative path made absolute against its folder.
anchor() {
  case $1 in
  /*) anchored=$1 ;;
  *) anchored=$PWD/$1 ;;
  esac
}

# $2, option $1 with its value attached (-Iinclude), in $anchored: the value made absolute unless it is already, or is
# relative to the sysroot (-I=include).
attached() {
  value=${2#"$1"}
  case $value in
  /* | =*) anchored=$2 ;;
  *)
    anchor "$value"
    anchored=$1$anchored
    ;;
  esac
}

flags=
compiles_case=false
value_of= # the option whose value the next word is, and what to do with it
position=0
for word do
  position=$((position + 1))
  if [ "$position" -le $((launcher_words + 1)) ]; then
    continue # the project's launcher and the compiler
  fi
  if [ -n "$value_of" ]; then
    case $value_of in
    drop) ;;
    path)
      anchor "$word"
      quote "$anchored"
      flags="$flags $quoted"
      ;;
    file)
      # -include and -imacros look in the compile's folder first, then along the include path.
      if [ -e "$word" ]; then anchor "$word"; else anchored=$word; fi
      quote "$anchored"
      flags="$flags $quoted"
      ;;
    *)
      quote "$word"
      flags="$flags $quoted"
      ;;
    esac
    value_of=
    continue
  fi
  anchored=$word
  case $word in
  -c | -MD | -MMD | -MP | -MG) continue ;;
  -o | -MF | -MT | -MQ | -MJ)
    value_of=drop
    continue
    ;;
  -o?* | -MF?* | -MT?* | -MQ?* | -MJ?*) continue ;;
  -I | -L | -isystem | -iquote | -idirafter | -isysroot | --sysroot | -iprefix | -iwithprefix | -iwithprefixbefore)
    value_of=path
    ;;
  -include | -imacros | -include-pch) value_of="file" ;;
  -x | -D | -U | -Xclang | -Xlinker | -Xassembler | -Xpreprocessor | -target | -arch | -T | -z | -l | -u | -e | \
    -aux-info | --param | -mllvm)
    value_of=keep
    ;;
  -isystem?*) attached -isystem "$word" ;;
  -iquote?*) attached -iquote "$word" ;;
  -idirafter?*) attached -idirafter "$word" ;;
  -isysroot?*) attached -isysroot "$word" ;;
  --sysroot=?*) attached --sysroot= "$word" ;;
  -I?*) attached -I "$word" ;;
  -L?*) attached -L "$word" ;;
  @?*) if [ -e "${word#@}" ]; then attached @ "$word"; fi ;;
  -*) ;;
  *)
    anchor "$word"
    if [ "$anchored" = "$case_file" ]; then
      compiles_case=true
      continue
    fi
    if [ ! -e "$word" ]; then anchored=$word; fi
    ;;
  esac
  quote "$anchored"
  flags="$flags $quoted"
done

"$@"
status=$?
if [ "$status" -ne 0 ] || [ "$compiles_case" != true ]; then
  exit "$status"
fi
# Written whole, then renamed: a reader never sees half a file, nor a file of flags the program was not built with.
folder=${flags_file%/*}
[ -d "$folder" ] || mkdir -p "$folder" || exit 1
if ! { printf '%s\n' "${flags# }" >"$flags_file.$$" && mv -f "$flags_file.$$" "$flags_file"; }; then
  echo "TsanVerifyRecordFlags.sh: cannot write $flags_file: the compile of $case_file is not recorded" >&2
  rm -f "$flags_file.$$"
  exit 1
fi
exit 0
