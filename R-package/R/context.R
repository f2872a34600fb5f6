# Devices (contexts) and constructors, as in MXNet-R. There is only the CPU.

#' Devices: `mx.cpu()`, `mx.gpu()` and the Default Context
#'
#' MXNet-R's device objects, so that code passing `ctx = mx.cpu()` runs
#' unchanged. Every array of this package lives in main memory and is
#' computed on the CPU: `mx.cpu()` is the only device arrays can be created
#' on. `mx.gpu()` returns a GPU context as in MXNet-R, but creating an array
#' on it ([mx.nd.array()], [mx.nd.zeros()], [mx.nd.ones()]) is an error, as
#' the package has no GPU support.
#'
#' @param dev.id The device number: a whole number >= 0. It is recorded
#'   only; every CPU context means the same memory.
#' @param new A context to make the default, or `NULL` to leave it.
#' @param x An object.
#' @param ... Ignored.
#' @return `mx.cpu()`, `mx.gpu()`: an object of class `MXContext`, a list
#'   with elements `device` (`"cpu"` or `"gpu"`), `device_id` and
#'   `device_typeid` (1 for the CPU, 2 for a GPU, MXNet's numbers).
#'   `mx.ctx.default()`: the default context (after setting it to `new`),
#'   `mx.cpu()` unless changed. `is.mx.context()`: `TRUE` or `FALSE`.
#' @examples
#' mx.cpu()
#' x <- mx.nd.array(1:3, ctx = mx.cpu())
#' z <- mx.nd.zeros(c(2, 3), ctx = mx.cpu())
#' mx.ctx.default()
#' is.mx.context(mx.gpu())
#' # there is no GPU support
#' try(mx.nd.ones(2, ctx = mx.gpu()))
#' @export
mx.cpu <- function(dev.id = 0) {
  new_context("cpu", 1L, check_dev_id(dev.id, sys.call()))
}

#' @rdname mx.cpu
#' @export
mx.gpu <- function(dev.id = 0) {
  new_context("gpu", 2L, check_dev_id(dev.id, sys.call()))
}

#' @rdname mx.cpu
#' @export
mx.ctx.default <- function(new = NULL) {
  if (!is.null(new)) {
    if (!is.mx.context(new)) {
      arg_error("new", sprintf("must be a context made by mx.cpu() or mx.gpu(), not %s.",
                               describe(new)), sys.call())
    }
    context_state$default <- new
  }
  context_state$default
}

#' @rdname mx.cpu
#' @export
is.mx.context <- function(x) inherits(x, "MXContext")

#' @rdname mx.cpu
#' @export
print.MXContext <- function(x, ...) {
  cat(sprintf("%s(%d)\n", x$device, x$device_id))
  invisible(x)
}

new_context <- function(device, typeid, id) {
  structure(list(device = device, device_id = id, device_typeid = typeid),
            class = "MXContext")
}

check_dev_id <- function(dev.id, call) {
  ok <- is.numeric(dev.id) && !is.object(dev.id) && length(dev.id) == 1L &&
    is.finite(dev.id) && dev.id >= 0 && dev.id == trunc(dev.id) &&
    dev.id <= .Machine$integer.max
  if (!ok) {
    arg_error("dev.id", sprintf("must be a whole number >= 0, not %s.",
                                describe(dev.id)), call)
  }
  as.integer(dev.id)
}

context_state <- new.env(parent = emptyenv())
context_state$default <- new_context("cpu", 1L, 0L)

# Checks the ctx argument of the constructors: NULL (the default context)
# or a CPU context.
check_ctx <- function(ctx, call) {
  if (is.null(ctx)) ctx <- context_state$default
  if (!is.mx.context(ctx)) {
    arg_error("ctx", sprintf("must be a context made by mx.cpu(), not %s.",
                             describe(ctx)), call)
  }
  if (!identical(ctx$device, "cpu")) {
    arg_error("ctx", sprintf(paste(
      "is %s(%d), but this package has no GPU support:",
      "arrays live on the CPU; use ctx = mx.cpu()."),
      ctx$device, ctx$device_id), call)
  }
  invisible(ctx)
}

#' Arrays of Zeros or Ones
#'
#' `mx.nd.zeros()` and `mx.nd.ones()` create an [MXNDArray][mx.nd.array] of
#' the given shape filled with 0 or 1, as in MXNet-R.
#'
#' @param shape The dimensions in R's order (as `dim()` gives them, the
#'   reverse of MXNet's shape): a vector of whole numbers >= 0. A single
#'   number gives a 1-d array.
#' @param ctx `NULL` (the default context) or [mx.cpu()]; see [mx.cpu()].
#' @return An `MXNDArray` with `dim()` equal to `shape`.
#' @examples
#' z <- mx.nd.zeros(c(2, 3))
#' dim(z)
#' as.array(mx.nd.ones(4, ctx = mx.cpu()))
#' @export
mx.nd.zeros <- function(shape, ctx = NULL) {
  nd_filled(shape, ctx, 0, sys.call())
}

#' @rdname mx.nd.zeros
#' @export
mx.nd.ones <- function(shape, ctx = NULL) {
  nd_filled(shape, ctx, 1, sys.call())
}

nd_filled <- function(shape, ctx, value, call) {
  if (missing(shape)) arg_error("shape", "is missing, with no default.", call)
  check_ctx(ctx, call)
  ok <- is.numeric(shape) && !is.object(shape) && length(shape) >= 1L &&
    all(is.finite(shape)) && all(shape >= 0) && all(shape == trunc(shape)) &&
    all(shape <= .Machine$integer.max)
  if (!ok) {
    arg_error("shape", sprintf(
      "must be a vector of whole numbers >= 0 (R's dim order), not %s.",
      describe(shape)), call)
  }
  n <- prod(as.double(shape))
  if (n > 2^48) {
    arg_error("shape", sprintf("describes %s elements, too many.",
                               format(n)), call)
  }
  .Call(C_mxlr_nd_fill, as.integer(shape), value)
}

#' Copy an MXNDArray to a device; the device of an MXNDArray
#'
#' `mx.nd.copyto(src, ctx)` gives an [MXNDArray][mx.nd.array] with the
#' values and dims of `src` on the device `ctx`, and `ctx(x)` the device of
#' `x`, as in MXNet-R. This package computes on the CPU only, so `ctx` must
#' be [mx.cpu()] and `ctx(x)` is always `mx.cpu(0)`. As arrays here are
#' values, the copy is `src` itself: changing one never changes the other.
#'
#' @param src An `MXNDArray`.
#' @param ctx The target device: [mx.cpu()]. [mx.gpu()] is an error.
#' @param x An `MXNDArray`.
#' @return `mx.nd.copyto()`: an `MXNDArray`. `ctx()`: a context of class
#'   `"MXContext"`.
#' @examples
#' x <- mx.nd.array(1:3)
#' y <- mx.nd.copyto(x, mx.cpu())
#' identical(as.array(y), as.array(x))
#' ctx(y)
#' @export
mx.nd.copyto <- function(src, ctx) {
  call <- sys.call()
  if (missing(src)) arg_error("src", "is missing, with no default.", call)
  if (missing(ctx)) arg_error("ctx", "is missing, with no default.", call)
  if (!is.mx.ndarray(src)) {
    arg_error("src", sprintf(
      "must be an MXNDArray, not %s; create it with mx.nd.array().",
      describe(src)), call)
  }
  src <- ndarray_check(src, "src", call)
  if (is.null(ctx)) {
    arg_error("ctx", "must be a context made by mx.cpu(), not NULL.", call)
  }
  check_ctx(ctx, call)
  src
}

#' @rdname mx.nd.copyto
#' @export
ctx <- function(x) {
  call <- sys.call()
  if (missing(x)) arg_error("x", "is missing, with no default.", call)
  if (!is.mx.ndarray(x)) {
    arg_error("x", sprintf("must be an MXNDArray, not %s.", describe(x)),
              call)
  }
  ndarray_check(x, "x", call)
  mx.cpu(0)
}
