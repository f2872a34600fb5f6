# Bad input: one row per case, each the call and its expected outcome (an
# error whose message names the argument, a warning, or a defined result).
# The rows run in child R processes (helper-child.R), so a crash fails the
# row that caused it and the remaining rows still run.

row <- function(id, call, expect, pattern = NULL, check = NULL) {
  list(id = id, call = call, expect = expect, pattern = pattern, check = check)
}
err <- function(id, call, arg) {
  row(id, call, "error", sprintf("^`%s` ", gsub(".", "\\.", arg, fixed = TRUE)))
}

# Objects of every wrong type, as R code.
wrong_types <- c(
  character = '"a"', list = "list(1, 2)", complex = "1i", `NULL` = "NULL",
  `function` = "function(x) x", environment = "new.env()",
  factor = 'factor("a")', data.frame = "data.frame(x = -1)",
  S4 = 'methods::getClass("numeric")'
)

lr_rows <- list()
# data: every wrong type (NULL included), and a missing data
for (nm in names(wrong_types)) {
  lr_rows[[length(lr_rows) + 1L]] <- err(
    paste("LeakyReLU data", nm),
    sprintf("mx.nd.LeakyReLU(%s)", wrong_types[[nm]]), "data")
}
# gamma (prelu): every wrong type; NULL is "required"
for (nm in names(wrong_types)) {
  lr_rows[[length(lr_rows) + 1L]] <- err(
    paste("LeakyReLU gamma", nm),
    sprintf('mx.nd.LeakyReLU(c(-1, 2), gamma = %s, act.type = "prelu")',
            wrong_types[[nm]]), "gamma")
}
# act.type, slope, lower.bound, upper.bound, is.train: every wrong type,
# length 0 and length 2, NA, NaN and infinities
scalar_bad <- c(wrong_types, len0 = "numeric(0)", len2 = "c(0.1, 0.2)",
                `NA` = "NA", NA_real = "NA_real_", `NaN` = "NaN", `Inf` = "Inf",
                minusInf = "-Inf", NA_integer = "NA_integer_")
for (arg in c("act.type", "slope", "lower.bound", "upper.bound", "is.train")) {
  for (nm in names(scalar_bad)) {
    call <- if (arg == "act.type") {
      sprintf("mx.nd.LeakyReLU(c(-1, 2), act.type = %s)", scalar_bad[[nm]])
    } else {
      sprintf('mx.nd.LeakyReLU(c(-1, 2), act.type = "rrelu", %s = %s)', arg,
              scalar_bad[[nm]])
    }
    lr_rows[[length(lr_rows) + 1L]] <- err(
      sprintf("LeakyReLU %s %s", arg, nm), call, arg)
  }
}

rows <- c(lr_rows, list(
  err("LeakyReLU data missing", "mx.nd.LeakyReLU()", "data"),
  err("LeakyReLU data Date", "mx.nd.LeakyReLU(Sys.Date())", "data"),
  err("LeakyReLU data raw", "mx.nd.LeakyReLU(as.raw(1:3))", "data"),
  err("LeakyReLU data character matrix", 'mx.nd.LeakyReLU(matrix("a", 2, 2))', "data"),
  err("LeakyReLU act.type unknown", 'mx.nd.LeakyReLU(-1, act.type = "relu")', "act.type"),
  err("LeakyReLU act.type factor elu", 'mx.nd.LeakyReLU(-1, act.type = factor("elu"))', "act.type"),
  err("LeakyReLU act.type NA_character_", 'mx.nd.LeakyReLU(-1, act.type = NA_character_)', "act.type"),
  err("LeakyReLU act.type two names", 'mx.nd.LeakyReLU(-1, act.type = c("elu", "selu"))', "act.type"),
  err("LeakyReLU slope character number", 'mx.nd.LeakyReLU(-1, slope = "0.1")', "slope"),
  err("LeakyReLU slope logical", "mx.nd.LeakyReLU(-1, slope = TRUE)", "slope"),
  err("LeakyReLU slope difftime", 'mx.nd.LeakyReLU(-1, slope = as.difftime(1, units = "secs"))', "slope"),
  err("LeakyReLU lower > upper", 'mx.nd.LeakyReLU(-1, act.type = "rrelu", lower.bound = 0.5, upper.bound = 0.4)', "lower.bound"),
  err("LeakyReLU lower > upper, other act.type", "mx.nd.LeakyReLU(-1, lower.bound = 1, upper.bound = -1)", "lower.bound"),
  row("LeakyReLU lower == upper", 'mx.nd.LeakyReLU(-4, act.type = "rrelu", lower.bound = 0.5, upper.bound = 0.5)', "value", check = "identical(.value, -2)"),
  err("LeakyReLU is.train yes", 'mx.nd.LeakyReLU(-1, is.train = "yes")', "is.train"),
  err("LeakyReLU is.train 1", "mx.nd.LeakyReLU(-1, is.train = 1)", "is.train"),
  err("LeakyReLU MXNDArray slope beyond float32", "mx.nd.LeakyReLU(mx.nd.array(-1), slope = 1e39)", "slope"),
  err("LeakyReLU MXNDArray upper.bound beyond float32", 'mx.nd.LeakyReLU(mx.nd.array(-1), act.type = "rrelu", upper.bound = 3.5e38)', "upper.bound"),
  row("LeakyReLU MXNDArray slope at float32 max", "as.array(mx.nd.LeakyReLU(mx.nd.array(-1), slope = 2^128 - 2^104))", "value", check = "identical(.value, -(2^128 - 2^104))"),
  # gamma of every wrong length, for 3-d, matrix and 1-d input
  err("prelu gamma length 0 for 3 channels", 'mx.nd.LeakyReLU(array(-1, c(2, 3, 4)), gamma = numeric(0), act.type = "prelu")', "gamma"),
  err("prelu gamma length 2 for 3 channels", 'mx.nd.LeakyReLU(array(-1, c(2, 3, 4)), gamma = c(1, 2), act.type = "prelu")', "gamma"),
  err("prelu gamma length 4 for 3 channels", 'mx.nd.LeakyReLU(array(-1, c(2, 3, 4)), gamma = 1:4 / 4, act.type = "prelu")', "gamma"),
  err("prelu gamma length 24 (all elements) for 3 channels", 'mx.nd.LeakyReLU(array(-1, c(2, 3, 4)), gamma = rep(1, 24), act.type = "prelu")', "gamma"),
  err("prelu gamma length 3 for a 2x3 matrix", 'mx.nd.LeakyReLU(matrix(-1, 2, 3), gamma = c(1, 2, 3), act.type = "prelu")', "gamma"),
  err("prelu gamma length 2 for 1-d input of 5", 'mx.nd.LeakyReLU(c(-1, -2, -3, -4, -5), gamma = c(1, 2), act.type = "prelu")', "gamma"),
  row("prelu gamma length 5 for 1-d input of 5", 'mx.nd.LeakyReLU(-(1:5), gamma = 1:5, act.type = "prelu")', "value", check = "identical(.value, -(1:5)^2 + 0)"),
  row("prelu gamma for a 1-d array", 'mx.nd.LeakyReLU(array(-(1:3), 3), gamma = c(1, 2, 3), act.type = "prelu")', "value", check = "identical(.value, array(c(-1, -4, -9), 3))"),
  row("prelu gamma with NA", 'mx.nd.LeakyReLU(matrix(c(-1, -1, 1, 1), 2), gamma = c(NA, 2), act.type = "prelu")', "value", check = "identical(.value, matrix(c(NA, -2, 1, 1), 2))"),
  row("prelu gamma an MXNDArray", 'mx.nd.LeakyReLU(c(-1, -2), gamma = mx.nd.array(c(0.5, 0.25)), act.type = "prelu")', "value", check = "identical(.value, c(-0.5, -0.5))"),
  row("prelu gamma a matrix (its dim ignored)", 'mx.nd.LeakyReLU(c(-1, -2), gamma = matrix(c(1, 2), 1), act.type = "prelu")', "value", check = "identical(.value, c(-1, -4))"),
  row("gamma for elu is ignored with a warning", 'mx.nd.LeakyReLU(-1, gamma = 2, act.type = "elu")', "warning", "`gamma` is ignored"),
  err("prelu without gamma", 'mx.nd.LeakyReLU(-1, act.type = "prelu")', "gamma"),
  # zero extents, names, dimnames, integer and logical data
  row("zero extent, every act type", 'for (t in c("leaky", "elu", "selu", "rrelu", "gelu")) stopifnot(identical(mx.nd.LeakyReLU(array(0, c(3, 0, 2)), act.type = t), array(0, c(3, 0, 2)))); TRUE', "value"),
  row("zero extent prelu, gamma of the zero channels", 'mx.nd.LeakyReLU(array(0, c(3, 0, 2)), gamma = numeric(0), act.type = "prelu")', "value", check = "identical(.value, array(0, c(3, 0, 2)))"),
  row("zero extent prelu, zero inner size", 'mx.nd.LeakyReLU(array(0, c(0, 2, 3)), gamma = c(1, 2), act.type = "prelu")', "value", check = "identical(.value, array(0, c(0, 2, 3)))"),
  row("zero extent MXNDArray", 'as.array(mx.nd.LeakyReLU(mx.nd.array(array(0, c(3, 0, 2))), act.type = "gelu"))', "value", check = "identical(.value, array(0, c(3, 0, 2)))"),
  row("zero-length vector", "mx.nd.LeakyReLU(numeric(0))", "value", check = "identical(.value, numeric(0))"),
  row("dimnames kept", 'mx.nd.LeakyReLU(matrix(c(-4, 4), 1, dimnames = list("r", c("a", "b"))))', "value", check = 'identical(.value, matrix(c(-1, 4), 1, dimnames = list("r", c("a", "b"))))'),
  row("names kept", "mx.nd.LeakyReLU(c(a = -4, b = 4))", "value", check = "identical(.value, c(a = -1, b = 4))"),
  row("integer data with NA", "mx.nd.LeakyReLU(c(-4L, NA, 8L))", "value", check = "identical(.value, c(-1, NA, 8))"),
  row("logical data with NA", 'mx.nd.LeakyReLU(c(TRUE, NA, FALSE), act.type = "elu")', "value", check = "identical(.value, c(1, NA, 0))"),
  row("S4 object extending numeric", 'methods::setClass("NumX", contains = "numeric"); mx.nd.LeakyReLU(methods::new("NumX", c(-4, 4)))', "value", check = "identical(.value, methods::new(\"NumX\", c(-1, 4)))"),

  # backward: out.grad and mask of wrong shapes or types
  err("backward out.grad missing", "mx.nd.LeakyReLU.backward(data = -1)", "out.grad"),
  err("backward data missing", "mx.nd.LeakyReLU.backward(1)", "data"),
  err("backward out.grad NULL", "mx.nd.LeakyReLU.backward(NULL, c(-1, 2))", "out.grad"),
  err("backward out.grad character", 'mx.nd.LeakyReLU.backward(c("a", "b"), c(-1, 2))', "out.grad"),
  err("backward out.grad list", "mx.nd.LeakyReLU.backward(list(1, 1), c(-1, 2))", "out.grad"),
  err("backward out.grad complex", "mx.nd.LeakyReLU.backward(c(1i, 1i), c(-1, 2))", "out.grad"),
  err("backward out.grad factor", "mx.nd.LeakyReLU.backward(factor(1:2), c(-1, 2))", "out.grad"),
  err("backward out.grad data.frame", "mx.nd.LeakyReLU.backward(data.frame(a = 1:2), c(-1, 2))", "out.grad"),
  err("backward out.grad too short", "mx.nd.LeakyReLU.backward(1, c(-1, 2))", "out.grad"),
  err("backward out.grad too long", "mx.nd.LeakyReLU.backward(c(1, 1, 1), c(-1, 2))", "out.grad"),
  err("backward out.grad transposed", "mx.nd.LeakyReLU.backward(matrix(1, 3, 2), matrix(-1, 2, 3))", "out.grad"),
  err("backward out.grad vector for a matrix", "mx.nd.LeakyReLU.backward(rep(1, 6), matrix(-1, 2, 3))", "out.grad"),
  err("backward out.grad MXNDArray of another shape", "mx.nd.LeakyReLU.backward(mx.nd.array(matrix(1, 3, 2)), mx.nd.array(matrix(-1, 2, 3)))", "out.grad"),
  err("backward data character", 'mx.nd.LeakyReLU.backward(1, "a")', "data"),
  err("backward gamma wrong length", 'mx.nd.LeakyReLU.backward(matrix(1, 2, 3), matrix(-1, 2, 3), gamma = 1:3, act.type = "prelu")', "gamma"),
  err("backward slope NA", "mx.nd.LeakyReLU.backward(1, -1, slope = NA)", "slope"),
  err("backward act.type unknown", 'mx.nd.LeakyReLU.backward(1, -1, act.type = "relu")', "act.type"),
  err("backward mask wrong length", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, 2), act.type = "rrelu", mask = 0.2)', "mask"),
  err("backward mask transposed", 'mx.nd.LeakyReLU.backward(matrix(1, 1, 2), matrix(-1, 1, 2), act.type = "rrelu", mask = matrix(0.2, 2, 1))', "mask"),
  err("backward mask character", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, 2), act.type = "rrelu", mask = c("a", "b"))', "mask"),
  err("backward mask list", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, 2), act.type = "rrelu", mask = list(0.2, 0.2))', "mask"),
  err("backward mask function", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, 2), act.type = "rrelu", mask = function() 1)', "mask"),
  row("backward mask for elu ignored with a warning", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, 2), act.type = "elu", mask = c(0.2, 0.2))', "warning", "`mask` is ignored"),
  row("backward mask with NA", 'mx.nd.LeakyReLU.backward(c(1, 1), c(-1, -2), act.type = "rrelu", mask = c(NA, 0.5))$data', "value", check = "identical(.value, c(NA, 0.5))"),
  row("backward zero extent prelu", 'mx.nd.LeakyReLU.backward(array(0, c(3, 0, 2)), array(0, c(3, 0, 2)), gamma = numeric(0), act.type = "prelu")', "value", check = "identical(.value, list(data = array(0, c(3, 0, 2)), gamma = numeric(0)))"),
  row("backward zero inner size prelu", 'mx.nd.LeakyReLU.backward(array(0, c(0, 2, 3)), array(0, c(0, 2, 3)), gamma = c(1, 2), act.type = "prelu")$gamma', "value", check = "identical(.value, c(0, 0))"),
  row("backward zero extent MXNDArray prelu", 'as.array(mx.nd.LeakyReLU.backward(mx.nd.array(array(0, c(0, 2, 3))), mx.nd.array(array(0, c(0, 2, 3))), gamma = c(1, 2), act.type = "prelu")$gamma)', "value", check = "identical(.value, c(0, 0))"),
  row("backward names kept", "mx.nd.LeakyReLU.backward(c(1, 1), c(a = -1, b = 2))$data", "value", check = "identical(.value, c(a = 0.25, b = 1))"),
  row("backward integer data with NA", "mx.nd.LeakyReLU.backward(c(1L, 1L, 1L), c(-4L, NA, 8L))$data", "value", check = "identical(.value, c(0.25, NA, 1))"),

  # MXNDArray objects damaged by hand
  err("MXNDArray payload truncated", "x <- mx.nd.array(matrix(1:6, 2)); x@data <- x@data[1:20]; mx.nd.LeakyReLU(x)", "data"),
  err("MXNDArray Dim slot edited to another count", "x <- mx.nd.array(matrix(-1, 2, 3)); x@Dim <- c(2L, 2L); mx.nd.LeakyReLU(x)", "data"),
  err("MXNDArray Dim slot with NA", "x <- mx.nd.array(matrix(-1, 2, 3)); x@Dim <- c(NA, 3L); mx.nd.LeakyReLU(x)", "data"),
  row("MXNDArray dim edited to another shape of the same size", "x <- mx.nd.array(matrix(c(-4, 4), 2, 3)); dim(x) <- c(3L, 2L); as.array(mx.nd.LeakyReLU(x))", "value", check = "identical(.value, matrix(c(-1, 4), 3, 2))"),
  err("MXNDArray dim edited to another count", "x <- mx.nd.array(matrix(-1, 2, 3)); dim(x) <- c(4L, 2L)", "value"),
  err("MXNDArray unclassed", "x <- unclass(mx.nd.array(c(-1, 2))); mx.nd.LeakyReLU(x)", "data"),
  err("class pasted onto a double vector", "mx.nd.LeakyReLU(structure(c(-1, 2), dim = 2L, class = 'MXNDArray'))", "data"),
  err("class pasted onto a plain integer vector without dim", "mx.nd.LeakyReLU(structure(1:3, class = 'MXNDArray'))", "data"),
  err("class pasted onto an integer array of float32 bit patterns", "as.array(structure(c(1065353216L, -1082130432L), dim = 2L, class = 'MXNDArray'))", "x"),
  err("MXNDArray with a second class", "x <- mx.nd.array(-1); suppressWarnings(class(x) <- c('MXNDArray', 'foo')); mx.nd.LeakyReLU(x)", "data"),
  err("damaged MXNDArray as out.grad", "x <- mx.nd.array(c(-1, 2)); g <- x; g@Dim <- 3L; mx.nd.LeakyReLU.backward(g, x)", "out.grad"),
  err("damaged MXNDArray as mask", "x <- mx.nd.array(c(-1, 2)); m <- structure(c(1, 2), class = 'MXNDArray'); mx.nd.LeakyReLU.backward(x, x, act.type = 'rrelu', mask = m)", "mask"),
  err("damaged MXNDArray as gamma", "mx.nd.LeakyReLU(-1, gamma = structure(0.5, class = 'MXNDArray'), act.type = 'prelu')", "gamma"),
  err("damaged MXNDArray in as.array", "as.array(structure(1:3, class = 'MXNDArray'))", "x"),
  err("damaged MXNDArray in print", "print(structure(1:3, class = 'MXNDArray'))", "x"),

  # mx.nd.array
  err("mx.nd.array missing", "mx.nd.array()", "src.array"),
  err("mx.nd.array character", 'mx.nd.array("a")', "src.array"),
  err("mx.nd.array list", "mx.nd.array(list(1))", "src.array"),
  err("mx.nd.array complex", "mx.nd.array(1i)", "src.array"),
  err("mx.nd.array NULL", "mx.nd.array(NULL)", "src.array"),
  err("mx.nd.array function", "mx.nd.array(sum)", "src.array"),
  err("mx.nd.array environment", "mx.nd.array(globalenv())", "src.array"),
  err("mx.nd.array factor", "mx.nd.array(factor(1:3))", "src.array"),
  err("mx.nd.array data.frame", "mx.nd.array(data.frame(a = 1))", "src.array"),
  err("mx.nd.array S4", 'mx.nd.array(methods::getClass("numeric"))', "src.array"),
  err("mx.nd.array damaged MXNDArray", "mx.nd.array(structure(1:3, class = 'MXNDArray'))", "src.array"),
  row("mx.nd.array NA, NaN, huge and tiny", "as.array(mx.nd.array(c(NA, NaN, 1e39, -1e39, 1e-50, 3)))", "value", check = "v <- as.vector(.value); identical(is.nan(v), c(TRUE, TRUE, FALSE, FALSE, FALSE, FALSE)) && identical(v[3:6], c(Inf, -Inf, 0, 3))"),
  row("mx.nd.array zero extent", "dim(mx.nd.array(array(0, c(3, 0, 2))))", "value", check = "identical(.value, c(3L, 0L, 2L))"),
  row("mx.nd.array logical and integer with NA", "as.array(mx.nd.array(c(TRUE, NA))) + as.array(mx.nd.array(c(2L, NA)))", "value", check = "identical(.value[1], 3) && is.nan(.value[2])"),
  row("mx.nd.array names dropped, length as dim", "dim(mx.nd.array(c(a = 1, b = 2)))", "value", check = "identical(.value, 2L)")
))

test_that("the bad-input table has the documented size", {
  expect_gte(length(rows), 30L)
  ids <- vapply(rows, `[[`, "", "id")
  expect_false(anyDuplicated(ids) > 0, info = ids[duplicated(ids)])
})

test_that("every bad-input row gives its expected outcome (in a child R)", {
  res <- run_rows_in_child(rows)
  for (i in seq_len(nrow(res))) {
    expect(identical(res$status[i], "PASS"),
           sprintf("row '%s' (%s): %s\n  call: %s", res$id[i], res$status[i],
                   res$detail[i], rows[[i]]$call))
  }
})

test_that("a row that kills its R process is reported by name, later rows run", {
  skip_if(rows_in_process(), "rows run in this process")
  probe <- list(
    row("before", "1 + 1", "value", check = "identical(.value, 2)"),
    row("segfault", "tools::pskill(Sys.getpid(), 11L); Sys.sleep(5)", "value"),
    row("after", "mx.nd.LeakyReLU(-4)", "value", check = "identical(.value, -1)")
  )
  res <- run_rows_in_child(probe)
  expect_identical(res$status, c("PASS", "CRASH", "PASS"))
  expect_match(res$detail[2], "exited with status")
})
