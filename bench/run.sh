#!/usr/bin/env bash
# Whole-process comparisons for BENCHMARKS.md, run side by side in one go.
# Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
go build -o "$out/margin" ./cmd/margin
go build -o "$out/floor" ./bench/floor
go build -o "$out/glamoursection" ./bench/glamoursection
go run ./bench/sectionmd 2.1 > "$out/2.1.md"
cd "$out"
hyperfine -N --warmup 5 --runs 40 \
  "./margin read 2.1 --width 80 --style dark --color always --no-pager" \
  "./glamoursection 2.1.md 80"
hyperfine -N --warmup 5 --runs 60 \
  "./floor" "./margin toc" "./margin glossary grid mgmt" "./margin search horsley"
