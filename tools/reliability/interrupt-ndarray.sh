#!/usr/bin/env bash
# SIGINT during MXNDArray conversions, run by `make test-interrupt-ndarray`:
# an R child converts 3e8 doubles with mx.nd.array() (one thread), first
# uninterrupted to time it, then again, receiving SIGINT 0.3 s into the
# call; checks that the call stopped well before it would have finished,
# that R saw an interrupt condition, and that a small conversion afterwards
# is right. Then the same for as.array().
set -euo pipefail
set -m

RSCRIPT=${RSCRIPT:-Rscript}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0

run_case() { # $1: name, $2: R expression to interrupt
  cat > "$dir/child.R" <<RCODE
library(mxLeakyReLU)
options(mxLeakyReLU.threads = 1)
x <- rep(c(-1.5, 2, 0.1), 1e8)
a <- mx.nd.array(x)
t0 <- proc.time()[["elapsed"]]
invisible($2)
cat(sprintf("FULL %.3f\n", proc.time()[["elapsed"]] - t0))
cat("READY\n")
flush(stdout())
t0 <- proc.time()[["elapsed"]]
outcome <- tryCatch({ $2; "completed" },
  interrupt = function(e) "interrupt condition",
  error = function(e) paste("error:", conditionMessage(e)))
cat(sprintf("OUTCOME %s\n", outcome))
cat(sprintf("STOPPED_AFTER %.3f\n", proc.time()[["elapsed"]] - t0))
small <- as.array(mx.nd.array(c(-4, 0.5)) * 2)
cat(sprintf("SMALL_OK %s\n", identical(small, array(c(-8, 1), 2))))
RCODE
  : > "$dir/out.txt"
  "$RSCRIPT" "$dir/child.R" > "$dir/out.txt" 2> "$dir/err.txt" &
  local pid=$!
  for _ in $(seq 1 1200); do
    grep -q READY "$dir/out.txt" 2>/dev/null && break
    sleep 0.05
  done
  grep -q READY "$dir/out.txt" || { echo "FAIL ($1): child never got ready"; cat "$dir/err.txt"; fail=1; return; }
  sleep 0.3
  kill -INT "$pid"
  local status=0
  wait "$pid" || status=$?
  sed "s/^/$1: /" "$dir/out.txt"
  local full stopped
  full=$(sed -n 's/^FULL //p' "$dir/out.txt")
  stopped=$(sed -n 's/^STOPPED_AFTER //p' "$dir/out.txt")
  grep -q "^OUTCOME interrupt condition" "$dir/out.txt" || { echo "FAIL ($1): no interrupt condition"; fail=1; }
  grep -q "^SMALL_OK TRUE" "$dir/out.txt" || { echo "FAIL ($1): no correct call after the interrupt"; cat "$dir/err.txt"; fail=1; }
  if [ -n "$stopped" ] && awk "BEGIN { exit !($stopped > 0.3 + 0.25 && $stopped > $full * 0.8) }"; then
    echo "FAIL ($1): ran ${stopped} s of ${full} s: not stopped promptly"; fail=1
  fi
  [ "$status" = 0 ] || { echo "FAIL ($1): child exited with $status"; fail=1; }
}

run_case mx.nd.array "mx.nd.array(x)"
run_case as.array "as.array(a)"
run_case arithmetic "a * 2 + a"
[ "$fail" = 0 ] && echo "PASS: MXNDArray conversions and arithmetic stop on SIGINT"
exit $fail
