# Inputs R users have (integer64, ts, extra attributes, Matrix objects),
# float32 range checks on MXNDArray data, messages, and the glue's own length
# checks for calls that bypass the R functions (through :::).

lr <- function(...) mx.nd.LeakyReLU(...)
bw <- function(...) mx.nd.LeakyReLU.backward(...)

test_that("bit64::integer64 is converted exactly up to 2^53, else refused", {
  skip_if_not_installed("bit64")
  e <- "error"
  v <- "value"
  rows <- list(
    list(id = "integer64 data", expect = v, check = "identical(.value, c(-0.5, 3))",
         call = "mx.nd.LeakyReLU(bit64::as.integer64(c(-2, 3)))"),
    list(id = "integer64 data, NA kept", expect = v,
         check = "identical(.value, c(NA, -1, 0))",
         call = "mx.nd.LeakyReLU(bit64::as.integer64(c(NA, -4, 0)))"),
    list(id = "integer64 data, 2^53 exactly", expect = v,
         check = "identical(.value, c(2^53, -2^51))",
         call = "mx.nd.LeakyReLU(bit64::as.integer64('9007199254740992') * c(1L, -1L))"),
    list(id = "integer64 data beyond 2^53", expect = e,
         pattern = "^`data` is a bit64::integer64 vector with a value beyond 2\\^53.*element 2",
         call = "mx.nd.LeakyReLU(c(bit64::as.integer64(1), bit64::as.integer64('9007199254740993')))"),
    list(id = "integer64 matrix keeps dim", expect = v,
         check = "identical(.value, matrix(c(-0.25, 2), 1))",
         call = "x <- bit64::as.integer64(c(-1, 2)); dim(x) <- c(1L, 2L); mx.nd.LeakyReLU(x)"),
    list(id = "integer64 out.grad", expect = v,
         check = "identical(.value$data, c(0.5, 2))",
         call = "mx.nd.LeakyReLU.backward(bit64::as.integer64(c(2, 2)), c(-1, 1))"),
    list(id = "integer64 out.grad beyond 2^53", expect = e,
         pattern = "^`out.grad` is a bit64::integer64",
         call = "mx.nd.LeakyReLU.backward(bit64::as.integer64('-9007199254740993'), -1)"),
    list(id = "integer64 in mx.nd.array", expect = v,
         check = "identical(.value, c(-3, 16777216))",
         call = "as.array(mx.nd.array(bit64::as.integer64(c(-3, 16777216))))"),
    list(id = "integer64 in mx.nd.array beyond 2^53", expect = e,
         pattern = "^`src.array` is a bit64::integer64",
         call = "mx.nd.array(bit64::as.integer64('9007199254740993'))"),
    list(id = "integer64 gamma", expect = v, check = "identical(.value, c(-2, -4))",
         call = "mx.nd.LeakyReLU(c(-1, -2), gamma = bit64::as.integer64(2), act.type = 'prelu')")
  )
  res <- run_rows_in_child(rows)
  bad <- res[res$status != "PASS", , drop = FALSE]
  expect_identical(nrow(bad), 0L, info = paste(sprintf("%s (%s): %s", bad$id,
    bad$status, bad$detail), collapse = "\n"))
})

# Attributes by name (their order does not matter).
sorted_attributes <- function(x) {
  a <- attributes(x)
  a[order(names(a))]
}

test_that("the result keeps the attributes x * 1 keeps (ts, extra attributes)", {
  x <- ts(c(-4, 4, -8), start = c(2000, 2), frequency = 4)
  y <- lr(x)
  expect_identical(attributes(y), attributes(x * 1))
  expect_identical(as.vector(y), c(-1, 4, -2))
  expect_true(is.ts(y))
  m <- structure(matrix(c(-4, 4), 1, dimnames = list("a", c("u", "v"))),
                 units = "cm", note = "kept")
  expect_identical(sorted_attributes(lr(m, act.type = "elu")),
                   sorted_attributes(m * 1))
  expect_identical(sorted_attributes(bw(m, m)$data), sorted_attributes(m * 1))
  # integer and logical input: converted to double, attributes kept
  i <- structure(c(-4L, 4L), names = c("p", "q"), source = "counts")
  expect_identical(lr(i), structure(c(p = -1, q = 4), source = "counts"))
  # an S3 class without arithmetic methods is kept, as by x * 1
  s <- structure(c(-4, 4), class = "myclass")
  expect_identical(lr(s), s * 0.25 + c(0, 3))
  # the training "mask" of an earlier result is not carried over
  set.seed(1)
  y1 <- lr(c(-1, 2), act.type = "rrelu", is.train = TRUE)
  expect_false(is.null(attr(y1, "mask")))
  expect_null(attr(lr(y1), "mask"))
  expect_null(attr(bw(y1, y1)$data, "mask"))
  # an MXNDArray stays a plain MXNDArray: the same slots and class, the
  # values of the formula
  y <- lr(mx.nd.array(c(-1, 1)))
  expect_identical(names(attributes(y)), names(attributes(mx.nd.array(1:2))))
  expect_identical(y, mx.nd.array(c(-0.25, 1)))
})

test_that("Matrix objects are refused with a hint to as.matrix()", {
  skip_if_not_installed("Matrix")
  for (m in list(Matrix::Matrix(c(-1, 0, 0, 2), 2),
                 Matrix::Matrix(c(-1, 0, 0, 2), 2, sparse = TRUE),
                 Matrix::sparseVector(c(-1, 2), c(1L, 3L), 4L))) {
    expect_error(lr(m), "^`data` must be a numeric or logical.*as.matrix\\(\\)",
                 class = "mxLeakyReLU_error")
    expect_error(bw(m, c(1, 2)), "^`out.grad` must.*as.matrix\\(\\)")
    expect_error(mx.nd.array(m), "^`src.array` must.*as.matrix\\(\\)")
  }
  expect_error(lr(data.frame(x = -1)), "as.matrix\\(\\)")
})

test_that("slope, the bounds and gamma have the same float32 checks", {
  xf <- mx.nd.array(matrix(-1, 2, 2))
  for (arg in c("slope", "lower.bound", "upper.bound")) {
    a <- list(xf, act.type = "rrelu")
    a[[arg]] <- if (arg == "lower.bound") -1e300 else 1e300
    expect_error(do.call(lr, a), sprintf("^`%s` must be within the float32 range", arg))
  }
  expect_error(lr(xf, gamma = c(1e300, 1), act.type = "prelu"),
               "^`gamma` must be within the float32 range .*element 1")
  expect_error(lr(xf, gamma = -3.5e38, act.type = "prelu"),
               "^`gamma` must be within the float32 range")
  expect_error(bw(xf, xf, gamma = c(1, 1e39), act.type = "prelu"),
               "^`gamma` must be within the float32 range .*element 2")
  expect_error(lr(xf, gamma = mx.nd.array(c(1e39, 1)), act.type = "prelu"),
               "^`gamma` must have finite values")
  # infinite values are refused for gamma as for slope, in both precisions
  for (x in list(xf, matrix(-1, 2, 2))) {
    expect_error(lr(x, slope = Inf), "^`slope` must be a single finite number")
    expect_error(lr(x, gamma = Inf, act.type = "prelu"),
                 "^`gamma` must have finite values \\(or NA\\), not Inf")
    expect_error(lr(x, gamma = c(1, -Inf), act.type = "prelu"),
                 "^`gamma` must have finite values .*element 2")
    expect_error(bw(x, x, gamma = c(1, -Inf), act.type = "prelu"), "gamma")
  }
  # within range and NA are fine
  y <- as.array(lr(xf, gamma = c(3e38, NA), act.type = "prelu"))
  expect_identical(y[1, ], rep(-f32(3e38), 2))
  expect_true(all(is.na(y[2, ])))
  expect_identical(lr(matrix(-1, 2, 2), gamma = c(1e300, NA), act.type = "prelu"),
                   matrix(c(-1e300, NA), 2, 2))
})

test_that("messages: NA act.type, lists", {
  expect_error(lr(-1, act.type = NA_character_), "not NA\\.$")
  expect_error(lr(-1, act.type = "NA"), "not \"NA\"\\.$")
  expect_error(lr(-1, slope = list(0.1)), "not a list of length 1\\.$")
  expect_error(lr(list(-1)), "not a list of length 1\\.$")
  expect_error(lr(-1, act.type = c("elu", NA)),
               "not a character vector of length 2\\.$")
})

test_that("the glue checks every length, whatever R hands it", {
  # the entry points read the dims from the arrays themselves; anything
  # they cannot compute with is reported as c(argument, kind, ...) and
  # never read
  fwd <- function(...) .Call(mxLeakyReLU:::C_mxlr_forward, ...)
  bwd <- function(...) .Call(mxLeakyReLU:::C_mxlr_backward, ...)
  failed <- function(r) if (is.character(r)) r[1:2] else "computed"
  x <- c(-1, 2, -3, 4)
  expect_identical(failed(bwd(c(1, 1), x, NULL, "leaky", 0.25, 0.125, 0.334,
                              NULL)), c("out.grad", "shape"))
  expect_identical(failed(bwd(rep(1, 4), x, NULL, "rrelu", 0.25, 0.125,
                              0.334, 0.5)), c("mask", "shape"))
  expect_identical(failed(bwd(matrix(1, 2, 2), x, NULL, "leaky", 0.25, 0.125,
                              0.334, NULL)), c("out.grad", "shape"))
  expect_identical(failed(bwd(rep(1, 4), x, NULL, "leaky", 0.25, 0.125,
                              0.334, c(1, 1, 1, 1))), c("mask", "ignored"))
  expect_identical(failed(fwd(matrix(x, 2), c(1, 2, 3), "prelu", 0.25, 0.125,
                              0.334, FALSE)), c("gamma", "length"))
  expect_identical(failed(bwd(matrix(x, 2), matrix(x, 2), c(1, 2, 3), "prelu",
                              0.25, 0.125, 0.334, NULL)), c("gamma", "length"))
  expect_identical(failed(fwd(x, 1, "elu", 0.25, 0.125, 0.334, FALSE)),
                   c("gamma", "ignored"))
  expect_identical(failed(fwd(x, NULL, "elu", 0.25, 0.5, 0.334, FALSE)),
                   c("lower.bound", "greater"))
  expect_identical(failed(fwd(x, NULL, "elu", 0.25, 0.125, 0.334, NA)),
                   c("is.train", "flag"))
  expect_identical(failed(fwd(x, NULL, "nope", 0.25, 0.125, 0.334, FALSE)),
                   c("act.type", "act_type"))
  expect_identical(failed(fwd("a", NULL, "leaky", 0.25, 0.125, 0.334, FALSE)),
                   c("data", "not_array"))
  expect_identical(failed(fwd(1:4, NULL, "leaky", 0.25, 0.125, 0.334, FALSE)),
                   c("data", "double"))
  # MXNDArrays whose payload does not hold what the Dim slot says
  xf <- mx.nd.array(x)
  short <- xf
  short@data <- short@data[1:12]
  expect_identical(failed(fwd(short, NULL, "leaky", 0.25, 0.125, 0.334,
                              FALSE)), c("data", "ndarray"))
  expect_identical(failed(bwd(short, xf, NULL, "leaky", 0.25, 0.125, 0.334,
                              NULL)), c("out.grad", "ndarray"))
  expect_identical(failed(bwd(xf, xf, NULL, "rrelu", 0.25, 0.125, 0.334,
                              short)), c("mask", "ndarray"))
  # mixed precisions are converted in R first, never read as the other type
  expect_identical(failed(bwd(rep(1, 4), xf, NULL, "leaky", 0.25, 0.125,
                              0.334, NULL)), c("out.grad", "to_ndarray"))
  expect_identical(failed(bwd(xf, x, NULL, "rrelu", 0.25, 0.125, 0.334,
                              rep(0.2, 4))), c("out.grad", "to_double"))
  # and the valid calls compute
  expect_identical(fwd(x, NULL, "leaky", 0.25, 0.125, 0.334, FALSE),
                   c(-0.25, 2, -0.75, 4))
  expect_identical(bwd(rep(1, 4), x, NULL, "leaky", 0.25, 0.125, 0.334,
                       NULL)$data, c(0.25, 1, 0.25, 1))
})
