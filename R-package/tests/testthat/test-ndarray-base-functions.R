# Base functions that do not dispatch on an MXNDArray by themselves: each
# gives the value it gives on as.array(x) (plain R, the reference) or an
# error naming the function and saying to call as.array() first.

m <- matrix(c(-2, 0.5, NaN, 4, 1, -0), 2)
x <- mx.nd.array(m)
hint <- "convert it with as\\.array\\(\\) first"

test_that("rowSums(), colSums(), rowMeans(), colMeans() work as on as.array()", {
  expect_identical(rowSums(x), rowSums(m))
  expect_identical(colSums(x), colSums(m))
  expect_identical(rowMeans(x, na.rm = TRUE), rowMeans(m, na.rm = TRUE))
  expect_identical(colMeans(x), colMeans(m))
  ok <- matrix(c(1, 2, 3, 4, 5, 6), 2)
  expect_identical(rowSums(mx.nd.array(ok)), c(9, 12))
  expect_identical(colMeans(mx.nd.array(ok)), c(1.5, 3.5, 5.5))
  a <- array(as.double(1:24), 2:4)
  expect_identical(rowSums(mx.nd.array(a), dims = 2), rowSums(a, dims = 2))
  expect_identical(colMeans(mx.nd.array(a), dims = 2), colMeans(a, dims = 2))
  # a 1-d MXNDArray is a vector for them, as as.array() says
  expect_error(rowSums(mx.nd.array(1:3)), "at least two dimensions")
  # plain R objects are unaffected
  expect_identical(rowSums(ok), c(9, 12))
  expect_identical(colSums(data.frame(a = 1:2, b = 3:4)), c(a = 3, b = 7))
})

test_that("pmax(), pmin() and rank() stop naming themselves", {
  for (code in c("pmax(x, 0)", "pmin(x, 0)", "pmax(0, x)", "pmin(x, x)",
                 "rank(x)")) {
    e <- tryCatch(eval(str2lang(code)), error = function(e) e)
    fn <- sub("\\(.*", "", code)
    expect_s3_class(e, "mxLeakyReLU_error")
    expect_match(conditionMessage(e), sprintf("^%s\\(\\) is not available", fn))
    expect_match(conditionMessage(e), hint)
    expect_identical(conditionCall(e), str2lang(code))
  }
  # and the suggested conversion works
  expect_identical(pmax(as.array(x), 0), pmax(m, 0))
  expect_identical(rank(as.array(x)), rank(m))
})

test_that("neighbours give the value on as.array() or a clear error", {
  # values
  expect_identical(range(x, na.rm = TRUE), range(m, na.rm = TRUE))
  expect_identical(isTRUE(x > 0), FALSE)
  expect_identical(dim(apply(x, 2, max)), dim(apply(m, 2, max)))
  expect_identical(apply(x, 1, function(r) sum(r, na.rm = TRUE)),
                   apply(m, 1, function(r) sum(r, na.rm = TRUE)))
  # errors that say to call as.array() first
  for (code in c("order(x)", "sort(x)", "all(x > 0)", "any(x > 0)",
                 "ifelse(x > 0, 1, 0)", "sapply(x, identity)", "mean(x)",
                 "quantile(x)", "rank(x)")) {
    expect_error(eval(str2lang(code)), hint, info = code)
  }
  # which() refuses the 0/1 MXNDArray comparisons give, as R refuses 0/1
  # numbers
  expect_error(which(x > 0), "not logical")
})
