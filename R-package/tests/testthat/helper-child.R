# Runs table rows in child R processes, so that a crash (segfault, abort)
# fails the row that caused it instead of ending the test run.
#
# A row is list(id, call, expect, pattern, check): `call` is R code (a
# string); `expect` is "error" (the message must match the regex `pattern`),
# "warning" (a warning matching `pattern`, no error) or "value" (no error,
# no warning); `check`, when given, is R code evaluated with `.value` bound to
# the result and must return TRUE.

# The code that runs rows: evaluates each row and appends one line per row,
# "<index>\t<PASS|FAIL>\t<detail>", to the result file as soon as the row is
# done. The child runs it as a script; with MXLR_ROWS_IN_PROCESS=1 (used
# under valgrind, which does not follow child processes) it runs here.
row_runner_code <- '
mxlr_run_rows <- function(rows, out, first) {
  suppressPackageStartupMessages(library(mxLeakyReLU))
  one_line <- function(s) gsub("[\r\n\t]+", " ", paste(s, collapse = " "))
  for (i in seq.int(first, length(rows))) {
    row <- rows[[i]]
    warnings <- character(0)
    value <- NULL
    err <- tryCatch({
      value <- withCallingHandlers(
        eval(parse(text = row$call), envir = new.env(parent = globalenv())),
        warning = function(w) {
          warnings <<- c(warnings, conditionMessage(w))
          invokeRestart("muffleWarning")
        })
      NULL
    }, error = function(e) conditionMessage(e))
    outcome <- if (!is.null(err)) "error" else if (length(warnings)) "warning"
               else "value"
    message <- if (!is.null(err)) err else paste(warnings, collapse = " | ")
    ok <- identical(outcome, row$expect) &&
      (is.null(row$pattern) || grepl(row$pattern, message))
    detail <- sprintf("%s: %s", outcome, message)
    if (ok && !is.null(row$check)) {
      env <- new.env(parent = globalenv())
      env$.value <- value
      res <- tryCatch(eval(parse(text = row$check), envir = env),
                      error = function(e) paste("check failed:", conditionMessage(e)))
      ok <- isTRUE(res)
      if (!ok) {
        detail <- paste(detail, "| check", row$check, "gave",
                        one_line(format(res)))
      }
    }
    cat(i, "\t", if (ok) "PASS" else "FAIL", "\t", one_line(detail), "\n",
        sep = "", file = out, append = TRUE)
  }
}
'

child_script_code <- paste0(row_runner_code, '
args <- commandArgs(trailingOnly = TRUE)
mxlr_run_rows(readRDS(args[1L]), args[2L], as.integer(args[3L]))
')

rows_in_process <- function() identical(Sys.getenv("MXLR_ROWS_IN_PROCESS"), "1")

# Runs `rows` in child Rscript processes and returns a data frame with one
# row per table row: id, status ("PASS", "FAIL" or "CRASH") and detail. When
# a child dies, the row it was running is marked CRASH with the exit status
# and a new child continues with the next row.
run_rows_in_child <- function(rows, timeout = 120) {
  dir <- tempfile("mxlr-rows-")
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE), add = TRUE)
  rows_file <- file.path(dir, "rows.rds")
  script <- file.path(dir, "runner.R")
  out <- file.path(dir, "results.tsv")
  saveRDS(rows, rows_file)
  writeLines(child_script_code, script)
  status <- rep(NA_character_, length(rows))
  detail <- rep("", length(rows))
  collect <- function() {
    if (!file.exists(out)) return()
    done <- utils::read.delim(out, header = FALSE, quote = "",
                              colClasses = "character",
                              col.names = c("i", "status", "detail"))
    idx <- as.integer(done$i)
    status[idx] <<- done$status
    detail[idx] <<- done$detail
  }
  if (rows_in_process()) {
    runner <- new.env(parent = globalenv())
    eval(parse(text = row_runner_code), envir = runner)
    runner$mxlr_run_rows(rows, out, 1L)
    collect()
  } else {
    rscript <- file.path(R.home("bin"), "Rscript")
    # the child sees this library path; R_TESTS (set by R CMD check) would
    # make it source a startup file meant for the check's own process
    libs <- c(paste0("R_LIBS=", shQuote(paste(.libPaths(), collapse = ":"))),
              "R_TESTS=")
    first <- 1L
    while (first <= length(rows)) {
      exit <- suppressWarnings(system2(
        rscript, c("--vanilla", shQuote(script), shQuote(rows_file),
                   shQuote(out), first),
        env = libs, stdout = file.path(dir, "stdout.txt"),
        stderr = file.path(dir, "stderr.txt"), timeout = timeout))
      collect()
      missing <- which(is.na(status))
      if (!length(missing)) break
      crashed <- missing[1L]
      stderr_tail <- utils::tail(readLines(file.path(dir, "stderr.txt"),
                                           warn = FALSE), 3L)
      status[crashed] <- "CRASH"
      detail[crashed] <- sprintf("child R exited with status %s: %s", exit,
                                 paste(stderr_tail, collapse = " "))
      first <- crashed + 1L
    }
  }
  data.frame(id = vapply(rows, `[[`, "", "id"), status = status,
             detail = detail, stringsAsFactors = FALSE)
}
