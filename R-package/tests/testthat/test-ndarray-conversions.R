# Conversions of MXNDArray objects to R values, compared with what MXNet-R
# returned: its as.array() built the result as an Rcpp NumericVector from
# the dims, which sets `dim` only for two or more dimensions, so a 1-d
# NDArray gave a plain numeric vector. The references below are plain R.

test_that("as.array() of a 1-d MXNDArray is a plain vector, as in MXNet-R", {
  v <- c(1.5, -2, 0.25, -0)
  got <- as.array(mx.nd.array(v))
  expect_identical(got, v)
  expect_null(dim(got))
  expect_null(attributes(got))
  # a 1-d R array gives a 1-d MXNDArray, hence a plain vector back
  expect_identical(as.array(mx.nd.array(array(v, 4))), v)
  expect_identical(as.array(mx.nd.array(7L)), 7)
  expect_identical(as.array(mx.nd.ones(3)), c(1, 1, 1))
  expect_identical(as.array(-mx.nd.array(c(1, 2))), c(-1, -2))
  expect_identical(as.array(mx.nd.array(c(1, 2)) > 1), c(0, 1))
  expect_identical(dim(mx.nd.array(v)), 4L)
})

test_that("as.array() of an n-d MXNDArray keeps its dims", {
  m <- matrix(c(-1, 2, 0.5, 4, -8, 16), 2)
  expect_identical(as.array(mx.nd.array(m)), m)
  a <- array(as.double(1:24) / 4, c(2, 3, 4))
  expect_identical(as.array(mx.nd.array(a)), a)
  one <- array(3, c(1, 1))
  expect_identical(as.array(mx.nd.array(one)), one)
  expect_identical(as.array(mx.nd.ones(c(4, 1, 2))), array(1, c(4, 1, 2)))
})

test_that("zero-length MXNDArrays convert as MXNet-R's dims rule says", {
  expect_identical(as.array(mx.nd.array(numeric(0))), numeric(0))
  expect_identical(as.array(mx.nd.zeros(0)), numeric(0))
  expect_identical(as.array(mx.nd.zeros(c(3, 0))), matrix(0, 3, 0))
  expect_identical(as.array(mx.nd.zeros(c(0, 2, 1))),
                   array(numeric(0), c(0, 2, 1)))
})

test_that("what goes through as.array() follows the plain vector", {
  v <- c(1.5, -2, 3)
  x <- mx.nd.array(v)
  out <- capture.output(print(x))
  expect_identical(out[-1], capture.output(print(v)))
  expect_identical(as.matrix(x), as.matrix(v))
  expect_identical(format(x), format(v))
  expect_identical(is.na(mx.nd.array(c(NA, 1))), c(TRUE, FALSE))
  expect_true(isTRUE(all.equal(x, v)))
  expect_identical(scale(x), scale(v))
  expect_error(as.vector(x), "convert it with as\\.array\\(\\) first")
  expect_identical(as.vector(as.array(x)), v)
  # an MXNDArray gamma for plain data, and an MXNDArray out.grad for plain
  # data: the results are plain vectors like the data
  y <- mx.nd.LeakyReLU(c(-2, 4), gamma = mx.nd.array(0.5), act.type = "prelu")
  expect_identical(y, c(-1, 4))
  g <- mx.nd.LeakyReLU.backward(mx.nd.array(c(1, 1)), c(-2, 4))
  expect_identical(g$data, c(0.25, 1))
  # the gamma gradient of MXNDArray data is a 1-d MXNDArray
  g <- mx.nd.LeakyReLU.backward(mx.nd.ones(c(2, 2)),
                                mx.nd.array(matrix(c(-1, -2, 3, -4), 2)),
                                gamma = c(0.1, 0.2), act.type = "prelu")
  expect_identical(as.array(g$gamma), c(-1, -6))
})

test_that("as.matrix() takes one or two dimensions; more is an error", {
  m <- matrix(c(-1, 2, 0.5, 4, -8, 16), 2)
  expect_identical(as.matrix(mx.nd.array(m)), m)
  # a 1-d array: a column, as as.matrix() of an R vector gives
  expect_identical(as.matrix(mx.nd.array(c(1, 2))), as.matrix(c(1, 2)))
  expect_identical(as.matrix(mx.nd.zeros(c(0, 3))), matrix(0, 0, 3))
  # MXNet-R stopped for any other number of dimensions; R's as.matrix()
  # would flatten a 3-d array into one column
  x <- mx.nd.array(array(1:8, c(2, 2, 2)))
  e <- tryCatch(as.matrix(x), error = function(e) e)
  expect_s3_class(e, "mxLeakyReLU_error")
  expect_match(conditionMessage(e), "^`x` has 3 dimensions \\(2x2x2\\)")
  expect_match(conditionMessage(e), "as.array()", fixed = TRUE)
  expect_error(as.matrix(mx.nd.zeros(c(1, 1, 1, 1))), "4 dimensions")
  # the suggested ways work
  dim(x) <- c(2, 4)
  expect_identical(as.matrix(x), matrix(as.double(1:8), 2))
})

test_that("print() shows a header line, then what print() shows for as.array()", {
  m <- matrix(c(-1, 2, 0.5, 4), 2)
  out <- capture.output(print(mx.nd.array(m)))
  expect_identical(out[1], "<MXNDArray float32 2x2>")
  expect_identical(out[-1], capture.output(print(m)))
  out <- capture.output(print(mx.nd.array(c(0.5, 2))))
  expect_identical(out, c("<MXNDArray float32 2>", "[1] 0.5 2.0"))
})
