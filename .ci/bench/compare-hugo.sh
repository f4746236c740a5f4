#!/usr/bin/env bash
# compare-hugo.sh is folded into perf.sh, which times sitegen, Hugo and the
# goldmark+chroma floor on the same generated sites (builds and edit to
# reload) and writes docs/performance.md. This name stays for the links to it.
exec "$(dirname "$0")/perf.sh" "$@"
