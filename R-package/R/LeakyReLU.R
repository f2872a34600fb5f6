#' LeakyReLU activations (MXNet's `LeakyReLU` operator)
#'
#' Applies a leaky rectified linear unit, or one of its relatives, element-wise
#' to `data`, with the arguments and results of the `MXNet` R package's
#' `mx.nd.LeakyReLU()`.
#'
#' @section Activation types:
#' \describe{
#'   \item{`"leaky"`}{Leaky ReLU: \eqn{y = x} for \eqn{x > 0}, else
#'     \eqn{y = slope \cdot x}.}
#'   \item{`"elu"`}{Exponential linear unit: \eqn{y = x} for \eqn{x > 0},
#'     else \eqn{y = slope \cdot (e^x - 1)}, computed with `expm1()`.}
#'   \item{`"selu"`}{Scaled exponential linear unit:
#'     \eqn{y = \lambda x} for \eqn{x > 0}, else
#'     \eqn{y = \lambda \alpha (e^x - 1)}, with
#'     \eqn{\lambda = 1.0507009873554804934193349852946} and
#'     \eqn{\alpha = 1.6732632423543772848170429916717}. `slope` is not used.}
#'   \item{`"prelu"`}{Parametric ReLU: as `"leaky"` with the slope taken from
#'     `gamma`, one value per channel (see below).}
#'   \item{`"rrelu"`}{Randomized ReLU: as `"leaky"` with slope
#'     `(lower.bound + upper.bound) / 2` (inference). With `is.train = TRUE`
#'     each element gets its own slope drawn uniformly from
#'     `[lower.bound, upper.bound)`; the slopes are returned as the
#'     attribute `"mask"` of the result.}
#'   \item{`"gelu"`}{Gaussian error linear unit:
#'     \eqn{y = 0.5 x (1 + erf(x / \sqrt{2}))}, that is
#'     `x * pnorm(x)`.}
#' }
#'
#' @section Shapes and `gamma`:
#' As in the `MXNet` R package, an R array's `dim` is the reverse of the
#' `MXNet` shape, so `MXNet`'s "second dimension of data" (its axis 1) is R's
#' second-to-last dimension: the channels of a
#' `c(width, height, channels, batch)` image array, the rows of a matrix whose
#' columns are samples. `gamma` has length 1 (one slope for every element) or
#' the length of that dimension (one slope per channel). For a vector or a
#' 1-d array, `gamma` has length 1 or `length(data)`. Any other length is an
#' error.
#'
#' @section Missing values:
#' `NA` stays `NA` and `NaN` stays `NaN`; `Inf` and `-Inf` follow the
#' formulas (e.g. `"elu"` maps `-Inf` to `-slope`). An `NA` in `gamma`
#' gives `NA` in the outputs of its channel that are not positive.
#'
#' @param data The input: a numeric or logical vector, matrix or array, or an
#'   [MXNDArray][mx.nd.array]. Integer and logical input is converted to
#'   double.
#' @param gamma Slope parameter for `"prelu"`, only used and then required
#'   when `act.type` is `"prelu"`: a numeric vector of length 1 or of the
#'   size of the second dimension of `data` in `MXNet` order (see Shapes).
#' @param act.type The activation function to apply: one of `"leaky"`
#'   (default), `"elu"`, `"selu"`, `"prelu"`, `"rrelu"`, `"gelu"`.
#' @param slope Single number, default 0.25: the slope for `"leaky"` and the
#'   scale for `"elu"`.
#' @param lower.bound Single number, default 0.125: lower bound of the random
#'   slope of `"rrelu"`.
#' @param upper.bound Single number, default 0.334: upper bound of the random
#'   slope of `"rrelu"`. Must not be smaller than `lower.bound`.
#' @param is.train `FALSE` (default) for inference. `TRUE` draws a random
#'   slope for each element when `act.type` is `"rrelu"`, using R's random
#'   number generator (so [set.seed()] makes it reproducible); no effect on
#'   other types.
#' @return An object like `data`: a double vector, matrix or array with the
#'   `dim`, `dimnames` and `names` of `data`, or an `MXNDArray` (computed in
#'   single precision, as `MXNet` does) when `data` is one. For `"rrelu"` with
#'   `is.train = TRUE` the drawn slopes are attached as attribute `"mask"`.
#' @seealso [mx.nd.LeakyReLU.backward()] for gradients, [mx.nd.array()] for
#'   single-precision arrays, [mxLeakyReLU.threads()] for threads.
#' @examples
#' x <- seq(-3, 3, by = 1)
#' mx.nd.LeakyReLU(x)                                # leaky, slope 0.25
#' mx.nd.LeakyReLU(x, act.type = "leaky", slope = 0.1)
#' mx.nd.LeakyReLU(x, act.type = "elu", slope = 1)
#' mx.nd.LeakyReLU(x, act.type = "selu")
#' mx.nd.LeakyReLU(x, act.type = "rrelu")            # slope (0.125 + 0.334) / 2
#' mx.nd.LeakyReLU(x, act.type = "gelu")
#'
#' # prelu: one slope per channel; channels are the second-to-last dimension
#' img <- array(rnorm(4 * 4 * 3 * 2), c(4, 4, 3, 2))  # width, height, channel, batch
#' y <- mx.nd.LeakyReLU(img, gamma = c(0.1, 0.2, 0.3), act.type = "prelu")
#' dim(y)
#'
#' # rrelu in training mode: a random slope per element
#' set.seed(42)
#' y <- mx.nd.LeakyReLU(-x, act.type = "rrelu", is.train = TRUE)
#' attr(y, "mask")
#' @export
mx.nd.LeakyReLU <- function(data, gamma = NULL, act.type = "leaky",
                            slope = 0.25, lower.bound = 0.125,
                            upper.bound = 0.334, is.train = FALSE) {
  call <- sys.call()
  if (missing(data)) arg_error("data", "is missing, with no default.", call)
  a <- check_args(data, gamma, act.type, slope, lower.bound, upper.bound, call)
  train <- check_flag(is.train, "is.train", call)
  threads <- mxLeakyReLU.threads()
  if (train && a$act.type == "rrelu") {
    seed <- rng_seed()
    y <- .Call(C_mxlr_rrelu_train, a$data, a$lower, a$upper, threads, seed)
  } else {
    y <- .Call(C_mxlr_forward, a$data, a$act, a$slope, a$lower, a$upper,
               a$gamma, a$channels, a$inner, threads)
  }
  restore_class(y, a$data)
}

# Two 32-bit words from R's random number stream, as doubles, to key the
# core's generator: reproducible with set.seed() and advancing the stream.
rng_seed <- function() floor(stats::runif(2L) * 4294967296)

check_flag <- function(x, arg, call) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    arg_error(arg, sprintf("must be TRUE or FALSE, not %s.", describe(x)), call)
  }
  x
}
