#!/usr/bin/env bash
# Interleaved A/B of two builds of this benchmark project, so machine drift hits both alike:
#   tests/NoFsScope.Benchmarks/compare.sh <base checkout> <new checkout> [--analyzer-report|--editor-report] [rounds]
# Each checkout must have run `dotnet build -c Release` in tests/NoFsScope.Benchmarks. A base checkout:
#   git worktree add --detach ../base <commit> && (cd ../base/tests/NoFsScope.Benchmarks && dotnet build -c Release)
# Prints the summary rows of each run, alternating base and new; full outputs are kept in a temp directory.
set -euo pipefail
base=$(cd "$1" && pwd); new=$(cd "$2" && pwd); mode=${3:---editor-report}; rounds=${4:-2}
out=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  for side in base new; do
    dir=$base; [ "$side" = new ] && dir=$new
    file="$out/$side-$round.txt"
    (cd "$dir/tests/NoFsScope.Benchmarks" && dotnet bin/Release/net10.0/NoFsScope.Benchmarks.dll "$mode" > "$file" 2>&1) || true
    echo "== $side, round $round"
    grep -E '^\| (40|200) subsystems|^\| Plain compile|^\| NOFS002NOFS003|^\| \*\*All|^Marginal' "$file" || tail -n 5 "$file"
  done
done
echo "full outputs: $out"
