# The act-type registry as R sees it, and the reference formulas of these
# tests: one for every type.

test_that("every act type of the registry has plain-R references", {
  x <- c(-3, -0.5, 0, 0.5, 3)
  for (type in all_types) {
    g <- if (type == "prelu") 0.3 else NULL
    y <- ref_forward(x, type, gamma = g)
    d <- ref_derivative(x, type, gamma = g)
    expect_length(y, length(x))
    expect_length(d, length(x))
    expect_false(anyNA(y), info = type)
    expect_equal(mx.nd.LeakyReLU(x, gamma = g, act.type = type), y,
                 tolerance = 1e-12, info = type)
  }
})

test_that("the traits R validates with come from the registry", {
  k <- mxLeakyReLU:::constants()
  expect_setequal(names(k$traits), c("slope", "gamma", "bounds", "mask"))
  for (trait in names(k$traits)) {
    expect_true(all(k$traits[[trait]] %in% k$names), info = trait)
  }
  expect_identical(k$traits$gamma, "prelu")
  expect_setequal(k$traits$slope, c("leaky", "elu"))
  expect_warning(mx.nd.LeakyReLU(1, gamma = 1, act.type = "elu"),
                 "ignored unless act.type is \"prelu\"")
})

test_that("a thread option that is not a number gets the package's message", {
  old <- options(mxLeakyReLU.threads = function() 2)
  on.exit(options(old))
  expect_error(mxLeakyReLU.threads(),
               "^options\\(mxLeakyReLU.threads\\) must be a single whole number")
  expect_error(mx.nd.LeakyReLU(-1), "options\\(mxLeakyReLU.threads\\)")
  options(mxLeakyReLU.threads = list(2))
  expect_error(mxLeakyReLU.threads(), "options\\(mxLeakyReLU.threads\\)")
})

test_that("a long string of digits is capped as a large number is", {
  old <- options(mxLeakyReLU.threads = "1234567890")
  on.exit(options(old))
  by_string <- mxLeakyReLU.threads()
  options(mxLeakyReLU.threads = 1e10)
  expect_identical(by_string, mxLeakyReLU.threads())
})

test_that("the decode entry checks the byte count itself", {
  decode <- function(bytes, dtype, n) {
    .Call(mxLeakyReLU:::C_mxlr_nd_decode, bytes, 0, dtype, n)
  }
  # 8 bytes hold 2 float32 (dtype 0) or 1 float64 (dtype 1), not 100
  expect_error(decode(as.raw(1:8), 0L, 100L), "internal error")
  expect_error(decode(as.raw(1:8), 1L, 2L), "internal error")
  expect_error(decode(as.raw(1:8), 99L, 1L), "internal error")
  expect_error(decode(1:8, 0L, 2L), "internal error")
  x <- decode(writeBin(c(1.5, -2), raw(), size = 4, endian = "little"), 0L, 2L)
  expect_identical(as.vector(as.array(x)), c(1.5, -2))
})

test_that("MXNDArray operations follow the one thread policy", {
  small <- mx.nd.array(c(-1, 2))
  big <- mx.nd.array(seq(-3, 3, length.out = 3e5))
  bad <- "options\\(mxLeakyReLU.threads\\) must be a single whole number"
  old <- options(mxLeakyReLU.threads = "two")
  on.exit(options(old))
  # a bad setting is reported whatever the size, as mx.nd.LeakyReLU() does
  for (x in list(small, big)) {
    expect_error(mx.nd.LeakyReLU(x), bad)
    expect_error(as.array(x), bad)
    expect_error(x + x, bad)
    expect_error(x * 2, bad)
    expect_error(mx.nd.array(as.vector(seq_along(x))), bad)
  }
  f <- tempfile(fileext = ".params")
  on.exit(unlink(f), add = TRUE)
  options(mxLeakyReLU.threads = 1)
  mx.nd.save(list(b = big), f)
  options(mxLeakyReLU.threads = 0)
  expect_error(mx.nd.load(f), bad)
  # results do not depend on the setting
  options(mxLeakyReLU.threads = 1)
  one <- list(as.array(big), as.array(big * 3 - big), mx.nd.load(f))
  options(mxLeakyReLU.threads = 2)
  expect_identical(list(as.array(big), as.array(big * 3 - big), mx.nd.load(f)),
                   one)
})
