# Plain-R reference formulas, written independently of the package's code.

selu_lambda <- 1.0507009873554804934193349852946
selu_alpha <- 1.6732632423543772848170429916717

# The channel index (1-based) of each element of x, following MXNet-R's
# convention that MXNet's axis 1 is R's second-to-last dimension.
ref_channel <- function(x) {
  d <- dim(x)
  if (length(d) < 2L) return(seq_along(x))
  k <- length(d)
  idx <- arrayInd(seq_along(x), d)
  idx[, k - 1L]
}

ref_forward <- function(x, act.type, slope = 0.25, gamma = NULL,
                        lower = 0.125, upper = 0.334) {
  neg <- !is.na(x) & x <= 0
  y <- x
  y[] <- switch(act.type,
    leaky = ifelse(x > 0, x, slope * x),
    elu = ifelse(x > 0, x, slope * expm1(x)),
    selu = selu_lambda * ifelse(x > 0, x, selu_alpha * expm1(x)),
    rrelu = ifelse(x > 0, x, (lower + upper) / 2 * x),
    gelu = x * pnorm(x),
    gelu_tanh = x / 2 * (1 + tanh(ref_tanh_u(x))),
    prelu = {
      g <- if (length(gamma) == 1L) rep(gamma, length(x)) else gamma[ref_channel(x)]
      ifelse(x > 0, x, g * x)
    })
  y
}

ref_derivative <- function(x, act.type, slope = 0.25, gamma = NULL,
                           lower = 0.125, upper = 0.334) {
  switch(act.type,
    leaky = ifelse(x > 0, 1, slope),
    elu = ifelse(x > 0, 1, slope * exp(x)),
    selu = selu_lambda * ifelse(x > 0, 1, selu_alpha * exp(x)),
    rrelu = ifelse(x > 0, 1, (lower + upper) / 2),
    gelu = pnorm(x) + x * dnorm(x),
    gelu_tanh = {
      t <- tanh(ref_tanh_u(x))
      (1 + t) / 2 + x / 2 * (1 - t^2) * sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)
    },
    prelu = {
      g <- if (length(gamma) == 1L) rep(gamma, length(x)) else gamma[ref_channel(x)]
      ifelse(x > 0, 1, g)
    })
}

# u of the tanh form of gelu.
ref_tanh_u <- function(x) sqrt(2 / pi) * (x + 0.044715 * x^3)

# Every act type of the core's registry: the tests loop over these, so a
# type added to the registry is tested, and fails without a reference above.
all_types <- mxLeakyReLU:::constants()$names
# The types MXNet 1.9.1 has (its fixtures cover these).
mxnet_types <- setdiff(all_types, "gelu_tanh")

# A gamma suitable for x: one value per channel.
gamma_for <- function(x) {
  d <- dim(x)
  n <- if (length(d) >= 2L) d[length(d) - 1L] else length(x)
  seq(-0.5, 1.5, length.out = max(n, 1L))[seq_len(n)]
}

# Evaluates expr with options(mxLeakyReLU.threads = n).
withr_threads <- function(n, expr) {
  old <- options(mxLeakyReLU.threads = n)
  on.exit(options(old))
  expr
}

# The distance from value to reference in units in the last place (ulp) of
# the double reference; subnormal references count in the smallest spacing.
ulp_error <- function(value, reference) {
  e <- floor(log2(abs(reference)))
  spacing <- 2^pmax(e - 52, -1074)
  err <- abs(value - reference) / spacing
  err[value == reference] <- 0
  err
}
