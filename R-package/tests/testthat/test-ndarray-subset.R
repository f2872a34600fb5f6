# x[...] on an MXNDArray gives mx.nd.array(as.array(x)[...]): the reference
# is R's own subsetting of the double array, converted to float32 (exact,
# as the values come from float32). Errors and warnings are R's too.

# The value (or the error message) of x[...] and of the plain-R reference.
subset_both <- function(x, code) {
  run <- function(expr) {
    tryCatch(list(value = expr), error = function(e) {
      list(error = conditionMessage(e))
    }, warning = function(w) list(warning = conditionMessage(w)))
  }
  env <- new.env()
  env$X <- x
  env$A <- as.array(x)
  got <- run(eval(str2lang(sprintf(code, "X")), env))
  want <- run(mx.nd.array(eval(str2lang(sprintf(code, "A")), env)))
  list(got = got, want = want)
}

check_subsets <- function(x, codes) {
  for (code in codes) {
    r <- subset_both(x, code)
    expect(identical(r$got, r$want), sprintf(
      "%s on %s: %s, the reference %s", sprintf(code, "x"),
      paste(dim(x), collapse = "x"),
      paste(format(r$got), collapse = " "),
      paste(format(r$want), collapse = " ")))
  }
}

vals <- c(-2, 0.1, NaN, 4, 5, -0, 1 / 3, 1e30, -Inf, 7, 8, 9)

test_that("1-d MXNDArrays: every index form gives the plain-R result", {
  x <- mx.nd.array(vals)
  check_subsets(x, c(
    "%s[1]", "%s[12]", "%s[c(3, 1, 3)]", "%s[-1]", "%s[-(1:11)]",
    "%s[-(1:12)]", "%s[c(-1, -12)]", "%s[0]", "%s[c(0, 2)]", "%s[13]",
    "%s[c(1, NA)]", "%s[NA]", "%s[NA_real_]", "%s[2.9]", "%s[c(TRUE, FALSE)]",
    "%s[rep(TRUE, 14)]", "%s[logical(0)]", "%s[]", "%s[\"a\"]",
    "%s[integer(0)]", "%s[c(-1, 2)]", "%s[1, 1]", "%s[list(1)]",
    "%s[1:3, drop = FALSE]", "%s[3e9]", "%s[-3e9]", "%s[matrix(1:2, 1)]"))
})

test_that("matrices and 3-d arrays: every index form gives the plain-R result", {
  m <- mx.nd.array(matrix(vals, 3))
  check_subsets(m, c(
    "%s[2]", "%s[-1]", "%s[1, ]", "%s[, 2]", "%s[, 2, drop = FALSE]",
    "%s[2:1, c(TRUE, FALSE, TRUE, FALSE)]", "%s[]", "%s[0]", "%s[, ]",
    "%s[-1, -2]", "%s[0, ]", "%s[, 0, drop = FALSE]", "%s[4, ]",
    "%s[NA, 1]", "%s[c(1, NA), 2]", "%s[cbind(c(1, 3), c(2, 4))]",
    "%s[cbind(c(1, NA), c(2, 4))]", "%s[cbind(1, 5)]",
    "%s[matrix(c(TRUE, FALSE), 3, 4)]", "%s[A > 0]", "%s[1, 1, 1]",
    "%s[\"a\", 1]", "%s[1, drop = FALSE]", "%s[c(TRUE, FALSE), ]",
    "%s[-(1:3), ]", "%s[2, , drop = TRUE]", "%s[2, 3]"))
  a <- mx.nd.array(array(c(vals, -vals), c(2, 3, 4)))
  check_subsets(a, c(
    "%s[1, , ]", "%s[, 2, ]", "%s[, , 3]", "%s[2, 3, 4]", "%s[2, 3, 4, drop = FALSE]",
    "%s[, -1, c(1, 4)]", "%s[1, 1, ]", "%s[5]", "%s[-5]", "%s[1, ]",
    "%s[cbind(1, 2, 3)]", "%s[cbind(2, 3, 4), drop = FALSE]", "%s[, , 0]",
    "%s[1, 2:3, 4, drop = FALSE]"))
})

test_that("zero-length and 1-element MXNDArrays", {
  check_subsets(mx.nd.array(numeric(0)), c("%s[1]", "%s[0]", "%s[]", "%s[-1]"))
  check_subsets(mx.nd.zeros(c(0, 3)), c("%s[1]", "%s[, 2]", "%s[]", "%s[0, ]"))
  check_subsets(mx.nd.array(matrix(-0, 1, 1)),
                c("%s[1]", "%s[1, 1]", "%s[1, 1, drop = FALSE]", "%s[2]"))
})

test_that("the result is an intact MXNDArray of the base class", {
  y <- mx.nd.array(matrix(vals, 3))[2:3, ]
  expect_true(is.mx.ndarray(y))
  expect_identical(class(y), class(mx.nd.array(1)))
  expect_identical(as.array(mx.nd.LeakyReLU(y)),
                   as.array(mx.nd.LeakyReLU(mx.nd.array(matrix(vals, 3)[2:3, ]))))
  expect_error(structure(1:3, class = "MXNDArray")[1], "not a valid MXNDArray")
})

test_that("indexing a large MXNDArray does not convert the whole array", {
  n <- 2^25
  x <- mx.nd.zeros(n)
  gc()
  before <- gc(reset = TRUE)[, 6]
  y <- x[c(1, n)]
  after <- gc()[, 6]
  expect_identical(as.array(y), c(0, 0))
  # the whole array as doubles would be 256 MB; allow 16 MB of headroom
  expect_lt(sum(after - before) * 1, 16)
  m <- mx.nd.ones(c(2^12, 2^13))
  gc(reset = TRUE)
  before <- gc()[, 6]
  y <- m[2, 3:4]
  after <- gc()[, 6]
  expect_identical(as.array(y), c(1, 1))
  expect_lt(sum(after - before), 16)
})
