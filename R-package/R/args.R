# Argument checking shared by every entry point: the one validation path.
# Each entry point first hands the user's arguments to its .Call, which
# computes the common valid case (src/glue.c) and otherwise declines with
# NULL; then everything is checked here, every error message is built here,
# and the checked values go to the same .Call.

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

check_number <- function(x, arg, call) {
  if (is.double(x) && length(x) == 1L && is.finite(x) && !is.object(x)) {
    return(x)
  }
  ok <- is.numeric(x) && !is.object(x) && length(x) == 1L && is.finite(x)
  if (!ok) {
    arg_error(arg, sprintf("must be a single finite number, not %s.",
                           describe(x)), call)
  }
  as.double(x)
}

check_act_type <- function(act.type, call) {
  names <- act_type_names()
  if (!is.character(act.type) || length(act.type) != 1L || is.na(act.type) ||
      match(act.type, names, 0L) == 0L) {
    what <- if (is.character(act.type) && length(act.type) == 1L) {
      if (is.na(act.type)) "NA" else sprintf("\"%s\"", act.type)
    } else {
      describe(act.type)
    }
    arg_error("act.type", sprintf("must be one of %s, not %s.",
      paste0("\"", names, "\"", collapse = ", "), what), call)
  }
  act.type
}

# Checks an input array (data, out.grad, mx.nd.array()'s src.array) and
# returns it as a double vector with its attributes kept, or unchanged when
# it is an MXNDArray. bit64::integer64 values are converted exactly (up to
# 2^53 in magnitude).
check_array <- function(x, arg, call) {
  if (is.double(x) && !is.object(x)) return(x)
  if (is.mx.ndarray(x)) return(ndarray_check(x, arg, call))
  if (inherits(x, "integer64")) return(integer64_as_double(x, arg, call))
  ok <- (is.numeric(x) || is.logical(x)) && is.atomic(x) &&
    typeof(x) %in% c("double", "integer", "logical")
  if (!ok) {
    hint <- if (is.data.frame(x) || is_matrix_package_object(x)) {
      " Convert it with as.matrix() first."
    } else {
      ""
    }
    arg_error(arg, sprintf(
      "must be a numeric or logical vector, matrix or array, not %s.%s",
      describe(x), hint), call)
  }
  if (!is.double(x)) storage.mode(x) <- "double"
  x
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

# The number of elements per channel step and the channel count for prelu,
# following MXNet-R: R's dim is the reverse of MXNet's shape, so MXNet's
# axis 1 is R's second-to-last dimension.
channel_layout <- function(x) {
  d <- dim(x)
  if (length(d) >= 2L) {
    k <- length(d)
    list(channels = as.double(d[k - 1L]),
         inner = prod(as.double(d[seq_len(k - 2L)])))
  } else {
    list(channels = as.double(length(x)), inner = 1)
  }
}

# Where channel_layout() found the channel count, for error messages.
channel_source <- function(x) {
  k <- length(dim(x))
  if (k >= 2L) sprintf("dim(data)[%d], the channel dimension", k - 1L)
  else "length(data), as data has no channel dimension"
}

# The act types that take `trait` ("slope", "gamma", "bounds" or "mask"),
# from the core's registry, and them quoted for a message.
takers <- function(trait) constants()$traits[[trait]]
quoted_takers <- function(trait) {
  paste0("\"", takers(trait), "\"", collapse = " or ")
}

check_gamma <- function(gamma, data, act.type, call) {
  # A string in gamma's place is most likely the act type given as the
  # second argument (Python MXNet's LeakyReLU(data, "elu")): never ignored.
  if (is.character(gamma)) check_gamma_string(gamma, call)
  if (!act.type %in% takers("gamma")) {
    if (!is.null(gamma)) {
      warning(simpleWarning(sprintf(
        "`gamma` is ignored unless act.type is %s (act.type is \"%s\").",
        quoted_takers("gamma"), act.type), call))
    }
    return(NULL)
  }
  if (is.null(gamma)) {
    arg_error("gamma", sprintf("is required when act.type is %s.",
                               quoted_takers("gamma")), call)
  }
  gamma <- gamma_values(gamma, call)
  if (!(is.numeric(gamma) && is.atomic(gamma)) || is.factor(gamma) ||
      isS4(gamma)) {
    arg_error("gamma", sprintf("must be a numeric vector, not %s.",
                               describe(gamma)), call)
  }
  layout <- channel_layout(data)
  n <- length(gamma)
  if (n != 1L && n != layout$channels) {
    arg_error("gamma", sprintf(
      "must have length 1 or %s (%s), not %s.",
      format(layout$channels, scientific = FALSE), channel_source(data),
      format(n, scientific = FALSE)), call)
  }
  gamma <- as.double(gamma)
  bad <- which(is.infinite(gamma))
  if (length(bad)) {
    arg_error("gamma", sprintf(
      "must have finite values (or NA), not %s (element %d).",
      format(gamma[bad[1L]]), bad[1L]), call)
  }
  if (is.mx.ndarray(data)) check_float_range(gamma, "gamma", call)
  gamma
}

# gamma as given in the other forms R users hold numbers in: an MXNDArray,
# integer64, or NAs (R's NA is logical: the missing slope the docs allow).
gamma_values <- function(gamma, call) {
  if (is.mx.ndarray(gamma)) {
    return(as.array(ndarray_check(gamma, "gamma", call)))
  }
  if (inherits(gamma, "integer64")) {
    return(integer64_as_double(gamma, "gamma", call))
  }
  if (is.logical(gamma) && !is.object(gamma) && length(gamma) &&
      all(is.na(gamma))) {
    return(as.double(gamma))
  }
  gamma
}

# The error for a character `gamma`: a hint to name act.type when it is an
# act type's name, else the type error.
check_gamma_string <- function(gamma, call) {
  if (length(gamma) == 1L && !is.na(gamma) &&
      gamma %in% act_type_names()) {
    arg_error("gamma", sprintf(paste(
      "must be a numeric vector (the slopes of \"prelu\"), not the act",
      "type \"%s\": give the act type by name, act.type = \"%s\"."),
      gamma, gamma), call)
  }
  arg_error("gamma", sprintf("must be a numeric vector, not %s.",
                             describe(gamma)), call)
}

# Validates every argument of the LeakyReLU entry points and returns the
# values the compiled code takes. `call` is the user's call, for messages.
check_args <- function(data, gamma, act.type, slope, lower.bound, upper.bound,
                       call) {
  data <- check_array(data, "data", call)
  act.type <- check_act_type(act.type, call)
  slope <- check_number(slope, "slope", call)
  lower <- check_number(lower.bound, "lower.bound", call)
  upper <- check_number(upper.bound, "upper.bound", call)
  if (lower > upper) {
    arg_error("lower.bound", sprintf(
      "must not be greater than `upper.bound` (%s > %s).",
      format(lower), format(upper)), call)
  }
  if (is.mx.ndarray(data)) {
    check_float_range(slope, "slope", call)
    check_float_range(lower, "lower.bound", call)
    check_float_range(upper, "upper.bound", call)
  }
  gamma <- check_gamma(gamma, data, act_type_canonical(act.type), call)
  shape <- dim(data)
  if (is.null(shape)) shape <- length(data)
  list(data = data, act.type = act.type, slope = slope, lower = lower,
       upper = upper, gamma = gamma, shape = shape)
}

# The canonical name of an accepted act.type (an alias's target).
act_type_canonical <- function(act.type) {
  aliases <- constants()$aliases
  if (act.type %in% names(aliases)) aliases[[act.type]] else act.type
}

# The smallest magnitude that rounds to infinity in float32: 2^128 - 2^103.
float32_overflow <- 2^128 - 2^103

# MXNDArray data are computed in float32, so slope, the bounds and gamma must
# stay finite when rounded to float32.
check_float_range <- function(values, arg, call) {
  if (!any(abs(values) >= float32_overflow, na.rm = TRUE)) return()
  bad <- which(abs(values) >= float32_overflow)
  if (length(bad)) {
    arg_error(arg, sprintf(
      "must be within the float32 range (|x| < 3.4e38) for MXNDArray data, not %s%s.",
      format(values[bad[1L]]),
      if (length(values) > 1L) sprintf(" (element %d)", bad[1L]) else ""),
      call)
  }
}

# Reports an invalid thread setting (mxLeakyReLU.threads() words it).
check_threads <- function() invisible(mxLeakyReLU.threads())
