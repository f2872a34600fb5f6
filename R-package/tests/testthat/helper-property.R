# Property tests: a slow element-by-element reference for every forward and
# backward formula, a generator of random cases and a comparator. Used by
# test-property.R.

# float32 rounding of doubles (round to nearest; NA becomes NaN).
f32 <- function(x) {
  y <- readBin(writeBin(as.double(x), raw(), size = 4), "double", size = 4,
               n = length(x))
  dim(y) <- dim(x)
  y
}

# float32 bit patterns of doubles (rounded to float32 first), as integers.
f32_bits <- function(x) {
  readBin(writeBin(as.double(x), raw(), size = 4), "integer", size = 4,
          n = length(x))
}

# The smallest magnitude that rounds to infinity in float32.
f32_overflow <- 2^128 - 2^103

# "NA" for R's NA, "NaN" for any other NaN, "num" otherwise.
value_class <- function(v) {
  ifelse(is.nan(v), "NaN", ifelse(is.na(v), "NA", "num"))
}

# The inference slope of rrelu: (lower + upper) / 2, or lower / 2 + upper / 2
# when the sum overflows. `rnd` rounds each operation to the working type.
ref_mean_slope <- function(lower, upper, rnd = identity) {
  m <- rnd(rnd(lower + upper) / 2)
  if (is.finite(m)) m else rnd(rnd(lower / 2) + rnd(upper / 2))
}

# Forward value for one element x (scalar), given its slope for the
# leaky-type formulas. NA and NaN inputs are returned unchanged.
ref_value1 <- function(x, type, slope, lambda, alpha) {
  if (is.na(x)) return(x)
  switch(type,
    leaky = , prelu = , rrelu = if (x > 0) x else slope * x,
    elu = if (x > 0) x else slope * expm1(x),
    selu = if (x > 0) lambda * x else lambda * (alpha * expm1(x)),
    gelu = if (x == -Inf) 0 else x * pnorm(x),
    gelu_tanh = if (x == -Inf) 0 else x * tanh_gelu_parts(x)$s)
}

# gelu_tanh as x * s, s = (1 + tanh(u)) / 2 = 1 / (1 + exp(-2u)), written
# without the cancellation of 1 + tanh(u) for negative x; d = ds/dx.
tanh_gelu_parts <- function(x) {
  u <- sqrt(2 / pi) * (x + 0.044715 * x^3)
  du <- sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)
  e <- exp(-2 * u)
  s <- 1 / (1 + e)
  d <- if (is.infinite(e) || e == 0) 0 else 2 * du * s * (e / (1 + e))
  list(s = s, d = d)
}

# Derivative for one non-NaN element x (scalar).
ref_deriv1 <- function(x, type, slope, lambda, alpha) {
  switch(type,
    leaky = , prelu = , rrelu = if (x > 0) 1 else slope,
    elu = if (x > 0) 1 else slope * exp(x),
    selu = if (x > 0) lambda else (lambda * alpha) * exp(x),
    gelu = if (x == Inf) 1 else if (x == -Inf) 0 else pnorm(x) + x * dnorm(x),
    gelu_tanh = if (x == Inf) 1 else if (x == -Inf) 0 else {
      p <- tanh_gelu_parts(x)
      p$s + x * p$d
    })
}

# The size of the terms the derivative is made of, for tolerances: where
# they cancel (gelu near x = -0.75) the error is relative to them.
ref_deriv_scale1 <- function(x, type, slope, lambda, alpha) {
  if (type == "gelu" && is.finite(x)) return(pnorm(x) + abs(x) * dnorm(x))
  if (type == "gelu_tanh" && is.finite(x)) {
    p <- tanh_gelu_parts(x)
    return(p$s + abs(x) * p$d)
  }
  abs(ref_deriv1(x, type, slope, lambda, alpha))
}

# The per-element slope used by the leaky-type formulas.
ref_slopes <- function(x, type, slope, gamma, lower, upper, mask, rnd) {
  n <- length(x)
  switch(type,
    leaky = , elu = rep(slope, n),
    rrelu = if (is.null(mask)) rep(ref_mean_slope(lower, upper, rnd), n)
            else as.vector(mask),
    prelu = if (length(gamma) == 1L) rep(gamma, n)
            else gamma[ref_channel(x)],
    rep(NA_real_, n))
}

# The reference results of one case, computed in double on inputs that are
# already rounded to the working type. `rnd` rounds a result to the working
# type (identity for double, f32 for float32). Returns y, dx, dgamma and the
# scales used for tolerances.
ref_case <- function(case, rnd = identity, train = FALSE) {
  x <- as.vector(case$x)
  dy <- as.vector(case$dy)
  type <- case$type
  lambda <- rnd(selu_lambda)
  alpha <- rnd(selu_alpha)
  # the mask gives rrelu's slopes in backward, and in forward in training
  s <- ref_slopes(case$x, type, case$slope, case$gamma, case$lower,
                  case$upper, if (train) case$mask, rnd)
  sb <- ref_slopes(case$x, type, case$slope, case$gamma, case$lower,
                   case$upper, case$mask, rnd)
  n <- length(x)
  y <- dx <- yscale <- dxscale <- dxfloor <- numeric(n)
  dxskip <- logical(n)
  tiny <- if (identical(rnd, identity)) 1e-290 else 1e-35
  # elu's derivative slope * exp(x) is exact only to the absolute error of
  # exp(x) where it is denormal, times the slope
  denorm <- if (identical(rnd, identity)) 4 * 2^-1074 else 4 * 2^-149
  dxextra <- numeric(n)
  for (i in seq_len(n)) {
    xi <- x[i]
    y[i] <- ref_value1(xi, type, s[i], lambda, alpha)
    yscale[i] <- if (is.na(y[i])) 0 else abs(y[i])
    if (is.na(xi)) {
      dx[i] <- xi
    } else if (is.na(dy[i])) {
      dx[i] <- dy[i]
    } else {
      # the derivative is a value of the working type
      d <- rnd(ref_deriv1(xi, type, sb[i], lambda, alpha))
      dx[i] <- dy[i] * d
      # an infinite out.grad times a derivative that is zero within the
      # tolerance floor may be NaN or infinite
      dxskip[i] <- is.infinite(dy[i]) && !is.na(d) && abs(d) < tiny &&
        !(type %in% c("leaky", "prelu", "rrelu"))
      dxscale[i] <- abs(dy[i]) *
        ref_deriv_scale1(xi, type, sb[i], lambda, alpha)
      dxfloor[i] <- abs(dy[i])
      if (type == "elu") dxextra[i] <- abs(dy[i]) * abs(sb[i]) * denorm
    }
  }
  dgamma <- NULL
  if (type == "prelu") {
    ch <- if (length(case$gamma) == 1L) rep(1L, n) else ref_channel(case$x)
    k <- length(case$gamma)
    dgamma <- dgscale <- numeric(k)
    terms <- vector("list", k)
    for (c in seq_len(k)) terms[[c]] <- numeric(0)
    for (i in seq_len(n)) {
      xi <- x[i]
      t <- dy[i] * (if (!is.na(xi) && xi > 0) 0 else xi)
      terms[[ch[i]]] <- c(terms[[ch[i]]], t)
    }
    dgamma <- lapply(terms, function(t) {
      total <- 0
      for (v in t) total <- total + v
      list(sum = total, scale = sum(abs(t)), terms = t)
    })
  }
  list(y = vapply(y, rnd, 0), dx = vapply(dx, rnd, 0), yscale = yscale,
       dxscale = dxscale, dxfloor = dxfloor, dxskip = dxskip, dxextra = dxextra,
       dgamma = dgamma)
}

# Tolerances: relative to the scale of the formula's terms, with an
# absolute floor near the smallest normal number (denormal results carry
# fewer significant bits). Exact for leaky, prelu and rrelu.
prop_tolerance <- list(
  double = list(rel = 1e-13, floor = 1e-300, gelu_x2 = 2^-52),
  float = list(rel = 1e-6, floor = 1e-40, gelu_x2 = 2^-23)
)

# Compares got with want element by element: NA vs NaN class, then exact
# equality (sign of zero included) or the tolerance. Returns a character
# vector describing the mismatches (empty when none).
compare_values <- function(got, want, scale, x, type, prec, what,
                           na_exact = TRUE, floor_scale = pmax(1, scale),
                           skip = NULL, extra = 0) {
  got <- as.vector(got)
  want <- as.vector(want)
  if (length(got) != length(want)) {
    return(sprintf("%s: length %d, want %d", what, length(got), length(want)))
  }
  if (!is.null(skip)) got[skip] <- want[skip]
  cg <- value_class(got)
  cw <- value_class(want)
  if (!na_exact) {
    cg[cg == "NA"] <- "NaN"
    cw[cw == "NA"] <- "NaN"
  }
  bad <- cg != cw
  num <- !bad & cw == "num"
  exact <- type %in% c("leaky", "prelu", "rrelu")
  g <- got[num]
  w <- want[num]
  if (exact) {
    ok <- g == w & (g != 0 | 1 / g == 1 / w)
  } else {
    tol <- prop_tolerance[[prec]]
    xs <- as.vector(x)[num]
    rel <- tol$rel
    if (type == "gelu") {
      # erfc(-x / sqrt(2)) amplifies the rounding of its argument by x^2.
      rel <- rel + tol$gelu_x2 * ifelse(is.finite(xs), pmin(xs^2, 1600), 0)
    }
    if (type == "gelu_tanh") {
      # exp(-2u) amplifies the rounding of u (about x^3 / 10) by 2|u|.
      rel <- rel + tol$gelu_x2 * ifelse(is.finite(xs), pmin(abs(xs)^3, 1e5), 0)
    }
    sc <- scale[num]
    fl <- pmax(1, floor_scale[num])
    ex <- rep_len(extra, length(got))[num]
    ok <- (is.infinite(w) & g == w) |
      (is.finite(g) & is.finite(w) &
         abs(g - w) <= rel * sc + tol$floor * fl + ex)
  }
  bad[num] <- !ok
  if (!any(bad)) return(character(0))
  i <- which(bad)[1L]
  sprintf("%s: %d mismatches, first at %d: x = %s, got %s, want %s",
          what, sum(bad), i, format(as.vector(x)[i], digits = 17),
          format(got[i], digits = 17), format(want[i], digits = 17))
}

# Compares prelu's dgamma (got) with the reference sums. Only NaN-ness is
# compared for NaN sums (NA + NaN has no defined payload); finite sums whose
# absolute terms overflow depend on the summation order and are not checked.
compare_dgamma <- function(got, ref, prec) {
  got <- as.vector(got)
  if (length(got) != length(ref)) {
    return(sprintf("dgamma: length %d, want %d", length(got), length(ref)))
  }
  rnd <- if (prec == "float") f32 else identity
  tol <- prop_tolerance[[prec]]
  for (c in seq_along(ref)) {
    r <- ref[[c]]
    t <- r$terms
    g <- got[c]
    if (anyNA(t) || (any(t == Inf) && any(t == -Inf))) {
      ok <- is.nan(g) || is.na(g)
    } else if (any(is.infinite(t))) {
      ok <- identical(g, t[is.infinite(t)][1L])
    } else if (!is.finite(r$scale)) {
      ok <- !is.na(g)
    } else {
      want <- rnd(r$sum)
      ok <- (is.infinite(want) && identical(g, want)) ||
        (is.finite(g) && abs(g - want) <=
           4 * tol$rel * rnd(r$scale) + tol$floor)
    }
    if (!ok) {
      return(sprintf("dgamma[%d]: got %s, want %s (terms %s)", c,
                     format(g, digits = 17), format(rnd(r$sum), digits = 17),
                     paste(format(t, digits = 6), collapse = ", ")))
    }
  }
  character(0)
}

# --- the generator -----------------------------------------------------------

special_values <- c(0, -0, Inf, -Inf, NaN, NA, 1e308, -1e308, 4.9e-324,
                    -4.9e-324, 1e-310, -1e-310, 1e-300, -1e-300, 3.4e38,
                    -3.4e38, 1e39, -1e39, 1.5e-45, -1.5e-45, 1e-40, -1e-40,
                    -40, -38.5, -37, 40, 709, 710, -745, -746, -0.7518, 1e-8,
                    -1e-8, .Machine$double.xmax, -.Machine$double.xmax)

param_values <- c(0.25, 0, -0, -0.5, 1, 2, 1e10, -1e10, 1e300, -1e300,
                  1e-300, 4.9e-324, -4.9e-324, 1e-310, 3e38, 1e39, 1.7e308,
                  -1.7e308, 0.125, 0.334)

# n random data values: normals of random scale mixed with special values.
gen_values <- function(n, p_special = 0.25) {
  if (n == 0L) return(numeric(0))
  scale <- sample(c(1e-3, 1, 3, 10, 100, 1e20), n, replace = TRUE)
  v <- stats::rnorm(n) * scale
  sp <- stats::runif(n) < p_special
  v[sp] <- sample(special_values, sum(sp), replace = TRUE)
  v
}

gen_param <- function() {
  if (stats::runif(1) < 0.5) return(sample(param_values, 1L))
  stats::rnorm(1) * sample(c(0.1, 1, 10), 1L)
}

# Random dims: 0 to 6 dims (0 means a plain vector), extents 0 to 5, at most
# 240 elements.
gen_dims <- function() {
  repeat {
    k <- sample(0:6, 1L)
    len <- if (k == 0L) sample(0:40, 1L) else 1L
    d <- if (k == 0L) NULL else
      sample(0:5, k, replace = TRUE,
             prob = c(0.06, 0.3, 0.27, 0.17, 0.1, 0.1))
    total <- if (k == 0L) len else prod(d)
    if (total <= 240) return(list(dim = d, length = total))
  }
}

# The number of prelu channels of an array or vector x.
n_channels <- function(x) {
  d <- dim(x)
  if (length(d) >= 2L) d[length(d) - 1L] else length(x)
}

# One random case: data, act type, parameters, gamma, out.grad and mask.
gen_case <- function() {
  shape <- gen_dims()
  v <- gen_values(shape$length)
  integer_data <- stats::runif(1) < 0.05
  if (integer_data) {
    v <- sample(c(-5:5, NA), shape$length, replace = TRUE)
  }
  x <- if (is.null(shape$dim)) v else array(v, shape$dim)
  type <- sample(all_types, 1L)
  lower <- gen_param()
  upper <- if (stats::runif(1) < 0.2) lower else lower + abs(gen_param())
  if (!is.finite(upper)) upper <- lower
  gamma <- NULL
  if (type == "prelu") {
    nc <- n_channels(x)
    len <- if (stats::runif(1) < 0.3) 1L else nc
    gamma <- vapply(seq_len(len), function(i) gen_param(), 0)
    gamma[stats::runif(len) < 0.05] <- NA
  }
  mask <- NULL
  if (type == "rrelu" && stats::runif(1) < 0.5) {
    mask <- x
    mask[] <- lower + stats::runif(length(x)) * (upper - lower)
    mask[stats::runif(length(x)) < 0.03] <- NA
  }
  dy <- x
  dy[] <- gen_values(length(x), p_special = 0.1)
  list(x = x, type = type, slope = gen_param(), lower = lower, upper = upper,
       gamma = gamma, dy = dy, mask = mask, train = type == "rrelu" &&
         stats::runif(1) < 0.5)
}

describe_case <- function(case, k) {
  sprintf("case %d: %s, dim %s, slope %s, bounds [%s, %s], gamma %s%s", k,
          case$type, if (is.null(dim(case$x))) sprintf("vector %d",
            length(case$x)) else paste(dim(case$x), collapse = "x"),
          format(case$slope, digits = 17), format(case$lower, digits = 17),
          format(case$upper, digits = 17),
          paste(format(case$gamma, digits = 17), collapse = ","),
          if (is.null(case$mask)) "" else ", with mask")
}

# --- running one case ----------------------------------------------------------

# Runs a case through the package in double precision and compares it with
# the reference. Returns the mismatch descriptions.
check_case_double <- function(case) {
  x <- case$x
  storage.mode(x) <- "double"
  c1 <- case
  c1$x <- x
  ref <- ref_case(c1)
  y <- mx.nd.LeakyReLU(case$x, gamma = case$gamma, act.type = case$type,
                       slope = case$slope, lower.bound = case$lower,
                       upper.bound = case$upper)
  out <- character(0)
  if (!identical(dim(y), dim(case$x)) || !is.double(y)) {
    out <- c(out, "forward: wrong dim or type")
  }
  out <- c(out, compare_values(y, ref$y, ref$yscale, x, case$type, "double",
                               "forward"))
  g <- mx.nd.LeakyReLU.backward(case$dy, case$x, gamma = case$gamma,
                                act.type = case$type, slope = case$slope,
                                lower.bound = case$lower,
                                upper.bound = case$upper, mask = case$mask)
  out <- c(out, compare_values(g$data, ref$dx, ref$dxscale, x, case$type,
                               "double", "backward",
                               floor_scale = ref$dxfloor, skip = ref$dxskip,
                               extra = ref$dxextra))
  if (case$type == "prelu") {
    out <- c(out, compare_dgamma(g$gamma, ref$dgamma, "double"))
  }
  if (case$train) out <- c(out, check_train(case, x, "double"))
  out
}

# The same in float32 through mx.nd.array(): the reference is the double
# formula on float32-rounded inputs and parameters, rounded to float32.
check_case_float <- function(case) {
  params <- c(slope = case$slope, lower.bound = case$lower,
              upper.bound = case$upper)
  xa <- mx.nd.array(case$x)
  call_fwd <- function() {
    mx.nd.LeakyReLU(xa, gamma = case$gamma, act.type = case$type,
                    slope = case$slope, lower.bound = case$lower,
                    upper.bound = case$upper)
  }
  if (any(abs(params) >= f32_overflow)) {
    big <- names(params)[abs(params) >= f32_overflow][1L]
    err <- tryCatch({ call_fwd(); "no error" },
                    mxLeakyReLU_error = function(e) conditionMessage(e))
    if (!grepl(sprintf("^`%s` must be within the float32 range", big), err)) {
      return(sprintf("float: parameter %s out of float range gave: %s", big,
                     err))
    }
    return(character(0))
  }
  if (case$type == "prelu" && any(abs(case$gamma) >= f32_overflow, na.rm = TRUE)) {
    err <- tryCatch({ call_fwd(); "no error" },
                    mxLeakyReLU_error = function(e) conditionMessage(e))
    if (!grepl("^`gamma` must be within the float32 range", err)) {
      return(sprintf("float: gamma out of float range gave: %s", err))
    }
    return(character(0))
  }
  x32 <- f32(case$x)
  if (!is.null(dim(case$x))) dim(x32) <- dim(case$x)
  c1 <- case
  c1$x <- x32
  c1$slope <- f32(case$slope)
  c1$lower <- f32(case$lower)
  c1$upper <- f32(case$upper)
  c1$gamma <- if (is.null(case$gamma)) NULL else f32(case$gamma)
  c1$dy <- f32(case$dy)
  c1$mask <- if (is.null(case$mask)) NULL else f32(case$mask)
  ref <- ref_case(c1, rnd = f32)
  y <- call_fwd()
  out <- character(0)
  if (!is.mx.ndarray(y)) out <- c(out, "float forward: not an MXNDArray")
  out <- c(out, compare_values(as.array(y), ref$y, ref$yscale, x32, case$type,
                               "float", "float forward", na_exact = FALSE))
  g <- mx.nd.LeakyReLU.backward(mx.nd.array(case$dy), xa, gamma = case$gamma,
                                act.type = case$type, slope = case$slope,
                                lower.bound = case$lower,
                                upper.bound = case$upper, mask = case$mask)
  out <- c(out, compare_values(as.array(g$data), ref$dx, ref$dxscale, x32,
                               case$type, "float", "float backward",
                               na_exact = FALSE, floor_scale = ref$dxfloor, skip = ref$dxskip,
                               extra = ref$dxextra))
  if (case$type == "prelu") {
    out <- c(out, compare_dgamma(as.array(g$gamma), ref$dgamma, "float"))
  }
  if (case$train) out <- c(out, check_train(c1, xa, "float"))
  out
}

# rrelu in training mode: the mask lies in [lower, upper) (is lower when the
# bounds are equal in the working type), the output is the leaky formula
# with the mask's slopes, and backward with that mask matches the reference.
check_train <- function(case, data, prec) {
  y <- mx.nd.LeakyReLU(data, act.type = "rrelu", lower.bound = case$lower,
                       upper.bound = case$upper, is.train = TRUE)
  m <- attr(y, "mask")
  if (prec == "float") {
    y <- as.array(y)
    m <- as.array(m)
  }
  l <- case$lower
  u <- case$upper
  inrange <- if (l < u) m >= l & m < u else m == l
  out <- character(0)
  if (length(m) != length(case$x) || !all(inrange)) {
    out <- c(out, sprintf("%s train: mask outside [%s, %s)", prec,
                          format(l, digits = 17), format(u, digits = 17)))
    return(out)
  }
  c1 <- case
  c1$mask <- m
  rnd <- if (prec == "float") f32 else identity
  ref <- ref_case(c1, rnd, train = TRUE)
  out <- c(out, compare_values(y, ref$y, ref$yscale, case$x, "rrelu", prec,
                               paste(prec, "train forward"),
                               na_exact = prec == "double"))
  mask_arg <- if (prec == "float") mx.nd.array(m) else m
  dy <- if (prec == "float") mx.nd.array(case$dy) else case$dy
  g <- mx.nd.LeakyReLU.backward(dy, data, act.type = "rrelu",
                                lower.bound = case$lower,
                                upper.bound = case$upper, mask = mask_arg)
  gd <- if (prec == "float") as.array(g$data) else g$data
  c(out, compare_values(gd, ref$dx, ref$dxscale, case$x, "rrelu", prec,
                        paste(prec, "train backward"),
                        na_exact = prec == "double",
                        floor_scale = ref$dxfloor, skip = ref$dxskip,
                               extra = ref$dxextra))
}

# Runs n random cases from `seed`; returns the failures (one string each).
run_property_cases <- function(n, seed) {
  set.seed(seed)
  failures <- character(0)
  for (k in seq_len(n)) {
    case <- gen_case()
    res <- tryCatch(c(check_case_double(case), check_case_float(case)),
                    error = function(e) paste("error:", conditionMessage(e)))
    if (length(res)) {
      failures <- c(failures, paste0(describe_case(case, k), "\n  ",
                                     paste(res, collapse = "\n  ")))
    }
  }
  failures
}
