# Argument checking shared by every entry point. Everything the compiled
# code receives has been validated here, so the glue only converts types.

act_types <- c("leaky", "elu", "selu", "prelu", "rrelu", "gelu")

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
          else sprintf("a %s vector", typeof(x))
  sprintf("%s of length %s", kind, format(length(x), scientific = FALSE))
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
  if (!is.character(act.type) || length(act.type) != 1L || is.na(act.type) ||
      match(act.type, act_types, 0L) == 0L) {
    what <- if (is.character(act.type) && length(act.type) == 1L)
      sprintf("\"%s\"", act.type) else describe(act.type)
    arg_error("act.type", sprintf("must be one of %s, not %s.",
      paste0("\"", act_types, "\"", collapse = ", "), what), call)
  }
  act.type
}

# Checks an input array (data, out.grad) and returns it as a double vector
# with its attributes kept, or unchanged when it is an MXNDArray.
check_array <- function(x, arg, call) {
  if (is.double(x) && !is.object(x)) return(x)
  if (is.mx.ndarray(x)) return(ndarray_check(x, arg, call))
  ok <- (is.numeric(x) || is.logical(x)) && is.atomic(x) &&
    typeof(x) %in% c("double", "integer", "logical")
  if (!ok) {
    hint <- if (is.data.frame(x)) " Convert it with as.matrix() first." else ""
    arg_error(arg, sprintf(
      "must be a numeric or logical vector, matrix or array, not %s.%s",
      describe(x), hint), call)
  }
  if (!is.double(x)) storage.mode(x) <- "double"
  x
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

check_gamma <- function(gamma, data, act.type, call) {
  if (act.type != "prelu") {
    if (!is.null(gamma)) {
      warning(simpleWarning(sprintf(
        "`gamma` is ignored unless act.type is \"prelu\" (act.type is \"%s\").",
        act.type), call))
    }
    return(list(gamma = NULL, channels = 1, inner = 1))
  }
  if (is.null(gamma)) {
    arg_error("gamma", "is required when act.type is \"prelu\".", call)
  }
  if (is.mx.ndarray(gamma)) gamma <- as.array(ndarray_check(gamma, "gamma", call))
  if (!(is.numeric(gamma) && is.atomic(gamma)) || is.factor(gamma)) {
    arg_error("gamma", sprintf("must be a numeric vector, not %s.",
                               describe(gamma)), call)
  }
  layout <- channel_layout(data)
  n <- length(gamma)
  if (n == 1L) {
    layout$channels <- 1
    layout$inner <- 1
  } else if (n != layout$channels) {
    arg_error("gamma", sprintf(
      "must have length 1 or %s (%s), not %s.",
      format(layout$channels, scientific = FALSE), channel_source(data),
      format(n, scientific = FALSE)), call)
  }
  gamma <- as.double(gamma)
  c(list(gamma = gamma), layout)
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
  if (is.mx.ndarray(data)) check_float_range(slope, lower, upper, call)
  g <- check_gamma(gamma, data, act.type, call)
  list(data = data, act = match(act.type, act_types) - 1L, act.type = act.type,
       slope = slope, lower = lower, upper = upper, gamma = g$gamma,
       channels = g$channels, inner = g$inner)
}

# The smallest magnitude that rounds to infinity in float32: 2^128 - 2^103.
float32_overflow <- 2^128 - 2^103

# MXNDArray data are computed in float32, so slope and the bounds must stay
# finite when rounded to float32.
check_float_range <- function(slope, lower, upper, call) {
  values <- c(slope = slope, lower.bound = lower, upper.bound = upper)
  for (arg in names(values)) {
    if (abs(values[[arg]]) >= float32_overflow) {
      arg_error(arg, sprintf(
        "must be within the float32 range (|x| < 3.4e38) for MXNDArray data, not %s.",
        format(values[[arg]])), call)
    }
  }
}
