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

# Sets environment variables for the duration of `expr` (NA unsets).
with_envvars <- function(vars, expr) {
  old <- Sys.getenv(names(vars), unset = NA, names = TRUE)
  on.exit({
    for (nm in names(old)) {
      if (is.na(old[[nm]])) Sys.unsetenv(nm)
      else do.call(Sys.setenv, as.list(old[nm]))
    }
  })
  for (nm in names(vars)) {
    if (is.na(vars[[nm]])) Sys.unsetenv(nm)
    else do.call(Sys.setenv, as.list(vars[nm]))
  }
  expr
}

# R CMD check --as-cran limits packages to 2 cores (_R_CHECK_LIMIT_CORES_);
# outside it, the testing hook lets the core run 8 threads on any machine.
cran_limit <- function() {
  v <- Sys.getenv("_R_CHECK_LIMIT_CORES_", "")
  nzchar(v) && tolower(v) != "false"
}

test_that("results are bitwise identical for 1, 2 and 8 threads", {
  # the hook: more threads than cores, so that the comparisons compare
  with_envvars(c(MXLEAKYRELU_TEST_THREAD_CAP = "8", OMP_THREAD_LIMIT = NA), {
    expected <- if (cran_limit()) 2L else 8L
    expect_identical(withr_threads(8, mxLeakyReLU.threads()), expected)
    expect_identical(withr_threads(2, mxLeakyReLU.threads()), 2L)
    one <- withr_threads(1, all_entry_points(big_x))
    for (n in c(2, 8)) {
      other <- withr_threads(n, all_entry_points(big_x))
      expect_identical(differing(one, other), character(0),
                       info = sprintf("%d threads", n))
    }
    # the environment variable is honoured as well
    env2 <- with_envvars(c(MXLEAKYRELU_THREADS = "2"), withr_threads(NULL, list(
      gelu = mx.nd.LeakyReLU(big_x, act.type = "gelu", slope = 0.3),
      prelu = mx.nd.LeakyReLU.backward(big_x * 0.5 + 1, big_x,
                                       gamma = big_gamma, act.type = "prelu",
                                       slope = 0.3))))
    expect_identical(env2$gelu, one[["fwd gelu"]])
    expect_identical(env2$prelu, one[["bwd prelu"]])
  })
})

test_that("the thread policy: setting, limits, precedence", {
  th <- function(option = NULL, env = NA, omp = NA, check = NA, cap = "8") {
    with_envvars(c(MXLEAKYRELU_THREADS = env, OMP_THREAD_LIMIT = omp,
                   `_R_CHECK_LIMIT_CORES_` = check,
                   MXLEAKYRELU_TEST_THREAD_CAP = cap),
                 withr_threads(option, mxLeakyReLU.threads()))
  }
  # default: every core the core may use (the hook's cap here)
  expect_identical(th(), 8L)
  n <- th(cap = NA)
  expect_true(n >= 1L && n <= parallel::detectCores())
  # the option first, then the environment variable
  expect_identical(th(option = 3, env = "5"), 3L)
  expect_identical(th(env = "5"), 5L)
  # the option as a string of digits, as the environment variable
  expect_identical(th(option = "3"), 3L)
  expect_identical(th(option = 3L), 3L)
  # every source is capped by OMP_THREAD_LIMIT and by R CMD check's limit
  expect_identical(th(option = 6, omp = "4"), 4L)
  expect_identical(th(env = "6", omp = "4"), 4L)
  expect_identical(th(omp = "3"), 3L)
  expect_identical(th(option = 6, check = "TRUE"), 2L)
  expect_identical(th(check = "true"), 2L)
  expect_identical(th(check = "warn"), 2L)
  expect_identical(th(option = 6, check = "false"), 6L)
  expect_identical(th(option = 6, check = "FALSE"), 6L)
  expect_identical(th(option = 1, check = "TRUE"), 1L)
  # OMP_THREAD_LIMIT values that are not a whole number >= 1 are ignored
  for (bad in c("0", "abc", "-1", "2.5", "")) {
    expect_identical(th(option = 6, omp = bad), 6L, info = bad)
  }
  # more than the cap is reduced to it; the cap hook takes 1 to 1024 only
  expect_identical(th(option = 100), 8L)
  expect_identical(th(option = 100, cap = "2000"), th(option = 100, cap = NA))
  # the option and the environment variable reject the same strings
  for (bad in c("0", "-2", "abc", "NaN", "NA", "Inf", "1.5", "2 threads",
                " 2", "2 ", "1e3", "+2", "")) {
    expect_error(th(option = bad), "options\\(mxLeakyReLU.threads\\)",
                 info = bad)
    if (nzchar(bad)) {
      expect_error(th(env = bad), "MXLEAKYRELU_THREADS", info = bad)
    }
  }
  # an empty environment variable is unset
  expect_identical(th(env = ""), 8L)
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
  for (bad in list(0, -1, -0.5, NA, NA_integer_, NaN, "two", "2.5", TRUE,
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
  expect_identical(withr_threads("2", mxLeakyReLU.threads()),
                   min(2L, parallel::detectCores()))
  expect_identical(withr_threads(NULL, mxLeakyReLU.threads()), 1L)
  expect_identical(withr_threads(2L, mxLeakyReLU.threads()),
                   min(2L, parallel::detectCores()))
  n <- withr_threads(1e6, mxLeakyReLU.threads())
  expect_true(is.integer(n) && n >= 1L && n <= parallel::detectCores())
})

test_that("?mxLeakyReLU.threads states the core's serial threshold", {
  per_thread <- mxLeakyReLU:::constants()$min_per_thread
  expect_identical(per_thread, 65536L)   # MXLR_MIN_PER_THREAD in the header
  rd <- tools::Rd_db("mxLeakyReLU")[["mxLeakyReLU.threads.Rd"]]
  skip_if(is.null(rd), "help pages not installed")
  text <- paste(capture.output(tools::Rd2txt(rd, options = list(underline_titles = FALSE))),
                collapse = " ")
  expect_match(text, format(2 * per_thread, big.mark = ","), fixed = TRUE)
  expect_match(text, format(per_thread, big.mark = ","), fixed = TRUE)
})
