#!/usr/bin/env bash
# Whole-process comparisons for BENCHMARKS.md, run side by side in one go.
# Needs hyperfine (apt-get install hyperfine). ROUNDS=n repeats the start-up
# comparison n times (default 3): on a shared machine the spread between
# rounds says more than one round's ± does.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/margin" ./cmd/margin
go build -o "$out/floor" ./bench/floor
go build -o "$out/glamoursection" ./bench/glamoursection
go build -o "$out/ptytime" ./bench/ptytime
go run ./bench/sectionmd 2.1 > "$out/2.1.md"
cd "$out"
export MARGIN_STATE_DIR="$out/state" MARGIN_DATA_DIR="$out/data"

echo "== margin read 2.1 against glamour rendering the same Markdown (target ≤ 1.3×)"
hyperfine -N --warmup 10 --runs 100 \
  "./margin read 2.1 --width 80 --style dark --color always --no-pager" \
  "./glamoursection 2.1.md 80"

for round in $(seq "${ROUNDS:-3}"); do
  echo "== start-up floor against margin's commands, round $round (target ≤ 1.2×)"
  hyperfine -N --warmup 10 --runs 100 \
    "./floor" "./margin toc" "./margin glossary grid mgmt" "./margin search horsley"
done

echo "== under a pseudo-terminal that never answers (target < 100 ms)"
./ptytime -n 20 -- ./margin read 2.1 --no-pager
./ptytime -n 20 -- ./margin toc
