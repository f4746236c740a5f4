#!/usr/bin/env bash
# langs.sh: how much a multilingual site costs (issue 11's target: a
# 5-language 10,000-term site builds in under 5 × the single-language
# time). It generates one synthetic site (.ci/bench/gen), times a cold
# build of it, then adds four languages (content/<code>/) that each
# translate half the terms and every other chapter (copies of the
# default language's files: their links stay valid) and fall back for
# the rest, and times a cold build of that. Both builds run once after
# the other, with -no-cache; it prints both times, their ratio and the
# peak RSS of each.
#
#   .ci/bench/langs.sh          # 10,000 terms
#   .ci/bench/langs.sh 1000
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
base=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((4 << 20)) ]; then base=/dev/shm; fi
tmp=$(mktemp -d "$base/langs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/sitegen" ./cmd/sitegen
go run ./.ci/bench/gen -n "$n" -out "$tmp/gen" >/dev/null
one=$tmp/gen/sitegen
many=$tmp/many
cp -r "$one" "$many"
codes=(es fr de ja)
{
  echo "languages:"
  echo "  - code: en"
  for c in "${codes[@]}"; do echo "  - code: $c"; done
} >>"$many/sitegen.yaml"
(
  cd "$many/content"
  for c in "${codes[@]}"; do
    mkdir -p "$c"
    # Half the terms, every other chapter, the home page.
    find . -path "./$c" -prune -o -name '*.md' -print | grep -v -E "^\./($(IFS='|'; echo "${codes[*]}"))/" | sort | awk 'NR % 2 == 0' | while read -r f; do
      mkdir -p "$c/$(dirname "$f")"
      cp "$f" "$c/$f"
    done
  done
)
time_build() { # time_build SITE: prints "seconds maxrss_kb"
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/sitegen" build -no-cache -source "$1" -out "$tmp/out" >/dev/null
  cat "$tmp/time"
}
read -r t1 m1 < <(time_build "$one")
read -r t5 m5 < <(time_build "$many")
pages=$(find "$tmp/out" -name index.html | wc -l)
echo "terms: $n; languages: 1 vs 5 (${#codes[@]} translating half the terms and chapters, fallbacks for the rest); HTML pages of the 5-language site: $pages"
echo "single language: ${t1} s, peak RSS $((m1 / 1024)) MB"
echo "five languages:  ${t5} s, peak RSS $((m5 / 1024)) MB"
awk -v a="$t1" -v b="$t5" 'BEGIN { printf "ratio: %.2f × (target: under 5 ×)\n", b / a }'
