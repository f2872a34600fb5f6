#!/usr/bin/env bash
# SIGINT during a long call, run by `make test-extended`: starts an R child
# that prints a marker and then computes gelu on 5e8 doubles, sends it
# SIGINT once the marker appears, and checks that the call stopped within
# about a second, that the child saw an R interrupt condition (as for any
# interrupted R code, not an error) and that a small call
# afterwards gave the right result.
#
# Job control (set -m) keeps SIGINT deliverable: without it a background
# child of a non-interactive shell starts with SIGINT ignored.
set -euo pipefail
set -m

RSCRIPT=${RSCRIPT:-Rscript}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/child.R" <<'RCODE'
library(mxLeakyReLU)
x <- rep(c(-1.5, 2), 2.5e8)
cat("READY\n")
flush(stdout())
t0 <- proc.time()[["elapsed"]]
outcome <- tryCatch({
  mx.nd.LeakyReLU(x, act.type = "gelu")
  "completed"
}, interrupt = function(e) "interrupt condition",
   error = function(e) paste("error:", conditionMessage(e)))
cat(sprintf("OUTCOME %s\n", outcome))
cat(sprintf("STOPPED_AFTER %.3f\n", proc.time()[["elapsed"]] - t0))
t1 <- proc.time()[["elapsed"]]
small <- mx.nd.LeakyReLU(c(-4, 4))
cat(sprintf("SMALL %s in %.3f s\n", paste(small, collapse = " "),
            proc.time()[["elapsed"]] - t1))
cat(sprintf("SMALL_OK %s\n", identical(small, c(-1, 4))))
RCODE

"$RSCRIPT" "$dir/child.R" > "$dir/out.txt" 2> "$dir/err.txt" &
pid=$!
for _ in $(seq 1 600); do
  grep -q READY "$dir/out.txt" 2>/dev/null && break
  sleep 0.1
done
grep -q READY "$dir/out.txt" || { echo "interrupt.sh: child never got ready"; cat "$dir/err.txt"; exit 1; }
sleep 0.5
sent=$(date +%s.%N)
kill -INT "$pid"
status=0
wait "$pid" || status=$?
ended=$(date +%s.%N)
cat "$dir/out.txt"
echo "child exit status $status; SIGINT to exit: $(awk "BEGIN { printf \"%.3f\", $ended - $sent }") s"

fail=0
grep -q "^OUTCOME interrupt condition" "$dir/out.txt" || { echo "FAIL: no interrupt condition reached tryCatch(interrupt = )"; fail=1; }
grep -q "^SMALL_OK TRUE" "$dir/out.txt" || { echo "FAIL: no correct call after the interrupt"; cat "$dir/err.txt"; fail=1; }
stopped=$(sed -n 's/^STOPPED_AFTER //p' "$dir/out.txt")
if [ -n "$stopped" ] && awk "BEGIN { exit !($stopped > 1.5) }"; then
  echo "FAIL: the call ran ${stopped} s (0.5 s before SIGINT): not stopped within a second"
  fail=1
fi
[ "$status" = 0 ] || { echo "FAIL: child exited with $status"; fail=1; }
exit $fail
