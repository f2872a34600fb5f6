# MXNDArray: single-precision arrays as in the MXNet R package. The payload is
# an integer vector holding the float32 bit patterns, one per element, with
# R's dim attribute (the reverse of MXNet's shape) and class "MXNDArray".

#' Single-precision arrays compatible with MXNet-R's `MXNDArray`
#'
#' `mx.nd.array()` stores a numeric vector, matrix or array as single
#' precision (float32) values, like MXNet's `mx.nd.array()`, so that scripts
#' written for the MXNet R package run unchanged. [mx.nd.LeakyReLU()] and
#' [mx.nd.LeakyReLU.backward()] compute in single precision on such objects,
#' with MXNet's results, and return `MXNDArray` objects.
#'
#' Values are rounded to the nearest float32; `NA` becomes `NaN` (float32 has
#' no `NA`), values beyond the float32 range become `Inf` or `-Inf`. A vector
#' becomes a 1-d array. The objects are plain R objects: they can be copied,
#' saved with [saveRDS()] and read back.
#'
#' @section What an `MXNDArray` is:
#' An integer vector holding the float32 bit pattern of each element, with
#' the `dim` attribute of the array (R's order, the reverse of MXNet's shape)
#' and class `"MXNDArray"`. `dim()` works on it; arithmetic does not, as it
#' would act on the bit patterns: convert with `as.array()` first. `dimnames`
#' and `names` are not kept. The functions of this package check that an
#' `MXNDArray` is intact and give an error when its payload, `dim` or class
#' has been altered.
#'
#' @param src.array A numeric or logical vector, matrix or array.
#' @param ctx Ignored; accepted for compatibility with MXNet (which used it
#'   to choose a CPU or GPU device).
#' @param x An `MXNDArray`, or for `is.mx.ndarray()` any object.
#' @param ... Further arguments passed to [print()] for the values.
#' @return `mx.nd.array()`: an object of class `MXNDArray` with the `dim` of
#'   `src.array` (its length, for a vector). `as.array()`: a double array.
#'   `is.mx.ndarray()`: `TRUE` or `FALSE`.
#' @examples
#' x <- mx.nd.array(matrix(c(-2, -1, 0.1, 2), 2))
#' x
#' dim(x)
#' y <- mx.nd.LeakyReLU(x, act.type = "elu")
#' as.array(y)
#' is.mx.ndarray(y)
#'
#' # float32 rounding, and NA becoming NaN
#' print(as.array(mx.nd.array(c(0.1, 1 / 3, NA))), digits = 10)
#'
#' # the gradient of an MXNDArray is an MXNDArray
#' g <- mx.nd.LeakyReLU.backward(mx.nd.array(matrix(1, 2, 2)), x)
#' is.mx.ndarray(g$data)
#' @export
mx.nd.array <- function(src.array, ctx = NULL) {
  call <- sys.call()
  if (missing(src.array)) {
    arg_error("src.array", "is missing, with no default.", call)
  }
  if (is.mx.ndarray(src.array)) return(ndarray_check(src.array, "src.array", call))
  x <- check_array(src.array, "src.array", call)
  d <- dim(x)
  if (is.null(d)) d <- length(x)
  y <- .Call(C_mxlr_to_float, x)
  attributes(y) <- list(dim = d, class = "MXNDArray")
  y
}

#' @rdname mx.nd.array
#' @export
is.mx.ndarray <- function(x) inherits(x, "MXNDArray")

#' @rdname mx.nd.array
#' @export
as.array.MXNDArray <- function(x, ...) {
  x <- ndarray_check(x, "x", sys.call())
  y <- .Call(C_mxlr_from_float, x)
  dim(y) <- dim(x)
  y
}

#' @rdname mx.nd.array
#' @export
print.MXNDArray <- function(x, ...) {
  x <- ndarray_check(x, "x", sys.call())
  cat(sprintf("<MXNDArray float32 %s>\n", paste(dim(x), collapse = "x")))
  print(as.array(x), ...)
  invisible(x)
}

# Checks that an object of class MXNDArray is intact: an integer payload with
# a dim attribute covering it, and nothing else pasted on.
ndarray_check <- function(x, arg, call) {
  d <- attr(x, "dim", exact = TRUE)
  ok <- typeof(x) == "integer" && is.integer(d) && length(d) >= 1L &&
    identical(class(x), "MXNDArray") && !anyNA(d) &&
    isTRUE(prod(as.double(d)) == length(x))
  if (!ok) {
    arg_error(arg, paste(
      "is not a valid MXNDArray (its payload, dim or class has been altered);",
      "create it with mx.nd.array()."), call)
  }
  x
}

# Gives a result computed from `like` the class of `like`.
restore_class <- function(y, like) {
  if (is.mx.ndarray(like)) {
    class(y) <- "MXNDArray"
    if (!is.null(attr(y, "mask"))) class(attr(y, "mask")) <- "MXNDArray"
  }
  y
}

# Converts x to the numeric type of `like`: an MXNDArray when `like` is one,
# a double vector otherwise.
as_type_of <- function(x, like) {
  if (is.mx.ndarray(like) && !is.mx.ndarray(x)) return(mx.nd.array(x))
  if (!is.mx.ndarray(like) && is.mx.ndarray(x)) return(as.array(x))
  x
}
