# The tanh form of GELU against values computed with 50-digit arithmetic
# (tools/accuracy_fixture.py), and against plain R formulas.

tanh_u <- function(x) sqrt(2 / pi) * (x + 0.044715 * x^3)

fixture <- function() {
  f <- read.csv(test_path("fixtures", "gelu-tanh-exact.csv"))
  list(x = as.numeric(f$x), y = as.numeric(f$y), dy = as.numeric(f$dy))
}

test_that("gelu_tanh is within 3 ulp of the exact value, tails included", {
  f <- fixture()
  y <- mx.nd.LeakyReLU(f$x, act.type = "gelu_tanh")
  expect_lte(max(ulp_error(y, f$y)), 3)
  # The negative tail, where 1 + tanh(u) cancels, is relatively accurate.
  tail <- f$x < -5 & f$y != 0
  expect_true(all(y[tail] < 0))
})

test_that("the gelu_tanh gradient is within 4 ulp of the exact derivative", {
  # Near x = -0.75 the derivative crosses zero as its two terms cancel: the
  # error there is measured in ulp of the first term, (1 + tanh(u)) / 2.
  f <- fixture()
  g <- mx.nd.LeakyReLU.backward(rep(1, length(f$x)), f$x,
                                act.type = "gelu_tanh")$data
  scale <- pmax(abs(f$dy), plogis(2 * tanh_u(f$x)))
  spacing <- 2^pmax(floor(log2(scale)) - 52, -1074)
  expect_lte(max(abs(g - f$dy) / spacing), 4)
})

test_that("gelu_tanh matches the plain R formula and its derivative", {
  set.seed(3)
  x <- c(rnorm(2000) * 3, 0, 1e-3, -1e-3)
  ref <- 0.5 * x * (1 + tanh(tanh_u(x)))
  expect_equal(mx.nd.LeakyReLU(x, act.type = "gelu_tanh"), ref,
               tolerance = 1e-14)
  dy <- runif(length(x))
  t <- tanh(tanh_u(x))
  dref <- 0.5 * (1 + t) +
    0.5 * x * (1 - t^2) * sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)
  g <- mx.nd.LeakyReLU.backward(dy, x, act.type = "gelu_tanh")$data
  expect_equal(g, dy * dref, tolerance = 1e-13)
  h <- 1e-6
  x <- x[abs(x) > 0.01]
  fd <- (mx.nd.LeakyReLU(x + h, act.type = "gelu_tanh") -
           mx.nd.LeakyReLU(x - h, act.type = "gelu_tanh")) / (2 * h)
  g <- mx.nd.LeakyReLU.backward(rep(1, length(x)), x,
                                act.type = "gelu_tanh")$data
  expect_equal(g, fd, tolerance = 1e-7)
})

test_that("gelu_tanh handles NA, infinities and signed zeros", {
  x <- c(NA, NaN, Inf, -Inf, 0, -0, 1e300, -1e300)
  y <- mx.nd.LeakyReLU(x, act.type = "gelu_tanh")
  expect_true(is.na(y[1]) && !is.nan(y[1]))
  expect_true(is.nan(y[2]))
  expect_identical(y[3:8], c(Inf, 0, 0, 0, 1e300, 0))
  g <- mx.nd.LeakyReLU.backward(rep(2, length(x)), x,
                                act.type = "gelu_tanh")$data
  expect_identical(g[3:8], c(2, 0, 1, 1, 2, 0))
})

# Distance in float32 units in the last place of scale (subnormal floats
# count in their spacing, 2^-149).
float_ulp_error <- function(value, reference, scale = reference) {
  spacing <- 2^pmax(floor(log2(abs(scale))) - 23, -149)
  err <- abs(value - reference) / spacing
  err[value == reference] <- 0
  err
}

test_that("float32 gelu_tanh is within 1 float ulp, subnormal results included", {
  f <- fixture()
  # Floats down to where the results round to -0 (about -10.8).
  x <- as.array(mx.nd.array(f$x[f$x > -11.5]))
  y <- as.array(mx.nd.LeakyReLU(mx.nd.array(x), act.type = "gelu_tanh"))
  # The double results (within 3 double ulp of the exact values) as the
  # reference.
  yd <- mx.nd.LeakyReLU(x, act.type = "gelu_tanh")
  expect_lte(max(float_ulp_error(y, yd)), 1)
  g <- as.array(mx.nd.LeakyReLU.backward(
    mx.nd.array(rep(1, length(x))), mx.nd.array(x),
    act.type = "gelu_tanh")$data)
  gd <- mx.nd.LeakyReLU.backward(rep(1, length(x)), x,
                                 act.type = "gelu_tanh")$data
  # Against the larger of the gradient and (1 + tanh u) / 2, as in double.
  half <- (1 + tanh(tanh_u(x))) / 2
  expect_lte(max(float_ulp_error(g, gd, pmax(abs(gd), half))), 1)
})
