"""What the suite's Python tools share (ci/matrix.py, ci/conformance.sh, `python3 -m bench`):

  casebook.presets  CMakePresets.json: the presets that build the catalog, what a test preset stands for
  casebook.build    configuring and building a preset into a folder, timed, its output kept
  casebook.catalog  a build's case manifest, its cases run through `tsan-verify --json`, the TSan runtime's banner,
                    the options the harness gives a case's program (`tsan-verify --print-tsan-options`)

It is a package at the repository's top: `python3 -m bench` from the repository finds it on its own, and a script
elsewhere (ci/matrix.py) puts the repository's folder on sys.path first."""
