# The messages of the argument checks shared by every entry point. Whether
# an argument is valid is decided in compiled code only (src/glue.c): an
# entry point computes a valid call at once, and otherwise returns the
# first failure, c(argument, kind, details). settle() words it here, as an
# error or a warning, or does the conversion it asks for (integer and
# logical values to double, bit64::integer64, a change of precision); the
# entry point is then called again with the converted argument.

# The act type names come from the core (mxlr_act_type_name(),
# mxlr_act_type_alias(), through the glue), read when the package is
# loaded: .onLoad() stores them in `the`.
the <- new.env(parent = emptyenv())

# The accepted act.type names, each alias right after the name it stands for.
act_type_names <- function() {
  if (is.null(the$act_names)) {
    k <- constants()
    out <- character(0)
    for (nm in k$names) out <- c(out, nm, names(k$aliases)[k$aliases == nm])
    the$act_names <- out
  }
  the$act_names
}

constants <- function() {
  if (is.null(the$constants)) the$constants <- .Call(C_mxlr_constants)
  the$constants
}

# MXNet's own spellings of the dotted argument names (as MXNet-R passed them
# through), accepted in `...`.
mxnet_spellings <- c(act_type = "act.type", lower_bound = "lower.bound",
                     upper_bound = "upper.bound")

# The arguments given in `...` of the LeakyReLU functions: MXNet's spellings
# of the dotted names, each only when its dotted name was not given too.
# `exprs` are the unevaluated arguments (for naming unknown ones), `given`
# tells which dotted names were given, `usage` shows how the function's
# result is used (for the message about `out`). Nothing is evaluated here:
# the caller evaluates `...` in its own frame afterwards, so that an error
# while evaluating an argument reports the user's call. Returns the dotted
# names of the arguments, in order.
dot_arguments <- function(exprs, given, call, usage) {
  nms <- names(exprs)
  if (is.null(nms)) nms <- rep("", length(exprs))
  if ("out" %in% nms) {
    arg_error("out", sprintf(paste(
      "is not supported: arrays here are values, which a function does not",
      "write into (MXNet-R's `out =` did). Use the returned value instead,",
      "e.g. `%s`."), usage), call)
  }
  unknown <- !(nms %in% names(mxnet_spellings))
  if (any(unknown)) {
    shown <- vapply(seq_along(exprs)[unknown], function(i) {
      text <- paste(deparse(exprs[[i]], width.cutoff = 60L, nlines = 1L),
                    collapse = " ")
      if (nzchar(nms[i])) paste(nms[i], "=", text) else text
    }, "")
    stop(simpleError(sprintf("unused argument%s (%s)",
      if (length(shown) > 1L) "s" else "", paste(shown, collapse = ", ")),
      call))
  }
  twice <- nms[duplicated(nms)]
  if (length(twice)) {
    arg_error(twice[1L], "is given more than once.", call)
  }
  for (i in seq_along(nms)) {
    nm <- nms[i]
    dotted <- mxnet_spellings[[nm]]
    if (isTRUE(given[[dotted]])) {
      arg_error(dotted, sprintf(
        "is given twice, as `%s` and as `%s` (MXNet's spelling): give one.",
        dotted, nm), call)
    }
    if (is_empty_argument(exprs[[i]])) {
      arg_error(nm, sprintf(
        "has no value (`%s = ` is empty): give a value or leave it out.",
        nm), call)
    }
  }
  unname(mxnet_spellings[nms])
}

# TRUE for the empty expression of `name = ` in a call.
is_empty_argument <- function(e) is.symbol(e) && !nzchar(as.character(e))

# Signals an error of class "mxLeakyReLU_error" whose message starts with the
# argument's name, reported as coming from `call`.
arg_error <- function(arg, problem, call) {
  msg <- sprintf("`%s` %s", arg, problem)
  stop(structure(
    class = c("mxLeakyReLU_error", "error", "condition"),
    list(message = msg, call = call)
  ))
}

# A short description of an object, for error messages.
describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.factor(x)) return("a factor")
  if (is.data.frame(x)) return("a data frame")
  if (is.function(x)) return("a function")
  if (is.environment(x)) return("an environment")
  if (isS4(x)) return(sprintf("an S4 object of class <%s>", class(x)[1L]))
  if (!is.object(x) && is.atomic(x) && length(x) == 1L &&
      (is.numeric(x) || is.logical(x))) {
    return(sprintf("`%s`", format(x)))
  }
  kind <- if (is.object(x)) sprintf("an object of class <%s>", class(x)[1L])
          else if (is.list(x)) "a list"
          else sprintf("%s %s vector", article(typeof(x)), typeof(x))
  sprintf("%s of length %s", kind, format(length(x), scientific = FALSE))
}

# "an" before a word that starts with a vowel, else "a".
article <- function(word) if (grepl("^[aeiouAEIOU]", word)) "an" else "a"

# "1 array", "2 arrays": a count and the noun, plural unless the count is 1.
count_of <- function(n, noun, plural = paste0(noun, "s")) {
  sprintf("%s %s", format(n, scientific = FALSE), if (n == 1) noun else plural)
}

# A matrix or vector of the Matrix package (dense, sparse, ...).
is_matrix_package_object <- function(x) {
  isS4(x) && (identical(attr(class(x), "package"), "Matrix") ||
                methods::is(x, "Matrix") || methods::is(x, "sparseVector"))
}

# bit64::integer64 (64-bit integers in the bits of a double vector) as
# doubles, keeping every attribute but the class "integer64".
integer64_as_double <- function(x, arg, call) {
  y <- .Call(C_mxlr_int64_to_double, x)
  if (is.list(y)) {
    # the index of the first value beyond 2^53 (see the glue)
    y <- -y[[1L]]
    arg_error(arg, sprintf(paste(
      "is a bit64::integer64 vector with a value beyond 2^53 in magnitude",
      "(element %s), which a double cannot hold exactly."),
      format(-y, scientific = FALSE)), call)
  }
  attributes(y) <- attributes(x)
  cls <- setdiff(class(x), "integer64")
  class(y) <- if (length(cls)) cls else NULL
  y
}

# The act types that take `trait` ("slope", "gamma", "bounds" or "mask"),
# from the core's registry, and them quoted for a message.
takers <- function(trait) constants()$traits[[trait]]
quoted_takers <- function(trait) {
  paste0("\"", takers(trait), "\"", collapse = " or ")
}

# The problem of a character `gamma`: a hint to name act.type when it is an
# act type's name, else the type error.
gamma_string_problem <- function(gamma) {
  if (length(gamma) == 1L && !is.na(gamma) &&
      gamma %in% act_type_names()) {
    return(sprintf(paste(
      "must be a numeric vector (the slopes of \"prelu\"), not the act",
      "type \"%s\": give the act type by name, act.type = \"%s\"."),
      gamma, gamma))
  }
  sprintf("must be a numeric vector, not %s.", describe(gamma))
}

# The canonical name of an accepted act.type (an alias's target).
act_type_canonical <- function(act.type) {
  aliases <- constants()$aliases
  if (act.type %in% names(aliases)) aliases[[act.type]] else act.type
}

# Reports an invalid thread setting (mxLeakyReLU.threads() words it).
check_threads <- function() invisible(mxLeakyReLU.threads())

# Acts on a failure an entry point reported (see src/glue.c): `failure` is
# c(argument, kind, details), `args` the list of the arguments as the
# entry point got them, `call` the user's call, for messages. Signals the
# error (or the warning) of the failure, and returns `args` with the
# argument converted, or dropped after a warning, for the next call.
settle <- function(failure, args, call) {
  arg <- failure[[1L]]
  kind <- failure[[2L]]
  detail <- failure[-(1:2)]
  x <- args[[arg]]
  x <- switch(kind,
    # conversions
    double = {
      storage.mode(x) <- "double"
      x
    },
    integer64 = integer64_as_double(x, arg, call),
    to_ndarray = mx.nd.array(x),
    to_double = as.array(x),
    as_double = as.double(x),
    ndarray_as_double = as.double(as.array(x)),
    integer64_as_double = as.double(integer64_as_double(x, arg, call)),
    # warnings: the argument is dropped
    ignored = {
      # gamma's warning names the canonical act type, mask's the given one
      type <- if (arg == "gamma") act_type_canonical(args$act.type)
              else args$act.type
      warning(simpleWarning(sprintf(
        "`%s` is ignored unless act.type is %s (act.type is \"%s\").",
        arg, quoted_takers(arg), type), call))
      NULL
    },
    setting = {
      check_threads()
      stop("mxLeakyReLU: internal error: thread setting")
    },
    arg_error(arg, problem_of(kind, detail, x, args), call)
  )
  args[arg] <- list(x)
  args
}

# The message of an error settle() signals, after the argument's name:
# `x` is the argument's value, `detail` the failure's details.
problem_of <- function(kind, detail, x = NULL, args = list()) {
  switch(kind,
    not_array = sprintf(
      "must be a numeric or logical vector, matrix or array, not %s.%s",
      describe(x),
      if (is.data.frame(x) || is_matrix_package_object(x)) {
        " Convert it with as.matrix() first."
      } else {
        ""
      }),
    ndarray = sprintf(
      "is not a valid MXNDArray (%s); create it with mx.nd.array().", detail),
    null = "must be an array of the shape of `data`, not NULL.",
    shape = sprintf("must have the shape of `data` (%s), not %s.",
                    shape_text(args$data), shape_text(x)),
    act_type = {
      names <- act_type_names()
      what <- if (is.character(x) && length(x) == 1L) {
        if (is.na(x)) "NA" else sprintf("\"%s\"", x)
      } else {
        describe(x)
      }
      sprintf("must be one of %s, not %s.",
              paste0("\"", names, "\"", collapse = ", "), what)
    },
    number = sprintf("must be a single finite number, not %s.", describe(x)),
    greater = sprintf("must not be greater than `upper.bound` (%s > %s).",
                      format(as.double(args$lower.bound)),
                      format(as.double(args$upper.bound))),
    float32 = {
      i <- if (length(detail)) as.numeric(detail) else 1
      sprintf(paste("must be within the float32 range (|x| < 3.4e38) for",
                    "MXNDArray data, not %s%s."),
              format(x[i]),
              if (length(x) > 1L) sprintf(" (element %s)", detail) else "")
    },
    character = gamma_string_problem(x),
    required = sprintf("is required when act.type is %s.",
                       quoted_takers("gamma")),
    not_numeric = sprintf("must be a numeric vector, not %s.", describe(x)),
    length = sprintf("must have length 1 or %s (%s), not %s.", detail[[1L]],
      if (detail[[2L]] != "0") {
        sprintf("dim(data)[%s], the channel dimension", detail[[2L]])
      } else {
        "length(data), as data has no channel dimension"
      },
      format(length(x), scientific = FALSE)),
    infinite = sprintf("must have finite values (or NA), not %s (element %s).",
                       format(x[as.numeric(detail)]), detail),
    flag = sprintf("must be TRUE or FALSE, not %s.", describe(x)),
    stop(sprintf("mxLeakyReLU: internal error: unknown failure %s", kind))
  )
}

# The shape of an array for messages: its dims, or the length of a vector,
# as "2 x 3".
shape_text <- function(x) {
  paste(if (is.null(dim(x))) length(x) else dim(x), collapse = " x ")
}
