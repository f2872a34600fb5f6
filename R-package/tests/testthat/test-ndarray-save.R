# mx.nd.save() replaces a file whole or not at all: on a full file system, a
# read-only one, an unwritable directory or an interrupt, it stops with an
# error (or the interrupt) and the file keeps its previous bytes, with no
# temporary file left beside it.

# Files in dir other than `keep` (the temporary files a save could leave).
strays <- function(dir, keep) setdiff(list.files(dir, all.files = TRUE, no.. = TRUE), keep)

# A fresh tmpfs of `size` mounted on a new directory (root only), or a skip.
with_tmpfs <- function(size, code) {
  skip_on_os(c("mac", "windows"))
  skip_if_not(identical(Sys.info()[["effective_user"]], "root"),
              "mounting a small file system needs root")
  dir <- tempfile("mxlr-fs-")
  dir.create(dir)
  ok <- system2("mount", c("-t", "tmpfs", "-o", paste0("size=", size), "tmpfs",
                           dir), stdout = FALSE, stderr = FALSE) == 0
  on.exit({
    if (ok) system2("umount", dir, stdout = FALSE, stderr = FALSE)
    unlink(dir, recursive = TRUE)
  })
  skip_if_not(ok, "mount -t tmpfs failed")
  code(dir)
}

small <- list(w = mx.nd.array(1:3))
big <- mx.nd.array(rep(0.5, 1e6))  # 4 MB, more than the file system holds

test_that("a full file system is an error and the previous file is kept", {
  with_tmpfs("64k", function(dir) {
    f <- file.path(dir, "model.params")
    mx.nd.save(small, f)
    before <- readBin(f, "raw", 1e6)
    expect_error(mx.nd.save(big, f),
                 "`filename` .*model.params\" could not be written \\(cannot write: No space left on device\\); the file keeps its previous contents",
                 class = "mxLeakyReLU_error")
    expect_identical(readBin(f, "raw", 1e6), before)
    expect_identical(mx.nd.load(f), small)
    expect_identical(strays(dir, "model.params"), character(0))
    # a new file that does not fit: an error, and no file at all
    g <- file.path(dir, "new.params")
    expect_error(mx.nd.save(big, g), "No space left on device\\); no file was created")
    expect_false(file.exists(g))
    expect_identical(strays(dir, "model.params"), character(0))
    # the error names the user's call
    e <- tryCatch(mx.nd.save(big, f), error = identity)
    expect_identical(conditionCall(e), quote(mx.nd.save(big, f)))
  })
})

test_that("a read-only file system is an error and the file is kept", {
  with_tmpfs("1m", function(dir) {
    f <- file.path(dir, "model.params")
    mx.nd.save(small, f)
    before <- readBin(f, "raw", 1e6)
    skip_if_not(system2("mount", c("-o", "remount,ro", dir)) == 0, "remount failed")
    on.exit(system2("mount", c("-o", "remount,rw", dir)))
    expect_error(mx.nd.save(list(w = mx.nd.array(4:6)), f),
                 "could not be written \\(cannot create a file in its directory: Read-only file system\\); the file keeps its previous contents")
    expect_identical(readBin(f, "raw", 1e6), before)
  })
})

test_that("an unwritable directory is an error", {
  skip_on_os("windows")
  skip_if(identical(Sys.info()[["effective_user"]], "root"),
          "root writes to any directory")
  dir <- tempfile()
  dir.create(dir)
  on.exit({ Sys.chmod(dir, "755"); unlink(dir, recursive = TRUE) })
  f <- file.path(dir, "model.params")
  mx.nd.save(small, f)
  Sys.chmod(dir, "555")
  expect_error(mx.nd.save(big, f), "Permission denied\\); the file keeps")
  expect_identical(mx.nd.load(f), small)
})

test_that("replacing a file keeps its permissions and follows a symbolic link", {
  skip_on_os("windows")
  dir <- tempfile()
  dir.create(dir)
  on.exit(unlink(dir, recursive = TRUE))
  f <- file.path(dir, "model.params")
  mx.nd.save(small, f)
  Sys.chmod(f, "640")
  mx.nd.save(list(w = mx.nd.array(7)), f)
  expect_identical(as.character(file.mode(f)), "640")
  link <- file.path(dir, "link.params")
  file.symlink(f, link)
  mx.nd.save(small, link)
  expect_identical(Sys.readlink(link), f)
  expect_identical(mx.nd.load(f), small)
  expect_identical(strays(dir, c("model.params", "link.params")), character(0))
})

# In a child R process, which sends itself SIGINT while mx.nd.save() writes
# a 400 MB array over an existing file.
save_interrupt_setup <- '
dir <- tempfile(); dir.create(dir)
f <- file.path(dir, "model.params")
old <- list(w = mx.nd.array(1:3))
mx.nd.save(old, f)
before <- readBin(f, "raw", 1e6)
big <- mx.nd.array(rep(0.25, 1e8))
strays <- function() setdiff(list.files(dir, all.files = TRUE, no.. = TRUE), "model.params")
'

test_that("an interrupt during a save leaves the previous file and no temporary file", {
  skip_on_os("windows")
  # in process (under valgrind) the signal would reach the test run itself
  skip_if(rows_in_process(), "signals need a child process")
  rows <- list(
    # the interrupt arrives after the first megabyte of the array is written
    # (a wrapper around the writer signals it), so the interruption is certain
    list(id = "interrupt after the first megabyte", expect = "value", pattern = NULL,
         call = paste(save_interrupt_setup, '
writer <- mxLeakyReLU:::save_file
ns <- asNamespace("mxLeakyReLU")
unlockBinding("save_file", ns)
assign("save_file", function(...) {
  w <- writer(...)
  put <- w$bytes
  w$bytes <- function(b) {
    if (length(b) > 1e6) {
      put(b[1:1e6])
      tools::pskill(Sys.getpid(), tools::SIGINT)
      Sys.sleep(5)
    }
    put(b)
  }
  w
}, envir = ns)
r <- tryCatch({ mx.nd.save(big, f); "completed" }, interrupt = function(e) "interrupt")
list(r, identical(readBin(f, "raw", 1e6), before), strays())'),
         check = 'identical(.value, list("interrupt", TRUE, character(0)))'),
    # a real Ctrl-C at an arbitrary moment: the file is the old one or the
    # complete new one, never a mixture, and nothing is left beside it
    list(id = "interrupt at a moment", expect = "value", pattern = NULL,
         call = paste(save_interrupt_setup, '
system(sprintf("(sleep 0.3; kill -INT %d)", Sys.getpid()), wait = FALSE)
r <- tryCatch({ mx.nd.save(big, f); Sys.sleep(5); "completed" },
              interrupt = function(e) "interrupt")
now <- mx.nd.load(f)
list(r, identical(now, old) || identical(now, list(big)), strays())'),
         check = 'identical(.value[-1], list(TRUE, character(0)))')
  )
  res <- run_rows_in_child(rows)
  for (k in seq_len(nrow(res))) {
    expect(identical(res$status[k], "PASS"), sprintf("%s: %s: %s", res$id[k],
                                                      res$status[k], res$detail[k]))
  }
})
