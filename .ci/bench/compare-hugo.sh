#!/usr/bin/env bash
# compare-hugo.sh: times sitegen and Hugo on the same generated glossary, on
# this machine, for the figures issue 5 asks for ("Speed and memory").
#
#   .ci/bench/compare-hugo.sh              # 10,000 terms
#   .ci/bench/compare-hugo.sh 1000 10000   # several sizes, one table
#   EDITS=50 RUNS=5 .ci/bench/compare-hugo.sh
#
# For each size it generates the glossary twice (.ci/bench/gen: a sitegen
# site, and a Hugo site with three minimal templates) in a temporary folder,
# then measures:
#   - a full build to disk: sitegen build vs hugo --quiet; the median of RUNS
#     runs (hyperfine when installed, else a loop), and peak RSS of one run;
#   - edit to reload in watch mode, EDITS edits, median and p95:
#     sitegen: BenchmarkEditToReload (site/serve) on a copy of the same site,
#       from writing a term to the reload event reaching an open page;
#     Hugo: hugo server, timed by .ci/bench/hugoedit from writing a term to
#       the reload message on Hugo's livereload socket, in Hugo's default
#       fast-render mode and with --disableFastRender (a full re-render, the
#       mode that is always right);
#     plus each tool's own rebuild time from its log line, and peak RSS.
# Servers bind 127.0.0.1 and are stopped on exit. Nothing is written into
# the repository. KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

sizes=("${@:-10000}")
EDITS=${EDITS:-20}
RUNS=${RUNS:-5}

# --- tools -------------------------------------------------------------------

apt_install() { # best effort; Debian or Ubuntu only
  command -v apt-get >/dev/null 2>&1 || return 1
  [ -n "${apt_updated:-}" ] || { apt-get update -qq >/dev/null && apt_updated=1; } || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v hugo >/dev/null 2>&1; then
  echo "installing hugo..."
  apt_install hugo || { echo "compare-hugo: cannot install hugo; install it and run again" >&2; exit 1; }
fi
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine || echo "(no hyperfine: timing builds with a loop)"
[ -x /usr/bin/time ] || apt_install time || echo "(no /usr/bin/time: no peak RSS for builds)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compare-hugo.XXXXXX")
# The servers and the timing helpers run in the background, and the script
# waits for them, so that Ctrl-C or a kill stops them at once.
hugo_pid= job_pid=
stop() { # stop PID: its children first (/usr/bin/time's), then itself
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  pkill -TERM -P "$1" 2>/dev/null || true
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop "$job_pid"
  stop "$hugo_pid"
  if [ -n "${KEEP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
# run CMD...: runs CMD in the background and waits for it.
run() {
  "$@" &
  job_pid=$!
  local code=0
  wait "$job_pid" || code=$?
  job_pid=
  return "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bin=$tmp/bin
go build -o "$bin/sitegen" ./cmd/sitegen
go build -o "$bin/gen" ./.ci/bench/gen
go build -o "$bin/hugoedit" ./.ci/bench/hugoedit
go test -c -o "$bin/serve.test" ./site/serve

hugo_version=$(hugo version)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d" " -f1-3 /proc/loadavg)"
echo "$(go version)"
echo "sitegen $("$bin/sitegen" version | cut -d' ' -f2) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "$hugo_version"

# Older Hugo (such as Debian's 0.111) serves from memory by default; newer
# releases render to disk unless given --renderToMemory.
hugo_mem=()
hugo server --help 2>&1 | grep -q -- '--renderToMemory' && hugo_mem=(--renderToMemory)

# --- helpers -----------------------------------------------------------------

# median_seconds RUNS CMD...: sets secs to the median wall time of RUNS
# runs of CMD, in seconds.
median_seconds() {
  local runs=$1 csv=$tmp/hyperfine.csv
  shift
  if command -v hyperfine >/dev/null 2>&1; then
    run hyperfine --style basic --warmup 1 --runs "$runs" --export-csv "$csv" -- "$(printf '%q ' "$@")"
    secs=$(awk -F, 'NR == 2 { printf "%.2f", $4 }' "$csv")
    return
  fi
  local times=() r s e
  run "$@" >/dev/null 2>&1 # warm-up
  for ((r = 0; r < runs; r++)); do
    s=$(date +%s%N)
    run "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
  done
  secs=$(printf '%s\n' "${times[@]}" | sort -n | awk -v k=$(((runs + 1) / 2)) 'NR == k { printf "%.2f", $1 / 1000 }')
}

# peak_mb CMD...: runs CMD once and sets mb to its peak RSS in MB.
peak_mb() {
  mb=n/a
  if [ ! -x /usr/bin/time ]; then return; fi
  run /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1
  mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$tmp/rss")
}

# free_port: a loopback TCP port nobody listens on, from 13130 up.
free_port() {
  local p
  for ((p = 13130; p < 13330; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "compare-hugo: no free port" >&2
  return 1
}

# hugo_watch N SITE LABEL [FLAGS...]: starts hugo server on SITE, times
# EDITS edits with hugoedit, stops it, and appends a row to the table.
hugo_watch() {
  local n=$1 site=$2 label=$3 log=$tmp/hugo-server.log port figures hwm rss0 rss1 t
  shift 3
  port=$(free_port)
  : >"$log"
  hugo server -s "$site" --cacheDir "$tmp/hugo_cache" --bind 127.0.0.1 --port "$port" "${hugo_mem[@]}" "$@" >"$log" 2>&1 &
  hugo_pid=$!
  for ((t = 0; t < 1200; t++)); do
    grep -q 'Web Server is available' "$log" && break
    kill -0 "$hugo_pid" 2>/dev/null || { cat "$log" >&2; echo "compare-hugo: hugo server stopped" >&2; return 1; }
    sleep 0.5
  done
  grep -q 'Web Server is available' "$log" || { cat "$log" >&2; echo "compare-hugo: hugo server did not start" >&2; return 1; }
  # Hugo picks another port when the one asked for is taken: use the one it says.
  port=$(sed -n 's#.*Web Server is available at http://[^:]*:\([0-9]*\)/.*#\1#p' "$log" | head -1)
  grep -q 'bind address 127.0.0.1' "$log" || { echo "compare-hugo: hugo server is not on 127.0.0.1" >&2; return 1; }
  echo "   $(grep -m1 "^Built in" "$log") (first build of $label)"
  rss0=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$hugo_pid/status")
  run "$bin/hugoedit" -site "$site" -port "$port" -log "$log" -n "$n" -edits "$EDITS" >"$tmp/hugoedit.out" 2>"$tmp/hugoedit.err" ||
    { cat "$tmp/hugoedit.err" "$log" >&2; return 1; }
  figures=$(cat "$tmp/hugoedit.out")
  hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$hugo_pid/status")
  rss1=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$hugo_pid/status")
  stop "$hugo_pid"
  hugo_pid=
  get() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$figures"; }
  echo "   $label: $figures; RSS $rss0 → $rss1 MB"
  rows+=("$n|$label|-|-|$(get reload_median_ms) / $(get reload_p95_ms)|$(get total_median_ms) / $(get total_p95_ms)|$hwm")
}

# --- measurements ------------------------------------------------------------

rows=()
for n in "${sizes[@]}"; do
  dir=$tmp/$n
  echo
  echo "== $n terms (in $dir)"
  "$bin/gen" -n "$n" -out "$dir"

  echo "-- full build"
  "$bin/sitegen" build -source "$dir/sitegen" -out "$dir/out-sitegen" | sed 's/^/   /'
  hugo --quiet -s "$dir/hugo" -d "$dir/out-hugo" --cacheDir "$tmp/hugo_cache"
  median_seconds "$RUNS" "$bin/sitegen" build -source "$dir/sitegen" -out "$dir/out-sitegen"
  peak_mb "$bin/sitegen" build -source "$dir/sitegen" -out "$dir/out-sitegen"
  rows+=("$n|sitegen build|$secs|$mb|-|-|-")
  median_seconds "$RUNS" hugo --quiet -s "$dir/hugo" -d "$dir/out-hugo" --cacheDir "$tmp/hugo_cache"
  peak_mb hugo --quiet -s "$dir/hugo" -d "$dir/out-hugo" --cacheDir "$tmp/hugo_cache"
  rows+=("$n|hugo --quiet|$secs|$mb|-|-|-")

  echo "-- sitegen: edit → reload event (BenchmarkEditToReload, $EDITS edits)"
  bench=$tmp/bench.out
  cd site/serve # the test binary runs in its package folder; its temporary site goes into $tmp
  echo n/a >"$tmp/rss"
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$tmp/rss")
  run env TMPDIR="$tmp" "${timer[@]}" "$bin/serve.test" -test.run '^$' -test.bench EditToReload \
    -test.benchtime "${EDITS}x" -site "$dir/sitegen" >"$bench" 2>&1 || { cat "$bench" >&2; exit 1; }
  cd - >/dev/null
  grep -E 'EditToReload|edit →' "$bench" | sed 's/^ */   /'
  field() { awk -v unit="$1" '/^BenchmarkEditToReload/ { for (i = 2; i <= NF; i++) if ($i == unit) print $(i - 1) }' "$bench"; }
  rebuild=$(sed -n 's/.*rebuild alone: median \([0-9]*\) ms, p95 \([0-9]*\) ms.*/\1 \/ \2/p' "$bench")
  rows+=("$n|sitegen serve|-|-|$(field ms-median) / $(field ms-p95)|$rebuild|$(awk '$1 + 0 { printf "%.0f", $1 / 1024; next } { print }' "$tmp/rss") (bench process)")

  echo "-- hugo server: edit → livereload message ($EDITS edits)"
  hugo_watch "$n" "$dir/hugo" "hugo server (fast render)"
  hugo_watch "$n" "$dir/hugo" "hugo server --disableFastRender" --disableFastRender
done

# --- table ---------------------------------------------------------------------

echo
echo "$hugo_version; load average at the end $(cut -d" " -f1-3 /proc/loadavg)"
{
  echo "terms|tool|full build (s)|build peak RSS (MB)|edit→reload median / p95 (ms)|rebuild alone median / p95 (ms)|watch peak RSS (MB)"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|' -o ' | '
