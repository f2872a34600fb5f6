# Mistakes made when porting MXNet code: each gives an error that names the
# argument and the user's call, never a silently different computation.

lr <- mx.nd.LeakyReLU
bw <- mx.nd.LeakyReLU.backward

# The condition signalled by `expr` (NULL when none).
condition_of <- function(expr) {
  tryCatch(withCallingHandlers(expr, warning = function(w) {
    stop(paste("warning:", conditionMessage(w)))
  }), error = function(e) e)
}

test_that("an act type in gamma's position is an error naming act.type", {
  x <- c(-2, 1)
  for (type in c("elu", "leaky", "selu", "gelu", "gelu_erf", "rrelu")) {
    e <- condition_of(lr(x, type))
    expect_s3_class(e, "error")
    expect_match(conditionMessage(e), "^`gamma` must be a numeric vector")
    expect_match(conditionMessage(e),
                 sprintf("act.type = \"%s\"", type), fixed = TRUE)
    e <- condition_of(bw(c(1, 1), x, type))
    expect_match(conditionMessage(e),
                 sprintf("act.type = \"%s\"", type), fixed = TRUE)
    e <- condition_of(lr(mx.nd.array(x), type))
    expect_match(conditionMessage(e),
                 sprintf("act.type = \"%s\"", type), fixed = TRUE)
  }
  # the call reported is the user's
  e <- condition_of(lr(x, "elu"))
  expect_identical(conditionCall(e), quote(lr(x, "elu")))
  # also when act.type is given and takes gamma
  e <- condition_of(lr(x, "elu", act.type = "prelu"))
  expect_match(conditionMessage(e), "act.type = \"elu\"", fixed = TRUE)
})

test_that("other strings in gamma are a type error naming gamma", {
  for (g in list("0.25", c("elu", "selu"), NA_character_, character(0))) {
    e <- condition_of(lr(c(-2, 1), g))
    expect_s3_class(e, "error")
    expect_match(conditionMessage(e),
                 "^`gamma` must be a numeric vector, not a character vector")
    expect_false(grepl("act.type =", conditionMessage(e), fixed = TRUE))
    e <- condition_of(lr(c(-2, 1), g, act.type = "prelu"))
    expect_match(conditionMessage(e), "^`gamma` must be a numeric vector")
  }
})

test_that("out = (MXNet-R's output argument) says to use the returned value", {
  x <- mx.nd.array(c(-1, 2))
  y <- mx.nd.zeros(2)
  e <- condition_of(lr(x, act.type = "elu", out = y))
  expect_s3_class(e, "mxLeakyReLU_error")
  expect_match(conditionMessage(e), "^`out` is not supported")
  expect_match(conditionMessage(e), "values")
  expect_match(conditionMessage(e), "y <- mx.nd.LeakyReLU(x, ...)",
               fixed = TRUE)
  expect_identical(conditionCall(e),
                   quote(lr(x, act.type = "elu", out = y)))
  # in the backward function `out =` is R's partial match of `out.grad`;
  # when out.grad is given too, it is the same error
  e <- condition_of(bw(out.grad = x, x, out = y))
  expect_match(conditionMessage(e), "^`out` is not supported")
  expect_match(conditionMessage(e), "g <- mx.nd.LeakyReLU.backward(",
               fixed = TRUE)
  expect_identical(conditionCall(e), quote(bw(out.grad = x, x, out = y)))
  # y is untouched
  expect_identical(as.array(y), c(0, 0))
  # also for plain data and with other arguments around it
  e <- condition_of(lr(c(-1, 2), out = NULL, act_type = "elu"))
  expect_match(conditionMessage(e), "^`out` is not supported")
})

test_that("errors in MXNet's spellings report the user's call", {
  x <- c(-1, 2)
  spellings <- c("act_type", "lower_bound", "upper_bound")
  for (nm in spellings) {
    # an argument whose evaluation fails: R's error, with the user's call,
    # as for the dotted arguments
    call <- str2lang(sprintf('lr(x, %s = stop("boom"))', nm))
    e <- condition_of(eval(call))
    expect_identical(conditionMessage(e), "boom")
    expect_identical(conditionCall(e), call)
    call <- str2lang(sprintf('bw(x, x, %s = stop("boom"))', nm))
    e <- condition_of(eval(call))
    expect_identical(conditionMessage(e), "boom")
    expect_identical(conditionCall(e), call)
    # an empty argument: an error naming it
    call <- str2lang(sprintf("lr(x, %s = )", nm))
    e <- condition_of(eval(call))
    expect_match(conditionMessage(e), sprintf("^`%s` has no value", nm))
    expect_identical(conditionCall(e), call)
    call <- str2lang(sprintf("bw(x, x, %s = )", nm))
    e <- condition_of(eval(call))
    expect_match(conditionMessage(e), sprintf("^`%s` has no value", nm))
    expect_identical(conditionCall(e), call)
    # an invalid value
    call <- str2lang(sprintf("lr(x, %s = list())", nm))
    e <- condition_of(eval(call))
    expect_identical(conditionCall(e), call)
  }
  # the reference: what a dotted argument reports
  e <- condition_of(lr(x, slope = stop("boom")))
  expect_identical(conditionCall(e), quote(lr(x, slope = stop("boom"))))
  # the spellings still work
  expect_identical(lr(x, act_type = "elu", lower_bound = 0.1),
                   lr(x, act.type = "elu"))
  expect_identical(lr(x, act_type = "rrelu", lower_bound = 0.1,
                      upper_bound = 0.3), c(-0.2, 2))
})

test_that("messages describe objects with the right article", {
  msg <- function(expr) conditionMessage(condition_of(expr))
  expect_match(msg(lr(1, slope = 1:2)),
               "not an integer vector of length 2", fixed = TRUE)
  expect_match(msg(lr(1, slope = expression(1))),
               "not an expression vector of length 1", fixed = TRUE)
  expect_match(msg(lr(1, slope = c(TRUE, FALSE))),
               "not a logical vector of length 2", fixed = TRUE)
  expect_match(msg(lr(1, slope = "a")),
               "not a character vector of length 1", fixed = TRUE)
  expect_match(msg(lr(1, slope = as.raw(1))),
               "not a raw vector of length 1", fixed = TRUE)
  expect_match(msg(lr(1, slope = list())), "not a list of length 0",
               fixed = TRUE)
  expect_match(msg(lr(1, slope = new.env())), "not an environment",
               fixed = TRUE)
  expect_false(grepl("\\ba [aeiou]", msg(lr(1, slope = 1:2))))
})

test_that("NA in gamma gives NA where the slope is used, as documented", {
  x <- c(-2, 3, 0)
  # the reference: MXNet's prelu, x for x > 0, else gamma * x (for a
  # matrix, gamma[i] for row i, the channel dimension)
  ref <- function(x, g) {
    if (is.matrix(x)) g <- g[row(x)]
    ifelse(x > 0, x, g * x)
  }
  for (g in list(NA, NA_real_, NA_integer_)) {
    expect_identical(lr(x, gamma = g, act.type = "prelu"), ref(x, NA_real_))
  }
  m <- matrix(c(-1, -2, 3, -4), 2)
  expect_identical(lr(m, gamma = c(NA, 0.5), act.type = "prelu"),
                   ref(m, c(NA, 0.5)))
  expect_identical(lr(m, gamma = c(NA, NA), act.type = "prelu"),
                   ref(m, c(NA_real_, NA_real_)))
  y <- as.array(lr(mx.nd.array(x), gamma = NA, act.type = "prelu"))
  expect_identical(is.nan(y), c(TRUE, FALSE, TRUE))
  expect_identical(y[2], 3)
  g <- bw(c(1, 1, 1), x, gamma = NA, act.type = "prelu")
  expect_identical(g$data, c(NA, 1, NA))
  expect_identical(g$gamma, -2)
  # other logical values are not slopes
  expect_error(lr(x, gamma = TRUE, act.type = "prelu"),
               "^`gamma` must be a numeric vector")
  expect_error(lr(x, gamma = c(NA, TRUE), act.type = "prelu"),
               "^`gamma` must be a numeric vector")
})
