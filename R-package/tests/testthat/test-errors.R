# Bad input gives an R error naming the argument; nothing crashes.

lr <- function(...) mx.nd.LeakyReLU(...)

bad_data <- list(
  character = "a", list = list(1, 2), complex = 1i, null = NULL,
  factor = factor(c("a", "b")), data.frame = data.frame(x = -1),
  fun = function(x) x, env = globalenv(), date = Sys.Date(),
  raw = as.raw(1:3), s4 = methods::getClass("numeric")
)

test_that("data must be a numeric or logical vector, matrix or array", {
  expect_error(lr(), "`data` is missing", class = "mxLeakyReLU_error")
  for (nm in names(bad_data)) {
    expect_error(lr(bad_data[[nm]]), "^`data` must be a numeric or logical",
                 class = "mxLeakyReLU_error", info = nm)
  }
  expect_error(lr(data.frame(x = -1)), "as.matrix")
})

test_that("act.type must be one of the six names", {
  for (bad in list("LEAKY", "lea", "", NA_character_, c("elu", "selu"),
                   character(0), 1, NULL, TRUE, list("elu"))) {
    expect_error(lr(-1, act.type = bad), "^`act.type` must be one of",
                 class = "mxLeakyReLU_error")
  }
})

test_that("slope and the bounds must be single finite numbers", {
  bad <- list("0.1", NA, NA_real_, NaN, Inf, -Inf, c(0.1, 0.2), numeric(0),
              NULL, TRUE, list(0.1), 1i, factor(1))
  for (arg in c("slope", "lower.bound", "upper.bound")) {
    for (value in bad) {
      args <- list(-1, act.type = "rrelu")
      args[arg] <- list(value)
      expect_error(do.call(lr, args),
                   sprintf("^`%s` must be a single finite number", arg),
                   class = "mxLeakyReLU_error")
    }
  }
  expect_identical(lr(-4, slope = 1L), -4)
})

test_that("lower.bound must not exceed upper.bound", {
  expect_error(lr(-1, act.type = "rrelu", lower.bound = 0.5, upper.bound = 0.4),
               "`lower.bound` must not be greater than `upper.bound`")
  # checked whatever the act.type, as MXNet validates every parameter
  expect_error(lr(-1, lower.bound = 0.5, upper.bound = 0.4), "lower.bound")
})

test_that("prelu needs gamma of length 1 or the channel count", {
  expect_error(lr(-1, act.type = "prelu"), "`gamma` is required")
  x <- array(-1, c(2, 3, 4))
  expect_error(lr(x, gamma = c(1, 2), act.type = "prelu"),
               "`gamma` must have length 1 or 3 \\(dim\\(data\\)\\[2\\]")
  expect_error(lr(x, gamma = numeric(0), act.type = "prelu"), "length 1 or 3")
  expect_error(lr(x, gamma = rep(1, 4), act.type = "prelu"), "not 4")
  expect_error(lr(1:5, gamma = c(1, 2), act.type = "prelu"),
               "length 1 or 5 \\(length\\(data\\)")
  expect_error(lr(matrix(-1, 2, 3), gamma = 1:3, act.type = "prelu"),
               "length 1 or 2")
  for (bad in list("a", list(1), TRUE, 1i, factor(1), function() 1)) {
    expect_error(lr(x, gamma = bad, act.type = "prelu"),
                 "^`gamma` must be a numeric vector")
  }
})

test_that("an NA in gamma propagates to the outputs it touches", {
  y <- lr(matrix(c(-1, -1, 1, 1), 2), gamma = c(NA, 2), act.type = "prelu")
  expect_identical(y, matrix(c(NA, -2, 1, 1), 2))
})

test_that("gamma for another act type is ignored with a warning", {
  expect_warning(y <- lr(c(-1, 1), gamma = 3, act.type = "elu"),
                 "`gamma` is ignored")
  expect_identical(y, lr(c(-1, 1), act.type = "elu"))
})

test_that("is.train must be TRUE or FALSE", {
  for (bad in list(NA, "yes", c(TRUE, FALSE), NULL, 1)) {
    expect_error(lr(-1, is.train = bad), "^`is.train` must be TRUE or FALSE")
  }
})

test_that("the thread setting rejects nonsense", {
  for (bad in list(0, -1, NA, "two", 1.5, c(1, 2), Inf)) {
    withr_opt <- options(mxLeakyReLU.threads = bad)
    expect_error(lr(-1), "mxLeakyReLU.threads")
    options(withr_opt)
  }
  old <- Sys.getenv("MXLEAKYRELU_THREADS")
  Sys.setenv(MXLEAKYRELU_THREADS = "zero")
  expect_error(lr(-1), "MXLEAKYRELU_THREADS")
  Sys.setenv(MXLEAKYRELU_THREADS = "1")
  expect_identical(mxLeakyReLU.threads(), 1L)
  if (nzchar(old)) Sys.setenv(MXLEAKYRELU_THREADS = old) else Sys.unsetenv("MXLEAKYRELU_THREADS")
  withr_opt <- options(mxLeakyReLU.threads = 10000)
  expect_lte(mxLeakyReLU.threads(), parallel::detectCores())
  options(withr_opt)
})
