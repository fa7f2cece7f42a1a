"""CMakePresets.json as the suite's tools read it: the configure presets that build the catalog (the toolchain
matrix), and the ctest options and environment a test preset stands for.

ctest 3.25 cannot combine `--preset` with another build folder (`--test-dir` is ignored), so a tool that builds a
preset somewhere else passes the test preset's options itself: test_arguments() spells them."""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PRESETS_FILE = ROOT / "CMakePresets.json"


class PresetError(Exception):
    """CMakePresets.json cannot be read as this module needs it; the message names the file (and line) and why."""


def load(path=PRESETS_FILE):
    """The parsed presets file."""
    path = pathlib.Path(path)
    try:
        text = path.read_text()
    except OSError as error:
        raise PresetError(f"{path}: cannot read: {error.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise PresetError(f"{path}:{getattr(error, 'lineno', 1)}: not JSON: {getattr(error, 'msg', error)}") from None
    if not isinstance(data, dict):
        raise PresetError(f"{path}:1: not a presets file (a JSON object with configurePresets)")
    data.setdefault("_path", str(path))
    return data


def cmake_false(value):
    """Whether CMake reads VALUE as false in if(): 0, OFF, NO, FALSE, N, IGNORE, NOTFOUND, empty, or *-NOTFOUND."""
    text = str(value).strip().upper()
    return text in ("", "0", "OFF", "NO", "FALSE", "N", "IGNORE", "NOTFOUND") or text.endswith("-NOTFOUND")


def _parents(preset):
    inherits = preset.get("inherits", [])
    return [inherits] if isinstance(inherits, str) else list(inherits)


def _by_name(data, kind):
    return {p["name"]: p for p in data.get(kind, []) if isinstance(p, dict) and "name" in p}


def cache_variables(data, name, _seen=()):
    """The cache variables configure preset NAME sets, its parents' first (a later parent, then the preset itself,
    overrides), each as the string CMake gets."""
    presets = _by_name(data, "configurePresets")
    if name not in presets:
        raise PresetError(f"{data.get('_path', PRESETS_FILE)}: no configure preset named {name!r}")
    if name in _seen:
        raise PresetError(f"{data.get('_path', PRESETS_FILE)}: configure preset {name!r} inherits from itself")
    merged = {}
    for parent in _parents(presets[name]):
        merged.update(cache_variables(data, parent, _seen + (name,)))
    for key, value in presets[name].get("cacheVariables", {}).items():
        merged[key] = value.get("value", "") if isinstance(value, dict) else str(value)
    return merged


def catalog_presets(data):
    """The configure presets that build the catalog with a toolchain, in the file's order, as dicts: name and
    compiler (CMAKE_C_COMPILER). Left out: hidden presets, and those that build no case (CASEBOOK_BUILD_CASES false),
    fuzz the harness (CASEBOOK_FUZZ) or build the harness under a sanitizer (CASEBOOK_HARNESS_SANITIZE)."""
    chosen = []
    for preset in data.get("configurePresets", []):
        if preset.get("hidden"):
            continue
        cache = cache_variables(data, preset["name"])
        if cmake_false(cache.get("CASEBOOK_BUILD_CASES", "ON")) or not cmake_false(cache.get("CASEBOOK_FUZZ", "OFF")):
            continue
        if not cmake_false(cache.get("CASEBOOK_HARNESS_SANITIZE", "")):
            continue
        chosen.append({"name": preset["name"], "compiler": cache.get("CMAKE_C_COMPILER", "cc")})
    return chosen


def test_field(data, name, *path, _seen=()):
    """Field PATH of test preset NAME (e.g. "filter", "exclude", "label"), from its parents when it has none; None
    when neither it nor a parent sets it, or when there is no such test preset."""
    presets = _by_name(data, "testPresets")
    preset = presets.get(name)
    if preset is None or name in _seen:
        return None
    value = preset
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is not None:
        return value
    for parent in _parents(preset):
        value = test_field(data, parent, *path, _seen=_seen + (name,))
        if value is not None:
            return value
    return None


def test_arguments(data, name, default_jobs=2):
    """The ctest options test preset NAME stands for: its label and name filters, its jobs (DEFAULT_JOBS when it
    sets none), output on failure and no-tests action."""
    arguments = []
    for path, option in ((("filter", "include", "label"), "-L"), (("filter", "exclude", "label"), "-LE"),
                         (("filter", "include", "name"), "-R"), (("filter", "exclude", "name"), "-E")):
        value = test_field(data, name, *path)
        if value:
            arguments += [option, str(value)]
    jobs = test_field(data, name, "execution", "jobs")
    arguments += ["-j", str(jobs or default_jobs)]
    if test_field(data, name, "output", "outputOnFailure"):
        arguments.append("--output-on-failure")
    action = test_field(data, name, "execution", "noTestsAction")
    if action in ("error", "ignore"):
        arguments.append(f"--no-tests={action}")
    return arguments


def _preset_environment(data, name, _seen=()):
    """Test preset NAME's environment map, its parents' merged under its own (as CMake merges them)."""
    preset = _by_name(data, "testPresets").get(name)
    if preset is None or name in _seen:
        return {}
    merged = {}
    for parent in _parents(preset):
        merged.update(_preset_environment(data, parent, _seen + (name,)))
    merged.update(preset.get("environment") or {})
    return merged


def test_environment(data, name, base=None):
    """BASE (default: this process's environment) with test preset NAME's environment: a null value unsets."""
    environment = dict(os.environ if base is None else base)
    for key, value in _preset_environment(data, name).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = str(value)
    return environment
