#!/usr/bin/env bash
# Whole-process comparisons of margin on another reading against the same
# command on the built-in paper, side by side with hyperfine (issue 17 §3:
# on a book, toc, read SECTION, search, glossary TERM, notes ID and the
# reader's first frame must cost ≤ 1.5× the built-in paper's).
#
#   ./bench/readings.sh PATH         # a reading folder today; a compiled .margin file the same way
#   ./bench/readings.sh              # generates a book (bench/genreading -book) and uses it
#
# PATH is passed to --reading as it is, so the same script measures a
# folder now and a compiled file once margin opens those. The default
# arguments suit the built-in paper and readings generated from it (whose
# first copy keeps the paper's numbers, terms and note ids); for another
# reading set SECTION, QUERY, TERM, NOTE and UNTIL (text the reader's first
# frame holds). ROUNDS and RUNS as in bench/run.sh (default 10 and 20).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
reading=${1:-}
if [ -z "$reading" ]; then
  reading="$out/book"
  go run ./bench/genreading -book -o "$reading"
fi
reading=$(realpath "$reading")
SECTION=${SECTION:-2.1}
QUERY=${QUERY:-horsley}
TERM_=${TERM_Q:-grid mgmt}
NOTE=${NOTE:-single-score-horsley}
UNTIL=${UNTIL:-infrastructure}
go build -o "$out/margin" ./cmd/margin
go build -o "$out/ptytime" ./bench/ptytime
go build -o "$out/ratios" ./bench/ratios
cd "$out"
export MARGIN_STATE_DIR="$out/state" MARGIN_DATA_DIR="$out/data"
echo "reading: $reading ($(du -sh "$reading" | cut -f1))"

rounds() {
  local name=$1; shift
  local cmds=("$@")
  for round in $(seq "${ROUNDS:-10}"); do
    local k=$(( (round - 1) % ${#cmds[@]} ))
    hyperfine -N --warmup 2 --runs "${RUNS:-20}" --export-json "$name-$round.json" \
      "${cmds[@]:k}" "${cmds[@]:0:k}" >/dev/null 2>&1
  done
  ./ratios "${cmds[0]}" "$name"-*.json
}

# compare NAME ARGS...: margin ARGS on the built-in paper, then on the reading.
compare() {
  local name=$1; shift
  echo "== margin $* (target ≤ 1.5× the built-in paper)"
  rounds "$name" "./margin $*" "./margin --reading $reading $*"
}

compare toc toc
compare read read "$SECTION" --no-pager
compare search search "$QUERY"
compare glossary glossary "$TERM_"
compare notes notes "$NOTE"

echo "== the reader's first frame, in a pseudo-terminal (median of ${RUNS:-20}, ${ROUNDS:-10} rounds)"
for round in $(seq "${ROUNDS:-10}"); do
  ./ptytime -n "${RUNS:-20}" -until "$UNTIL" -- ./margin
  ./ptytime -n "${RUNS:-20}" -until "$UNTIL" -- ./margin --reading "$reading"
done
