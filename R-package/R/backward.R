#' Gradients of the LeakyReLU activations
#'
#' Computes the gradient of a loss with respect to the input (and, for
#' `"prelu"`, to `gamma`) of [mx.nd.LeakyReLU()], given the gradient with
#' respect to its output: the backward pass of `MXNet`'s operator.
#'
#' The derivative is taken from the input `data` (so it is right for zero and
#' negative slopes); at `x == 0` the negative branch is used, as in `MXNet`.
#' \describe{
#'   \item{`"leaky"`, `"rrelu"`, `"prelu"`}{1 for \eqn{x > 0}, else the slope
#'     (for `"rrelu"` the slopes in `mask` when given, else the inference
#'     slope; for `"prelu"` the channel's `gamma`).}
#'   \item{`"elu"`}{1 for \eqn{x > 0}, else \eqn{slope \cdot e^x}.}
#'   \item{`"selu"`}{\eqn{\lambda} for \eqn{x > 0}, else
#'     \eqn{\lambda \alpha e^x}. `MXNet` 1.9.1 returns
#'     \eqn{\lambda(\alpha + y)} here, which is not the derivative; this
#'     package returns the true derivative.}
#'   \item{`"gelu"`}{\eqn{\Phi(x) + x \phi(x)}, with \eqn{\Phi} and
#'     \eqn{\phi} the standard normal distribution and density.}
#' }
#' For `"prelu"` the gradient for `gamma[c]` is the sum over the elements of
#' channel `c` of `out.grad * ifelse(x > 0, 0, x)`; for a length-1 `gamma`
#' the sum runs over all elements.
#'
#' @inheritParams mx.nd.LeakyReLU
#' @param out.grad The gradient with respect to the output: an array of the
#'   shape of `data` (or an `MXNDArray`).
#' @param data The input that was given to [mx.nd.LeakyReLU()].
#' @param mask For `"rrelu"`: the slopes drawn in training mode (the
#'   attribute `"mask"` of the forward result), of the shape of `data`; `NULL`
#'   uses the inference slope `(lower.bound + upper.bound) / 2`.
#' @return A list with elements `data`, the gradient with respect to `data`
#'   (same shape and type as `data`), and `gamma`, the gradient with respect
#'   to `gamma` (same length as `gamma`) for `"prelu"`, else `NULL`.
#' @examples
#' x <- c(-2, -0.5, 0.5, 2)
#' mx.nd.LeakyReLU.backward(rep(1, 4), x, act.type = "elu")$data
#'
#' g <- mx.nd.LeakyReLU.backward(rep(1, 4), x, gamma = 0.2, act.type = "prelu")
#' g$gamma   # sum of the non-positive inputs: -2.5
#'
#' # with the slopes of a training-mode rrelu forward
#' set.seed(1)
#' y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
#' mx.nd.LeakyReLU.backward(rep(1, 4), x, act.type = "rrelu",
#'                          mask = attr(y, "mask"))$data
#' @export
mx.nd.LeakyReLU.backward <- function(out.grad, data, gamma = NULL,
                                     act.type = "leaky", slope = 0.25,
                                     lower.bound = 0.125, upper.bound = 0.334,
                                     mask = NULL) {
  call <- sys.call()
  if (missing(out.grad)) arg_error("out.grad", "is missing, with no default.", call)
  if (missing(data)) arg_error("data", "is missing, with no default.", call)
  a <- check_args(data, gamma, act.type, slope, lower.bound, upper.bound, call)
  dy <- check_like(out.grad, "out.grad", a$data, call)
  if (!is.null(mask) && a$act.type != "rrelu") {
    warning(simpleWarning(sprintf(
      "`mask` is ignored unless act.type is \"rrelu\" (act.type is \"%s\").",
      a$act.type), call))
    mask <- NULL
  }
  if (!is.null(mask)) mask <- check_like(mask, "mask", a$data, call)
  r <- .Call(C_mxlr_backward, dy, a$data, a$act, a$slope, a$lower, a$upper,
             a$gamma, a$channels, a$inner, mask, mxLeakyReLU.threads())
  dgamma <- r[[2L]]
  if (!is.null(dgamma)) {
    dgamma <- restore_class(dgamma, a$data)
    if (is.mx.ndarray(dgamma)) dim(dgamma) <- length(dgamma)
  }
  list(data = restore_class(r[[1L]], a$data), gamma = dgamma)
}

# Checks that `x` (out.grad, mask) is an array of the shape of `data` and
# returns it in the numeric type of `data`.
check_like <- function(x, arg, data, call) {
  if (is.null(x)) {
    arg_error(arg, "must be an array of the shape of `data`, not NULL.", call)
  }
  x <- check_array(x, arg, call)
  shape <- function(v) if (is.null(dim(v))) length(v) else dim(v)
  if (!identical(as.double(shape(x)), as.double(shape(data)))) {
    arg_error(arg, sprintf("must have the shape of `data` (%s), not %s.",
      paste(shape(data), collapse = " x "), paste(shape(x), collapse = " x ")),
      call)
  }
  as_type_of(x, data)
}
