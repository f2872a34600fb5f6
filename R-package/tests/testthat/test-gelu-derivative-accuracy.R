# The gelu gradient against Phi(x) + x phi(x) computed with 50-digit
# arithmetic (tools/accuracy_fixture.py), both tails included.

test_that("the gelu gradient is within 2 ulp of the exact derivative", {
  f <- read.csv(test_path("fixtures", "gelu-derivative-exact.csv"))
  x <- as.numeric(f$x)
  exact <- as.numeric(f$dy)
  g <- mx.nd.LeakyReLU.backward(rep(1, length(x)), x, act.type = "gelu")$data
  # Near x = -0.75 the derivative crosses zero as its two terms cancel: the
  # error is measured in ulp of the larger of the result and pnorm(x).
  scale <- pmax(abs(exact), pnorm(x))
  spacing <- 2^pmax(floor(log2(scale)) - 52, -1074)
  expect_lte(max(abs(g - exact) / spacing), 2)
  # The lower tail keeps its relative accuracy down to x = -37.5.
  tail <- x < -5 & exact != 0
  expect_true(all(abs(g[tail] - exact[tail]) <=
                    2 * 2^pmax(floor(log2(abs(exact[tail]))) - 52, -1074)))
})
