#!/usr/bin/env python3
"""Compile-time guard: what a user pays to compile the README example, against nlohmann/json.

Compiles, interleaved in one run, the README example (examples/reference_round.cpp) and a
nlohmann/json "hello" program (json_hello.cpp, next to this script), the way a user compiles a
file: `CXX -std=c++17 -I <fundround>/include -O0|-O2 -c FILE`. For each compile it measures the
CPU seconds (user + sys) and the peak memory (max RSS) of the compiler, child processes
included, and prints the medians and their ratio, fundround / json. It fails (exit 1) if any
ratio, time or memory, at -O0 or -O2, is above --max-ratio (default 1.0). The goals, printed
beside, are 0.75 for time and 1.0 for memory.

An informative line follows, not checked: the same for translation units that only include
<fundround/fundround.hpp> or <nlohmann/json.hpp> (fundround_include_only.cpp, json_include_only.cpp).

CPU time, unlike wall time, hardly moves when other processes share the cores; each repetition
compiles every translation unit once, alternating the order, so that what load remains spreads
over all of them.

Usage: compile_guard.py [--cxx CXX] [--include DIR] [--isystem DIR]... [--std c++17]
                        [--repetitions N] [--max-ratio R] [--work DIR] [--example FILE]
                        [-D NAME[=VALUE]]...
Example, from the repository root:
  python3 tests/compile_guard/compile_guard.py --cxx g++ --include include
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOAL_TIME = 0.75
GOAL_MEMORY = 1.0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cxx", default=os.environ.get("CXX", "g++"), help="compiler (default: $CXX or g++)")
    p.add_argument("--include", default=os.path.join(ROOT, "include"),
                   help="fundround's include directory (default: <repository>/include)")
    p.add_argument("--isystem", action="append", default=[], metavar="DIR",
                   help="another directory to search (e.g. Boost, date or json outside the"
                        " compiler's own; repeatable)")
    p.add_argument("--std", default="c++17", help="language standard (default c++17)")
    p.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME[=VALUE]",
                   help="a preprocessor definition for every compile (none by default)")
    p.add_argument("--repetitions", "-n", type=int, default=3,
                   help="timed compiles of each translation unit per level, median used (default 3)")
    p.add_argument("--max-ratio", type=float, default=1.0,
                   help="fail if any fundround/json ratio is above this (default 1.0)")
    p.add_argument("--work", help="directory for the object files (default: a temporary one)")
    p.add_argument("--example", default=os.path.join(ROOT, "examples", "reference_round.cpp"),
                   help="the fundround translation unit (default: examples/reference_round.cpp)")
    args = p.parse_args()
    if args.repetitions < 1:
        p.error("--repetitions wants a positive integer")
    return args


def compile_once(cmd, log):
    """Runs cmd; returns (cpu seconds, peak RSS in MB) of it and the children it waited for."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        # wait4 reports the child's own usage plus that of the processes it waited for (the
        # driver's cc1plus and as); ru_maxrss is then the largest of them, in KiB on Linux.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            sys.stderr.write(f.read())
        sys.stderr.write("compile_guard: failed (exit %d): %s\n" % (proc.returncode, " ".join(cmd)))
        sys.exit(2)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def main():
    args = parse_args()
    work = args.work or tempfile.mkdtemp(prefix="fundround-compile-guard-")
    os.makedirs(work, exist_ok=True)
    units = {
        "fundround": args.example,
        "json": os.path.join(HERE, "json_hello.cpp"),
        "fundround include-only": os.path.join(HERE, "fundround_include_only.cpp"),
        "json include-only": os.path.join(HERE, "json_include_only.cpp"),
    }
    base = [args.cxx, "-std=" + args.std, "-I", args.include]
    base += [f for d in args.isystem for f in ("-isystem", d)] + ["-D" + d for d in args.defines]

    def command(unit, level, mode="-c"):
        out = os.path.join(work, unit.replace(" ", "_") + level + (".o" if mode == "-c" else ".ii"))
        return base + [level, mode, units[unit], "-o", out]

    version = subprocess.run([args.cxx, "--version"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[0]
    print("compile_guard: %s; %d repetitions, interleaved; %s cores, load %s"
          % (version, args.repetitions, os.cpu_count(), " ".join(open("/proc/loadavg").read().split()[:3])))
    print("  " + " ".join(command("fundround", "-O0|-O2")))
    print("  " + " ".join(command("json", "-O0|-O2")))
    sys.stdout.flush()

    log = os.path.join(work, "compile.log")
    pairs = [("fundround", "json", "-O0"), ("fundround", "json", "-O2"),
             ("fundround include-only", "json include-only", "-O0")]
    # Preprocess each once, untimed: checks the headers are found and warms the file cache.
    for unit in units:
        compile_once(command(unit, "-O0", "-E"), log)
    samples = {}  # (unit, level) -> [(cpu s, MB)]
    for rep in range(args.repetitions):
        for a, b, level in pairs:
            for unit in ((a, b) if rep % 2 == 0 else (b, a)):
                samples.setdefault((unit, level), []).append(compile_once(command(unit, level), log))

    def median(unit, level, k):
        return statistics.median(s[k] for s in samples[(unit, level)])

    rows = []  # (what, fundround, json, ratio, goal or None)
    for level in ("-O0", "-O2"):
        f, j = median("fundround", level, 0), median("json", level, 0)
        rows.append(("CPU s " + level, f, j, f / j, GOAL_TIME))
    for level in ("-O0", "-O2"):
        f, j = median("fundround", level, 1), median("json", level, 1)
        rows.append(("peak MB " + level, f, j, f / j, GOAL_MEMORY))

    print()
    print("%-22s %10s %10s %7s %6s  %s" % ("median of %d" % args.repetitions, "fundround", "json",
                                          "ratio", "goal", "check (fails above %.2f)" % args.max_ratio))
    print("%-22s %10s %10s %7s %6s  %s" % ("-" * 22, "-" * 9, "-" * 9, "-" * 6, "-" * 5, "-" * 24))
    failures = []
    for what, f, j, ratio, goal in rows:
        ok = ratio <= args.max_ratio
        if not ok:
            failures.append("%s %.2f" % (what, ratio))
        fmt = "%-22s %10.2f %10.2f %7.2f %6.2f  %s" if what.startswith("CPU") else \
              "%-22s %10.0f %10.0f %7.2f %6.2f  %s"
        print(fmt % (what, f, j, ratio, goal, ("ok" if ok else "FAIL") +
                     ("" if ratio <= goal else ", above the goal")))
    fi, ji = median("fundround include-only", "-O0", 0), median("json include-only", "-O0", 0)
    fm, jm = median("fundround include-only", "-O0", 1), median("json include-only", "-O0", 1)
    print("include-only, -O0: CPU s %.2f vs %.2f (%.2f), peak MB %.0f vs %.0f (%.2f)"
          " (informative, not checked)" % (fi, ji, fi / ji, fm, jm, fm / jm))
    print("(fundround = %s; json = %s; CPU = user + sys of the compiler and its children;"
          " peak MB = their largest max RSS)" % (os.path.relpath(units["fundround"]),
                                                 os.path.relpath(units["json"])))
    if failures:
        print("compile_guard: FAILED: fundround/json above --max-ratio %.2f: %s"
              % (args.max_ratio, ", ".join(failures)))
        return 1
    print("compile_guard: passed (every ratio <= %.2f)" % args.max_ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
