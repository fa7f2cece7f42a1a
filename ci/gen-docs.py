#!/usr/bin/env python3
"""The teaching pages and docs/catalog.md: a thin entry point to the ci/docsgen package (see its cli module for
the options). Needs Jinja2, Pygments and PyYAML: Debian's python3-jinja2, python3-pygments, python3-yaml, which
/usr/bin/python3 has."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
try:
    from docsgen.cli import main
except ImportError as error:
    print(f"gen-docs: {error}: install python3-jinja2, python3-pygments and python3-yaml and run with "
          "/usr/bin/python3", file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
