#' mxLeakyReLU: MXNet's LeakyReLU Activations for R
#'
#' The `LeakyReLU` operator of Apache MXNet (activation types leaky, elu,
#' selu, prelu, rrelu, gelu and gelu_tanh) with the interface of the retired
#' MXNet R package: [mx.nd.LeakyReLU()], its gradient
#' [mx.nd.LeakyReLU.backward()], single-precision arrays made by
#' [mx.nd.array()] with MXNet's arithmetic, and MXNet's NDArray files
#' ([mx.nd.save()], [mx.nd.load()]). The computations run in a compiled core
#' written in 'Swift'.
#'
#' `vignette("mxLeakyReLU")` plots every activation type and its derivative
#' and trains a small network with them in plain R.
#'
#' @keywords internal
#' @useDynLib mxLeakyReLU, .registration = TRUE
"_PACKAGE"

.onLoad <- function(libname, pkgname) {
  # the act type names and the work-split constant, from the core
  the$constants <- .Call(C_mxlr_constants)
  act_type_names()
}
