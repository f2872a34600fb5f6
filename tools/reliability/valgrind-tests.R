# Run by `make check-valgrind` as R -d valgrind -f tools/reliability/valgrind-tests.R
# from the top of the repository, on the installed package: a representative
# subset of the R test suite, then every entry point on inputs large enough
# to run on several threads.
#
# Left out of the subset: the fork and thread tests (slow under valgrind,
# which runs one thread at a time), the signal and time-limit tests
# (test-unwind.R: they need child processes), and the tests that compare with decimal
# numbers to the last bit (MXNet fixtures, ulp accuracy): valgrind computes
# 80-bit long double at 64-bit precision, so R's decimal-to-double parsing
# can differ in the last bit under valgrind. Property cases are fewer, and
# the bad-input rows run in this process, as valgrind does not follow child
# processes.

Sys.setenv(MXLR_ROWS_IN_PROCESS = "1")
if (!nzchar(Sys.getenv("MXLR_PROPERTY_CASES"))) {
  Sys.setenv(MXLR_PROPERTY_CASES = "150")
}
t0 <- proc.time()[["elapsed"]]
testthat::test_dir(
  "R-package/tests/testthat", package = "mxLeakyReLU",
  load_package = "installed", filter = "fork-threads|mxnet-fixtures|accuracy|unwind", invert = TRUE,
  reporter = testthat::SummaryReporter$new(show_praise = FALSE),
  stop_on_failure = TRUE)

library(mxLeakyReLU)
options(mxLeakyReLU.threads = 2)
set.seed(3)
n <- 3 * 2^17
x <- array(c(rnorm(n - 3), NA, NaN, -Inf), c(64, 8, n / 512))
dy <- x * 0.5 + 1
xf <- mx.nd.array(x)
dyf <- mx.nd.array(dy)
for (type in c("leaky", "elu", "selu", "prelu", "rrelu", "gelu")) {
  g <- if (type == "prelu") seq(-1, 1, length.out = 8) else NULL
  invisible(mx.nd.LeakyReLU(x, gamma = g, act.type = type))
  invisible(mx.nd.LeakyReLU(xf, gamma = g, act.type = type))
  invisible(mx.nd.LeakyReLU.backward(dy, x, gamma = g, act.type = type))
  invisible(mx.nd.LeakyReLU.backward(dyf, xf, gamma = g, act.type = type))
}
y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
invisible(mx.nd.LeakyReLU.backward(dy, x, act.type = "rrelu", mask = attr(y, "mask")))
y <- mx.nd.LeakyReLU(xf, act.type = "rrelu", is.train = TRUE)
invisible(mx.nd.LeakyReLU.backward(dyf, xf, act.type = "rrelu", mask = attr(y, "mask")))
invisible(as.array(xf))
cat(sprintf("valgrind-tests.R: done in %.0f s\n", proc.time()[["elapsed"]] - t0))
