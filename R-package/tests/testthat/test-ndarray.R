# Float32 rounding through base R (writeBin with size = 4), independent of
# the package.
f32 <- function(x) readBin(writeBin(as.double(x), raw(), size = 4), "double",
                           n = length(x), size = 4)

test_that("mx.nd.array stores float32 and keeps dims", {
  x <- array(c(0.1, -2.5, 1e-40, 3e38, 1e39, NaN), c(3, 2))
  a <- mx.nd.array(x)
  expect_true(is.mx.ndarray(a))
  expect_s4_class(a, "MXNDArray")
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
  truncated <- x
  truncated@data <- x@data[1:12]
  wrong_dim <- x
  wrong_dim@Dim <- c(2L, 2L)
  pasted <- structure(c(1.5, -2), class = "MXNDArray")
  pasted_int <- structure(1:4, class = "MXNDArray")
  unclassed <- unclass(x)
  for (bad in list(truncated, wrong_dim, pasted, pasted_int)) {
    expect_error(mx.nd.LeakyReLU(bad), "`data` is not a valid MXNDArray")
    expect_error(as.array(bad), "not a valid MXNDArray")
    expect_error(bad + 1, "not a valid MXNDArray")
  }
  expect_error(mx.nd.LeakyReLU(unclassed), "`data` must be a numeric")
  expect_error(mx.nd.LeakyReLU.backward(truncated, x), "`out.grad` is not a valid")
  expect_error(mx.nd.LeakyReLU(x, gamma = truncated, act.type = "prelu"),
               "not a valid")
})

test_that("an MXNDArray is an S4 object of type S4 with a raw float32 payload", {
  x <- mx.nd.array(c(1, -2.5))
  expect_true(isS4(x))
  expect_identical(typeof(x), "S4")
  expect_true(methods::is(x, "MXNDArray"))
  # the bytes are the little-endian float32 encoding, as writeBin gives it
  expect_identical(x@data, writeBin(c(1, -2.5), raw(), size = 4, endian = "little"))
  expect_identical(x@Dim, 2L)
  # what the C code builds is what new() builds
  y <- methods::new("MXNDArray", data = x@data, Dim = 2L)
  expect_identical(x, y)
  expect_identical(as.array(y), c(1, -2.5))
})

test_that("identical() is TRUE for equal values, NaN included; -0 differs", {
  expect_true(identical(mx.nd.array(1:3), mx.nd.array(c(1, 2, 3))))
  expect_true(identical(mx.nd.array(c(NA, NaN, -NaN)), mx.nd.array(c(NaN, NaN, NaN))))
  zero <- mx.nd.array(0)
  expect_true(identical(zero / zero, mx.nd.array(NaN)))
  expect_true(identical(mx.nd.array(Inf) - mx.nd.array(Inf), mx.nd.array(NaN)))
  expect_false(identical(mx.nd.array(0), mx.nd.array(-0)))
  expect_false(identical(mx.nd.array(1:3), mx.nd.array(c(1, 2, 4))))
})

test_that("contexts: mx.cpu(), mx.gpu(), mx.ctx.default(), ctx = arguments", {
  expect_true(is.mx.context(mx.cpu()))
  expect_identical(mx.cpu()$device, "cpu")
  expect_identical(mx.cpu(1)$device_id, 1L)
  expect_identical(mx.gpu()$device_typeid, 2L)
  expect_output(print(mx.cpu()), "cpu\\(0\\)")
  expect_identical(mx.ctx.default(), mx.cpu())
  x <- mx.nd.array(c(1, 2), ctx = mx.cpu())
  expect_identical(x, mx.nd.array(c(1, 2)))
  expect_identical(mx.nd.array(c(1, 2), mx.cpu(3)), x)
  expect_error(mx.nd.array(1, ctx = mx.gpu()), "`ctx` is gpu\\(0\\).*no GPU support")
  expect_error(mx.nd.zeros(2, ctx = mx.gpu(1)), "`ctx` is gpu\\(1\\)")
  expect_error(mx.nd.array(1, ctx = "cpu"), "`ctx` must be a context")
  expect_error(mx.cpu(-1), "`dev.id` must be a whole number")
  expect_error(mx.cpu("a"), "`dev.id`")
  expect_error(mx.ctx.default(1), "`new` must be a context")
  old <- mx.ctx.default()
  on.exit(mx.ctx.default(old))
  mx.ctx.default(mx.gpu())
  expect_error(mx.nd.array(1), "no GPU support")
  expect_identical(as.array(mx.nd.array(1, ctx = mx.cpu())), 1)
})

test_that("mx.nd.zeros() and mx.nd.ones() take R-order shapes", {
  z <- mx.nd.zeros(c(2, 3))
  expect_identical(dim(z), c(2L, 3L))
  expect_identical(as.array(z), array(0, c(2, 3)))
  o <- mx.nd.ones(c(4, 1, 2), ctx = mx.cpu())
  expect_identical(as.array(o), array(1, c(4, 1, 2)))
  expect_identical(dim(mx.nd.ones(5)), 5L)
  expect_identical(length(mx.nd.zeros(c(3, 0))), 0L)
  expect_identical(as.array(mx.nd.zeros(2) - 1), c(-1, -1))
  expect_error(mx.nd.zeros(), "`shape` is missing")
  expect_error(mx.nd.zeros(-1), "`shape` must be")
  expect_error(mx.nd.ones(c(2, 1.5)), "`shape` must be")
  expect_error(mx.nd.ones("a"), "`shape` must be")
  expect_error(mx.nd.ones(c(2^31, 2^31 - 1)), "`shape`")
  expect_error(mx.nd.zeros(c(2^30, 2^30)), "`shape` describes")
})

test_that("dim<- reshapes to the same number of elements", {
  x <- mx.nd.array(1:6)
  dim(x) <- c(2, 3)
  expect_identical(dim(x), c(2L, 3L))
  expect_identical(as.array(x), array(as.double(1:6), c(2, 3)))
  dim(x) <- NULL
  expect_identical(dim(x), 6L)
  expect_error(dim(x) <- c(4, 2), "`value` must be whole numbers whose product is 6")
})
