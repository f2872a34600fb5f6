#' Gradients of the LeakyReLU Activations
#'
#' Computes the gradient of a loss with respect to the input (and, for
#' `"prelu"`, to `gamma`) of [mx.nd.LeakyReLU()], given the gradient with
#' respect to its output: the backward pass of MXNet's operator. Together
#' with the forward function it is enough to train a network by gradient
#' descent in plain R (see `vignette("mxLeakyReLU")`).
#'
#' @section Derivatives:
#' The result is \eqn{dx = \mathrm{out.grad} \cdot f'(x)}{dx = out.grad * f'(x)},
#' element-wise, with the derivative \eqn{f'} taken from the input `data`
#' (so it is right for zero and negative slopes); at \eqn{x = 0} the negative
#' branch is used, as in MXNet.
#' \describe{
#'   \item{`"leaky"`, `"rrelu"`, `"prelu"`}{1 for \eqn{x > 0}, else the slope
#'     (for `"rrelu"` the slopes in `mask` when given, else the inference
#'     slope \eqn{(\mathrm{lower.bound} +
#'     \mathrm{upper.bound}) / 2}{(lower.bound + upper.bound) / 2}; for `"prelu"` the
#'     channel's `gamma`).}
#'   \item{`"elu"`}{1 for \eqn{x > 0}, else \eqn{\mathrm{slope} \cdot e^x}{slope * exp(x)}.}
#'   \item{`"selu"`}{\eqn{\lambda} for \eqn{x > 0}, else
#'     \eqn{\lambda \alpha e^x}{lambda * alpha * exp(x)}. MXNet 1.9.1
#'     returns \eqn{\lambda(\alpha + y)}{lambda * (alpha + y)} here, which is
#'     not the derivative; this package returns the true derivative.}
#'   \item{`"gelu"`, `"gelu_erf"`}{\eqn{\Phi(x) + x \phi(x)}{pnorm(x) + x * dnorm(x)}: the
#'     standard normal distribution function plus \eqn{x} times the
#'     standard normal density.}
#'   \item{`"gelu_tanh"`}{With
#'     \eqn{u = \sqrt{2/\pi}\,(x + 0.044715\, x^3)}{u = sqrt(2 / pi) * (x + 0.044715 * x^3)}:
#'     \deqn{\frac{1}{2}\left(1 + \tanh u\right) +
#'       \frac{x}{2}\left(1 - \tanh^2 u\right) \sqrt{2/\pi}\,
#'       \left(1 + 3 \cdot 0.044715\, x^2\right)}{
#'       (1 + tanh(u)) / 2 + x / 2 * (1 - tanh(u)^2) * sqrt(2 / pi) * (1 + 3 * 0.044715 * x^2)}}
#' }
#' For `"prelu"` the gradient for `gamma[c]` is the sum over the elements of
#' channel `c` of `out.grad * pmin(x, 0)`; for a length-1 `gamma` the sum
#' runs over all elements. Channels follow the same shape convention as in
#' [mx.nd.LeakyReLU()] (R's second-to-last dimension).
#'
#' `NA` or `NaN` in `data` or `out.grad` gives `NA` or `NaN` in the
#' gradient of that element (and in the `gamma` gradient of its channel).
#'
#' @inheritParams mx.nd.LeakyReLU
#' @param gamma (numeric vector or `MXNDArray`, default `NULL`) For
#'   `"prelu"` only, and then required: the slopes of the forward call,
#'   length 1 (one slope for every element) or one per channel, the channels
#'   being R's second-to-last dimension of `data` (the rows of a matrix whose
#'   columns are samples; for a vector, `length(data)`). Its gradient is
#'   returned as `gamma`.
#' @param out.grad (numeric array or `MXNDArray`) The gradient of the loss
#'   with respect to the output of [mx.nd.LeakyReLU()], of the shape of
#'   `data`.
#' @param data (numeric array, `bit64::integer64` vector or `MXNDArray`) The input that was given to
#'   [mx.nd.LeakyReLU()]. The other arguments must also be those of the
#'   forward call.
#' @param mask (numeric array or `MXNDArray`, default `NULL`) For `"rrelu"`
#'   only: the slopes drawn in training mode, that is the attribute `"mask"`
#'   of the forward result, of the shape of `data`; `NULL` uses the inference
#'   slope `(lower.bound + upper.bound) / 2`.
#' @return A list with elements
#'   \describe{
#'     \item{`data`}{the gradient with respect to `data`, of the shape and
#'       type of `data` with its attributes as for [mx.nd.LeakyReLU()] (an
#'       `MXNDArray`, computed in single precision, when `data` is one);}
#'     \item{`gamma`}{for `"prelu"`, the gradient with respect to `gamma`, of
#'       the length of `gamma`; `NULL` for the other types.}
#'   }
#' @seealso [mx.nd.LeakyReLU()] for the forward pass and the formulas.
#' @examples
#' x <- c(-2, -0.5, 0.5, 2)
#' ones <- rep(1, 4)
#'
#' # the derivative of every type at x (prelu with one slope, 0.25)
#' for (type in c("leaky", "elu", "selu", "prelu", "rrelu", "gelu", "gelu_tanh")) {
#'   g <- mx.nd.LeakyReLU.backward(ones, x, act.type = type,
#'                                 gamma = if (type == "prelu") 0.25)
#'   cat(format(type, width = 9), ":", format(g$data, digits = 4), "\n")
#' }
#'
#' # elu with a non-default slope: the same arguments as the forward call
#' mx.nd.LeakyReLU.backward(ones, x, act.type = "elu", slope = 1)$data
#'
#' # prelu: gradients for the data and for gamma
#' g <- mx.nd.LeakyReLU.backward(ones, x, gamma = 0.2, act.type = "prelu")
#' g$data
#' g$gamma   # sum of the non-positive inputs: -2.5
#'
#' # prelu with one slope per channel (rows of a matrix whose columns are samples)
#' m <- matrix(c(-1, 2, -3, 4), 2)
#' mx.nd.LeakyReLU.backward(m * 0 + 1, m, gamma = c(0.1, 0.5),
#'                          act.type = "prelu")$gamma
#'
#' # rrelu with the slopes of a training-mode forward pass
#' set.seed(1)
#' y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
#' mx.nd.LeakyReLU.backward(ones, x, act.type = "rrelu",
#'                          mask = attr(y, "mask"))$data
#'
#' # agrees with a central difference of the forward function
#' h <- 1e-6
#' (mx.nd.LeakyReLU(x + h, act.type = "gelu") -
#'   mx.nd.LeakyReLU(x - h, act.type = "gelu")) / (2 * h)
#' mx.nd.LeakyReLU.backward(ones, x, act.type = "gelu")$data
#' @export
mx.nd.LeakyReLU.backward <- function(out.grad, data, gamma = NULL,
                                     act.type = "leaky", slope = 0.25,
                                     lower.bound = 0.125, upper.bound = 0.334,
                                     mask = NULL, ...) {
  # As in mx.nd.LeakyReLU(): one call checks and computes, or reports.
  if (!(...length() || missing(out.grad) || missing(data))) {
    r <- .Call(C_mxlr_backward, out.grad, data, gamma, act.type, slope,
               lower.bound, upper.bound, mask)
    if (!is.character(r)) return(r)
  }
  call <- sys.call()
  if (...length()) {
    dotted <- dot_arguments(
      eval(substitute(alist(...))),
      c(act.type = !missing(act.type), lower.bound = !missing(lower.bound),
        upper.bound = !missing(upper.bound)), call,
      "g <- mx.nd.LeakyReLU.backward(dy, x, ...)")
    # evaluated here, so that an error in an argument names the user's call
    dots <- list(...)
    names(dots) <- dotted
    if ("act.type" %in% names(dots)) act.type <- dots$act.type
    if ("lower.bound" %in% names(dots)) lower.bound <- dots$lower.bound
    if ("upper.bound" %in% names(dots)) upper.bound <- dots$upper.bound
  }
  if (missing(out.grad)) arg_error("out.grad", "is missing, with no default.", call)
  if (missing(data)) arg_error("data", "is missing, with no default.", call)
  a <- list(out.grad = out.grad, data = data, gamma = gamma,
            act.type = act.type, slope = slope, lower.bound = lower.bound,
            upper.bound = upper.bound, mask = mask)
  # each conversion settles one argument: a few rounds at most
  for (round in 1:12) {
    r <- .Call(C_mxlr_backward, a$out.grad, a$data, a$gamma, a$act.type,
               a$slope, a$lower.bound, a$upper.bound, a$mask)
    if (!is.character(r)) return(r)
    a <- settle(r, a, call)
  }
  stop("mxLeakyReLU: internal error: arguments not settled")
}
