# R's conditions and jumps survive the core: a time limit stays an error, a
# Ctrl-C (SIGINT) stays an interrupt that handlers see (and may resume), and
# a handler's error or restart goes where it would in plain R code. Each row
# runs in a child R process (helper-child.R), which sends itself SIGINT or
# sets a time limit.
#
# The work is many short multi-threaded calls (2^20 elements on 2 threads,
# so the core polls R a few times per call), or one slow call on subnormal
# numbers, so that the condition arrives while the core is running.

unwind_setup <- '
Sys.setenv(MXLEAKYRELU_TEST_THREAD_CAP = "2")
options(mxLeakyReLU.threads = 2)
x <- rep(c(-1.5, 2), 2^19)
xs <- rep(-1e-310, 2e6)   # subnormal: each call takes a while
xf <- mx.nd.array(x)
work <- list(
  forward = function(v) mx.nd.LeakyReLU(v, act.type = "elu"),
  backward = function(v) mx.nd.LeakyReLU.backward(v, v, act.type = "elu"),
  rrelu_train = function(v) mx.nd.LeakyReLU(v, act.type = "rrelu", is.train = TRUE),
  ndarray_forward = function(v) mx.nd.LeakyReLU(mx.nd.array(v), act.type = "elu"),
  conversion = function(v) as.array(mx.nd.array(v))
)
# repeats f for at most `seconds`
keep_busy <- function(f, v, seconds = 20) {
  t0 <- proc.time()[["elapsed"]]
  while (proc.time()[["elapsed"]] - t0 < seconds) f(v)
  "completed"
}
sigint_in <- function(delay) {
  # in a subshell, so that system() returns at once (it ignores SIGINT
  # while it waits)
  system(sprintf("(sleep %s; kill -INT %d)", delay, Sys.getpid()), wait = FALSE)
}
small_ok <- function() identical(mx.nd.LeakyReLU(c(-4, 4)), c(-1, 4))
'

unwind_rows <- function() {
  rows <- list()
  add <- function(id, code, check) {
    rows[[length(rows) + 1L]] <<- list(
      id = id, call = paste(unwind_setup, code, sep = "\n"),
      expect = "value", pattern = NULL,
      # the value itself when the check fails, for the report
      check = sprintf("if (%s) TRUE else paste(deparse(.value), collapse = ' ')",
                      check))
  }
  for (what in c("forward", "backward", "rrelu_train", "ndarray_forward",
                 "conversion")) {
    f <- sprintf('work[["%s"]]', what)
    # a time limit is an error that tryCatch(error = ) catches
    add(paste(what, "time limit is an error"), sprintf('
r <- tryCatch({
  setTimeLimit(elapsed = 0.3, transient = TRUE)
  keep_busy(%s, x)
}, error = function(e) paste("error:", conditionMessage(e)),
   interrupt = function(e) "interrupt")
setTimeLimit()
list(r, small_ok())', f),
      'grepl("^error: reached elapsed time limit", .value[[1]]) && .value[[2]]')
    # an error calling handler sees it and can invoke a restart
    add(paste(what, "time limit reaches error calling handlers"), sprintf('
r <- withRestarts(
  withCallingHandlers({
    setTimeLimit(elapsed = 0.3, transient = TRUE)
    keep_busy(%s, x)
  }, error = function(e) invokeRestart("skip", conditionMessage(e))),
  skip = function(m) paste("skipped:", m))
setTimeLimit()
list(r, small_ok())', f),
      'identical(.value[[1]], "skipped: reached elapsed time limit") && .value[[2]]')
    # Ctrl-C is an interrupt condition
    add(paste(what, "SIGINT is an interrupt"), sprintf('
sigint_in(0.3)
r <- tryCatch(keep_busy(%s, x), interrupt = function(e) "interrupt",
              error = function(e) paste("error:", conditionMessage(e)))
list(r, small_ok())', f),
      'identical(.value[[1]], "interrupt") && .value[[2]]')
    # a handler may resume after an interrupt: the call completes, right
    add(paste(what, "SIGINT can be resumed"), sprintf('
seen <- 0
sigint_in(0.2)
y <- withCallingHandlers({
  t0 <- proc.time()[["elapsed"]]
  while (seen == 0 && proc.time()[["elapsed"]] - t0 < 20) y <- %s(xs)
  y
}, interrupt = function(c) { seen <<- seen + 1; invokeRestart("resume") })
yy <- if (is.list(y)) y$data else y
yy <- if (mxLeakyReLU::is.mx.ndarray(yy)) as.array(yy) else yy
list(seen, length(yy) == length(xs) && !anyNA(yy), small_ok())', f),
      'identical(.value[[1]], 1) && .value[[2]] && .value[[3]]')
    # an error raised by an interrupt handler is an ordinary error
    add(paste(what, "SIGINT handler error"), sprintf('
sigint_in(0.3)
r <- tryCatch(withCallingHandlers(keep_busy(%s, x),
                interrupt = function(c) stop("from the handler")),
              error = function(e) conditionMessage(e),
              interrupt = function(e) "interrupt")
list(r, small_ok())', f),
      'identical(.value[[1]], "from the handler") && .value[[2]]')
  }
  rows
}

test_that("time limits, interrupts and handlers continue unchanged", {
  skip_if(rows_in_process(), "signals and time limits need a child process")
  skip_on_os("windows")
  res <- run_rows_in_child(unwind_rows(), timeout = 120)
  bad <- res[res$status != "PASS", , drop = FALSE]
  expect_identical(nrow(bad), 0L,
                   info = paste(sprintf("%s (%s): %s", bad$id, bad$status,
                                        bad$detail), collapse = "\n"))
})
