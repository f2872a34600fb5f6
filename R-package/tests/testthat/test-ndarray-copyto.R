# mx.nd.copyto() and ctx(), as in MXNet-R's NDArray API (R-package/R/
# ndarray.R of MXNet 1.9): on the CPU, the copy has the values and dims of
# the source, and every array's context is cpu(0).

test_that("mx.nd.copyto() copies to the CPU", {
  m <- matrix(c(-1.5, 2, 0.1, NaN), 2)
  x <- mx.nd.array(m)
  y <- mx.nd.copyto(x, mx.cpu())
  expect_true(is.mx.ndarray(y))
  expect_identical(as.array(y), as.array(mx.nd.array(m)))
  expect_identical(dim(y), c(2L, 2L))
  expect_identical(mx.nd.copyto(x, ctx = mx.cpu(0)), y)
  # a value: a later computation on x leaves y as it was
  x <- x + 1
  expect_identical(as.array(y), as.array(mx.nd.array(m)))
})

test_that("mx.nd.copyto() refuses what it cannot do, naming the argument", {
  x <- mx.nd.array(1:3)
  expect_error(mx.nd.copyto(x, mx.gpu()), "^`ctx` is gpu\\(0\\).*no GPU")
  expect_error(mx.nd.copyto(x), "^`ctx` is missing")
  expect_error(mx.nd.copyto(x, NULL), "^`ctx` must be a context")
  expect_error(mx.nd.copyto(x, "cpu"), "^`ctx` must be a context")
  expect_error(mx.nd.copyto(1:3, mx.cpu()), "^`src` must be an MXNDArray")
  expect_error(mx.nd.copyto(ctx = mx.cpu()), "^`src` is missing")
})

test_that("ctx() gives the device of an MXNDArray", {
  x <- mx.nd.array(1:3, ctx = mx.cpu())
  expect_true(is.mx.context(ctx(x)))
  expect_identical(ctx(x), mx.cpu())
  expect_output(print(ctx(x)), "cpu\\(0\\)")
  expect_identical(ctx(mx.nd.zeros(c(2, 2))), mx.cpu(0))
  expect_error(ctx(1:3), "^`x` must be an MXNDArray")
  expect_error(ctx(), "^`x` is missing")
})
