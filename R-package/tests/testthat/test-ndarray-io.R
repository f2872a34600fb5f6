# mx.nd.save() / mx.nd.load() against files written by MXNet 1.9.1
# (fixtures/ndarray/files, described by files.csv and refused.csv, written
# by tools/mxnet/make_ndarray_fixtures.py), and against damaged files.

fixture <- function(...) test_path("fixtures", "ndarray", ...)

hex32 <- function(h) {
  if (length(h) == 0L) return(numeric(0))
  hex <- paste(h, collapse = "")
  at <- seq(1L, nchar(hex), 2L)
  bytes <- as.raw(strtoi(substring(hex, at, at + 1L), 16L))
  readBin(bytes, "double", n = length(h), size = 4, endian = "big")
}
bits32 <- function(v) {
  readBin(writeBin(as.double(v), raw(), size = 4, endian = "little"),
          "integer", n = length(v), size = 4, endian = "little")
}

test_that("mx.nd.load() reads MXNet 1.9.1's files: names, shapes, values", {
  d <- utils::read.csv(fixture("files.csv"), colClasses = "character")
  expect_setequal(unique(d$file), c("named.params", "unnamed.params",
    "float32.params", "gluon_prelu.params", "gluon_net.params", "npshape.params"))
  for (f in unique(d$file)) {
    rows <- d[d$file == f, ]
    got <- mx.nd.load(fixture("files", f))
    expect_identical(length(got), nrow(rows), info = f)
    if (all(rows$name == "")) {
      expect_null(names(got))
    } else {
      expect_identical(names(got), rows$name, info = f)
    }
    for (k in seq_len(nrow(rows))) {
      x <- got[[k]]
      what <- sprintf("%s[[%d]] (%s %s)", f, k, rows$dtype[k], rows$shape[k])
      expect_true(is.mx.ndarray(x), info = what)
      shape <- if (rows$shape[k] == "") 1L else
        rev(as.integer(strsplit(rows$shape[k], "x", fixed = TRUE)[[1]]))
      expect_identical(dim(x), shape, info = what)
      want <- if (rows$values[k] == "") numeric(0) else
        hex32(strsplit(rows$values[k], ";", fixed = TRUE)[[1]])
      got_v <- c(as.array(x))
      nan <- is.nan(want)
      expect_identical(is.nan(got_v), nan, info = what)
      expect_identical(bits32(got_v[!nan]), bits32(want[!nan]), info = what)
    }
  }
})

test_that("a Gluon PReLU layer's alpha drives mx.nd.LeakyReLU()", {
  p <- mx.nd.load(fixture("files", "gluon_prelu.params"))
  expect_identical(names(p), "alpha")
  x <- mx.nd.array(matrix(-1, 2, 3))    # MXNet shape (3, 2): 3 channels
  y <- mx.nd.LeakyReLU(mx.nd.array(array(-1, c(2, 3, 1))), gamma = p$alpha,
                       act.type = "prelu")
  expect_identical(as.array(y)[1, , 1], -as.vector(as.array(p$alpha)))
})

test_that("files MXNDArrays cannot hold are refused, naming the reason", {
  d <- utils::read.csv(fixture("refused.csv"), colClasses = "character")
  expect_setequal(d$file, c("row_sparse.params", "csr.params", "bool.params"))
  for (k in seq_len(nrow(d))) {
    expect_error(mx.nd.load(fixture("files", d$file[k])), d$pattern[k],
                 info = d$file[k])
  }
})

test_that("mx.nd.save() writes MXNet's bytes exactly", {
  # float32.params was written by MXNet 1.9.1 from the same arrays
  ref <- fixture("files", "float32.params")
  x <- mx.nd.load(ref)
  f <- tempfile()
  on.exit(unlink(f))
  mx.nd.save(x, f)
  expect_identical(readBin(f, "raw", file.size(f)), readBin(ref, "raw", file.size(ref)))
  u <- mx.nd.load(fixture("files", "unnamed.params"))
  mx.nd.save(u, f)
  ref <- fixture("files", "unnamed.params")
  expect_identical(readBin(f, "raw", file.size(f)), readBin(ref, "raw", file.size(ref)))
})

test_that("save/load round trips: lists, names, a single array, shapes", {
  f <- tempfile()
  on.exit(unlink(f))
  x <- list(w = mx.nd.array(array(rnorm(24), c(2, 3, 4))),
            b = mx.nd.array(c(-0, NaN, Inf)), e = mx.nd.zeros(c(3, 0)))
  expect_identical(mx.nd.save(x, f), f)
  expect_identical(mx.nd.load(f), x)
  mx.nd.save(unname(x), f)
  expect_identical(mx.nd.load(f), unname(x))
  mx.nd.save(x$w, f)
  expect_identical(mx.nd.load(f), list(x$w))
  names(x)[2] <- "caf\u00e9"
  mx.nd.save(x, f)
  expect_identical(names(mx.nd.load(f)), names(x))
  mx.nd.save(list(), f)
  expect_identical(mx.nd.load(f), list())
})

test_that("mx.nd.save() checks its arguments", {
  f <- tempfile()
  expect_error(mx.nd.save(1:3, f), "`ndarray` must be an MXNDArray or a list")
  expect_error(mx.nd.save(list(mx.nd.array(1), 2), f), "element 2 is `2`")
  expect_error(mx.nd.save(mx.nd.array(1)), "`filename` is missing")
  expect_error(mx.nd.save(mx.nd.array(1), NA_character_), "`filename` is NA; give a file path")
  expect_error(mx.nd.save(mx.nd.array(1), ""), "`filename` is an empty string")
  expect_error(mx.nd.load(""), "`filename` is an empty string")
  expect_error(mx.nd.save(mx.nd.array(1), c("a", "b")), "`filename` must be")
  expect_error(mx.nd.load(tempfile()), "`filename` .* is not an existing file")
  expect_error(mx.nd.load(tempdir()), "is not an existing file")
})

# Damaged and hostile files, built here byte by byte.
u64 <- function(v) {
  w <- vapply(v, function(x) (x %/% c(1, 2^16, 2^32, 2^48)) %% 2^16, numeric(4))
  writeBin(as.integer(w), raw(), size = 2, endian = "little")
}
i32 <- function(v) writeBin(as.integer(v), raw(), size = 4, endian = "little")
magic2 <- i32(-107742519L) # 0xF993FAC9
array_bytes <- function(dims, dtype = 0L, data = raw(4 * prod(dims)), stype = 0L,
                        magic = magic2) {
  c(magic, i32(stype), i32(length(dims)), u64(dims), i32(c(1L, 0L)), i32(dtype), data)
}
list_file <- function(arrays, names = character(0), count = length(arrays),
                      header = 0x112) {
  c(u64(c(header, 0, count)), unlist(arrays), u64(length(names)),
    unlist(lapply(names, function(n) c(u64(nchar(n, "bytes")), charToRaw(n)))))
}
load_bytes <- function(bytes) {
  f <- tempfile()
  on.exit(unlink(f))
  writeBin(bytes, f)
  mx.nd.load(f)
}

test_that("the byte builder makes files that load (sanity)", {
  x <- load_bytes(list_file(list(array_bytes(c(3, 2), data = writeBin(as.double(1:6), raw(), size = 4))), "a"))
  expect_identical(as.array(x$a), array(as.double(1:6), c(2, 3)))
})

test_that("truncated, corrupted and hostile files give clear errors", {
  good <- list_file(list(array_bytes(c(3, 2)), array_bytes(5)), c("a", "b"))
  # every truncation
  for (n in c(0, 7, 16, 23, 24, 30, 40, 60, length(good) - 1)) {
    expect_error(load_bytes(good[seq_len(n)]), "`filename` .*(truncated|not an MXNet NDArray file|declares)",
                 info = n)
  }
  expect_error(load_bytes(list_file(list(), header = 0x113)), "not an MXNet NDArray file")
  # a count of 2^50 arrays, and of 2^63
  expect_error(load_bytes(list_file(list(array_bytes(1)), count = 2^50)),
               "declares 1125899906842624 arrays")
  expect_error(load_bytes(c(u64(c(0x112, 0)), as.raw(rep(0xff, 8)))), "declares .* arrays")
  # a shape of 2^31 x 2^31, of 2^62, and a dimension beyond R's dim()
  expect_error(load_bytes(list_file(list(array_bytes(c(2^31, 2^31), data = raw(8))))),
               "declares shape \\(2147483648, 2147483648\\), more elements than the file holds")
  expect_error(load_bytes(list_file(list(array_bytes(2^62, data = raw(8))))),
               "more elements than the file holds")
  expect_error(load_bytes(list_file(list(array_bytes(c(2^40, 0))))),
               "more than R's dim\\(\\) can hold")
  # many dimensions, negative ones, an unknown shape
  expect_error(load_bytes(list_file(list(c(magic2, i32(0L), i32(1000000L), raw(100))))),
               "1000000 dimensions")
  expect_error(load_bytes(list_file(list(c(magic2, i32(0L), i32(1L), as.raw(c(0xfb, rep(0xff, 7))), raw(100))))),
               "negative dimension")
  expect_error(load_bytes(list_file(list(c(magic2, i32(0L), i32(-1L))))), "no shape")
  expect_error(load_bytes(list_file(list(c(magic2, i32(0L), i32(0L))))), "no shape")
  # magic numbers, storage and element types
  expect_error(load_bytes(list_file(list(array_bytes(1, magic = i32(-107742520L))))),
               "before 1\\.0")
  expect_error(load_bytes(list_file(list(array_bytes(1, magic = i32(12345678L))))),
               "no NDArray magic number")
  expect_error(load_bytes(list_file(list(array_bytes(1, stype = 7L)))), "unknown storage type 7")
  expect_error(load_bytes(list_file(list(array_bytes(1, dtype = 12L, data = raw(2))))),
               "element type bfloat16, which is not supported")
  expect_error(load_bytes(list_file(list(array_bytes(1, dtype = 99L)))), "unknown element type 99")
  # names
  expect_error(load_bytes(list_file(list(array_bytes(1)), c("a", "b"))), "2 names for 1 array \\(corrupted")
  bad_name <- c(list_file(list(array_bytes(1)))[1:60], u64(1), u64(2^40))
  expect_error(load_bytes(bad_name), "truncated \\(in a name\\)")
  nul <- c(list_file(list(array_bytes(1)))[1:60], u64(1), u64(2), as.raw(c(0x61, 0)))
  expect_error(load_bytes(nul), "NUL byte")
  latin1 <- c(list_file(list(array_bytes(1)))[1:60], u64(1), u64(1), as.raw(0xe9))
  expect_error(load_bytes(latin1), "not valid UTF-8")
})

test_that("random corruption of a good file gives a value or a clear error", {
  good <- list_file(list(array_bytes(c(3, 2)), array_bytes(5, dtype = 1L, data = raw(40))),
                    c("weight", "bias"))
  set.seed(4)
  for (i in 1:300) {
    bad <- good
    at <- sample(length(bad), sample(1:3, 1))
    bad[at] <- as.raw(sample(0:255, length(at), TRUE))
    res <- tryCatch(load_bytes(bad), error = function(e) e)
    if (inherits(res, "error")) {
      expect_match(conditionMessage(res), "^`filename` ", info = i)
    } else {
      expect_true(is.list(res) && all(vapply(res, is.mx.ndarray, TRUE)), info = i)
    }
  }
})

test_that("load errors count arrays, names and dimensions in good English", {
  # a header declaring one array and nothing after it
  expect_error(load_bytes(u64(c(0x112, 0, 1))),
               "declares 1 array, more than its 24 bytes can hold")
  expect_error(load_bytes(u64(c(0x112, 0, 3))),
               "declares 3 arrays, more than its 24 bytes can hold")
  two <- list(array_bytes(1), array_bytes(2))
  expect_error(load_bytes(list_file(two, "a")), "has 1 name for 2 arrays")
  expect_error(load_bytes(list_file(list(array_bytes(1)), c("a", "b", "c"))),
               "has 3 names for 1 array \\(corrupted")
  many <- c(magic2, i32(0L), i32(65L), u64(rep(1, 65)))
  expect_error(load_bytes(list_file(list(many))), "has 65 dimensions")
})
