# Threads and forks: results do not depend on the thread count, forked
# workers (parallel::mcparallel, mclapply) compute the same results as the
# parent after the parent has run multi-threaded, and the thread setting
# rejects nonsense.

# An input large enough to be split across threads: MXNet shape
# (2049, 8, 64), so 8 prelu channels of 64 elements per row.
big_dim <- c(64L, 8L, 2049L)
big_x <- local({
  set.seed(31)
  v <- stats::rnorm(prod(big_dim), sd = 4)
  v[seq(1, length(v), by = 997)] <- NA
  v[seq(2, length(v), by = 1009)] <- NaN
  v[seq(3, length(v), by = 1013)] <- -Inf
  v[seq(4, length(v), by = 1019)] <- 0
  array(v, big_dim)
})
big_gamma <- c(0.1, -0.2, 0.3, 0, 1.5, 0.25, -1, 2)

# Every entry point on the big input, in double and float32. Returns a list
# of results.
all_entry_points <- function(x) {
  xf <- mx.nd.array(x)
  dy <- x * 0.5 + 1
  dyf <- mx.nd.array(dy)
  out <- list(array = mx.nd.array(x))
  for (type in all_types) {
    g <- if (type == "prelu") big_gamma else NULL
    out[[paste("fwd", type)]] <- mx.nd.LeakyReLU(x, gamma = g, act.type = type,
                                                 slope = 0.3)
    out[[paste("fwd32", type)]] <- mx.nd.LeakyReLU(xf, gamma = g,
                                                   act.type = type, slope = 0.3)
    out[[paste("bwd", type)]] <- mx.nd.LeakyReLU.backward(
      dy, x, gamma = g, act.type = type, slope = 0.3)
    out[[paste("bwd32", type)]] <- mx.nd.LeakyReLU.backward(
      dyf, xf, gamma = g, act.type = type, slope = 0.3)
  }
  out$prelu_scalar <- mx.nd.LeakyReLU.backward(dy, x, gamma = 0.7,
                                               act.type = "prelu")
  set.seed(5)
  out$train <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  set.seed(5)
  out$train32 <- mx.nd.LeakyReLU(xf, act.type = "rrelu", is.train = TRUE)
  out$mask_bwd <- mx.nd.LeakyReLU.backward(dy, x, act.type = "rrelu",
                                           mask = attr(out$train, "mask"))
  out$mask_bwd32 <- mx.nd.LeakyReLU.backward(dyf, xf, act.type = "rrelu",
                                             mask = attr(out$train32, "mask"))
  out
}

# Names of the results that differ bit for bit.
differing <- function(a, b) {
  names(a)[!mapply(function(u, v) identical(u, v, num.eq = FALSE), a, b)]
}

test_that("results are bitwise identical for 1, 2 and 8 threads", {
  one <- withr_threads(1, all_entry_points(big_x))
  for (n in c(2, 8)) {
    other <- withr_threads(n, all_entry_points(big_x))
    expect_identical(differing(one, other), character(0),
                     info = sprintf("%d threads", n))
  }
  # the environment variable is honoured as well
  old <- Sys.getenv("MXLEAKYRELU_THREADS", NA)
  Sys.setenv(MXLEAKYRELU_THREADS = "2")
  on.exit(if (is.na(old)) Sys.unsetenv("MXLEAKYRELU_THREADS")
          else Sys.setenv(MXLEAKYRELU_THREADS = old))
  env2 <- withr_threads(NULL, list(
    gelu = mx.nd.LeakyReLU(big_x, act.type = "gelu", slope = 0.3),
    prelu = mx.nd.LeakyReLU.backward(big_x * 0.5 + 1, big_x, gamma = big_gamma,
                                     act.type = "prelu", slope = 0.3)))
  expect_identical(env2$gelu, one[["fwd gelu"]])
  expect_identical(env2$prelu, one[["bwd prelu"]])
})

test_that("forked workers give the parent's results after multi-threaded work", {
  skip_on_os("windows")
  old <- options(mxLeakyReLU.threads = 2)
  on.exit(options(old))
  work <- function() {
    list(gelu = mx.nd.LeakyReLU(big_x, act.type = "gelu"),
         elu32 = as.array(mx.nd.LeakyReLU(mx.nd.array(big_x), act.type = "elu")),
         prelu = mx.nd.LeakyReLU.backward(big_x, big_x, gamma = big_gamma,
                                          act.type = "prelu"))
  }
  parent <- work()   # the parent runs multi-threaded before forking
  # mcparallel with a deadline: a worker that deadlocks (e.g. on a thread
  # pool inherited from the parent) fails the test instead of hanging it
  jobs <- lapply(1:2, function(i) parallel::mcparallel(work()))
  results <- list()
  deadline <- Sys.time() + 120
  pending <- function() {
    Filter(function(j) !(as.character(j$pid) %in% names(results)), jobs)
  }
  while (length(pending()) && Sys.time() < deadline) {
    got <- parallel::mccollect(pending(), wait = FALSE, timeout = 1)
    if (!is.null(got)) results[names(got)] <- got
  }
  pids <- vapply(jobs, function(j) j$pid, 0L)
  hung <- setdiff(as.character(pids), names(results))
  for (p in hung) tools::pskill(as.integer(p))
  expect_identical(hung, character(0))
  for (r in results) expect_identical(r, parent)
  # and mclapply, as users call it
  res <- parallel::mclapply(1:2, function(i) work(), mc.cores = 2)
  for (r in res) expect_identical(r, parent)
  # the parent still computes the same after its children ran
  expect_identical(work(), parent)
})

test_that("the thread setting rejects nonsense with an error", {
  lr <- function() mx.nd.LeakyReLU(big_x[1:10])
  bw <- function() mx.nd.LeakyReLU.backward(1, -1)
  tr <- function() mx.nd.LeakyReLU(-1, act.type = "rrelu", is.train = TRUE)
  for (bad in list(0, -1, -0.5, NA, NA_integer_, NaN, "two", "2", TRUE,
                   list(2), 1.5, Inf, -Inf, c(1, 2), numeric(0), 1i,
                   factor(2))) {
    withr_threads(bad, {
      expect_error(mxLeakyReLU.threads(), "mxLeakyReLU.threads",
                   info = deparse(bad))
      expect_error(lr(), "mxLeakyReLU.threads", info = deparse(bad))
      expect_error(bw(), "mxLeakyReLU.threads", info = deparse(bad))
      expect_error(tr(), "mxLeakyReLU.threads", info = deparse(bad))
    })
  }
  old <- Sys.getenv("MXLEAKYRELU_THREADS", NA)
  on.exit(if (is.na(old)) Sys.unsetenv("MXLEAKYRELU_THREADS")
          else Sys.setenv(MXLEAKYRELU_THREADS = old))
  for (bad in c("0", "-2", "abc", "NaN", "NA", "Inf", "1.5", "2 threads")) {
    Sys.setenv(MXLEAKYRELU_THREADS = bad)
    withr_threads(NULL, {
      expect_error(mxLeakyReLU.threads(), "MXLEAKYRELU_THREADS", info = bad)
      expect_error(lr(), "MXLEAKYRELU_THREADS", info = bad)
    })
  }
  # sensible values work; too many are capped at the available cores
  Sys.setenv(MXLEAKYRELU_THREADS = "1")
  expect_identical(withr_threads(NULL, mxLeakyReLU.threads()), 1L)
  expect_identical(withr_threads(2L, mxLeakyReLU.threads()),
                   min(2L, parallel::detectCores()))
  n <- withr_threads(1e6, mxLeakyReLU.threads())
  expect_true(is.integer(n) && n >= 1L && n <= parallel::detectCores())
})
