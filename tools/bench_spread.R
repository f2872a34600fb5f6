# gelu and gelu_tanh, forward and backward, on 1e6 values drawn from
# N(0, sd^2) for sd 0.5, 1, 3 and 10, one thread, in double (R vectors)
# and float32 (MXNDArray): the cost of the normal distribution should not
# depend on the data. Target, per act type, direction and precision: the
# slowest sd within 1.3x of the fastest. Prints a table (bench::mark
# minimum times, ms: the least disturbed by other work on the machine;
# the four sds are timed in turn, in several rounds, so that a slow spell
# of the machine does not fall on one sd only) and PASS/FAIL lines (like
# tools/bench.R, a FAIL does not stop make bench).
#
# Run by `make bench-spread` (after `make install`) and by `make bench`.

suppressPackageStartupMessages(library(mxLeakyReLU))
quick <- nzchar(Sys.getenv("MXLR_BENCH_QUICK"))
n <- 1e6
limit <- 1.3
sds <- c(0.5, 1, 3, 10)
acts <- c("gelu", "gelu_tanh")
iterations <- if (quick) 5 else 10
rounds <- if (quick) 1 else 4
old <- options(mxLeakyReLU.threads = 1)
on.exit(options(old))

min_ms <- function(f) {
  m <- bench::mark(f(), min_iterations = iterations, check = FALSE,
                   filter_gc = FALSE, memory = FALSE, time_unit = "ms")
  as.numeric(m$min)
}

set.seed(1)
z <- rnorm(n)
rows <- list()
for (precision in c("double", "float32")) {
  for (act in acts) {
    for (direction in c("forward", "backward")) {
      fs <- lapply(sds, function(sd) {
        x <- z * sd
        dy <- rep(1, n)
        if (precision == "float32") {
          x <- mx.nd.array(x)
          dy <- mx.nd.array(dy)
        }
        if (direction == "forward") {
          function() mx.nd.LeakyReLU(x, act.type = act)
        } else {
          function() mx.nd.LeakyReLU.backward(dy, x, act.type = act)
        }
      })
      times <- rep(Inf, length(sds))
      for (round in seq_len(rounds)) {
        times <- pmin(times, vapply(fs, min_ms, numeric(1)))
      }
      rows[[length(rows) + 1L]] <- data.frame(
        precision = precision, act = act, direction = direction,
        t(setNames(times, paste0("sd", sds))),
        ratio = max(times) / min(times), check.names = FALSE)
    }
  }
}
tab <- do.call(rbind, rows)

cat(sprintf("gelu spread, 1e6 values of N(0, sd^2), one thread, %s kernels",
            .Call(mxLeakyReLU:::C_mxlr_isa)), "\n\n")
cat("| precision | act | direction |",
    paste(sprintf("sd %s ms", sds), collapse = " | "),
    "| slowest / fastest |\n")
cat("|---|---|---|", paste(rep("---", length(sds)), collapse = "|"),
    "|---|\n", sep = "")
for (i in seq_len(nrow(tab))) {
  r <- tab[i, ]
  cat(sprintf("| %s | %s | %s | %s | %.2f |\n", r$precision, r$act,
              r$direction,
              paste(sprintf("%.2f", unlist(r[paste0("sd", sds)])),
                    collapse = " | "), r$ratio))
}
cat("\n")
for (i in seq_len(nrow(tab))) {
  r <- tab[i, ]
  ok <- r$ratio <= limit
  cat(sprintf("%s: %s %s %s, slowest sd / fastest %.2fx (limit %.2fx)\n",
              if (ok) "PASS" else "FAIL", r$act, r$direction, r$precision,
              r$ratio, limit))
}
