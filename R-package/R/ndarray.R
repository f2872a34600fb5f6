# MXNDArray: single-precision arrays as in the MXNet R package.
#
# An MXNDArray is an S4 object (type "S4") of class "MXNDArray" with two
# slots: `data`, a raw vector holding the float32 values (4 bytes each, the
# host's byte order, R's column-major order), and `Dim`, the dimensions in
# R's order (the reverse of MXNet's shape). Only R/ndarray.R, R/ops.R,
# R/io.R and src/ndarray.c look inside; the rest of the package uses
# is.mx.ndarray() and ndarray_check().

#' @importFrom methods setClass setMethod new show signature cbind2 rbind2
NULL

#' The MXNDArray Class
#'
#' The S4 class of the single-precision arrays made by [mx.nd.array()].
#' Create them with [mx.nd.array()], [mx.nd.zeros()], [mx.nd.ones()] or
#' [mx.nd.load()], not with `new()`. [MXNDArray-arithmetic] describes their
#' arithmetic and comparisons, [MXNDArray-methods] the base R functions that
#' work on them, and [mx.nd.LeakyReLU()] computes on them in single
#' precision.
#'
#' @slot data The float32 values as raw bytes (4 per element, the host's
#'   byte order), in R's column-major order.
#' @slot Dim The dimensions in R's order (the reverse of MXNet's shape).
#' @aliases MXNDArray
#' @exportClass MXNDArray
setClass("MXNDArray", slots = c(data = "raw", Dim = "numeric"))

#' Single-Precision Arrays Compatible with MXNet-R's `MXNDArray`
#'
#' `mx.nd.array()` stores a numeric vector, matrix or array as single
#' precision (float32) values, like MXNet's `mx.nd.array()`, so that scripts
#' written for the MXNet R package run unchanged. [mx.nd.LeakyReLU()] and
#' [mx.nd.LeakyReLU.backward()] compute in single precision on such objects,
#' with MXNet's results, and return `MXNDArray` objects; so do the
#' arithmetic operators (see [MXNDArray-arithmetic]).
#'
#' Values are rounded to the nearest float32; `NA` becomes `NaN` (float32 has
#' no `NA`), values beyond the float32 range become `Inf` or `-Inf`. A vector
#' becomes a 1-d array. `dimnames` and `names` are not kept.
#'
#' @section What an `MXNDArray` is:
#' An S4 object of class `"MXNDArray"` whose slot `data` holds the float32
#' values as raw bytes (4 per element) and slot `Dim` the dimensions in R's
#' order (the reverse of MXNet's shape). This representation is chosen so
#' that no base R function can read the bytes as numbers by accident: R's
#' functions that do not know the class stop with an error on an object of
#' type `"S4"` (`sum()`, `cat()`, `which.max()`, `rev()`, ...),
#' and the functions that dispatch on the class either give the answer they
#' give on `as.array(x)` or stop with an error saying to call `as.array()`
#' first. An `MXNDArray` never gives a silently wrong number.
#'
#' What works on an `MXNDArray` `x`:
#' * `as.array(x)` and `as.matrix(x)`: the values as doubles (exact), with
#'   the dims (a 1-d `x` gives a plain vector, as in MXNet-R;
#'   `as.matrix()` of more than two dimensions is an error, as in MXNet-R);
#' * `dim(x)`, `length(x)`, `nrow(x)`, `ncol(x)`, `seq_along(x)`,
#'   `dim(x) <- d` (same number of elements), `is.numeric(x)` (`TRUE`);
#' * `x[i]`, `x[i, j]`, ...: the selected values as an `MXNDArray`;
#' * `+ - * / %%` and `== != > >= < <=` with an `MXNDArray` of the same shape
#'   or a single number, and unary `-`: float32 `MXNDArray` results, bit for
#'   bit those of MXNet 1.9.1 (see [MXNDArray-arithmetic]);
#' * `max()`, `min()`, `range()`, `is.na()`, `anyNA()`, `is.nan()`,
#'   `is.finite()`, `is.infinite()`, `all.equal()`, `format()`, `print()`,
#'   `str()`, `apply()`, `scale()`, `identical()`, `rowSums()`,
#'   `colSums()`, `rowMeans()`, `colMeans()`,
#'   `saveRDS()`/`readRDS()`, `serialize()`, `dput()`/`dget()`;
#' * [mx.nd.save()] and [mx.nd.load()] for MXNet's own files.
#'
#' Everything else stops with an error, most often "... is not available
#' for an MXNDArray: convert it with as.array() first": the `Math` group
#' (`exp()`, `round()`, `abs()`, `cumsum()`, ...), `sum()`, `prod()`,
#' `mean()`, `median()`, `quantile()`, `summary()`, `sort()`, `order()`,
#' `rev()`, `unique()`, `c()`, `rep()`, `t()`, `head()`, `paste()`,
#' `as.vector()`, `as.numeric()`, `as.character()`, `as.list()` (hence
#' `lapply()`), `as.data.frame()`, `%*%`, `%/%`, `^`, ... Base functions
#' that do not dispatch give R's own error about type `"S4"` (`cat()`,
#' `which.max()`, `var()`, `crossprod()`, ...); `pmax()`, `pmin()` and
#' `rank()` stop with the error naming them. `stopifnot(x > 0)` always
#' fails: a comparison gives a 0/1 `MXNDArray`, as in MXNet-R, not
#' `TRUE`/`FALSE`; use `stopifnot(as.array(x) > 0)`. `as.numeric()`
#' and `as.vector()` are refused on purpose: some base functions take the
#' length of an S4 object as 1, or its dims as absent, before calling them.
#'
#' `identical()` compares the stored float32 values bit for bit, so it tells
#' `0` from `-0` (NaN is always stored as the same quiet NaN). Inside a list,
#' an `MXNDArray` stays one element: `unlist()` and `c(list, x)` do not
#' flatten it. `drop(x)` returns `x` unchanged, and `is.array(x)` and
#' `is.matrix(x)` are `FALSE`.
#'
#' @param src.array A numeric or logical vector, matrix or array, or an
#'   `MXNDArray` (returned as it is).
#' @param ctx The device: `NULL` (the default context, see
#'   [mx.ctx.default()]) or [mx.cpu()]. There is no GPU support: a
#'   [mx.gpu()] context is an error.
#' @param x An `MXNDArray`, or for `is.mx.ndarray()` any object.
#' @param ... Further arguments passed to [print()] for the values.
#' @return `mx.nd.array()`: an object of class `MXNDArray` with the `dim` of
#'   `src.array` (its length, for a vector). `as.array()`: a double array
#'   with the dims, or for a 1-d `MXNDArray` a double vector without `dim`,
#'   as MXNet-R's `as.array()` gave.
#'   `is.mx.ndarray()`: `TRUE` or `FALSE`.
#' @seealso [mx.nd.zeros()], [mx.nd.save()], [mx.cpu()],
#'   [MXNDArray-arithmetic].
#' @examples
#' x <- mx.nd.array(matrix(c(-2, -1, 0.1, 2), 2), ctx = mx.cpu())
#' x
#' dim(x)
#' y <- mx.nd.LeakyReLU(x * 2 - 1, act.type = "elu")
#' as.array(y)
#' is.mx.ndarray(y)
#'
#' # float32 rounding, and NA becoming NaN
#' print(as.array(mx.nd.array(c(0.1, 1 / 3, NA))), digits = 10)
#'
#' # what is not defined for float32 arrays asks for as.array() first
#' try(sum(x))
#' sum(as.array(x))
#'
#' # the gradient of an MXNDArray is an MXNDArray
#' g <- mx.nd.LeakyReLU.backward(mx.nd.ones(c(2, 2)), x)
#' is.mx.ndarray(g$data)
#' @export
mx.nd.array <- function(src.array, ctx = NULL) {
  call <- sys.call()
  if (missing(src.array)) {
    arg_error("src.array", "is missing, with no default.", call)
  }
  check_ctx(ctx, call)
  x <- src.array
  # NULL once the values are double or an intact MXNDArray (src/glue.c
  # decides; settle() words the error or converts)
  while (!is.null(failure <- .Call(C_mxlr_check_array, x, "src.array"))) {
    x <- settle(failure, list(src.array = x), call)$src.array
  }
  if (is.mx.ndarray(x)) return(x)
  nd_from_double(x, dim(x))
}

#' @rdname mx.nd.array
#' @export
is.mx.ndarray <- function(x) inherits(x, "MXNDArray")

#' @rdname mx.nd.array
#' @export
as.array.MXNDArray <- function(x, ...) {
  x <- ndarray_check(x, "x", sys.call())
  # A 1-d MXNDArray gives a plain vector (no dim), as in MXNet-R.
  .Call(C_mxlr_nd_to_double, x, length(dim(x)) == 1L)
}

#' @rdname mx.nd.array
#' @export
print.MXNDArray <- function(x, ...) {
  x <- ndarray_check(x, "x", sys.call())
  # MXNet-R printed the values only; the header line tells a float32
  # MXNDArray from the double vector or array that prints the same.
  cat(sprintf("<MXNDArray float32 %s>\n", paste(dim(x), collapse = "x")))
  print(as.array(x), ...)
  invisible(x)
}

setMethod("show", "MXNDArray", function(object) print.MXNDArray(object))

# Internal helpers ----------------------------------------------------------

# A double vector (checked) to an MXNDArray with dims `dim` (NULL: 1-d).
nd_from_double <- function(x, dim) {
  .Call(C_mxlr_nd_from_double, x, dim)
}

# Checks that x is an intact MXNDArray and returns it; an error naming `arg`
# otherwise.
ndarray_check <- function(x, arg, call) {
  problem <- .Call(C_mxlr_nd_problem, x)
  if (!is.null(problem)) arg_error(arg, problem_of("ndarray", problem), call)
  x
}

# The error for a function that an MXNDArray does not support.
nd_unsupported <- function(what, call = NULL) {
  stop(structure(
    class = c("mxLeakyReLU_error", "error", "condition"),
    list(message = sprintf(
      "%s is not available for an MXNDArray: convert it with as.array() first.",
      what), call = call)))
}
