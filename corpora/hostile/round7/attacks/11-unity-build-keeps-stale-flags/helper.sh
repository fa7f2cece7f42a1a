# run_registered BUILD_DIR [TEST_NAME] [CONFIG]: runs the tsan-verify command ctest registered, in its folder; returns its status
run_registered() {
  local out
  out=$(cd "$1" && ctest ${3:+-C $3} --show-only=json-v1 | python3 -c '
import json,sys
name=sys.argv[1] if len(sys.argv)>1 and sys.argv[1] else None
for t in json.load(sys.stdin)["tests"]:
    if name is None or t["name"]==name:
        wd=[p["value"] for p in t.get("properties",[]) if p["name"]=="WORKING_DIRECTORY"]
        print(wd[0] if wd else "."); print("\n".join(t["command"])); break
' "${2:-}")
  local -a lines; mapfile -t lines <<<"$out"
  (cd "$1" && cd "${lines[0]}" && "${lines[@]:1}")
}
