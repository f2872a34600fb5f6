# MXNet's own spellings of the dotted arguments (act_type, lower_bound,
# upper_bound), and MXNet 2's names of the gelu variants.

lr <- function(...) mx.nd.LeakyReLU(...)
bw <- function(...) mx.nd.LeakyReLU.backward(...)
x <- c(-3, -1, -0.25, 0, 0.5, 2)
m <- matrix(x, 2)

test_that("act_type, lower_bound and upper_bound are the dotted arguments", {
  expect_identical(lr(x, act_type = "elu"), lr(x, act.type = "elu"))
  expect_identical(lr(x, act_type = "rrelu", lower_bound = 0.2, upper_bound = 0.4),
                   lr(x, act.type = "rrelu", lower.bound = 0.2, upper.bound = 0.4))
  expect_identical(lr(x, act.type = "rrelu", lower_bound = 0.1),
                   lr(x, act.type = "rrelu", lower.bound = 0.1))
  set.seed(2)
  a <- lr(x, act_type = "rrelu", lower_bound = 0.1, upper_bound = 0.2,
          is.train = TRUE)
  set.seed(2)
  b <- lr(x, act.type = "rrelu", lower.bound = 0.1, upper.bound = 0.2,
          is.train = TRUE)
  expect_identical(a, b)
  expect_identical(bw(x * 0 + 2, x, act_type = "selu"),
                   bw(x * 0 + 2, x, act.type = "selu"))
  expect_identical(bw(x * 0 + 2, x, act_type = "rrelu", upper_bound = 1),
                   bw(x * 0 + 2, x, act.type = "rrelu", upper.bound = 1))
  xf <- mx.nd.array(m)
  expect_identical(lr(xf, act_type = "gelu"), lr(xf, act.type = "gelu"))
  # the errors of the value name the dotted argument
  expect_error(lr(x, act_type = "nope"), "^`act.type` must be one of")
  expect_error(lr(x, lower_bound = "a"), "^`lower.bound` must be a single")
  expect_error(bw(x, x, upper_bound = NA), "^`upper.bound` must be a single")
})

test_that("both spellings of one argument are an error", {
  expect_error(lr(x, act.type = "elu", act_type = "elu"),
               "^`act.type` is given twice, as `act.type` and as `act_type`",
               class = "mxLeakyReLU_error")
  expect_error(lr(x, lower.bound = 0.1, lower_bound = 0.1), "^`lower.bound` is given twice")
  expect_error(bw(x, x, upper.bound = 0.5, upper_bound = 0.5), "^`upper.bound` is given twice")
  expect_error(lr(x, act_type = "elu", act_type = "selu"), "^`act_type` is given more than once")
  # positional act.type counts as given
  expect_error(lr(x, NULL, "elu", act_type = "elu"), "given twice")
})

test_that("any other extra argument is still an error naming it", {
  expect_error(lr(x, foo = 1), "unused argument \\(foo = 1\\)")
  expect_error(lr(x, actType = "elu"), "unused argument \\(actType = \"elu\"\\)")
  expect_error(lr(x, act_type = "elu", bar = 2, baz = 3),
               "unused arguments \\(bar = 2, baz = 3\\)")
  expect_error(bw(x, x, mask2 = 1), "unused argument \\(mask2 = 1\\)")
  expect_error(lr(x, NULL, "leaky", 0.25, 0.125, 0.334, FALSE, 99),
               "unused argument \\(99\\)")
  # the unknown argument is reported, not evaluated
  expect_error(lr(x, foo = stop("evaluated")), "unused argument \\(foo = stop")
})

test_that("\"gelu_erf\" is \"gelu\"", {
  expect_identical(lr(x, act.type = "gelu_erf"), lr(x, act.type = "gelu"))
  expect_identical(lr(m, act_type = "gelu_erf"), lr(m, act.type = "gelu"))
  expect_identical(bw(x * 0 + 1.5, x, act.type = "gelu_erf"),
                   bw(x * 0 + 1.5, x, act.type = "gelu"))
  xf <- mx.nd.array(m)
  expect_identical(lr(xf, act.type = "gelu_erf"), lr(xf, act.type = "gelu"))
  expect_identical(bw(xf, xf, act.type = "gelu_erf"), bw(xf, xf, act.type = "gelu"))
  # it is one of the names the error lists
  expect_error(lr(x, act.type = "GELU"),
               "\"gelu\", \"gelu_erf\", \"gelu_tanh\", not \"GELU\"")
})

# The tanh approximation, in plain R.
gelu_tanh_ref <- function(x) x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
gelu_tanh_deriv_ref <- function(x) {
  u <- sqrt(2 / pi) * (x + 0.044715 * x^3)
  du <- sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)
  0.5 * (1 + tanh(u)) + x / 2 * (1 - tanh(u)^2) * du
}

# The formula lives in the core; a core without it reports an act-type error.
gelu_tanh_in_core <- function() {
  tryCatch({ lr(1, act.type = "gelu_tanh"); TRUE }, error = function(e) {
    if (grepl("unknown activation type", conditionMessage(e))) FALSE
    else stop(e)
  })
}

test_that("\"gelu_tanh\" is accepted by name and computes the tanh approximation", {
  # the name is accepted by the R checks (the core decides the formula)
  msg <- tryCatch({ lr(1, act.type = "gelu_tanh"); "" },
                  error = function(e) conditionMessage(e))
  expect_false(grepl("must be one of", msg))
  skip_if_not(gelu_tanh_in_core(), "the core has no gelu_tanh formula yet")
  z <- seq(-5, 5, by = 0.125)
  expect_equal(lr(z, act.type = "gelu_tanh"), gelu_tanh_ref(z), tolerance = 1e-14)
  expect_equal(lr(z, act_type = "gelu_tanh"), gelu_tanh_ref(z), tolerance = 1e-14)
  expect_equal(bw(z * 0 + 1, z, act.type = "gelu_tanh")$data,
               gelu_tanh_deriv_ref(z), tolerance = 1e-13)
  expect_equal(as.array(lr(mx.nd.array(z), act.type = "gelu_tanh")),
               gelu_tanh_ref(z), tolerance = 1e-6)
  expect_equal(as.array(bw(mx.nd.array(z * 0 + 1), mx.nd.array(z),
                           act.type = "gelu_tanh")$data),
               gelu_tanh_deriv_ref(z), tolerance = 1e-6)
  # it is not gelu (they differ by up to about 5e-4 near |x| = 2)
  expect_gt(max(abs(lr(z, act.type = "gelu_tanh") - lr(z, act.type = "gelu"))), 1e-4)
})
