# A long vector through mx.nd.LeakyReLU: an MXNDArray of 2^31 + 7 float32
# elements (8.6 GB in, 8.6 GB out), run by `make test-extended`.
#
# The MXNDArray is built directly from its raw float32 payload (rep_len of
# a short pattern's bytes), with dims c(45, 47721859) (the product is
# 2^31 + 7; an R dim entry cannot exceed 2^31 - 1): a valid MXNDArray that
# needs no 17 GB double vector first.
# Checks sampled elements, the last included, for leaky and for prelu with
# one gamma per channel (MXNet's axis 1 is R's first dim here).

library(mxLeakyReLU)

f32_bits <- function(x) {
  readBin(writeBin(as.double(x), raw(), size = 4), "integer", size = 4,
          n = length(x))
}
f32 <- function(x) {
  readBin(writeBin(as.double(x), raw(), size = 4), "double", size = 4,
          n = length(x))
}
bits_to_double <- function(b) {
  readBin(writeBin(as.integer(b), raw(), size = 4), "double", size = 4,
          n = length(b))
}

n <- 2^31 + 7
d <- c(45L, 47721859L)
stopifnot(prod(as.double(d)) == n)
# 7 values, so that the pattern does not line up with the 45 channels
pattern <- c(-2, -0.5, 0, 1.5, -Inf, NaN, 3)
t0 <- proc.time()[["elapsed"]]
elapsed <- function() proc.time()[["elapsed"]] - t0

x <- methods::new("MXNDArray",
                  data = rep_len(writeBin(pattern, raw(), size = 4), 4 * n),
                  Dim = d)
cat(sprintf("payload of %.0f elements built in %.1f s\n", n, elapsed()))

# 1-based indices to check: the first elements, the 2^31 boundary, the last
check_at <- c(1:100, 2^31 - 3:0, 2^31 + 1:7, n - 100:0,
              floor(stats::runif(200, 1, n)))
check_at <- sort(unique(check_at))
input_at <- pattern[(check_at - 1) %% 7 + 1]
channel_at <- (check_at - 1) %% d[1] + 1

check <- function(y, want, what) {
  stopifnot(is.mx.ndarray(y), identical(dim(y), d), length(y) == n)
  # the float32 bit patterns of the sampled elements, from the payload
  at <- as.vector(outer(0:3, 4 * (check_at - 1), `+`)) + 1
  got <- readBin(y@data[at], "integer", n = length(check_at), size = 4)
  want_bits <- f32_bits(want)
  # -0 has the bit pattern of NA_integer_
  same <- ifelse(is.na(got) | is.na(want_bits), is.na(got) & is.na(want_bits),
                 got == want_bits)
  ok <- same | (is.nan(want) & is.nan(bits_to_double(got)))
  if (!all(ok)) {
    i <- which(!ok)[1L]
    stop(sprintf("%s: element %.0f is %g, want %g", what, check_at[i],
                 bits_to_double(got[i]), want[i]))
  }
  cat(sprintf("%s: %d sampled elements (last: %.0f) correct, %.1f s\n",
              what, length(check_at), max(check_at), elapsed()))
}

y <- mx.nd.LeakyReLU(x, act.type = "leaky", slope = 0.25)
check(y, ifelse(input_at > 0, input_at, f32(0.25 * input_at)), "leaky")
rm(y)
invisible(gc())

gamma <- seq(-2.2, 2.2, by = 0.1)
y <- mx.nd.LeakyReLU(x, gamma = gamma, act.type = "prelu")
g32 <- f32(gamma)[channel_at]
check(y, ifelse(input_at > 0, input_at, f32(g32 * input_at)), "prelu")
cat(sprintf("long-vector.R: done in %.1f s\n", elapsed()))
