#!/usr/bin/env bash
# Whole-process comparisons for BENCHMARKS.md, run side by side in one go.
# Needs hyperfine (apt-get install hyperfine). ROUNDS and RUNS set how many
# rounds of the start-up comparison are run and how many runs each round
# makes of each command (default 10 and 20): on a shared machine the spread
# between rounds says more than one round's ± does.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/margin" ./cmd/margin
go build -o "$out/floor" ./bench/floor
go build -o "$out/glamoursection" ./bench/glamoursection
go build -o "$out/ptytime" ./bench/ptytime
go build -o "$out/bigstore" ./bench/bigstore
go build -o "$out/ratios" ./bench/ratios
go run ./bench/sectionmd 2.1 > "$out/2.1.md"
cd "$out"
export MARGIN_STATE_DIR="$out/state" MARGIN_DATA_DIR="$out/data"

# rounds NAME CMD...: ROUNDS rounds (default 10) of RUNS runs (default 20)
# of each command, the order rotated every round so that no command always
# runs first or last while the machine's speed drifts; ratios to the first
# command are taken within each round, then summarised across rounds.
rounds() {
  local name=$1; shift
  local cmds=("$@")
  for round in $(seq "${ROUNDS:-10}"); do
    local k=$(( (round - 1) % ${#cmds[@]} ))
    hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$name-$round.json" \
      "${cmds[@]:k}" "${cmds[@]:0:k}" >/dev/null 2>&1
  done
  ./ratios "${cmds[0]}" "$name"-*.json
}

echo "== margin read 2.1 against glamour rendering the same Markdown (target ≤ 1.3×)"
rounds read "./glamoursection 2.1.md 80" \
  "./margin read 2.1 --width 80 --style dark --color always --no-pager"

echo "== start-up floor against margin's commands (target ≤ 1.2×)"
rounds startup ./floor "./margin toc" "./margin glossary grid mgmt" "./margin search horsley" "./margin version"

echo "== margin read 2.1 with an empty notes store against one of 10,000 notes (target ≤ 1.5×)"
# 10,000 notes, 100 of them on this reading (about 11 on section 2.1), the
# rest on other readings: the cost of reading a large store, not of showing
# many notes.
mkdir -p empty-store big-store
./bigstore big-store/marks.json 10000 100
rounds store "env MARGIN_DATA_DIR=$out/empty-store ./margin read 2.1" \
  "env MARGIN_DATA_DIR=$out/big-store ./margin read 2.1"

echo "== under a pseudo-terminal that never answers (target < 100 ms)"
./ptytime -n 20 -- ./margin read 2.1 --no-pager
./ptytime -n 20 -- ./margin toc
