#!/usr/bin/env python3
"""Runs every example of docs/command-line.md and checks that the page shows what the tool prints.

Usage: check_command_line_doc.py --tool PATH --data DIR [--update] docs/command-line.md

In each ```console block, a line "$ fundround ARGS..." is a run (the arguments split as a POSIX
shell would: shlex), made in DIR (tests/cli/data); the lines up to the next "$ " line are what it
prints, standard output then standard error. A line "$ echo $?" after a run is followed by the
line with its exit code; a run without one must exit 0. With --update the blocks are rewritten
from the actual runs (review the diff before committing). Exits non-zero on any difference.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys


def run(tool, data, args):
    p = subprocess.run([os.path.abspath(tool)] + args, cwd=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.stdout + p.stderr, p.returncode


def check_block(tool, data, body, where):
    """Returns (problems, the block as the tool prints it)."""
    lines = body.split("\n")
    problems, rewritten = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ fundround"):
            problems.append(f"{where}: expected a line \"$ fundround ...\", found {line!r}")
            return problems, body
        args = shlex.split(line[len("$ fundround"):])
        j = i + 1
        while j < len(lines) and not lines[j].startswith("$ "):
            j += 1
        shown = "\n".join(lines[i + 1:j])
        expected_rc = 0
        k = j
        if k < len(lines) and lines[k] == "$ echo $?":
            expected_rc = int(lines[k + 1]) if k + 1 < len(lines) and lines[k + 1].strip().isdigit() else -1
            k += 2
        actual, rc = run(tool, data, args)
        actual = actual.rstrip("\n")
        if actual != shown:
            problems.append(f"{where}: `fundround {' '.join(args)}` prints:\n{actual}\n--- the page shows:\n{shown}")
        if rc != expected_rc:
            problems.append(f"{where}: `fundround {' '.join(args)}` exits {rc}, the page says {expected_rc}")
        rewritten.append(line)
        if actual:
            rewritten.append(actual)
        if rc != 0:
            rewritten += ["$ echo $?", str(rc)]
        i = k
    return problems, "\n".join(rewritten)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("page")
    a = ap.parse_args()
    text = open(a.page, encoding="utf-8").read()
    problems, runs = [], 0

    def replace(m):
        nonlocal runs
        line = text.count("\n", 0, m.start()) + 1
        p, block = check_block(a.tool, a.data, m.group(1), f"{a.page}:{line}")
        problems.extend(p)
        runs += m.group(1).count("$ fundround")
        return "```console\n" + block + "\n```"

    new_text = re.sub(r"```console\n(.*?)\n```", replace, text, flags=re.S)
    if a.update:
        open(a.page, "w", encoding="utf-8").write(new_text)
        print(f"{a.page}: {runs} runs written")
        return 0
    for p in problems:
        print(p, file=sys.stderr)
    if runs == 0:
        print(f"{a.page}: no example runs found", file=sys.stderr)
        return 1
    print(f"{a.page}: {runs} runs, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
