#!/usr/bin/env bash
# cards.sh: what social cards cost at scale (issue 13: the 10k-page targets
# are measured with cards off, and reported with them on). It generates
# one synthetic site (.ci/bench/gen), then times, one after the other:
# a cold build with cards off, a cold build with social_cards: true (an
# empty cache folder), a warm build with cards on (same cache: no card is
# drawn again), and a build after one term's summary changed (its card is
# drawn again, with the pages that show the summary). Prints seconds,
# peak RSS and the number of cards.
#
#   .ci/bench/cards.sh          # 10,000 terms
#   .ci/bench/cards.sh 1000
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
base=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((4 << 20)) ]; then base=/dev/shm; fi
tmp=$(mktemp -d "$base/cards.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/sitegen" ./cmd/sitegen
go run ./.ci/bench/gen -n "$n" -out "$tmp/gen" >/dev/null
site=$tmp/gen/sitegen
run() { # run LABEL ARGS...: one build, timed
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/sitegen" build -source "$site" -out "$tmp/out" "$@" >/dev/null
  read -r secs rss <"$tmp/time"
  printf '%-34s %7.2f s  %6d MB' "$label" "$secs" $((rss / 1024))
  if [ -d "$tmp/out/cards" ]; then printf '  %d cards' "$(find "$tmp/out/cards" -name '*.png' | wc -l)"; fi
  echo
}
echo "terms: $n"
run "cold, cards off" -no-cache
echo "social_cards: true" >>"$site/sitegen.yaml"
run "cold, cards on" -cache "$tmp/cache"
run "warm, cards on" -cache "$tmp/cache"
term=$(find "$site/content/glossary" -name '*.md' | sort | sed -n 2p)
sed -i '0,/^summary: /s/^summary: \(.*\)$/summary: \1 Revised./' "$term"
run "one summary changed, cards on" -cache "$tmp/cache"
