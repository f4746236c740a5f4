#!/usr/bin/env bash
# perf.sh: measures sitegen against the goldmark+chroma floor and Hugo on
# generated sites (issue 10), and writes docs/performance.md.
#
#   .ci/bench/perf.sh                    # 1,000 and 10,000 terms
#   .ci/bench/perf.sh 1000 10000 100000  # any sizes
#   RUNS=5 SAVES=30 .ci/bench/perf.sh
#
# For each size it generates one site twice (.ci/bench/gen, package
# internal/synth: a sitegen site and the same pages for Hugo) in a
# temporary folder, then measures, as medians of RUNS runs (hyperfine when
# installed, else a loop) and peak RSS of one run (/usr/bin/time -f %M):
#   - floor: .ci/bench/floor, goldmark with GFM and chroma classes alone,
#     converting every .md file and writing one .html per file on all cores;
#   - sitegen build, cold: with an empty -cache folder (or -no-cache) when
#     the build command has those flags; a plain build otherwise;
#   - sitegen build, warm: again, nothing changed, same output and cache;
#   - sitegen build, one edit: one term gains a sentence, then a build;
#   - hugo --quiet, when $(go env GOPATH)/bin/hugo (or hugo on PATH) exists;
#   - edit to reload: sitegen serve on 127.0.0.1 (a free port), and
#     .ci/bench/reload, from outside the process: SAVES real file saves of
#     different terms, 3 s apart and then 0.3 s apart, each timed from the
#     write to the SSE reload event naming the term's page; median and p95;
#     and hugo server (fast render, in memory), timed by .ci/bench/hugoedit
#     from the write to the reload message on Hugo's livereload socket.
# It prints the ratios to the floor and to Hugo, and writes the tables, the
# machine and an SVG chart (.ci/bench/chart) into docs/performance.md.
# Sizes of LARGE terms or more (default 50000) are measured once each
# (time and peak RSS of the same run, no warm-up), with their files on disk
# (LARGE_TMP, default /var/tmp: a 100,000-term site writes 15 GB of output
# and cache, which in /dev/shm would take the memory the build needs), and
# without Hugo and serve unless HUGO_LARGE=1 / SERVE_LARGE=1: at 10,000
# terms Hugo peaked at 2.5 GB and serve at 3.7 GB, ten times that does not
# fit in this machine's 24 GB.
# The temporary folder is in /dev/shm when it has 8 GB free (PERF_TMP=DIR to
# choose). Nothing else is written into the repository; the servers bind 127.0.0.1,
# are stopped on exit and stop by themselves after an hour anyway. KEEP=1
# keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

if [ $# -eq 0 ]; then set -- 1000 10000; fi
sizes=("$@")
RUNS=${RUNS:-3}
SAVES=${SAVES:-20}
LARGE=${LARGE:-50000}

# The sites and outputs go to memory (/dev/shm) when it has room, so that
# the figures measure the tools rather than a shared disk; PERF_TMP=DIR
# puts them elsewhere.
base=${PERF_TMP:-}
if [ -z "$base" ]; then
  base=${TMPDIR:-/tmp}
  if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((8 << 20)) ]; then base=/dev/shm; fi
fi
tmp=$(mktemp -d "$base/perf.XXXXXX")
large_tmp=
for n in "${sizes[@]}"; do
  if [ "$n" -ge "$LARGE" ] && [ -z "$large_tmp" ]; then
    mkdir -p "${LARGE_TMP:-/var/tmp}"
    large_tmp=$(mktemp -d "${LARGE_TMP:-/var/tmp}/perf-large.XXXXXX")
  fi
done
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
job_pid= serve_pid= worktree=
stop() { # stop PID: its children first (timeout's, /usr/bin/time's), then itself
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  pkill -TERM -P "$1" 2>/dev/null || true
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop "$job_pid"
  stop "$serve_pid"
  [ -z "$worktree" ] || git -C "$repo" worktree remove --force "$worktree" 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept $tmp $large_tmp"; else rm -rf "$tmp" $large_tmp; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# run CMD...: runs CMD in the background and waits, so that Ctrl-C stops it.
run() {
  "$@" &
  job_pid=$!
  local code=0
  wait "$job_pid" || code=$?
  job_pid=
  return "$code"
}

# --- tools -------------------------------------------------------------------

bin=$tmp/bin
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
built_from="the working tree at $commit"
if ! go build -o "$bin/sitegen" ./cmd/sitegen 2>"$tmp/build.err"; then
  # The core may be mid-change: measure the last commit instead.
  echo "(go build ./cmd/sitegen fails in the working tree; building $commit from a clean worktree)"
  worktree=$tmp/wt
  git worktree add --detach "$worktree" HEAD >/dev/null 2>&1
  (cd "$worktree" && go build -o "$bin/sitegen" ./cmd/sitegen)
  git worktree remove --force "$worktree"
  worktree=
  built_from="commit $commit (the working tree did not build)"
elif [ -n "$(git status --porcelain -- cmd internal themes go.mod go.sum 2>/dev/null)" ]; then
  built_from="the working tree at $commit, with uncommitted changes"
fi
for tool in gen floor reload hugoedit chart; do
  go build -o "$bin/$tool" "./.ci/bench/$tool"
done

hugo=$(go env GOPATH)/bin/hugo
[ -x "$hugo" ] || hugo=$(command -v hugo || true)
hugo_version=
[ -z "$hugo" ] || hugo_version=$("$hugo" version | awk '{print $1, $2}')
have_hyperfine=
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
[ -x /usr/bin/time ] || echo "(no /usr/bin/time: no peak RSS)"

# Does build have an on-disk cache to empty?
build_help=$("$bin/sitegen" build -h 2>&1 || true)
cache_mode=none
grep -q -- '-cache' <<<"$build_help" && cache_mode=dir
[ "$cache_mode" = none ] && grep -q -- '-no-cache' <<<"$build_help" && cache_mode=off

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)
machine="$(nproc) CPUs ($cpu), $mem of memory, $(uname -sr)"
sitegen_version=$("$bin/sitegen" version | cut -d' ' -f2)
echo "machine: $machine; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(go version); sitegen $sitegen_version from $built_from; ${hugo_version:-no Hugo}; cache: $cache_mode"

# --- helpers -----------------------------------------------------------------

# median_seconds PREPARE CMD...: sets secs to the median wall time of RUNS
# runs of CMD, each after the shell command PREPARE ("" for none). For a
# large site (once=1) it runs CMD once and sets secs and mb (peak RSS) from
# that run.
median_seconds() {
  local prepare=$1 csv=$tmp/hyperfine.csv r s e times=()
  shift
  if [ -n "$once" ]; then
    [ -z "$prepare" ] || bash -c "$prepare"
    run /usr/bin/time -f '%e %M' -o "$tmp/once" "$@" >"$tmp/once.out" 2>&1 || { cat "$tmp/once.out" >&2; return 1; }
    secs=$(awk '{ printf "%.3f", $1 }' "$tmp/once") once_mb=$(awk '{ printf "%.0f", $2 / 1024 }' "$tmp/once")
    return
  fi
  if [ -n "$have_hyperfine" ]; then
    local args=(--style basic --warmup 1 --runs "$RUNS" --export-csv "$csv")
    [ -z "$prepare" ] || args+=(--prepare "$prepare")
    run hyperfine "${args[@]}" -- "$(printf '%q ' "$@")" >"$tmp/hyperfine.out" 2>&1 || { cat "$tmp/hyperfine.out" >&2; return 1; }
    secs=$(awk -F, 'NR == 2 { printf "%.3f", $4 }' "$csv")
    return
  fi
  [ -z "$prepare" ] || bash -c "$prepare"
  run "$@" >/dev/null 2>&1 # warm-up
  for ((r = 0; r < RUNS; r++)); do
    [ -z "$prepare" ] || bash -c "$prepare"
    s=$(date +%s%N)
    run "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
  done
  secs=$(printf '%s\n' "${times[@]}" | sort -n | awk -v k=$(((RUNS + 1) / 2)) 'NR == k { printf "%.3f", $1 / 1000 }')
}

# peak_mb PREPARE CMD...: runs PREPARE, then CMD once; sets mb to its peak RSS in MB.
peak_mb() {
  local prepare=$1
  shift
  mb=-
  if [ -n "$once" ]; then mb=$once_mb; return; fi # measured with the time
  [ -x /usr/bin/time ] || return 0
  [ -z "$prepare" ] || bash -c "$prepare"
  run /usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/peak.out" 2>&1 || { cat "$tmp/peak.out" >&2; return 1; }
  mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$tmp/rss")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

# serve_latency SITE N: starts sitegen serve, times SAVES saves at both
# rhythms, stops it; appends rows to latency_rows.
serve_latency() {
  local site=$1 n=$2 log=$tmp/serve.log url="" t hwm every offset=0 figures
  : >"$log"
  timeout -s INT 3600 "$bin/sitegen" serve -source "$site" -bind 127.0.0.1 -port 0 >"$log" 2>&1 &
  serve_pid=$!
  for ((t = 0; t < 2400; t++)); do
    url=$(sed -n 's#^serving \(http://127\.0\.0\.1:[0-9]*\)/.*#\1#p' "$log" | head -1)
    [ -n "$url" ] && break
    kill -0 "$serve_pid" 2>/dev/null || { tail -20 "$log" >&2; echo "perf: sitegen serve stopped" >&2; return 1; }
    sleep 0.25
  done
  [ -n "$url" ] || { tail -20 "$log" >&2; echo "perf: sitegen serve did not start" >&2; return 1; }
  echo "   serve: $(grep -m1 '^built' "$log")"
  for every in 3s 300ms; do
    offset=$((offset + 1))
    run "$bin/reload" -url "$url" -site "$site" -every "$every" -saves "$SAVES" -offset "$offset" >"$tmp/reload.out" 2>"$tmp/reload.err" ||
      { cat "$tmp/reload.err" >&2; tail -20 "$log" >&2; return 1; }
    figures=$(cat "$tmp/reload.out")
    get() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$figures"; }
    echo "   saves every $every: $figures"
    local pid
    pid=$(pgrep -P "$serve_pid" | head -1)
    hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo -)
    latency_rows+=("| $n | sitegen serve | every $every | $(get saves) | $(get median_ms) | $(get p95_ms) | $(get max_ms) | $(get search_median_ms) / $(get search_max_ms) | $hwm |")
  done
  stop "$serve_pid"
  serve_pid=
}

# hugo_latency SITE N: starts hugo server (fast render, from memory),
# times SAVES edits with .ci/bench/hugoedit (each after Hugo is quiet),
# stops it; appends a row to latency_rows.
hugo_latency() {
  local site=$1 n=$2 log=$tmp/hugo-server.log port t figures hwm pid
  port=$(free_port)
  : >"$log"
  timeout -s INT 3600 "$hugo" server -s "$site" --cacheDir "$tmp/hugo_cache" --bind 127.0.0.1 --port "$port" --renderToMemory >"$log" 2>&1 &
  serve_pid=$!
  for ((t = 0; t < 2400; t++)); do
    grep -q 'Web Server is available' "$log" && break
    kill -0 "$serve_pid" 2>/dev/null || { tail -20 "$log" >&2; echo "perf: hugo server stopped" >&2; return 1; }
    sleep 0.25
  done
  grep -q 'Web Server is available' "$log" || { tail -20 "$log" >&2; echo "perf: hugo server did not start" >&2; return 1; }
  port=$(sed -n 's#.*Web Server is available at http://[^:]*:\([0-9]*\)/.*#\1#p' "$log" | head -1)
  run "$bin/hugoedit" -site "$site" -port "$port" -log "$log" -edits "$SAVES" >"$tmp/hugoedit.out" 2>"$tmp/hugoedit.err" ||
    { cat "$tmp/hugoedit.err" >&2; tail -20 "$log" >&2; return 1; }
  figures=$(cat "$tmp/hugoedit.out")
  echo "   hugo server: $figures"
  get() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$figures"; }
  pid=$(pgrep -P "$serve_pid" | head -1)
  hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo -)
  latency_rows+=("| $n | hugo server (fast render) | each after 0.8 s quiet | $(get edits) | $(get reload_median_ms) | $(get reload_p95_ms) | - | - | $hwm |")
  stop "$serve_pid"
  serve_pid=
}

# free_port: a loopback TCP port nobody listens on, from 13130 up.
free_port() {
  local p
  for ((p = 13130; p < 13330; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "perf: no free port" >&2
  return 1
}

# --- measurements ------------------------------------------------------------

build_rows=() ratio_rows=() latency_rows=() chart_csv=()
large_notes=()
for n in "${sizes[@]}"; do
  dir=$tmp/$n once= use_hugo=$hugo use_serve=1
  if [ "$n" -ge "$LARGE" ]; then
    dir=$large_tmp/$n once=1
    [ -n "${HUGO_LARGE:-}" ] || use_hugo=
    [ -n "${SERVE_LARGE:-}" ] || use_serve=
    large_notes+=("- $n terms: each build ran once (its time and peak RSS are of that run), files on disk ($(df -P "$large_tmp" | awk 'NR == 2 { print $1 }'))$([ -n "$use_hugo" ] || [ -z "$hugo" ] || echo "; Hugo not run (HUGO_LARGE=1 runs it)")$([ -n "$use_serve" ] || echo "; serve not measured (SERVE_LARGE=1 measures it)")")
  fi
  echo
  echo "== $n terms (in $dir)"
  run "$bin/gen" -n "$n" -out "$dir"
  site=$dir/sitegen
  md_mb=$(find "$site/content" -name '*.md' -print0 | xargs -0 cat | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
  edit_file=$(find "$site/content/glossary" -name '*.md' ! -name _index.md | sort | sed -n "$((n / 2 + 1))p")
  echo "   $md_mb MB of Markdown; the one-edit builds change $(basename "$edit_file")"
  edit="printf '\nEdited for the benchmark at %s.\n' \"\$(date +%s%N)\" >>'$edit_file'"

  echo "-- floor (goldmark + chroma)"
  floor=("$bin/floor" -source "$site" -out "$dir/out-floor")
  median_seconds "" "${floor[@]}"
  floor_s=$secs
  peak_mb "" "${floor[@]}"
  floor_mb=$mb
  echo "   $floor_s s, $floor_mb MB"

  echo "-- sitegen build"
  sg=("$bin/sitegen" build -source "$site" -out "$dir/out-sitegen")
  cold_prepare="" warm=("${sg[@]}") cold=("${sg[@]}")
  case $cache_mode in
  dir)
    cold=("${sg[@]}" -cache "$tmp/cache-cold")
    cold_prepare="rm -rf '$tmp/cache-cold'"
    warm=("${sg[@]}" -cache "$tmp/cache-warm")
    if [ -n "$once" ]; then
      cold=("${sg[@]}" -cache "$dir/cache-cold")
      cold_prepare="rm -rf '$dir/cache-cold'"
      warm=("${sg[@]}" -cache "$dir/cache-cold") # the cold build's cache
    fi
    ;;
  off) cold=("${sg[@]}" -no-cache) ;;
  esac
  [ -n "$once" ] || { run "${cold[@]}" >"$tmp/first.out"; sed 's/^/   /' "$tmp/first.out"; }
  median_seconds "$cold_prepare" "${cold[@]}"
  cold_s=$secs
  peak_mb "$cold_prepare" "${cold[@]}"
  cold_mb=$mb
  [ -z "$once" ] || sed 's/^/   /' "$tmp/once.out"
  [ -n "$once" ] || run "${warm[@]}" >/dev/null # fills the warm cache, if any
  median_seconds "" "${warm[@]}"
  warm_s=$secs
  peak_mb "" "${warm[@]}"
  warm_mb=$mb
  median_seconds "$edit" "${warm[@]}"
  edit_s=$secs
  peak_mb "$edit" "${warm[@]}"
  edit_mb=$mb
  echo "   cold $cold_s s ($cold_mb MB), warm $warm_s s ($warm_mb MB), one edit $edit_s s ($edit_mb MB)"

  hugo_s=- hugo_mb=-
  if [ -n "$use_hugo" ]; then
    echo "-- $hugo_version"
    hg=("$hugo" --quiet -s "$dir/hugo" -d "$dir/out-hugo" --cacheDir "$tmp/hugo_cache")
    run "${hg[@]}"
    median_seconds "" "${hg[@]}"
    hugo_s=$secs
    peak_mb "" "${hg[@]}"
    hugo_mb=$mb
    echo "   $hugo_s s, $hugo_mb MB"
  fi

  if [ -n "$use_serve" ]; then
    echo "-- sitegen serve: save → reload event"
    serve_latency "$site" "$n"
  fi
  if [ -n "$use_hugo" ] && [ -n "$use_serve" ]; then
    echo "-- hugo server: save → livereload message"
    hugo_latency "$dir/hugo" "$n"
  fi

  build_rows+=("| $n | $md_mb | $floor_s / $floor_mb | $hugo_s / $hugo_mb | $cold_s / $cold_mb | $warm_s / $warm_mb | $edit_s / $edit_mb |")
  ratio_rows+=("| $n | $(ratio "$cold_s" "$floor_s") | $(ratio "$cold_s" "$hugo_s") | $(ratio "$hugo_s" "$floor_s") | $(ratio "$warm_s" "$cold_s") | $(ratio "$edit_s" "$cold_s") | $(ratio "$cold_mb" "$hugo_mb") |")
  chart_csv+=("sitegen build (cold),$n,$cold_s,$cold_mb" "sitegen build (warm),$n,$warm_s,$warm_mb" "sitegen build (one edit),$n,$edit_s,$edit_mb")
  [ -z "$use_hugo" ] || chart_csv+=("Hugo,$n,$hugo_s,$hugo_mb")
  chart_csv+=("floor (goldmark + chroma),$n,$floor_s,$floor_mb")
done

# --- report ------------------------------------------------------------------

case $cache_mode in
dir) cache_note="cold builds use an empty \`-cache\` folder, warm and one-edit builds the cache the previous build left" ;;
off) cache_note="cold builds use \`-no-cache\`; warm and one-edit builds the default cache" ;;
*) cache_note="this sitegen has no build cache (\`build -h\` lists no \`-cache\` flag), so warm and one-edit builds redo the cold build's work" ;;
esac
build_table=$(
  echo "| terms | Markdown (MB) | floor: s / MB | Hugo: s / MB | sitegen cold: s / MB | sitegen warm: s / MB | sitegen one edit: s / MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${build_rows[@]}"
)
ratio_table=$(
  echo "| terms | cold ÷ floor | cold ÷ Hugo | Hugo ÷ floor | warm ÷ cold | one edit ÷ cold | cold memory ÷ Hugo's |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ratio_rows[@]}"
)
latency_table=$(
  echo "| terms | server | saves | n | median (ms) | p95 (ms) | max (ms) | searchable: median / max (ms) | server peak RSS (MB) |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${latency_rows[@]}"
)
echo
echo "$build_table"
echo
echo "Ratios (issue 10's targets: cold ≤ 1.3 × floor and ≤ 0.5 × Hugo, warm ≤ 0.3 × cold, one edit ≤ 0.35 × cold):"
echo "$ratio_table"
echo
echo "Save → reload event (targets: median ≤ 100 ms, p95 ≤ 250 ms):"
echo "$latency_table"

svg=$(printf '%s\n' "${chart_csv[@]}" | "$bin/chart")
mkdir -p "$repo/docs"
cat >"$repo/docs/performance.md" <<EOF
# Performance

Measured on $(date -u +%Y-%m-%d) by \`.ci/bench/perf.sh ${sizes[*]}\` (RUNS=$RUNS, SAVES=$SAVES), on one machine, side by side in one run:

- machine: $machine; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end
- files: in $base ($(df -P "$base" | awk 'NR == 2 { print $1 }'))
- sitegen $sitegen_version, built from $built_from; $(go version | cut -d' ' -f3-4)
- ${hugo_version:-Hugo: not installed, left out}

The sites are generated by package \`internal/synth\` (\`.ci/bench/gen\`): N terms and N/25 chapters
in guides of about ten, about 4 KB of Markdown a term, typed relations with hubs, wiki and Markdown
links to pages and headings, tables, lists, and code blocks in six languages in about a quarter of
the sections, each different. The Hugo site has the same pages, its links written as \`relref\`, with
a minimal three-template theme. The floor is goldmark with GFM and chroma (CSS classes) alone,
converting every Markdown file to one HTML file on all cores (\`.ci/bench/floor\`).

Times are medians of $RUNS runs (wall clock, seconds); memory is the peak RSS of one run (MB);
$cache_note.
$([ ${#large_notes[@]} -eq 0 ] || { echo; echo "Large sites, measured otherwise:"; printf '%s\n' "${large_notes[@]}"; })

## Builds

$build_table

## Ratios

Issue 10's targets: cold ≤ 1.3 × floor and ≤ 0.5 × Hugo; warm ≤ 0.3 × cold; one edit ≤ 0.35 × cold.

$ratio_table

## Save to reload

\`sitegen serve\` on the same site; \`.ci/bench/reload\` saves $SAVES different terms (a plain write
of the file with one more sentence) at a fixed rhythm, whatever the server is doing, and times each
save to the Server-Sent Event (\`/_sitegen/events\`) that tells a page showing the term to reload,
and to the moment the served search index holds the word that save added ("searchable").
Targets: median ≤ 100 ms, p95 ≤ 250 ms at both rhythms; searchable within 1 s. For comparison, \`hugo server\` (default
fast-render mode, in memory) on the Hugo copy, timed by \`.ci/bench/hugoedit\` from the save to the
reload message on Hugo's livereload WebSocket, one edit at a time after Hugo is quiet.

$latency_table

## Chart

Build time and peak memory against site size, log scales.

$svg
EOF
echo
echo "wrote docs/performance.md"
