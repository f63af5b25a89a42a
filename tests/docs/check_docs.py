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

Speed: the snippets are compiled in a few combined programs (--groups, default 4), each snippet in
its own namespace with its `main` renamed and its `#include` lines hoisted, and each is run as its
own process (`program <index>`), so what it prints is checked alone as before. A group that does
not compile that way (a snippet that needs the global namespace, say) is compiled again one
snippet per program, which also names the snippet at fault. --groups 0 compiles every snippet
alone.
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
        whole = "int main" in b["body"]
        source = b["body"] if whole else PRELUDE + b["body"] + "\n}\n"
        jobs.append({"path": path, "line": b["open"] + 1, "source": source, "expected": expected,
                     "body": b["body"], "whole": whole})
    compiled = [normalise(j["source"]) for j in jobs]
    return jobs, excerpts, compiled


def stem_of(job, args):
    return os.path.join(args.work, re.sub(r"[^A-Za-z0-9]", "_", job["path"]) + "_L" + str(job["line"]))


def compile_program(source, stem, args):
    with open(stem + ".cpp", "w", encoding="utf-8") as f:
        f.write(source)
    return subprocess.run([args.cxx, "-std=c++17", *WARNINGS, "-I" + args.include, stem + ".cpp",
                           "-o", stem], capture_output=True, text=True)


PRELUDE_USINGS = PRELUDE[PRELUDE.index("using namespace"):PRELUDE.index("int main()")]


def combined_source(jobs):
    """One program holding every snippet of @p jobs (bodies of main(), see PRELUDE): each in
    namespace fundround_snippet_<k> as `int run()`; main(argc, argv) runs snippet argv[1]."""
    includes = PRELUDE[:PRELUDE.index("using namespace")]
    parts = []
    for k, job in enumerate(jobs):
        parts.append(f"namespace fundround_snippet_{k} {{\n{PRELUDE_USINGS}int run() {{\n"
                     f"#line {job['line'] + 1} \"{job['path']}\"\n{job['body']}\n"
                     f"return 0;\n}}\n}}  // namespace fundround_snippet_{k}\n")
    dispatch = "\n".join(f"        case {k}: return fundround_snippet_{k}::run();" for k in range(len(jobs)))
    return (includes + "#include <cstdlib>\n\n" + "\n".join(parts) +
            "\nint main(int argc, char** argv) {\n    if (argc != 2) return 2;\n"
            "    switch (std::atoi(argv[1])) {\n" + dispatch + "\n        default: return 2;\n    }\n}\n")


def check_output(job, result, args):
    if result.returncode != 0:
        return False, f"FAIL run {job['path']}:{job['line']} exit {result.returncode}\n{result.stderr}", None
    expected = job["expected"]
    if expected is not None and result.stdout.rstrip("\n") != expected["body"].rstrip("\n"):
        if args.update:
            return True, f"UPDATED {job['path']}:{job['line']}", result.stdout.rstrip("\n")
        return False, (f"FAIL output {job['path']}:{job['line']}\n--- expected\n{expected['body']}\n"
                       f"--- got\n{result.stdout}"), None
    return True, f"ok   {job['path']}:{job['line']}" + (" (output checked)" if expected else ""), None


def run_group(group, index, args):
    """Compiles the snippets of @p group as one program and runs each; falls back to one program
    per snippet if the combined one does not compile. Returns a list of results in order."""
    stem = os.path.join(args.work, f"combined_{index}")
    compiled = compile_program(combined_source(group), stem, args)
    if compiled.returncode != 0:
        print(f"note: combined program {index} did not compile; compiling its {len(group)} snippets "
              f"one by one\n{compiled.stderr[:1500]}", flush=True)
        return [run(job, args) for job in group]
    results = []
    for k, job in enumerate(group):
        result = subprocess.run([stem, str(k)], capture_output=True, text=True, timeout=60)
        results.append(check_output(job, result, args))
    return results


def run(job, args):
    """Compiles @p job as a program of its own and runs it."""
    stem = stem_of(job, args)
    compiled = compile_program(job["source"], stem, args)
    if compiled.returncode != 0:
        return False, f"FAIL compile {job['path']}:{job['line']}\n{compiled.stderr[:3000]}", None
    return check_output(job, subprocess.run([stem], capture_output=True, text=True, timeout=60), args)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--include", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--groups", type=int, default=4,
                        help="combined programs for the bodies of main() (0: one program each)")
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
    # Tasks: whole programs alone; bodies of main() in --groups combined programs (contiguous
    # chunks, so a group's snippets come from neighbouring pages).
    bodies = [j for j in all_jobs if not j["whole"]] if args.groups > 0 else []
    tasks = [[j] for j in all_jobs if j["whole"] or args.groups <= 0]
    n = max(1, min(args.groups, len(bodies)))
    chunks = [bodies[len(bodies) * g // n:len(bodies) * (g + 1) // n] for g in range(n)] if bodies else []

    def perform(task):
        kind, index, group = task
        return group, (run_group(group, index, args) if kind == "group" else [run(group[0], args)])

    work = [("group", g, c) for g, c in enumerate(chunks) if c] + [("alone", 0, t) for t in tasks]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for group, results in pool.map(perform, work):
            for job, (ok, message, new_output) in zip(group, results):
                total += 1
                print(message, flush=True)
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
