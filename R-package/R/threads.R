# The thread setting: options(mxLeakyReLU.threads = n), else the environment
# variable MXLEAKYRELU_THREADS, else every available core.

#' Threads used by mxLeakyReLU
#'
#' Large inputs (from about 100,000 elements) are split across threads;
#' smaller ones are always computed on the calling thread. Results are
#' identical whatever the number of threads.
#'
#' The number of threads is taken from `getOption("mxLeakyReLU.threads")`,
#' else from the environment variable `MXLEAKYRELU_THREADS`, else it is the
#' number of cores available to the R process. A value larger than the
#' number of available cores is reduced to it.
#'
#' @return `mxLeakyReLU.threads()` returns the number of threads the next
#'   call will use at most, an integer of at least 1.
#' @examples
#' mxLeakyReLU.threads()
#' old <- options(mxLeakyReLU.threads = 1)
#' mxLeakyReLU.threads()
#' options(old)
#' @export
mxLeakyReLU.threads <- function() {
  # A valid setting is resolved in compiled code; 0 means it needs checking
  # and a message here.
  threads <- .Call(C_mxlr_threads)
  if (threads > 0L) return(threads)
  cores <- .Call(C_mxlr_available_cores)
  value <- getOption("mxLeakyReLU.threads")
  source <- "options(mxLeakyReLU.threads)"
  if (is.null(value)) {
    env <- Sys.getenv("MXLEAKYRELU_THREADS", "")
    if (!nzchar(env)) return(cores)
    value <- suppressWarnings(as.numeric(env))
    if (is.na(value)) value <- env
    source <- "the environment variable MXLEAKYRELU_THREADS"
  }
  ok <- is.numeric(value) && length(value) == 1L && !is.na(value) &&
    value >= 1 && value == trunc(value) && is.finite(value)
  if (!ok) {
    stop(simpleError(sprintf(
      "%s must be a single whole number of at least 1, not %s.",
      source, if (is.character(value)) sprintf("\"%s\"", value)
              else describe(value)), sys.call()))
  }
  as.integer(min(value, cores))
}
