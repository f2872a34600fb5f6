# Property tests: random cases (0 to 6 dims, zero extents, every act type,
# random and extreme parameters, values mixing normals, signed zeros,
# infinities, NaN, NA, huge and denormal magnitudes, prelu with scalar and
# per-channel gamma, rrelu masks and training) through forward and backward,
# in double and through MXNDArray (float32), against the element-by-element
# reference in helper-property.R.
#
# MXLR_EXTENDED=1 runs 12000 cases instead of 1000 (MXLR_PROPERTY_CASES sets
# any count); MXLR_SEED sets the seed.

extended <- identical(Sys.getenv("MXLR_EXTENDED"), "1")
n_cases <- as.integer(Sys.getenv("MXLR_PROPERTY_CASES",
                                  if (extended) "12000" else "1000"))
seed <- as.integer(Sys.getenv("MXLR_SEED", "20240605"))

test_that(sprintf("%d random cases match the reference (seed %d)",
                  n_cases, seed), {
  failures <- run_property_cases(n_cases, seed)
  expect_identical(length(failures), 0L,
                   info = paste(utils::head(failures, 5), collapse = "\n"))
})

test_that("the reference and comparator catch a wrong result", {
  # a comparator that accepted everything would make the test above vacuous
  x <- c(-2, -1e-310, 0, -0, NA, NaN, 1)
  want <- ref_case(list(x = x, dy = x, type = "leaky", slope = 0.25))$y
  expect_length(compare_values(want, want, abs(want), x, "leaky", "double",
                               "t"), 0L)
  bumped <- want
  bumped[1] <- want[1] * (1 + 2^-52)
  expect_length(compare_values(bumped, want, abs(want), x, "leaky", "double",
                               "t"), 1L)
  flipped <- want
  flipped[3] <- -0
  expect_length(compare_values(flipped, want, abs(want), x, "leaky", "double",
                               "t"), 1L)
  nan_for_na <- want
  nan_for_na[5] <- NaN
  expect_length(compare_values(nan_for_na, want, abs(want), x, "leaky",
                               "double", "t"), 1L)
  y <- c(0.5, -0.25)
  expect_length(compare_values(y * (1 + 1e-12), y, abs(y), y, "elu", "double",
                               "t"), 1L)
})

test_that("NA stays NA and NaN stays NaN through every entry point", {
  x <- c(NA, NaN, -1, NA, NaN)
  for (type in all_types) {
    g <- if (type == "prelu") 0.5 else NULL
    y <- mx.nd.LeakyReLU(x, gamma = g, act.type = type)
    expect_identical(value_class(y[c(1, 2, 4, 5)]), c("NA", "NaN", "NA", "NaN"),
                     info = type)
    d <- mx.nd.LeakyReLU.backward(rep(1, 5), x, gamma = g, act.type = type)
    expect_identical(value_class(d$data[c(1, 2, 4, 5)]),
                     c("NA", "NaN", "NA", "NaN"), info = type)
    # out.grad's NA and NaN pass to dx where x is a number
    d <- mx.nd.LeakyReLU.backward(c(NA, NaN), c(-1, 1), gamma = g,
                                  act.type = type)
    expect_identical(value_class(d$data), c("NA", "NaN"), info = type)
  }
})
