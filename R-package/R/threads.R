# The thread policy lives in src/threads.c; this file words its errors and
# documents it.

#' Threads Used by mxLeakyReLU
#'
#' Inputs of at least 131,072 elements are split across threads; smaller
#' ones are always computed on the calling thread. The threshold is twice
#' the core's smallest share of work per thread (`MXLR_MIN_PER_THREAD`,
#' 65,536 elements, in the C header): a call gives every thread it starts at
#' least that many elements, so it uses at most
#' `floor(n / 65536)` threads for `n` elements. Results are identical
#' whatever the number of threads.
#'
#' The number of threads is, in order of precedence:
#' 1. `getOption("mxLeakyReLU.threads")` when set: a whole number of at
#'    least 1, or a string of digits such as `"2"`;
#' 2. else the environment variable `MXLEAKYRELU_THREADS` when set and not
#'    empty: digits only;
#' 3. else every core available to the R process (its CPU affinity).
#'
#' Whichever applies is then capped, as data.table caps its threads:
#' * at the number of available cores;
#' * at the environment variable `OMP_THREAD_LIMIT` when it is a whole number
#'   of at least 1 (other values are ignored);
#' * at 2 when the environment variable `_R_CHECK_LIMIT_CORES_` is set to
#'   anything but `"false"`, as `R CMD check --as-cran` does (CRAN allows a
#'   package 2 cores).
#'
#' An invalid option or environment variable (`0`, `1.5`, `"two"`, `" 2"`,
#' ...) is an error in the next call, which names it. The variables are read
#' at every call, so `Sys.setenv()` takes effect at once.
#'
#' For the package's own tests only, the environment variable
#' `MXLEAKYRELU_TEST_THREAD_CAP` (1 to 1024) replaces the available cores as
#' the cap, so that thread-independence can be tested with more threads than
#' the machine has cores.
#'
#' @return `mxLeakyReLU.threads()` returns the number of threads a call on a
#'   large input will use at most, an integer of at least 1.
#' @examples
#' mxLeakyReLU.threads()
#' old <- options(mxLeakyReLU.threads = 1)
#' mxLeakyReLU.threads()
#' options(old)
#' @export
mxLeakyReLU.threads <- function() {
  # The policy is applied in compiled code (src/threads.c); a negative answer
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
  } else {
    describe(value)
  }
  stop(simpleError(sprintf(
    "%s must be a single whole number of at least 1 (or a string of digits), not %s.",
    source, shown), sys.call()))
}
