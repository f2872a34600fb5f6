# Float32 rounding through base R (writeBin with size = 4), independent of
# the package.
f32 <- function(x) readBin(writeBin(as.double(x), raw(), size = 4), "double",
                           n = length(x), size = 4)

test_that("mx.nd.array stores float32 and keeps dims", {
  x <- array(c(0.1, -2.5, 1e-40, 3e38, 1e39, NaN), c(3, 2))
  a <- mx.nd.array(x)
  expect_true(is.mx.ndarray(a))
  expect_s3_class(a, "MXNDArray")
  expect_identical(dim(a), c(3L, 2L))
  expect_identical(length(a), 6L)
  expect_identical(as.array(a), array(f32(x), c(3, 2)))
  expect_identical(dim(mx.nd.array(1:5)), 5L)
  expect_false(is.mx.ndarray(x))
  expect_output(print(a), "MXNDArray float32 3x2")
})

test_that("the MXNet-R snippet runs and gives float32 results", {
  a <- matrix(c(-2, -1, 0.3, 2), 2)
  x <- mx.nd.array(a)
  y <- mx.nd.LeakyReLU(x, act.type = "elu")
  expect_true(is.mx.ndarray(y))
  expect_equal(as.vector(as.array(y)), ref_forward(f32(a), "elu"), tolerance = 1e-7)
  # leaky in float32 is a float32 multiply: exact
  y <- as.array(mx.nd.LeakyReLU(mx.nd.array(a), slope = 0.1))
  expect_identical(as.vector(y), ifelse(f32(a) > 0, f32(a), f32(f32(a) * f32(0.1))))
  # rrelu: the mean slope is computed in float32
  s <- f32((f32(0.125) + f32(0.334)) / 2)
  y <- as.array(mx.nd.LeakyReLU(mx.nd.array(a), act.type = "rrelu"))
  expect_identical(as.vector(y), ifelse(f32(a) > 0, f32(a), f32(f32(a) * s)))
})

test_that("MXNDArray data mixes with numeric gamma and out.grad", {
  a <- array(c(-1, -2, 3, -4), c(1, 2, 2))
  x <- mx.nd.array(a)
  y <- mx.nd.LeakyReLU(x, gamma = c(0.5, 0.25), act.type = "prelu")
  # channels: R's second-to-last dim; elements 1, 3 in channel 1, 2, 4 in 2
  expect_identical(as.vector(as.array(y)), c(-0.5, -0.5, 3, -1))
  g <- mx.nd.LeakyReLU(x, gamma = mx.nd.array(c(0.5, 0.25)), act.type = "prelu")
  expect_identical(as.array(g), as.array(y))
  r <- mx.nd.LeakyReLU.backward(array(1, dim(a)), x, gamma = c(0.5, 0.25),
                                act.type = "prelu")
  expect_true(is.mx.ndarray(r$data))
  expect_true(is.mx.ndarray(r$gamma))
  expect_identical(as.vector(as.array(r$gamma)), c(-1, -6))
  # numeric data with an MXNDArray out.grad computes in double
  r <- mx.nd.LeakyReLU.backward(mx.nd.array(a), a)
  expect_false(is.mx.ndarray(r$data))
})

test_that("rrelu training on MXNDArray returns an MXNDArray mask", {
  set.seed(2)
  y <- mx.nd.LeakyReLU(mx.nd.array(rep(-1, 100)), act.type = "rrelu",
                       is.train = TRUE)
  m <- attr(y, "mask")
  expect_true(is.mx.ndarray(m))
  expect_true(all(as.array(m) >= f32(0.125) & as.array(m) < f32(0.334)))
  expect_identical(as.array(y), -as.array(m))
})

test_that("an MXNDArray survives saveRDS/readRDS and copying", {
  x <- mx.nd.array(matrix(c(-1.5, 2), 1))
  f <- tempfile(fileext = ".rds")
  on.exit(unlink(f))
  saveRDS(x, f)
  y <- readRDS(f)
  expect_identical(y, x)
  z <- y
  expect_identical(as.array(mx.nd.LeakyReLU(z)), as.array(mx.nd.LeakyReLU(x)))
})

test_that("damaged MXNDArray objects give errors, not crashes", {
  x <- mx.nd.array(1:6)
  truncated <- structure(as.vector(unclass(x))[1:3], class = "MXNDArray")
  pasted <- structure(c(1.5, -2), class = "MXNDArray")
  pasted_int <- structure(1:4, class = "MXNDArray")
  two_classes <- structure(unclass(x), class = c("MXNDArray", "foo"))
  for (bad in list(truncated, pasted, pasted_int, two_classes)) {
    expect_error(mx.nd.LeakyReLU(bad), "`data` is not a valid MXNDArray")
    expect_error(as.array(bad), "not a valid MXNDArray")
  }
  expect_error(mx.nd.LeakyReLU.backward(truncated, x), "`out.grad` is not a valid")
  expect_error(mx.nd.LeakyReLU(x, gamma = truncated, act.type = "prelu"),
               "not a valid")
})
