bw <- function(...) mx.nd.LeakyReLU.backward(...)

# Random points away from the kink at 0, for numerical derivatives.
away_from_zero <- function(n) {
  x <- rnorm(n, sd = 2)
  x + sign(x) * 0.1
}

test_that("the signature has the documented names in order", {
  expect_identical(
    names(formals(mx.nd.LeakyReLU.backward)),
    c("out.grad", "data", "gamma", "act.type", "slope", "lower.bound",
      "upper.bound", "mask", "..."))
})

test_that("gradients agree with numerical derivatives (numDeriv)", {
  skip_if_not_installed("numDeriv")
  set.seed(7)
  x <- array(away_from_zero(24), c(2, 3, 4))
  dy <- array(rnorm(24), dim(x))
  for (type in all_types) {
    for (slope in c(0.25, -0.5, 2)) {
      g <- if (type == "prelu") c(0.2, -0.3, 1.4) * slope else NULL
      loss <- function(v) {
        sum(dy * mx.nd.LeakyReLU(array(v, dim(x)), gamma = g, act.type = type,
                                 slope = slope))
      }
      got <- bw(dy, x, gamma = g, act.type = type, slope = slope)
      num <- numDeriv::grad(loss, as.vector(x))
      expect_equal(as.vector(got$data), num, tolerance = 1e-7,
                   info = sprintf("%s, slope %g", type, slope))
      expect_identical(dim(got$data), dim(x))
      if (type == "prelu") {
        loss_g <- function(gv) {
          sum(dy * mx.nd.LeakyReLU(x, gamma = gv, act.type = "prelu"))
        }
        expect_equal(got$gamma, numDeriv::grad(loss_g, g), tolerance = 1e-7)
      } else {
        expect_null(got$gamma)
      }
    }
  }
})

test_that("prelu's gamma gradient with a scalar gamma sums over everything", {
  set.seed(8)
  x <- matrix(rnorm(12), 3)
  dy <- matrix(rnorm(12), 3)
  got <- bw(dy, x, gamma = 0.3, act.type = "prelu")
  expect_equal(got$gamma, sum(dy * pmin(x, 0)))
  expect_length(got$gamma, 1L)
  per <- bw(dy, x, gamma = c(1, 2, 3), act.type = "prelu")
  expect_equal(per$gamma, rowSums(dy * pmin(x, 0)))
})

test_that("gradients match the plain-R derivative formulas, kink included", {
  x <- c(-3, -1, -1e-3, 0, -0, 1e-3, 2, NA)
  dy <- seq_along(x) / 2
  for (type in setdiff(all_types, "prelu")) {
    got <- bw(dy, x, act.type = type, slope = 0.4)$data
    expect_equal(got, dy * ref_derivative(x, type, slope = 0.4),
                 tolerance = 1e-14, info = type)
  }
  expect_equal(bw(1, 0, act.type = "leaky", slope = 0.4)$data, 0.4)
})

test_that("selu's gradient is the true derivative lambda * alpha * exp(x)", {
  got <- bw(1, -2, act.type = "selu")$data
  expect_equal(got, selu_lambda * selu_alpha * exp(-2))
  # the expression MXNet 1.9.1 uses, lambda * (alpha + y), is not it
  y <- mx.nd.LeakyReLU(-2, act.type = "selu")
  expect_gt(abs(selu_lambda * (selu_alpha + y) - got) / got, 0.3)
})

test_that("rrelu uses the training mask when given, else the mean slope", {
  set.seed(9)
  x <- c(-2, -1, 1, -3)
  y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  m <- attr(y, "mask")
  dy <- c(1, 2, 3, 4)
  expect_equal(bw(dy, x, act.type = "rrelu", mask = m)$data,
               dy * ifelse(x > 0, 1, m))
  expect_equal(bw(dy, x, act.type = "rrelu")$data,
               dy * ifelse(x > 0, 1, (0.125 + 0.334) / 2))
})

test_that("backward rejects out.grad and mask of the wrong shape or type", {
  x <- matrix(-1, 2, 3)
  expect_error(bw(data = x), "`out.grad` is missing")
  expect_error(bw(1), "`data` is missing")
  expect_error(bw(rep(1, 5), x), "`out.grad` must have the shape of `data` \\(2 x 3\\), not 5")
  expect_error(bw(matrix(1, 3, 2), x), "`out.grad` must have the shape")
  expect_error(bw("a", x), "^`out.grad` must be a numeric")
  expect_error(bw(NULL, x), "^`out.grad` must be")
  expect_error(bw(x, x, act.type = "rrelu", mask = 1:5), "`mask` must have the shape")
  expect_error(bw(x, x, act.type = "rrelu", mask = list()), "^`mask` must be")
  expect_warning(bw(x, x, act.type = "elu", mask = x), "`mask` is ignored")
  expect_error(bw(x, x, act.type = "prelu", gamma = 1:3), "length 1 or 2")
  expect_error(bw(x, x, act.type = "nope"), "act.type")
})

test_that("zero-length backward", {
  z <- array(0, c(3, 0, 2))
  r <- bw(z, z, act.type = "prelu", gamma = 1)
  expect_identical(r$data, z)
  expect_identical(r$gamma, 0)
})
