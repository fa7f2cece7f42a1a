"""casebook.presets on a presets file of its own (fixtures/presets.json) and on the repository's."""
import pathlib
import tempfile
import unittest

from casebook import presets

FIXTURE = pathlib.Path(__file__).resolve().parent / "fixtures" / "presets.json"


class CatalogPresets(unittest.TestCase):
    def setUp(self):
        self.data = presets.load(FIXTURE)

    def test_only_the_presets_that_build_the_catalog_in_file_order(self):
        chosen = presets.catalog_presets(self.data)
        self.assertEqual([(p["name"], p["compiler"]) for p in chosen],
                         [("default", "clang"), ("gcc-12", "gcc"), ("plain", "cc"), ("fuzz-off", "clang"),
                          ("notfound", "clang")])

    def test_cache_variables_follow_inherits_the_child_last(self):
        cache = presets.cache_variables(self.data, "fuzz")
        self.assertEqual(cache["CMAKE_C_COMPILER"], "clang")
        self.assertEqual(cache["CMAKE_BUILD_TYPE"], "RelWithDebInfo")
        self.assertEqual(cache["CASEBOOK_FUZZ"], "ON")

    def test_a_typed_cache_variable_is_its_value(self):
        self.assertEqual(presets.cache_variables(self.data, "gcc-12")["CMAKE_C_COMPILER"], "gcc")

    def test_an_unknown_preset_or_a_cycle_is_named(self):
        with self.assertRaisesRegex(presets.PresetError, "no configure preset named 'nope'"):
            presets.cache_variables(self.data, "nope")
        looped = {"configurePresets": [{"name": "a", "inherits": "b"}, {"name": "b", "inherits": "a"}]}
        with self.assertRaisesRegex(presets.PresetError, "inherits from itself"):
            presets.cache_variables(looped, "a")

    def test_cmake_false_constants(self):
        for value in ("", "0", "off", "No", "FALSE", "n", "ignore", "NOTFOUND", "X-NOTFOUND"):
            self.assertTrue(presets.cmake_false(value), value)
        for value in ("ON", "1", "address", "yes", "Y"):
            self.assertFalse(presets.cmake_false(value), value)


class TestPresets(unittest.TestCase):
    def setUp(self):
        self.data = presets.load(FIXTURE)

    def test_arguments_of_a_preset_and_its_parent(self):
        self.assertEqual(presets.test_arguments(self.data, "default"),
                         ["-LE", "memcheck|browser", "-E", "^ci/flake$", "-j", "4", "--output-on-failure",
                          "--no-tests=error"])

    def test_arguments_without_jobs_take_the_default(self):
        self.assertEqual(presets.test_arguments(self.data, "gcc-12", default_jobs=3), ["-L", "case", "-j", "3"])

    def test_environment_merges_parents_and_a_null_unsets(self):
        environment = presets.test_environment(self.data, "default", base={"DROPPED": "mine", "OTHER": "mine"})
        self.assertEqual(environment, {"KEPT": "parent", "BOTH": "child", "OTHER": "mine"})

    def test_no_such_test_preset_changes_nothing(self):
        self.assertEqual(presets.test_environment(self.data, "nope", base={"A": "1"}), {"A": "1"})
        self.assertIsNone(presets.test_field(self.data, "nope", "execution", "jobs"))


class Reading(unittest.TestCase):
    def test_bad_json_names_file_and_line(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "CMakePresets.json"
            path.write_text('{\n  "configurePresets": [\n    {"name": "x",}\n  ]\n}\n')
            with self.assertRaisesRegex(presets.PresetError, r"CMakePresets\.json:3: not JSON"):
                presets.load(path)
            with self.assertRaisesRegex(presets.PresetError, "cannot read"):
                presets.load(pathlib.Path(folder) / "missing.json")

    def test_the_repository_builds_its_catalog_with_seven_toolchains(self):
        chosen = presets.catalog_presets(presets.load())
        self.assertEqual(sorted(p["name"] for p in chosen),
                         ["clang-13", "clang-15", "clang-16", "clang-19", "default", "gcc-11", "gcc-12"])
        self.assertIn("-LE", presets.test_arguments(presets.load(), "default"))


if __name__ == "__main__":
    unittest.main()
