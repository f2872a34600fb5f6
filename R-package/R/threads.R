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
  # The policy is applied in compiled code (src/glue.c); a negative answer
  # says which setting is invalid, for the message built here.
  threads <- .Call(C_mxlr_threads)
  if (threads > 0L) return(threads)
  if (threads == -1L) {
    value <- getOption("mxLeakyReLU.threads")
    source <- "options(mxLeakyReLU.threads)"
  } else {
    value <- Sys.getenv("MXLEAKYRELU_THREADS")
    source <- "the environment variable MXLEAKYRELU_THREADS"
  }
  shown <- if (is.character(value) && length(value) == 1L && !is.na(value) &&
               !is.object(value)) {
    sprintf("\"%s\"", value)
  } else describe(value)
  stop(simpleError(sprintf(
    "%s must be a single whole number of at least 1 (or a string of digits), not %s.",
    source, shown), sys.call()))
}
