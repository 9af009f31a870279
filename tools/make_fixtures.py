#!/usr/bin/env python3
"""Regenerates every NumPy fixture of the test suite (run by hand; the Java tests need no Python).

    python3 tools/make_fixtures.py            # all areas
    python3 tools/make_fixtures.py random npy # some areas

Each area's script is tools/fixtures_<area>.py and writes into
dezero-core/src/test/resources/fixtures/<area>/. Needs NumPy (fixtures were made with NumPy 2.4).
"""
import pathlib
import subprocess
import sys

TOOLS = pathlib.Path(__file__).resolve().parent


def main(argv):
    scripts = sorted(TOOLS.glob("fixtures_*.py"))
    wanted = set(argv)
    if wanted:
        scripts = [s for s in scripts if s.stem[len("fixtures_"):] in wanted]
        missing = wanted - {s.stem[len("fixtures_"):] for s in scripts}
        if missing:
            sys.exit("make_fixtures: no script for area(s): " + ", ".join(sorted(missing)))
    for s in scripts:
        print("==", s.name, flush=True)
        subprocess.run([sys.executable, str(s)], check=True, cwd=TOOLS.parent)


if __name__ == "__main__":
    main(sys.argv[1:])
