test_that("the signature has MXNet-R's argument names in order", {
  expect_identical(
    names(formals(mx.nd.LeakyReLU)),
    c("data", "gamma", "act.type", "slope", "lower.bound", "upper.bound",
      "is.train", "..."))
  f <- formals(mx.nd.LeakyReLU)
  expect_identical(f$act.type, "leaky")
  expect_identical(f$slope, 0.25)
  expect_identical(f$lower.bound, 0.125)
  expect_identical(f$upper.bound, 0.334)
})

test_that("every act type matches the plain-R formula on random data", {
  set.seed(101)
  x <- array(c(rnorm(200, sd = 3), -40, -1e-300, 1e-300, 0, -0, 700, -700),
             c(3, 23, 3))
  for (type in all_types) {
    for (slope in c(0.25, 0, -0.5, 1.5, 3)) {
      g <- if (type == "prelu") gamma_for(x) * slope else NULL
      got <- mx.nd.LeakyReLU(x, gamma = g, act.type = type, slope = slope)
      want <- ref_forward(x, type, slope = slope, gamma = g)
      expect_equal(got, want, tolerance = 1e-14,
                   info = sprintf("%s, slope %g", type, slope))
    }
  }
})

test_that("rrelu uses the mean of the bounds", {
  x <- c(-4, -1, 0, 2)
  expect_equal(mx.nd.LeakyReLU(x, act.type = "rrelu", lower.bound = 0.1,
                               upper.bound = 0.3), c(-0.8, -0.2, 0, 2))
  expect_equal(mx.nd.LeakyReLU(x, act.type = "rrelu", lower.bound = 0.2,
                               upper.bound = 0.2), c(-0.8, -0.2, 0, 2))
})

test_that("gelu is x * pnorm(x) to double precision, also for negative x", {
  x <- c(seq(-38, 38, by = 0.25), -1e-8, 1e-8)
  expect_equal(mx.nd.LeakyReLU(x, act.type = "gelu"), x * pnorm(x),
               tolerance = 4 * .Machine$double.eps)
})

test_that("prelu broadcasts gamma along MXNet's axis 1 (R's second-to-last dim)", {
  x <- array(-(1:24), c(2, 3, 4))          # MXNet shape (4, 3, 2): 3 channels
  g <- c(0.1, 0.2, 0.3)
  y <- mx.nd.LeakyReLU(x, gamma = g, act.type = "prelu")
  for (c in 1:3) expect_equal(y[, c, ], g[c] * x[, c, ])

  m <- matrix(-(1:6), nrow = 2)             # columns are samples: 2 channels
  y <- mx.nd.LeakyReLU(m, gamma = c(1, 10), act.type = "prelu")
  expect_equal(y, m * c(1, 10))

  v <- c(-1, -2, 3)                          # a vector: one gamma per element
  expect_equal(mx.nd.LeakyReLU(v, gamma = c(1, 2, 3), act.type = "prelu"),
               c(-1, -4, 3))
  expect_equal(mx.nd.LeakyReLU(v, gamma = 0.5, act.type = "prelu"),
               c(-0.5, -1, 3))
  img <- array(-1, c(2, 2, 3, 2))            # width, height, channels, batch
  y <- mx.nd.LeakyReLU(img, gamma = c(1, 2, 3), act.type = "prelu")
  expect_equal(y[, , 2, ], array(-2, c(2, 2, 2)))
})

test_that("dim, dimnames and names are kept; the result is double", {
  m <- matrix(c(-1, 2, -3, 4), 2, dimnames = list(c("a", "b"), c("u", "v")))
  y <- mx.nd.LeakyReLU(m, act.type = "elu")
  expect_identical(dimnames(y), dimnames(m))
  expect_identical(dim(y), dim(m))
  v <- c(a = -1, b = 1)
  expect_identical(names(mx.nd.LeakyReLU(v)), c("a", "b"))
  a <- array(c(-1, 1), 2, dimnames = list(c("p", "q")))
  expect_identical(dimnames(mx.nd.LeakyReLU(a)), dimnames(a))
  expect_type(mx.nd.LeakyReLU(1:3), "double")
})

test_that("integer and logical data are converted to double, NA kept", {
  expect_identical(mx.nd.LeakyReLU(c(-4L, NA, 2L)), c(-1, NA, 2))
  expect_identical(mx.nd.LeakyReLU(c(TRUE, NA, FALSE)), c(1, NA, 0))
  m <- matrix(c(-4L, 8L), 1)
  expect_identical(mx.nd.LeakyReLU(m), matrix(c(-1, 8), 1))
})

test_that("NA stays NA, NaN stays NaN, infinities follow the formula", {
  x <- c(NA, NaN, -Inf, Inf)
  for (type in all_types) {
    g <- if (type == "prelu") 0.3 else NULL
    y <- mx.nd.LeakyReLU(x, gamma = g, act.type = type, slope = 0.5)
    expect_true(is.na(y[1]) && !is.nan(y[1]), info = type)
    expect_true(is.nan(y[2]), info = type)
    expect_identical(y[4], Inf, info = type)
  }
  y <- function(type, ...) mx.nd.LeakyReLU(-Inf, act.type = type, ...)
  expect_identical(y("leaky"), -Inf)
  expect_identical(y("elu", slope = 0.5), -0.5)
  expect_equal(y("selu"), -selu_lambda * selu_alpha)
  expect_identical(y("gelu"), 0)
  expect_identical(y("prelu", gamma = 2), -Inf)
  expect_identical(y("leaky", slope = 0), NaN)   # 0 * -Inf, as in R
})

test_that("zero-length input gives zero-length output", {
  expect_identical(mx.nd.LeakyReLU(numeric(0)), numeric(0))
  z <- array(0, c(3, 0, 2))
  expect_identical(mx.nd.LeakyReLU(z, act.type = "elu"), z)
  expect_identical(mx.nd.LeakyReLU(z, gamma = 1, act.type = "prelu"), z)
  expect_identical(mx.nd.LeakyReLU(integer(0)), numeric(0))
})

test_that("results do not depend on the number of threads", {
  set.seed(3)
  x <- array(rnorm(3e5), c(100, 30, 100))
  for (type in all_types) {
    g <- if (type == "prelu") gamma_for(x) else NULL
    one <- withr_threads(1, mx.nd.LeakyReLU(x, gamma = g, act.type = type))
    two <- withr_threads(2, mx.nd.LeakyReLU(x, gamma = g, act.type = type))
    expect_identical(one, two, info = type)
  }
})
