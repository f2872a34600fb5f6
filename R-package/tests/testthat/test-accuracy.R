# Accuracy of the vectorised special functions against R's own expm1() and
# pnorm(), measured in units in the last place (ulp) of the reference.

accuracy_points <- function(lower, upper) {
  set.seed(11)
  x <- c(seq(lower, upper, length.out = 20001), runif(20000, lower, upper),
         -2^-1074, -1e-300, -1e-20, -1e-8, -0.3465, -0.3466)
  x[x >= lower & x <= upper]
}

test_that("elu is within 2 ulp of slope * expm1(x)", {
  x <- accuracy_points(-50, 0)
  for (slope in c(1, 0.25, 1.7)) {
    y <- mx.nd.LeakyReLU(x, act.type = "elu", slope = slope)
    expect_lte(max(ulp_error(y, slope * expm1(x))), 2)
  }
})

test_that("selu is within 2 ulp of lambda * alpha * expm1(x)", {
  lambda <- 1.0507009873554804934193349852946
  alpha <- 1.6732632423543772848170429916717
  x <- accuracy_points(-50, 5)
  ref <- ifelse(x > 0, lambda * x, lambda * (alpha * expm1(x)))
  y <- mx.nd.LeakyReLU(x, act.type = "selu")
  expect_lte(max(ulp_error(y, ref)), 2)
})

test_that("the elu gradient is within 2 ulp of slope * exp(x)", {
  x <- accuracy_points(-700, 0)
  g <- mx.nd.LeakyReLU.backward(rep(1, length(x)), x, act.type = "elu",
                                slope = 1)$data
  expect_lte(max(ulp_error(g, exp(x))), 2)
})

test_that("gelu is within 2 ulp of x * pnorm(x) for x >= 0", {
  # For x < 0, R's pnorm itself is off by up to about 7 ulp: see below.
  x <- accuracy_points(0, 8)
  y <- mx.nd.LeakyReLU(x, act.type = "gelu")
  expect_lte(max(ulp_error(y, x * pnorm(x))), 2)
})

test_that("gelu is within 2 ulp of the exact x * Phi(x), tails included", {
  # R's x * pnorm(x) is itself off by up to about 7 ulp for x < 0; the
  # fixture holds x * Phi(x) correctly rounded (tools/accuracy_fixture.py).
  f <- read.csv(test_path("fixtures", "gelu-exact.csv"))
  x <- as.numeric(f$x)
  exact <- as.numeric(f$y)
  y <- mx.nd.LeakyReLU(x, act.type = "gelu")
  expect_lte(max(ulp_error(y, exact)), 2)
  # Against R's own value: within 2 ulp plus R's own error.
  r <- x * pnorm(x)
  expect_true(all(ulp_error(y, r) <= ulp_error(r, exact) + 2))
})

# Distance in float32 units in the last place of scale (subnormal floats
# count in their spacing, 2^-149).
float_ulps <- function(value, reference, scale = reference) {
  spacing <- 2^pmax(floor(log2(abs(scale))) - 23, -149)
  err <- abs(value - reference) / spacing
  err[value == reference] <- 0
  err
}

test_that("float32 elu is within 1 ulp of expm1", {
  x <- as.array(mx.nd.array(accuracy_points(-12, 5)))
  y <- as.array(mx.nd.LeakyReLU(mx.nd.array(x), act.type = "elu", slope = 1))
  expect_lte(max(float_ulps(y, ifelse(x > 0, x, expm1(x)))), 1)
})

test_that("float32 gelu and its gradient are within 1 float ulp", {
  # Floats down to where x * Phi(x) rounds to -0 in float32 (about -14.4),
  # subnormal results included; the double results (within 2 double ulp of
  # the exact values) as the reference.
  x <- as.array(mx.nd.array(c(accuracy_points(-15, 8),
                              seq(-14.5, -12.5, by = 0.001))))
  y <- as.array(mx.nd.LeakyReLU(mx.nd.array(x), act.type = "gelu"))
  expect_lte(max(float_ulps(y, mx.nd.LeakyReLU(x, act.type = "gelu"))), 1)
  g <- as.array(mx.nd.LeakyReLU.backward(
    mx.nd.array(rep(1, length(x))), mx.nd.array(x), act.type = "gelu")$data)
  gd <- mx.nd.LeakyReLU.backward(rep(1, length(x)), x, act.type = "gelu")$data
  # Against the larger of the gradient and Phi(x): near x = -0.75 the
  # double gradient, the reference, is accurate to an ulp of Phi only.
  expect_lte(max(float_ulps(g, gd, pmax(abs(gd), pnorm(x)))), 1)
})

test_that("results do not depend on position or threads", {
  x <- c(rnorm(300001) * 5, NA, NaN, -Inf, Inf, 0, -0)
  for (act in c("leaky", "elu", "selu", "rrelu", "gelu")) {
    old <- options(mxLeakyReLU.threads = 1)
    one <- mx.nd.LeakyReLU(x, act.type = act)
    options(old)
    all <- mx.nd.LeakyReLU(x, act.type = act)
    expect_identical(one, all)
    tail <- mx.nd.LeakyReLU(x[-(1:3)], act.type = act)
    expect_identical(tail, one[-(1:3)])
  }
})
