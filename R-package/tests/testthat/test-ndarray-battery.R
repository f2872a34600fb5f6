# A battery of base-R calls on an MXNDArray: each gives the value it gives
# on as.array(x) (float32 MXNDArray results for arithmetic and indexing), or
# an error; never a warning, never another value. The values are checked
# against the same call on the plain double array as.array(x) (computed by
# R alone), not against this package's output.

x <- mx.nd.array(matrix(c(-2, 0.1, NaN, 4, 5, -0), 2))
a <- as.array(x)
hint <- "convert it with as\\.array\\(\\) first"

# Evaluates `code` with X bound to `obj`: list(value =) or list(error =),
# and the warnings seen.
outcome <- function(code, obj) {
  env <- new.env(parent = globalenv())
  env$X <- obj
  env$A <- as.array(x)
  warned <- character(0)
  res <- tryCatch(
    withCallingHandlers(list(value = eval(parse(text = code), env)),
      warning = function(w) {
        warned <<- c(warned, conditionMessage(w))
        invokeRestart("muffleWarning")
      }),
    error = function(e) list(error = conditionMessage(e)))
  res$warnings <- warned
  res
}

expect_no_warnings <- function(res, code) {
  expect(length(res$warnings) == 0L,
         sprintf("`%s` warned: %s", code, paste(res$warnings, collapse = "; ")))
}

test_that("calls that give the value they give on as.array(x)", {
  same <- c(
    "length(X)", "dim(X)", "nrow(X)", "ncol(X)", "NROW(X)", "NCOL(X)",
    "seq_along(X)", "is.na(X)", "anyNA(X)", "is.nan(X)", "is.finite(X)",
    "is.infinite(X)", "max(X)", "min(X)", "range(X)", "max(X, na.rm = TRUE)",
    "min(X, 10, na.rm = TRUE)", "range(X, -7, na.rm = TRUE)",
    "as.matrix(X)", "format(X)", "format(X, nsmall = 2)",
    "apply(X, 1, function(r) sum(r, na.rm = TRUE))", "apply(X, 2, max)",
    "nlevels(X)", "levels(X)", "names(X)",
    "dimnames(X)", "is.numeric(X)", "isTRUE(X)", "scale(X)",
    "all.equal(X, X)", "all.equal(X, X + 1)", "identical(X, X)",
    "is.unsorted(X)", "rowSums(X)", "colSums(X)", "rowMeans(X)",
    "colMeans(X)", "rowSums(X, na.rm = TRUE)", "colMeans(X, na.rm = TRUE)")
  for (code in same) {
    got <- outcome(code, x)
    want <- outcome(code, a)
    expect_no_warnings(got, code)
    expect(is.null(got$error), sprintf("`%s` failed: %s", code, got$error))
    expect(identical(got$value, want$value),
           sprintf("`%s` differs from the call on as.array(x)", code))
  }
})

test_that("indexing gives the selected values as a float32 MXNDArray", {
  cases <- c("X[2]", "X[-1]", "X[1, ]", "X[, 2]", "X[, 2, drop = FALSE]",
             "X[2:1, c(TRUE, FALSE, TRUE)]", "X[]", "X[0]", "rev.default(X)")
  for (code in cases) {
    got <- outcome(code, x)
    want <- outcome(code, a)
    expect_no_warnings(got, code)
    expect(is.mx.ndarray(got$value), sprintf("`%s` is not an MXNDArray", code))
    expect(identical(as.array(got$value), want$value),
           sprintf("`%s` differs from the call on as.array(x)", code))
  }
})

# sprintf("%s", x) errors too (through as.character()), but R 4.2's sprintf
# leaks a byte when an as.character() method signals an error, which the
# valgrind run of this file would report; it is left out here.
test_that("calls that stop with an error saying to call as.array() first", {
  refused <- c(
    "sum(X)", "prod(X)", "any(X > 0)", "all(X > 0)", "mean(X)", "median(X)",
    "quantile(X)", "summary(X)", "sd(X)", "sort(X)", "order(X)", "xtfrm(X)",
    "rev(X)", "unique(X)", "duplicated(X)", "anyDuplicated(X)",
    "diff(X)", "cumsum(X)", "cumprod(X)", "cummax(X)", "cummin(X)", "abs(X)",
    "sign(X)", "exp(X)", "expm1(X)", "log(X)", "log1p(X)", "sqrt(X)",
    "round(X)", "signif(X)", "floor(X)", "ceiling(X)", "trunc(X)", "sin(X)",
    "tanh(X)", "gamma(X)", "t(X)", "head(X)", "tail(X)", "as.numeric(X)",
    "as.double(X)", "as.integer(X)", "as.logical(X)", "as.character(X)",
    "as.complex(X)", "as.list(X)", "as.data.frame(X)", "data.frame(X)",
    "as.vector(X)", "as.vector(X, 'numeric')", "as.vector(X, 'list')",
    "as.vector(X, 'character')", "matrix(X)", "array(X, c(3, 2))",
    "outer(X, 1:2)", "X %o% 1:2", "is.element(X, 4)", "setdiff(X, 4)",
    "union(X, 1)", "intersect(X, c(4, 5))", "c(X)", "c(X, 1)",
    "rep(X, 2)", "rep_len(X, 3)", "paste(X)", "paste0('v', X)", "toString(X)",
    "sprintf('%f', X)", "sprintf('%5.2f', X)",
    "trimws(X)", "toupper(X)", "lapply(X, identity)",
    "sapply(X, identity)", "vapply(X, identity, 1)", "Map(identity, X)",
    "Reduce(`+`, X)", "X %*% X", "X %*% A", "A %*% X",
    "X %/% 2", "X ^ 2", "2 ^ X", "!X", "X & X", "X | TRUE", "ifelse(X > 0, 1, 0)",
    "table(X)", "tabulate(X)", "split(X, 1:2)", "seq(X)", "cbind(X, 1)",
    "rbind(X, X)", "jitter(X)", "zapsmall(X)",
    "findInterval(X, 1:3)", "approx(X, X)", "X[[1]]", "X$a", "X[1] <- 0",
    "X[[1]] <- 0", "X$a <- 1", "names(X) <- letters[1:6]",
    "dimnames(X) <- list(1:2, 1:3)", "length(X) <- 2", "is.na(X) <- 1",
    "as.Date(X)", "X + A", "A + X", "X + 1:2", "X + TRUE", "X + 'a'",
    "X + NULL", "X + list(1)", "X + mx.nd.array(1:6)", "X * mx.nd.array(1)")
  for (code in refused) {
    got <- outcome(code, x)
    expect_no_warnings(got, code)
    expect(!is.null(got$error), sprintf("`%s` gave a value", code))
    ok <- isTRUE(grepl(hint, got$error) || grepl("MXNDArray", got$error))
    expect(ok, sprintf("`%s`: the error does not mention MXNDArray or as.array(): %s",
                       code, got$error))
  }
})

test_that("base functions that do not dispatch stop with R's error on type S4", {
  stops <- c(
    "cat(X)", "nchar(X)", "which.max(X)", "which.min(X)", "which(X > 0)",
    "var(X)",
    "crossprod(X)", "tcrossprod(X)", "match(1, X)", "4 %in% X", "rle(X)",
    "as.raw(X)", "if (X > 0) 1", "while (X > 100) 1", "X && TRUE",
    "seq_len(X)", "1:X", "numeric(X)", "structure(X, dim = 6L)", "diag(X)",
    "cut(X, 2)", "hist(X, plot = FALSE)", "aperm(X)", "rowsum(X, 1:2)",
    "Re(X)", "Mod(X)", "choose(X, 2)", "det(X)", "rnorm(X)", "nchar(X)",
    "mean.default(X)", "sort.int(X)", "pmax(X, 0)", "bitwAnd(X, 1L)",
    "rapply(X, identity)", "max.col(X) + X", "rank(X)")
  for (code in stops) {
    got <- outcome(code, x)
    expect(!is.null(got$error), sprintf("`%s` gave a value", code))
  }
})

test_that("the examples of issue 10 give the right value or an error", {
  y <- -mx.nd.array(c(1, 2))
  expect_true(is.mx.ndarray(y))
  expect_identical(as.array(y), c(-1, -2))
  expect_identical(as.array(mx.nd.LeakyReLU(y)), c(-0.25, -0.5))
  expect_error(sum(mx.nd.array(c(1, 2))), hint)
  expect_error(as.numeric(mx.nd.array(1)), hint)
  expect_identical(as.array(mx.nd.array(1)), 1)
  expect_identical(as.array(mx.nd.array(1) + 1L), 2)
  r <- all.equal(mx.nd.array(1:4), mx.nd.array(2 * (1:4)), tolerance = 0.01)
  expect_identical(r, all.equal(as.double(1:4), 2 * (1:4), tolerance = 0.01))
  expect_false(isTRUE(r))
  expect_identical(is.na(mx.nd.array(c(NA, -0, 1))), c(TRUE, FALSE, FALSE))
  out <- capture.output(str(mx.nd.array(c(1.5, -2))))
  expect_match(out, "MXNDArray float32 \\[2\\] 1.5 -2")
  z <- mx.nd.array(c(-1, 3)) * 2
  expect_true(is.mx.ndarray(z))
  expect_identical(as.array(mx.nd.LeakyReLU(z)), c(-0.5, 6))
})

test_that("print, show, format and str show values, not bytes", {
  expect_output(print(x), "MXNDArray float32 2x3")
  expect_output(show(x), "-2\\.0")
  expect_match(capture.output(x)[1], "MXNDArray float32 2x3")  # autoprint
  out <- capture.output(str(x))
  expect_match(out, "MXNDArray float32 \\[2x3\\] -2 0\\.1 NaN 4 5")
  expect_identical(capture.output(print(x))[-1], capture.output(print(a)))
})

test_that("saveRDS/readRDS, serialize, dput/dget and copies keep the array", {
  f <- tempfile(fileext = ".rds")
  on.exit(unlink(f))
  saveRDS(x, f)
  expect_identical(readRDS(f), x)
  expect_identical(unserialize(serialize(x, NULL)), x)
  y <- dget(textConnection(paste(capture.output(dput(x)), collapse = "\n")))
  expect_identical(y, x)
  expect_identical(as.array(y), a)
  z <- x
  expect_identical(z, x)
  expect_identical(as.array(mx.nd.LeakyReLU(readRDS(f))), as.array(mx.nd.LeakyReLU(x)))
})
