# MXNDArray arguments take the same one-call path as plain double arrays
# when they are intact. Passing an argument in MXNet's spelling (act_type)
# sends a call through the R function's handling of `...` first, so each
# result of the direct call is compared with that route's result for the
# same arguments.

fast_and_checked <- function(f, ..., act) {
  set.seed(11)
  fast <- f(..., act.type = act)
  set.seed(11)
  checked <- f(..., act_type = act)
  list(fast = fast, checked = checked)
}

test_that("MXNDArray forward calls give what the checked path gives", {
  set.seed(1)
  x <- matrix(rnorm(24), 4)
  xf <- mx.nd.array(x)
  g <- c(0.1, -0.2, 0.3, 0.4)
  for (act in c("leaky", "elu", "selu", "gelu", "gelu_tanh", "rrelu")) {
    r <- fast_and_checked(mx.nd.LeakyReLU, xf, act = act)
    expect_identical(r$fast, r$checked)
    expect_true(is.mx.ndarray(r$fast))
    expect_identical(dim(r$fast), dim(x))
  }
  r <- fast_and_checked(mx.nd.LeakyReLU, xf, gamma = g, act = "prelu")
  expect_identical(r$fast, r$checked)
  # against the plain-R formula, in float32
  xr <- as.array(xf)
  expect_equal(as.array(r$fast), ifelse(xr > 0, xr, g * xr), tolerance = 1e-6)
  r <- fast_and_checked(mx.nd.LeakyReLU, xf, is.train = TRUE, act = "rrelu")
  expect_identical(r$fast, r$checked)
  mask <- as.array(attr(r$fast, "mask"))
  expect_true(all(mask >= 0.125 & mask <= 0.334))
})

test_that("MXNDArray backward calls give what the checked path gives", {
  set.seed(2)
  x <- array(rnorm(60), c(5, 4, 3))
  xf <- mx.nd.array(x)
  dyf <- mx.nd.array(array(rnorm(60), c(5, 4, 3)))
  g <- c(0.1, 0.2, 0.3, 0.4)
  for (act in c("leaky", "elu", "selu", "gelu", "rrelu")) {
    r <- fast_and_checked(mx.nd.LeakyReLU.backward, dyf, xf, act = act)
    expect_identical(r$fast, r$checked)
    expect_null(r$fast$gamma)
  }
  r <- fast_and_checked(mx.nd.LeakyReLU.backward, dyf, xf, gamma = g, act = "prelu")
  expect_identical(r$fast, r$checked)
  expect_true(is.mx.ndarray(r$fast$gamma))
  expect_identical(dim(r$fast$gamma), 4L)
  # the gamma gradient is the per-channel sum of out.grad * pmin(x, 0)
  xr <- as.array(xf)
  dyr <- as.array(dyf)
  expect_equal(as.vector(as.array(r$fast$gamma)),
               as.vector(apply(dyr * pmin(xr, 0), 2, sum)), tolerance = 1e-5)
  set.seed(3)
  mask <- attr(mx.nd.LeakyReLU(xf, act.type = "rrelu", is.train = TRUE), "mask")
  r <- fast_and_checked(mx.nd.LeakyReLU.backward, dyf, xf, mask = mask, act = "rrelu")
  expect_identical(r$fast, r$checked)
  expect_equal(as.array(r$fast$data),
               as.array(dyf) * ifelse(xr > 0, 1, as.array(mask)), tolerance = 1e-6)
})

test_that("an MXNDArray whose Dim slot is double takes the same path", {
  x <- mx.nd.array(matrix(c(-2, -1, 0.5, 3, -0.25, 1), 2))
  xd <- x
  xd@Dim <- as.double(x@Dim)
  expect_identical(as.array(mx.nd.LeakyReLU(xd)), as.array(mx.nd.LeakyReLU(x)))
  expect_identical(as.array(mx.nd.LeakyReLU.backward(x, xd)$data),
                   as.array(mx.nd.LeakyReLU.backward(x, x)$data))
})

test_that("damaged or mismatched arrays still get the checked path's errors", {
  x <- mx.nd.array(matrix(1:6, 2))
  truncated <- x
  truncated@data <- x@data[1:12]
  expect_error(mx.nd.LeakyReLU(truncated), "`data` is not a valid MXNDArray")
  expect_error(mx.nd.LeakyReLU.backward(x, truncated), "`data` is not a valid MXNDArray")
  expect_error(mx.nd.LeakyReLU.backward(truncated, x), "`out.grad` is not a valid MXNDArray")
  expect_error(mx.nd.LeakyReLU.backward(x, x, act.type = "rrelu", mask = truncated),
               "`mask` is not a valid MXNDArray")
  expect_error(mx.nd.LeakyReLU.backward(mx.nd.array(1:6), x),
               "`out.grad` must have the shape of `data` \\(2 x 3\\), not 6")
  expect_error(mx.nd.LeakyReLU.backward(x, x, act.type = "rrelu",
                                        mask = mx.nd.array(matrix(1:6, 3))),
               "`mask` must have the shape of `data` \\(2 x 3\\), not 3 x 2")
  expect_warning(mx.nd.LeakyReLU.backward(x, x, mask = x), "`mask` is ignored")
  expect_warning(mx.nd.LeakyReLU(x, gamma = 0.5), "gamma")
  expect_error(mx.nd.LeakyReLU(x, slope = 1e39), "slope")
  expect_error(mx.nd.LeakyReLU(x, gamma = c(1, 1e39), act.type = "prelu"), "gamma")
})

test_that("mixed double and MXNDArray arguments give what they gave before", {
  x <- matrix(c(-2, -1, 0.5, 3, -0.25, 1), 2)
  xf <- mx.nd.array(x)
  # out.grad is converted to the type of data
  r <- mx.nd.LeakyReLU.backward(x * 0 + 1, xf)
  expect_true(is.mx.ndarray(r$data))
  expect_equal(as.array(r$data), ifelse(x > 0, 1, 0.25))
  r <- mx.nd.LeakyReLU.backward(mx.nd.array(x * 0 + 1), x)
  expect_false(is.mx.ndarray(r$data))
  expect_equal(r$data, ifelse(x > 0, 1, 0.25))
})
