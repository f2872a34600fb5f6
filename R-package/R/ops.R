# Arithmetic, comparisons and base-R methods for MXNDArray objects.

#' Arithmetic and Comparisons on MXNDArray Objects
#'
#' `+ - * / %%` and `== != > >= < <=` between two [MXNDArray][mx.nd.array]
#' objects of the same shape, or between an `MXNDArray` and a single number
#' (on either side), compute in float32 and return an `MXNDArray`, with
#' MXNet 1.9.1's results bit for bit, as MXNet-R's operators did (MXNet's
#' `_plus`, `_minus`, `_mul`, `_div`, `_mod`, `_equal`, ... and their
#' `_scalar`, `_rminus_scalar`, `_rdiv_scalar`, `_rmod_scalar` forms). The
#' number is rounded to float32 first (to nearest, ties to even). One number
#' is rounded differently from MXNet: 2^128 - 2^103, exactly halfway between
#' the largest float32 and 2^128, gives `Inf` here; MXNet reads the number
#' from its decimal text with its own parser and gets the largest float32.
#' Comparisons give `MXNDArray` objects of 0 and 1, as in MXNet-R;
#' any comparison with NaN gives 0, except `!=`, which gives 1. Division
#' follows IEEE arithmetic: `x / 0` is `Inf` or `-Inf`, `0 / 0` is `NaN`.
#' Unary minus (which MXNet-R lacked) multiplies by -1, as MXNet's
#' `__neg__` does, so `-0` is `-0`.
#'
#' The results feed [mx.nd.LeakyReLU()] directly.
#'
#' `%%` is MXNet's `mod`: the remainder takes the sign of the divisor, as
#' R's `%%` does, but is computed with C's `fmod()` in double and rounded
#' to float32 once, and `x %% 0` is 0 (R gives `NaN`).
#'
#' Not available, and an error saying to call `as.array()` first: `%/%`,
#' `^`, `&`, `|`, `!`, and the `Math` group (`exp()`, `log()`, `sqrt()`,
#' `abs()`, `round()`, `cumsum()`, ...),
#' whose float32 results MXNet computes with its own library functions.
#' A vector of several numbers, a plain R array, an `MXNDArray` of another
#' shape, or a non-numeric operand is an error (convert arrays with
#' [mx.nd.array()]).
#'
#' `max()`, `min()` and `range()` give the same (double) number as on
#' `as.array(x)`; `sum()`, `prod()`, `any()` and `all()` are errors.
#'
#' @param e1,e2 `MXNDArray` objects or single numbers.
#' @return An `MXNDArray` of the shape of the `MXNDArray` operand(s).
#' @name MXNDArray-arithmetic
#' @examples
#' x <- mx.nd.array(c(-2, 0.5, 3))
#' y <- mx.nd.array(c(1, 2, 0))
#' as.array(x + y)
#' as.array(1 - x * 0.1)      # 0.1 is rounded to float32 first
#' as.array(x / y)            # 3 / 0 is Inf
#' as.array(x > 0)            # 0/1
#' as.array(-x)
#' mx.nd.LeakyReLU(2 * x - 1, act.type = "elu")
#' as.array(x %% 2)           # MXNet's mod: -2 %% 2 is 0, 0.5 %% 2 is 0.5
#' as.array(x %% 0)           # 0, where R gives NaN
#' try(x ^ 2)
NULL

# MXNet's operators, numbered as the core's mxlr_binary_op.
nd_ops <- c("+" = 0L, "-" = 1L, "*" = 2L, "/" = 3L, "==" = 4L, "!=" = 5L,
            ">" = 6L, ">=" = 7L, "<" = 8L, "<=" = 9L, "%%" = 10L)

#' @rdname MXNDArray-arithmetic
#' @export
Ops.MXNDArray <- function(e1, e2) {
  nd_check_caller()
  op <- .Generic
  code <- nd_ops[op]
  if (is.na(code)) {
    nd_unsupported(sprintf("The operator `%s`", op))
  }
  what <- sprintf("`%s`", op)
  if (missing(e2)) {
    x <- nd_operand(e1, what)
    if (op == "+") return(x)
    if (op == "-") {
      return(.Call(C_mxlr_nd_scalar, x, -1, FALSE, nd_ops[["*"]]))
    }
    nd_unsupported(sprintf("The unary operator `%s`", op))
  }
  nd1 <- is.mx.ndarray(e1)
  nd2 <- is.mx.ndarray(e2)
  if (nd1 && nd2) {
    a <- nd_operand(e1, what)
    b <- nd_operand(e2, what)
    da <- dim(a)
    db <- dim(b)
    if (length(da) != length(db) || any(da != db)) {
      nd_error(sprintf(
        "%s needs MXNDArrays of the same shape, not %s and %s.", what,
        paste(da, collapse = "x"), paste(db, collapse = "x")))
    }
    return(.Call(C_mxlr_nd_binary, a, b, code))
  }
  if (nd1) {
    a <- nd_operand(e1, what)
    s <- nd_scalar(e2, what)
  } else {
    a <- nd_operand(e2, what)
    s <- nd_scalar(e1, what)
  }
  .Call(C_mxlr_nd_scalar, a, s, nd2, code)
}

# A condition of the package's class, without a call.
nd_error <- function(message) {
  stop(structure(class = c("mxLeakyReLU_error", "error", "condition"),
                 list(message = message, call = NULL)))
}

nd_operand <- function(x, what) {
  problem <- .Call(C_mxlr_nd_problem, x)
  if (!is.null(problem)) {
    nd_error(sprintf(
      "%s: an operand is not a valid MXNDArray (%s); create it with mx.nd.array().",
      what, problem))
  }
  x
}

nd_scalar <- function(s, what) {
  ok <- (is.double(s) || is.integer(s)) && !is.object(s) && length(s) == 1L
  if (!ok) {
    nd_error(sprintf(paste(
      "%s combines an MXNDArray with an MXNDArray of the same shape or a",
      "single number, not %s; convert arrays with mx.nd.array() or compute",
      "on as.array()."), what, describe(s)))
  }
  as.double(s)
}

#' @rdname MXNDArray-arithmetic
#' @param x An `MXNDArray`.
#' @param ... Further arguments of the generic.
#' @export
Math.MXNDArray <- function(x, ...) {
  nd_unsupported(sprintf("%s()", .Generic))
}

#' @rdname MXNDArray-arithmetic
#' @param na.rm As in [max()].
#' @export
Summary.MXNDArray <- function(..., na.rm = FALSE) {
  if (!.Generic %in% c("max", "min", "range")) {
    nd_unsupported(sprintf("%s()", .Generic))
  }
  args <- lapply(list(...), function(a) {
    if (is.mx.ndarray(a)) as.array(nd_operand(a, sprintf("%s()", .Generic)))
    else a
  })
  do.call(.Generic, c(args, na.rm = na.rm))
}

setMethod("%*%", signature("MXNDArray", "ANY"),
          function(x, y) nd_unsupported("`%*%`"))
setMethod("%*%", signature("ANY", "MXNDArray"),
          function(x, y) nd_unsupported("`%*%`"))
setMethod("%*%", signature("MXNDArray", "MXNDArray"),
          function(x, y) nd_unsupported("`%*%`"))

# Shape and values ------------------------------------------------------------

#' Base R Functions on MXNDArray Objects
#'
#' The methods that make base R functions give, on an
#' [MXNDArray][mx.nd.array], the answer they give on `as.array(x)`, or stop
#' with an error saying to call `as.array()` first. See the section "What an
#' `MXNDArray` is" of [mx.nd.array()] for the full list.
#'
#' @param x,object,target An `MXNDArray`.
#' @param current What to compare with.
#' @param value The new dimensions: whole numbers whose product is
#'   `length(x)`, or `NULL` for one dimension.
#' @param mode As in [as.vector()].
#' @param i,j,drop As in \code{\link[base:Extract]{[}}.
#' @param ... Further arguments passed to the method for `as.array(x)`.
#' @return As the same function on `as.array(x)`; `x[...]` an `MXNDArray`.
#' @name MXNDArray-methods
#' @aliases %*%,MXNDArray,ANY-method %*%,ANY,MXNDArray-method
#'   %*%,MXNDArray,MXNDArray-method cbind2,MXNDArray,ANY-method
#'   cbind2,ANY,MXNDArray-method cbind2,MXNDArray,MXNDArray-method
#'   cbind2,MXNDArray,missing-method rbind2,MXNDArray,ANY-method
#'   rbind2,ANY,MXNDArray-method rbind2,MXNDArray,MXNDArray-method
#'   rbind2,MXNDArray,missing-method show,MXNDArray-method
#' @keywords internal
NULL

#' @rdname MXNDArray-methods
#' @export
length.MXNDArray <- function(x) {
  n <- prod(as.double(dim(x)))
  if (n <= .Machine$integer.max) as.integer(n) else n
}

#' @rdname MXNDArray-methods
#' @export
dim.MXNDArray <- function(x) {
  d <- attr(x, "Dim", exact = TRUE)
  if (is.double(d) && all(d <= .Machine$integer.max)) d <- as.integer(d)
  d
}

# TRUE if value is a valid dim() with as many elements as the dimensions d.
is_dim_of <- function(value, d) {
  is.numeric(value) && !is.object(value) && length(value) >= 1L &&
    all(is.finite(value)) && all(value >= 0) && all(value == trunc(value)) &&
    all(value <= .Machine$integer.max) &&
    prod(as.double(value)) == prod(as.double(d))
}

#' @rdname MXNDArray-methods
#' @export
`dim<-.MXNDArray` <- function(x, value) {
  x <- ndarray_check(x, "x", sys.call())
  if (is.null(value)) value <- length(x)
  if (!is_dim_of(value, dim(x))) {
    arg_error("value", sprintf(
      "must be whole numbers whose product is %s, the length of the MXNDArray, not %s.",
      format(length(x)), describe(value)), sys.call())
  }
  .Call(C_mxlr_nd_reshape, x, as.integer(value))
}

#' @rdname MXNDArray-methods
#' @export
as.matrix.MXNDArray <- function(x, ...) {
  x <- ndarray_check(x, "x", sys.call())
  # As MXNet-R, refuse more than two dimensions (as.matrix() of an R array
  # would flatten it into one column); a 1-d array gives a column matrix,
  # as for an R vector.
  if (length(dim(x)) > 2L) {
    arg_error("x", sprintf(paste(
      "has %s (%s): as.matrix() takes one or two; use as.array(),",
      "or set dim(x) first."),
      count_of(length(dim(x)), "dimension"), paste(dim(x), collapse = "x")),
      sys.call())
  }
  as.matrix(as.array(x), ...)
}

# as.vector() is refused too: functions such as outer() call it after
# is.array(), which is FALSE for an MXNDArray, and would drop the dims.
#' @rdname MXNDArray-methods
#' @export
as.vector.MXNDArray <- function(x, mode = "any") {
  nd_unsupported("as.vector()")
}

# as.double() (hence as.numeric()) is refused: R's sprintf() and others
# take the length of an S4 object as 1 and then dispatch as.double(), which
# would silently drop values.
#' @rdname MXNDArray-methods
#' @export
as.double.MXNDArray <- function(x, ...) {
  nd_unsupported("as.double() (and as.numeric())")
}

#' @rdname MXNDArray-methods
#' @export
is.numeric.MXNDArray <- function(x) TRUE

#' @rdname MXNDArray-methods
#' @export
`[.MXNDArray` <- function(x, ...) {
  nd_check_caller()
  x <- ndarray_check(x, "x", sys.call())
  # R's own subsetting applied to the positions 1..n, shaped as as.array(x)
  # is (a compact sequence: no memory until indexed), gives the positions
  # selected and the result's dims; only those float32 values are read.
  d <- dim(x)
  n <- length(x)
  pos <- if (n <= .Machine$integer.max) seq_len(n) else seq(1, n)
  # structure() keeps the sequence compact (`dim<-` may expand it)
  if (length(d) >= 2L) pos <- structure(pos, dim = d)
  i <- pos[...]
  .Call(C_mxlr_nd_gather, x, i, dim(i))
}

#' @rdname MXNDArray-methods
#' @export
is.na.MXNDArray <- function(x) is.na(as.array(x))

#' @rdname MXNDArray-methods
#' @param recursive As in [anyNA()].
#' @export
anyNA.MXNDArray <- function(x, recursive = FALSE) anyNA(as.array(x))

#' @rdname MXNDArray-methods
#' @export
is.nan.MXNDArray <- function(x) is.nan(as.array(x))

#' @rdname MXNDArray-methods
#' @export
is.finite.MXNDArray <- function(x) is.finite(as.array(x))

#' @rdname MXNDArray-methods
#' @export
is.infinite.MXNDArray <- function(x) is.infinite(as.array(x))

#' @rdname MXNDArray-methods
#' @method all.equal MXNDArray
#' @export
all.equal.MXNDArray <- function(target, current, ...) {
  if (is.mx.ndarray(current)) current <- as.array(current)
  all.equal(as.array(target), current, ...)
}

#' @rdname MXNDArray-methods
#' @export
format.MXNDArray <- function(x, ...) format(as.array(x), ...)

#' @rdname MXNDArray-methods
#' @rawNamespace S3method(utils::str, MXNDArray)
str.MXNDArray <- function(object, ..., give.head = TRUE) {
  object <- ndarray_check(object, "object", sys.call())
  if (isTRUE(give.head)) {
    cat(sprintf(" MXNDArray float32 [%s] ", paste(dim(object), collapse = "x")))
  }
  utils::str(c(as.array(object)), give.head = FALSE, ...)
}

# What stops with an error ----------------------------------------------------

nd_refuse <- function(name) {
  force(name)
  function(x, ...) nd_unsupported(sprintf("%s()", name))
}

#' @rdname MXNDArray-methods
#' @export
`[<-.MXNDArray` <- function(x, ..., value) {
  nd_check_caller()
  nd_unsupported("Assignment `x[...] <-`")
}
#' @rdname MXNDArray-methods
#' @export
`[[.MXNDArray` <- function(x, ...) nd_unsupported("`[[`")
#' @rdname MXNDArray-methods
#' @export
`[[<-.MXNDArray` <- function(x, ..., value) nd_unsupported("`[[<-`")
#' @rdname MXNDArray-methods
#' @param name As in \code{\link[base:Extract]{$}}.
#' @export
`$.MXNDArray` <- function(x, name) nd_unsupported("`$`")
#' @rdname MXNDArray-methods
#' @export
`$<-.MXNDArray` <- function(x, name, value) nd_unsupported("`$<-`")
#' @rdname MXNDArray-methods
#' @export
`length<-.MXNDArray` <- function(x, value) nd_unsupported("`length<-`")
#' @rdname MXNDArray-methods
#' @export
`dimnames<-.MXNDArray` <- function(x, value) nd_unsupported("`dimnames<-`")
#' @rdname MXNDArray-methods
#' @export
`names<-.MXNDArray` <- function(x, value) nd_unsupported("`names<-`")
#' @rdname MXNDArray-methods
#' @export
`is.na<-.MXNDArray` <- function(x, value) nd_unsupported("`is.na<-`")
#' @rdname MXNDArray-methods
#' @export
as.integer.MXNDArray <- nd_refuse("as.integer")
#' @rdname MXNDArray-methods
#' @export
as.logical.MXNDArray <- nd_refuse("as.logical")
#' @rdname MXNDArray-methods
#' @export
as.complex.MXNDArray <- nd_refuse("as.complex")
#' @rdname MXNDArray-methods
#' @export
as.character.MXNDArray <- nd_refuse("as.character")
#' @rdname MXNDArray-methods
#' @export
as.list.MXNDArray <- nd_refuse("as.list")
#' @rdname MXNDArray-methods
#' @export
as.data.frame.MXNDArray <- nd_refuse("as.data.frame")
#' @rdname MXNDArray-methods
#' @export
c.MXNDArray <- nd_refuse("c")
#' @rdname MXNDArray-methods
#' @export
rep.MXNDArray <- nd_refuse("rep")
#' @rdname MXNDArray-methods
#' @export
rev.MXNDArray <- nd_refuse("rev")
#' @rdname MXNDArray-methods
#' @export
sort.MXNDArray <- nd_refuse("sort")
#' @rdname MXNDArray-methods
#' @export
xtfrm.MXNDArray <- nd_refuse("xtfrm (hence order() and rank())")
#' @rdname MXNDArray-methods
#' @export
unique.MXNDArray <- nd_refuse("unique")
#' @rdname MXNDArray-methods
#' @export
duplicated.MXNDArray <- nd_refuse("duplicated")
#' @rdname MXNDArray-methods
#' @export
anyDuplicated.MXNDArray <- nd_refuse("anyDuplicated")
#' @rdname MXNDArray-methods
#' @export
diff.MXNDArray <- nd_refuse("diff")
#' @rdname MXNDArray-methods
#' @export
mean.MXNDArray <- nd_refuse("mean")
#' @rdname MXNDArray-methods
#' @rawNamespace S3method(stats::median, MXNDArray)
median.MXNDArray <- nd_refuse("median")
#' @rdname MXNDArray-methods
#' @rawNamespace S3method(stats::quantile, MXNDArray)
quantile.MXNDArray <- nd_refuse("quantile")
#' @rdname MXNDArray-methods
#' @export
summary.MXNDArray <- function(object, ...) nd_unsupported("summary()")
#' @rdname MXNDArray-methods
#' @export
t.MXNDArray <- nd_refuse("t")
#' @rdname MXNDArray-methods
#' @rawNamespace S3method(utils::head, MXNDArray)
head.MXNDArray <- nd_refuse("head")
#' @rdname MXNDArray-methods
#' @rawNamespace S3method(utils::tail, MXNDArray)
tail.MXNDArray <- nd_refuse("tail")
#' @rdname MXNDArray-methods
#' @export
split.MXNDArray <- nd_refuse("split")
#' @rdname MXNDArray-methods
#' @export
seq.MXNDArray <- nd_refuse("seq")
#' @rdname MXNDArray-methods
#' @export
as.Date.MXNDArray <- nd_refuse("as.Date")
#' @rdname MXNDArray-methods
#' @export
as.environment.MXNDArray <- nd_refuse("as.environment")
# cbind() and rbind() with an S4 argument go through methods' cbind2() and
# rbind2().
setMethod("cbind2", signature("MXNDArray", "ANY"),
          function(x, y, ...) nd_unsupported("cbind()"))
setMethod("cbind2", signature("ANY", "MXNDArray"),
          function(x, y, ...) nd_unsupported("cbind()"))
setMethod("cbind2", signature("MXNDArray", "MXNDArray"),
          function(x, y, ...) nd_unsupported("cbind()"))
setMethod("cbind2", signature("MXNDArray", "missing"),
          function(x, y, ...) nd_unsupported("cbind()"))
setMethod("rbind2", signature("MXNDArray", "ANY"),
          function(x, y, ...) nd_unsupported("rbind()"))
setMethod("rbind2", signature("ANY", "MXNDArray"),
          function(x, y, ...) nd_unsupported("rbind()"))
setMethod("rbind2", signature("MXNDArray", "MXNDArray"),
          function(x, y, ...) nd_unsupported("rbind()"))
setMethod("rbind2", signature("MXNDArray", "missing"),
          function(x, y, ...) nd_unsupported("rbind()"))

# rowSums() and the like do not dispatch in base R: S4 generics made from
# them (as the Matrix package does) give the value on as.array(x).
#' @rdname MXNDArray-methods
#' @param na.rm,dims As in [rowSums()].
#' @aliases rowSums,MXNDArray-method colSums,MXNDArray-method
#'   rowMeans,MXNDArray-method colMeans,MXNDArray-method
#' @exportMethod rowSums colSums rowMeans colMeans
setGeneric("rowSums")
setGeneric("colSums")
setGeneric("rowMeans")
setGeneric("colMeans")
setMethod("rowSums", "MXNDArray", function(x, na.rm = FALSE, dims = 1L, ...) {
  rowSums(as.array(x), na.rm = na.rm, dims = dims, ...)
})
setMethod("colSums", "MXNDArray", function(x, na.rm = FALSE, dims = 1L, ...) {
  colSums(as.array(x), na.rm = na.rm, dims = dims, ...)
})
setMethod("rowMeans", "MXNDArray", function(x, na.rm = FALSE, dims = 1L, ...) {
  rowMeans(as.array(x), na.rm = na.rm, dims = dims, ...)
})
setMethod("colMeans", "MXNDArray", function(x, na.rm = FALSE, dims = 1L, ...) {
  colMeans(as.array(x), na.rm = na.rm, dims = dims, ...)
})

# Base functions that reach a method for MXNDArray on the way to an obscure
# error (pmax() and pmin() through `<`, `&` and `[<-`, rank() through `[`):
# the method stops with the usual error naming the function and its call.
nd_refused_callers <- c("pmax", "pmin", "rank")

nd_check_caller <- function() {
  # the frame that called the method that called this function
  n <- sys.parent(2)
  if (n < 1L) return(invisible())
  f <- sys.function(n)
  for (name in nd_refused_callers) {
    if (identical(f, get(name, baseenv()))) {
      nd_unsupported(sprintf("%s()", name), sys.call(n))
    }
  }
  invisible()
}
