# Mistakes made when porting MXNet code: each gives an error that names the
# argument and the user's call, never a silently different computation.

lr <- mx.nd.LeakyReLU
bw <- mx.nd.LeakyReLU.backward

# The condition signalled by `expr` (NULL when none).
condition_of <- function(expr) {
  tryCatch(withCallingHandlers(expr,
             warning = function(w) stop(paste("warning:", conditionMessage(w)))),
           error = function(e) e)
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
