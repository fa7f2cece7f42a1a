"""bench: how fast the suite is, and where its time goes. `python3 -m bench SUBCOMMAND` from the repository's root
(bench/__main__.py lists them); each subcommand is a module here with a main(argv), its pieces importable and tested
in bench/tests/ (ctest -L '^bench$')."""
