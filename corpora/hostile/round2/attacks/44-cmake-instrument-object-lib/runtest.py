import json, subprocess, sys
d = json.loads(subprocess.run(["ctest", "--test-dir", "build", "--show-only=json-v1"], capture_output=True, text=True).stdout)
tests = d["tests"]
name = sys.argv[1] if len(sys.argv) > 1 else tests[0]["name"]
t = [t for t in tests if t["name"] == name][0]
wd = [p["value"] for p in t.get("properties", []) if p["name"] == "WORKING_DIRECTORY"]
print("+", " ".join(t["command"]), file=sys.stderr)
sys.exit(subprocess.run(t["command"], cwd=wd[0] if wd else None).returncode)
