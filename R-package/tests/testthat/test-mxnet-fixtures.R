# Comparison with Apache MXNet 1.9.1's own outputs, recorded by
# tools/mxnet/make_fixtures.py (MXNet computes in float32).

fixture_cases <- function() {
  cases <- utils::read.csv(test_path("fixtures", "mxnet_cases.csv"),
                           stringsAsFactors = FALSE)
  values <- utils::read.csv(test_path("fixtures", "mxnet_values.csv"))
  split_num <- function(s) if (is.na(s) || !nzchar(s)) NULL else
    as.numeric(strsplit(s, ";", fixed = TRUE)[[1]])
  lapply(seq_len(nrow(cases)), function(k) {
    cs <- as.list(cases[k, ])
    v <- values[values$case == cs$case, ]
    v <- v[order(v$i), ]
    # MXNet-R: R's dim is the reverse of MXNet's shape, same buffer.
    d <- rev(as.integer(strsplit(as.character(cs$shape), "x", fixed = TRUE)[[1]]))
    arr <- function(col) array(v[[col]], d)
    c(cs, list(x = arr("x"), y = arr("y"), dy = arr("dy"), dx = arr("dx"),
               gamma_v = split_num(cs$gamma), dgamma_v = split_num(cs$dgamma)))
  })
}

# float32 rounding through base R
f32 <- function(x) readBin(writeBin(as.double(x), raw(), size = 4), "double",
                           n = length(x), size = 4)

# How far a float32 result may be from the exact one: 2 float32 ulps, or
# 2 * FLT_EPSILON * max(1, |slope|) * max(1, |x|) absolute, whichever is larger.
within_f32 <- function(ours, theirs, x, slope, scale = 1) {
  eps <- 2^-23
  ulp <- pmax(abs(theirs), 2^-126) * eps
  tol <- pmax(2 * ulp, 2 * eps * max(1, abs(slope)) * pmax(1, abs(x)) * scale)
  same_special <- (is.nan(ours) & is.nan(theirs)) |
    (is.infinite(ours) & ours == theirs)
  ok <- same_special | (is.finite(ours) & is.finite(theirs) &
                          abs(ours - theirs) <= tol)
  ok
}

call_forward <- function(cs, data) {
  mx.nd.LeakyReLU(data, gamma = cs$gamma_v, act.type = cs$act_type,
                  slope = cs$slope, lower.bound = cs$lower_bound,
                  upper.bound = cs$upper_bound)
}

cases <- fixture_cases()
rejects <- function(cs) cs$act_type == "rrelu" && cs$lower_bound > cs$upper_bound

test_that("the fixtures are there and cover every act type", {
  expect_gt(length(cases), 50)
  types <- unique(vapply(cases, `[[`, "", "act_type"))
  expect_setequal(types, mxnet_types)
})

test_that("double results agree with MXNet's float32 outputs", {
  for (cs in Filter(function(cs) cs$op == "forward", cases)) {
    info <- sprintf("case %d (%s, %s)", cs$case, cs$act_type, cs$note)
    if (rejects(cs)) {
      # MXNet accepts lower.bound > upper.bound; this package refuses it.
      expect_error(call_forward(cs, cs$x), "lower.bound", info = info)
      next
    }
    ours <- call_forward(cs, cs$x)
    keep <- !(cs$act_type == "gelu" & cs$x %in% -Inf)  # MXNet: NaN, exact: 0
    ok <- within_f32(ours, cs$y, cs$x, cs$slope)
    expect_true(all(ok[keep]), info = paste(info, "at x =",
      paste(cs$x[keep & !ok], collapse = ", ")))
  }
})

test_that("MXNDArray results equal MXNet's exactly for leaky, prelu, rrelu", {
  for (cs in Filter(function(cs) cs$op == "forward" && !rejects(cs), cases)) {
    info <- sprintf("case %d (%s, %s)", cs$case, cs$act_type, cs$note)
    ours <- as.array(call_forward(cs, mx.nd.array(cs$x)))
    if (cs$act_type %in% c("leaky", "prelu", "rrelu")) {
      same <- (ours == cs$y) | (is.nan(ours) & is.nan(cs$y))
      expect_true(all(same), info = paste(info, "at x =",
        paste(cs$x[!same], collapse = ", ")))
    } else {
      keep <- !(cs$act_type == "gelu" & cs$x %in% -Inf)
      ok <- within_f32(ours, cs$y, cs$x, cs$slope)
      expect_true(all(ok[keep]), info = paste(info, "at x =",
        paste(cs$x[keep & !ok], collapse = ", ")))
    }
  }
})

# Where MXNet's gradient is the derivative: away from the kink and from the
# far tails, for every type whose backward MXNet computes right.
test_that("gradients agree with MXNet's backward", {
  for (cs in Filter(function(cs) cs$op == "backward", cases)) {
    if (cs$act_type %in% c("selu", "rrelu")) next
    info <- sprintf("case %d (%s, %s)", cs$case, cs$act_type, cs$note)
    for (data in list(cs$x, mx.nd.array(cs$x))) {
      r <- mx.nd.LeakyReLU.backward(cs$dy, data, gamma = cs$gamma_v,
                                    act.type = cs$act_type, slope = cs$slope,
                                    lower.bound = cs$lower_bound,
                                    upper.bound = cs$upper_bound)
      ours <- if (is.mx.ndarray(r$data)) as.array(r$data) else r$data
      keep <- is.finite(cs$x) & abs(cs$x) > 0.05 & abs(cs$x) < 40
      ok <- within_f32(ours, cs$dx, cs$x, cs$slope, scale = max(1, abs(cs$dy)))
      expect_true(all(ok[keep]), info = info)
      if (!is.null(cs$dgamma_v) && all(is.finite(cs$x))) {
        g <- if (is.mx.ndarray(r$gamma)) as.array(r$gamma) else r$gamma
        expect_equal(as.vector(g), cs$dgamma_v, tolerance = 1e-5, info = info)
      }
    }
  }
})

test_that("MXNet's selu and rrelu gradients are wrong; ours are the derivative", {
  for (cs in Filter(function(cs) cs$op == "backward" &&
                      cs$act_type %in% c("selu", "rrelu"), cases)) {
    ours <- mx.nd.LeakyReLU.backward(cs$dy, cs$x, act.type = cs$act_type,
                                     lower.bound = cs$lower_bound,
                                     upper.bound = cs$upper_bound)$data
    truth <- cs$dy * ref_derivative(cs$x, cs$act_type, lower = cs$lower_bound,
                                    upper = cs$upper_bound)
    neg <- is.finite(cs$x) & cs$x < -0.5 & cs$dy != 0
    expect_equal(ours, truth, tolerance = 1e-12)
    # MXNet's values at negative inputs are off by far more than float error
    rel <- abs(cs$dx[neg] - truth[neg]) / abs(truth[neg])
    expect_true(all(rel > 0.01), info = sprintf("case %d", cs$case))
  }
  sel <- Filter(function(cs) cs$case == 93, cases)[[1]]
  at <- which(sel$x == -2)
  expect_equal(sel$dx[at], 0.16085884, tolerance = 1e-6)  # MXNet 1.9.1
  expect_equal(mx.nd.LeakyReLU.backward(1, -2, act.type = "selu")$data,
               0.2379328, tolerance = 1e-6)                   # the derivative
})
