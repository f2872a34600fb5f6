# Per-call cost of every entry point at n = 10 and n = 1000, as ratios to the
# base-R leaky idiom `y <- x; i <- y < 0; y[i] <- 0.25 * y[i]` timed in the
# same bench::mark() run (medians). Run by `make percall` on the installed
# package. Targets (issue: cheap validation): <= 2.0x at n = 10, <= 1.0x at
# n = 1000. `MXLR_PERCALL_REPEAT` runs the table that many times (default 1).
suppressPackageStartupMessages(library(mxLeakyReLU))

percall_table <- function(n) {
  set.seed(1)
  ch <- if (n >= 1000) 10L else 2L
  x <- matrix(rnorm(n), ch)
  dy <- x * 0 + 1
  g <- seq(0.1, 0.5, length.out = ch)
  y_tr <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  mask <- attr(y_tr, "mask")
  xf <- mx.nd.array(x)
  dyf <- mx.nd.array(dy)
  res <- bench::mark(
    "base R idiom" = { y <- x; i <- y < 0; y[i] <- 0.25 * y[i]; y },
    "forward leaky" = mx.nd.LeakyReLU(x),
    "forward elu" = mx.nd.LeakyReLU(x, act.type = "elu"),
    "prelu, gamma vector" = mx.nd.LeakyReLU(x, gamma = g, act.type = "prelu"),
    "rrelu training" = mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE),
    "backward leaky" = mx.nd.LeakyReLU.backward(dy, x),
    "backward prelu (gamma)" = mx.nd.LeakyReLU.backward(dy, x, gamma = g,
                                                        act.type = "prelu"),
    "backward rrelu (mask)" = mx.nd.LeakyReLU.backward(dy, x, act.type = "rrelu",
                                                       mask = mask),
    "MXNDArray forward" = mx.nd.LeakyReLU(xf),
    "MXNDArray prelu" = mx.nd.LeakyReLU(xf, gamma = g, act.type = "prelu"),
    "MXNDArray backward" = mx.nd.LeakyReLU.backward(dyf, xf),
    check = FALSE, min_iterations = 2000, time_unit = "us", filter_gc = TRUE
  )
  med <- as.numeric(res$median)
  data.frame(n = n, case = as.character(res$expression), median_us = med,
             ratio = med / med[1L], stringsAsFactors = FALSE)
}

repeats <- as.integer(Sys.getenv("MXLR_PERCALL_REPEAT", "1"))
limits <- c(`10` = 2.0, `1000` = 1.0)
for (r in seq_len(repeats)) {
  for (n in c(10L, 1000L)) {
    t <- percall_table(n)
    t$limit <- limits[[as.character(n)]]
    t$verdict <- ifelse(t$case == "base R idiom", "",
                        ifelse(t$ratio <= t$limit, "PASS", "FAIL"))
    cat(sprintf("\nrun %d, n = %d (threads setting %d)\n", r, n,
                mxLeakyReLU.threads()))
    cat(sprintf("| %-24s | %9s | %6s | %s |\n", "case", "median µs", "ratio", ""))
    for (i in seq_len(nrow(t))) {
      cat(sprintf("| %-24s | %9.2f | %5.2fx | %s |\n", t$case[i], t$median_us[i],
                  t$ratio[i], t$verdict[i]))
    }
  }
}
