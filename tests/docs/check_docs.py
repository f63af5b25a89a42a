#!/usr/bin/env python3
"""Compile and run every ```cpp block of the given Markdown files; check printed output.

Usage: check_docs.py --include DIR --work DIR [--cxx g++] [--jobs 2] [--update] FILE.md...

- A block preceded by the line `<!-- not compiled -->` is skipped.
- A block preceded by `<!-- excerpt -->` is not compiled but must appear verbatim (modulo
  indentation) in a compiled block of the same file.
- A block that contains `int main` is compiled as it is; any other block is the body of main()
  after a prelude that includes <fundround/fundround.hpp> and brings in its names.
- If the next fenced block is ```text and only blank lines or a line "Output:"/"Prints:" stand
  between them, the program's standard output must equal that text exactly. With --update the
  text blocks are rewritten from the actual output instead (review the diff before committing).
Exits non-zero on any compile error, run failure or output mismatch.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

PRELUDE = """#include <fundround/fundround.hpp>
#include <iostream>
using namespace fundround;
using namespace fundround::literals;
using date::year;
int main() {
"""
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Wconversion", "-Wsign-conversion",
            "-Werror"]


def fenced_blocks(lines):
    """Yields dicts with lang, first/last line index (fences), body and the marker before it."""
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        marker = lines[i - 1].strip() if i > 0 else ""
        yield {"lang": m.group(1), "open": i, "close": j, "body": "\n".join(lines[i + 1:j]),
               "marker": marker}
        i = j + 1


def normalise(text):
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def collect(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks = list(fenced_blocks(lines))
    jobs, excerpts = [], []
    for k, b in enumerate(blocks):
        if b["marker"] == "<!-- excerpt -->":
            excerpts.append(b)
            continue
        if b["lang"] != "cpp" or b["marker"] == "<!-- not compiled -->":
            continue
        expected = None
        if k + 1 < len(blocks) and blocks[k + 1]["lang"] == "text":
            between = lines[b["close"] + 1:blocks[k + 1]["open"]]
            if all(not s.strip() or re.match(r"^(Output|Prints)\b.*:$", s.strip()) for s in between):
                expected = blocks[k + 1]
        source = b["body"] if "int main" in b["body"] else PRELUDE + b["body"] + "\n}\n"
        jobs.append({"path": path, "line": b["open"] + 1, "source": source, "expected": expected})
    compiled = [normalise(j["source"]) for j in jobs]
    return jobs, excerpts, compiled


def run(job, args):
    stem = os.path.join(args.work, re.sub(r"[^A-Za-z0-9]", "_", job["path"]) + "_L" + str(job["line"]))
    with open(stem + ".cpp", "w", encoding="utf-8") as f:
        f.write(job["source"])
    compile_ = subprocess.run([args.cxx, "-std=c++17", *WARNINGS, "-I" + args.include, stem + ".cpp",
                               "-o", stem], capture_output=True, text=True)
    if compile_.returncode != 0:
        return False, f"FAIL compile {job['path']}:{job['line']}\n{compile_.stderr[:3000]}", None
    result = subprocess.run([stem], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        return False, f"FAIL run {job['path']}:{job['line']} exit {result.returncode}\n{result.stderr}", None
    expected = job["expected"]
    if expected is not None and result.stdout.rstrip("\n") != expected["body"].rstrip("\n"):
        if args.update:
            return True, f"UPDATED {job['path']}:{job['line']}", result.stdout.rstrip("\n")
        return False, (f"FAIL output {job['path']}:{job['line']}\n--- expected\n{expected['body']}\n"
                       f"--- got\n{result.stdout}"), None
    return True, f"ok   {job['path']}:{job['line']}" + (" (output checked)" if expected else ""), None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--include", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    failures, total = 0, 0
    updates = {}  # path -> list of (open, close, new body)
    all_jobs = []
    for path in args.files:
        jobs, excerpts, compiled = collect(path)
        all_jobs += jobs
        for e in excerpts:
            if any(normalise(e["body"]) in c for c in compiled):
                print(f"ok   {path}:{e['open'] + 1} (excerpt found in a compiled block)")
            else:
                print(f"FAIL excerpt {path}:{e['open'] + 1}: not found in any compiled block")
                failures += 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for job, (ok, message, new_output) in zip(all_jobs, pool.map(lambda j: run(j, args), all_jobs)):
            total += 1
            print(message)
            failures += 0 if ok else 1
            if new_output is not None:
                e = job["expected"]
                updates.setdefault(job["path"], []).append((e["open"], e["close"], new_output))
    for path, edits in updates.items():
        lines = open(path, encoding="utf-8").read().split("\n")
        for open_, close, body in sorted(edits, reverse=True):
            lines[open_ + 1:close] = body.split("\n")
        open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"{total} snippets, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
