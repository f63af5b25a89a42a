#!/usr/bin/env bash
# Compile-time cost of including fundround, compared with the cost of its dependencies alone.
#
# Measures the median wall time (over N runs) of compiling one-line translation units:
#   (a) #include <fundround/fundround.hpp>
#   (b) every header the library itself includes and nothing of fundround: Boost.Multiprecision
#       cpp_int and the standard headers (list taken from include/fundround/**.hpp, leaving out
#       the opt-in io/fmt.hpp and time/date_interop.hpp, and the guarded <format>)
#   (c) #include <fundround/fwd.hpp>
#   (d) each public header include/fundround/[<folder>/]<name>.hpp alone (core.hpp included;
#       not detail/ nor the opt-in io/fmt.hpp and time/date_interop.hpp, which need fmt and date)
#   (e) with --cumulative: (b) plus the umbrella's headers one more at a time, in its order,
#       so that each header's own cost (what it adds to those before it) can be read off
# plus an empty translation unit (the compiler's start-up cost), and prints a/b: the price of
# fundround's own code on top of what its dependencies cost anyway. Runs are interleaved (one
# run of every TU per round) so that load from other processes spreads over all of them.
# With g++, also prints for each TU (one run, -ftime-report -fmem-report) the memory its garbage
# collector allocated and the number of template specializations it created (decl + type):
# load moves neither, so they are the numbers to compare on a busy machine (memory also steps by
# ~32 MB whenever g++'s source-location table doubles, whichever header crosses the threshold).
#
# A measuring tool, to find which header costs what. The test suite's guard is compile_guard
# (tests/compile_guard/compile_guard.py): the README example against a nlohmann/json program.
#
# Usage: bench/compile_time.sh [-n RUNS] [--syntax-only] [--max-ratio R] [--no-table] [--cumulative]
#   -n RUNS        runs per translation unit, median reported (default 5, or $N)
#   --syntax-only  g++ -fsyntax-only instead of -c (front end only: no code generation)
#   --max-ratio R  exit 1 if a/b (median wall time) is above R (e.g. 1.3)
#   --no-table     only (a), (b), (c) and the ratio, not every header alone
#   --cumulative   also (e): what each header of the umbrella adds (slow: one TU per header)
# Environment: CXX (default g++), CXX_STD (default c++17), CXXFLAGS (added; default -O0).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${N:-5}"
mode=(-c)
max_ratio=""
table=1
cumulative=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --syntax-only) mode=(-fsyntax-only); shift ;;
    --max-ratio) max_ratio="$2"; shift 2 ;;
    --no-table) table=0; shift ;;
    --cumulative) cumulative=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compile_time.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "compile_time.sh: -n wants a positive integer, got '$runs'" >&2
  exit 2
fi

cxx="${CXX:-g++}"
std="${CXX_STD:-c++17}"
# shellcheck disable=SC2206  # CXXFLAGS is a list of flags
extra=(${CXXFLAGS:--O0})

work="$(mktemp -d "${TMPDIR:-/tmp}/fundround-compile-time.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# --- the translation units --------------------------------------------------------------------
names=()       # display names, in order
declare -A src # name -> source file

add_tu() {  # add_tu NAME LINE...
  local name="$1"; shift
  local file="$work/tu$((${#names[@]})).cpp"
  printf '%s\n' "$@" > "$file"
  names+=("$name")
  src["$name"]="$file"
}

# Everything the library includes that is not fundround, as the headers spell it.
mapfile -t dep_includes < <(
  for f in "$root"/include/fundround/*.hpp "$root"/include/fundround/*/*.hpp; do
    [[ "$f" == */io/fmt.hpp || "$f" == */time/date_interop.hpp ]] || printf '%s\n' "$f"
  done | xargs grep -hE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' |
  sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*(<[^>]*>).*/\1/' |
  grep -v -e '^<fundround/' -e '^<format>$' -e '^<fmt/' | sort -u)
dep_lines=()
for h in "${dep_includes[@]}"; do dep_lines+=("#include $h"); done

add_tu "(empty TU)"                ""
add_tu "(a) fundround.hpp"         "#include <fundround/fundround.hpp>"
add_tu "(b) dependencies only"     "${dep_lines[@]}"
add_tu "(c) fwd.hpp"               "#include <fundround/fwd.hpp>"
if [[ $table -eq 1 ]]; then
  for h in "$root"/include/fundround/*.hpp "$root"/include/fundround/*/*.hpp; do
    h="${h#"$root"/include/fundround/}"
    [[ "$h" == fundround.hpp || "$h" == fwd.hpp || "$h" == detail/* || "$h" == io/fmt.hpp ||
       "$h" == time/date_interop.hpp ]] &&
      continue
    add_tu "$h" "#include <fundround/$h>"
  done
fi

umbrella_headers=()
if [[ $cumulative -eq 1 ]]; then
  mapfile -t umbrella_headers < <(
    sed -nE 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*<(fundround/[^>]*)>.*|\1|p' \
        "$root/include/fundround/fundround.hpp")
  cumulative_lines=("${dep_lines[@]}")
  for h in "${umbrella_headers[@]}"; do
    cumulative_lines+=("#include <$h>")
    add_tu "+ ${h#fundround/}" "${cumulative_lines[@]}"
  done
fi

compile() {  # compile FILE [FLAG...]: compiles, prints nothing, fails loudly on an error
  local file="$1"; shift
  "$cxx" "-std=$std" "${extra[@]}" "${mode[@]}" -I"$root/include" "$@" \
         "$file" -o "$work/out.o"
}

# g++ reports the memory its garbage collector allocated (last column of -ftime-report's TOTAL
# line) and, with -fmem-report, how many template specializations it created: unlike time,
# load does not move them, so they show small changes that timing noise hides.
is_gcc=0
"$cxx" --version 2>/dev/null | grep -q 'Free Software Foundation' && is_gcc=1
declare -A mem specs  # name -> MB, specializations (g++ only)
to_mb() {  # to_mb 437M | 1446k | 2G -> MB, one decimal
  awk -v v="$1" 'BEGIN { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0
    if (u == "k") n /= 1024; else if (u == "G") n *= 1024; else if (u !~ /M/) n = v / 1048576
    printf "%.1f", n }'
}

# --- check every TU compiles once (also warms the file cache; with g++, reads its memory) ------
for name in "${names[@]}"; do
  flags=()
  [[ $is_gcc -eq 1 ]] && flags=(-ftime-report -fmem-report)
  if ! compile "${src[$name]}" "${flags[@]}" 2>"$work/report"; then
    cat "$work/report" >&2
    echo "compile_time.sh: '$name' does not compile" >&2
    exit 1
  fi
  if [[ $is_gcc -eq 1 ]]; then
    mem["$name"]="$(to_mb "$(awk '$1 == "TOTAL" && $2 == ":" { v = $NF } END { print v }' "$work/report")")"
    specs["$name"]="$(awk '/^(decl|type)_specializations:/ { n += $4 } END { print n + 0 }' "$work/report")"
  fi
done

# --- timed, interleaved runs ------------------------------------------------------------------
declare -A wall cpu  # name -> space-separated seconds (wall; user + sys)
echo "$cxx $("$cxx" -dumpfullversion 2>/dev/null || "$cxx" -dumpversion), -std=$std ${extra[*]} ${mode[*]}," \
     "median of $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%3R %3U %3S'
for ((r = 1; r <= runs; r++)); do
  [[ -t 2 ]] && printf '\r  run %d/%d' "$r" "$runs" >&2
  for name in "${names[@]}"; do
    { time compile "${src[$name]}" 2>/dev/null; } 2>"$work/time"
    read -r t_real t_user t_sys < "$work/time"
    wall["$name"]+="$t_real "
    cpu["$name"]+="$(awk -v u="$t_user" -v s="$t_sys" 'BEGIN { printf "%.3f", u + s }') "
  done
done
[[ -t 2 ]] && printf '\r%*s\r' 20 '' >&2

median() {  # median NUMBERS...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
div() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }
minimum() { printf '%s\n' "$@" | sort -g | head -n 1; }
declare -A med_wall med_cpu min_cpu
for name in "${names[@]}"; do
  # shellcheck disable=SC2086
  min_cpu["$name"]="$(minimum ${cpu[$name]})"
  # shellcheck disable=SC2086  # word splitting of the sample lists is intended
  med_wall["$name"]="$(median ${wall[$name]})"
  # shellcheck disable=SC2086
  med_cpu["$name"]="$(median ${cpu[$name]})"
done

A="(a) fundround.hpp"
B="(b) dependencies only"
a="${med_wall[$A]}"
b="${med_wall[$B]}"
ratio="$(div "$a" "$b")"

echo
printf '%-24s %10s %8s   %10s %8s   %10s %10s\n' "translation unit" "wall s" "vs (b)" "cpu s" "vs (b)" "g++ GGC MB" "g++ specs"
printf '%-24s %10s %8s   %10s %8s   %10s %10s\n' "------------------------" "------" "------" "-----" "------" "----------" "---------"
for name in "${names[@]}"; do
  [[ "$name" == "+ "* ]] && continue  # (e) has its own table below
  printf '%-24s %10s %7sx   %10s %7sx   %10s %10s\n' "$name" \
         "${med_wall[$name]}" "$(div "${med_wall[$name]}" "$b")" \
         "${med_cpu[$name]}" "$(div "${med_cpu[$name]}" "${med_cpu[$B]}")" "${mem[$name]:--}" \
         "${specs[$name]:--}"
done
echo "(medians; cpu = user + sys of the compiler: wall well above cpu means it waited for a core;"
echo " GGC MB: memory g++'s collector allocated; specs: template specializations it created;"
echo " both from one run, not moved by load)"
if [[ $cumulative -eq 1 ]]; then
  echo
  echo "(e) (b) plus the umbrella's headers in order; 'adds' = cpu s over the row above (noisy"
  echo "    when small: a header whose instantiations an earlier one already paid for adds ~0)"
  printf '%-24s %10s %8s   %10s %8s %10s\n' "+ header" "cpu s" "adds s" "g++ GGC MB" "adds MB" "adds specs"
  printf '%-24s %10s %8s   %10s %8s %10s\n' "------------------------" "-----" "------" "----------" "-------" "----------"
  prev="${med_cpu[(b) dependencies only]}"
  prev_mem="${mem[(b) dependencies only]:-}"
  prev_specs="${specs[(b) dependencies only]:-}"
  for h in "${umbrella_headers[@]}"; do
    c="${med_cpu["+ ${h#fundround/}"]}"
    m="${mem["+ ${h#fundround/}"]:-}"
    n="${specs["+ ${h#fundround/}"]:-}"
    dm="-"
    dn="-"
    [[ -n "$m" ]] && dm="$(awk -v c="$m" -v p="$prev_mem" 'BEGIN { printf "%+.1f", c - p }')"
    [[ -n "$n" ]] && dn="$(awk -v c="$n" -v p="$prev_specs" 'BEGIN { printf "%+d", c - p }')"
    printf '%-24s %10s %8s   %10s %8s %10s\n' "+ ${h#fundround/}" "$c" \
           "$(awk -v c="$c" -v p="$prev" 'BEGIN { printf "%+.2f", c - p }')" "${m:--}" "$dm" "$dn"
    prev="$c"
    prev_mem="$m"
    prev_specs="$n"
  done
fi
echo
echo "(b) = ${#dep_includes[@]} headers: ${dep_includes[*]}"
echo
printf 'fundround.hpp (a): %ss   dependencies only (b): %ss   empty TU: %ss\n' \
       "$a" "$b" "${med_wall["(empty TU)"]}"
printf 'ratio a/b = %s (wall), %s (cpu): fundround itself adds %ss per TU that includes it\n' \
       "$ratio" "$(div "${med_cpu[$A]}" "${med_cpu[$B]}")" \
       "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a - b }')"
if [[ $runs -ge 3 ]]; then
  # Load on a shared machine only ever adds time: the fastest run is the least disturbed one.
  printf 'ratio of the fastest runs (cpu) = %s (a %ss, b %ss)\n' \
         "$(div "${min_cpu[$A]}" "${min_cpu[$B]}")" "${min_cpu[$A]}" "${min_cpu[$B]}"
fi
if [[ $is_gcc -eq 1 ]]; then
  printf 'g++ GGC memory: (a) %s MB, (b) %s MB, a/b = %s: fundround itself adds %s MB\n' \
         "${mem[$A]}" "${mem[$B]}" "$(div "${mem[$A]}" "${mem[$B]}")" \
         "$(awk -v a="${mem[$A]}" -v b="${mem[$B]}" 'BEGIN { printf "%.1f", a - b }')"
  printf 'g++ template specializations: (a) %s, (b) %s, a/b = %s: fundround itself adds %s\n' \
         "${specs[$A]}" "${specs[$B]}" "$(div "${specs[$A]}" "${specs[$B]}")" \
         "$((specs[$A] - specs[$B]))"
fi

if [[ -n "$max_ratio" ]] && awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
  echo "compile_time.sh: a/b = $ratio is above --max-ratio $max_ratio" >&2
  exit 1
fi
