test_that("rrelu training is reproducible with set.seed and advances the stream", {
  x <- array(-seq_len(20000) / 100, c(100, 200))
  set.seed(1)
  a <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  set.seed(1)
  b <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  expect_identical(a, b)
  c <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
  expect_false(identical(attr(a, "mask"), attr(c, "mask")))
  # and the draw moved R's own stream on
  set.seed(1)
  r1 <- runif(1)
  set.seed(1)
  invisible(mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE))
  expect_false(identical(runif(1), r1))
})

test_that("training slopes lie in [lower, upper) with the mean near the middle", {
  x <- rep(-2, 1e5)
  set.seed(2)
  y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE,
                       lower.bound = 0.1, upper.bound = 0.3)
  m <- attr(y, "mask")
  expect_identical(dim(m), dim(x))
  expect_true(all(m >= 0.1 & m < 0.3))
  expect_equal(mean(m), 0.2, tolerance = 0.005)
  expect_equal(as.vector(y), x * m)
  # uniform: each tenth of the interval holds about a tenth of the draws
  counts <- tabulate(floor((m - 0.1) / 0.02) + 1, 10)
  expect_true(all(abs(counts / length(m) - 0.1) < 0.01))
  # positive inputs pass through; the mask keeps the dim of the data
  z <- matrix(c(1, -1, 2, -2), 2)
  set.seed(3)
  yz <- mx.nd.LeakyReLU(z, act.type = "rrelu", is.train = TRUE)
  expect_identical(dim(attr(yz, "mask")), dim(z))
  expect_equal(yz[z > 0], z[z > 0])
})

test_that("is.train changes nothing for other act types or with equal bounds", {
  x <- c(-2, -0.5, 1)
  for (type in c("leaky", "elu", "selu", "gelu")) {
    expect_identical(mx.nd.LeakyReLU(x, act.type = type, is.train = TRUE),
                     mx.nd.LeakyReLU(x, act.type = type), info = type)
  }
  y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE,
                       lower.bound = 0.2, upper.bound = 0.2)
  expect_equal(as.vector(y), c(-0.4, -0.1, 1))
})
