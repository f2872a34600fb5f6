# mx.nd.save() and mx.nd.load(): MXNet's binary NDArray list format.
#
# The layout (MXNet 1.x, src/ndarray/ndarray.cc, little-endian):
#   uint64 0x112 (list magic), uint64 0 (reserved),
#   uint64 count, then count arrays:
#     uint32 magic: 0xF993FAC9 (version 2) or 0xF993FACA (version 3, NumPy
#       shape semantics),
#     int32 storage type (0 dense; 1 row_sparse, 2 csr),
#     int32 ndim, int64 dims[ndim] (MXNet's order, the reverse of R's),
#       (version 2: ndim 0 is an empty array and nothing follows;
#        version 3: ndim -1 or a dim -1 is an unknown shape, nothing follows,
#        ndim 0 a scalar),
#     int32 device type, int32 device id,
#     int32 dtype (0 float32, 1 float64, 2 float16, 3 uint8, 4 int32,
#       5 int8, 6 int64, 7 bool, 8 int16, 9 uint16, 10 uint32, 11 uint64,
#       12 bfloat16),
#     the prod(dims) elements;
#   uint64 count of names (0 or the array count), then each name as
#   uint64 length and its bytes.

#' Save and Load MXNet's NDArray Files
#'
#' `mx.nd.save()` writes a list of [MXNDArray][mx.nd.array] objects to a file
#' in MXNet's binary NDArray list format, which MXNet's `mx.nd.load()`
#' (Python `mx.nd.load()`, Gluon `load_parameters()`) reads; `mx.nd.load()`
#' reads such files, as written by MXNet 1.x's `mx.nd.save()` or Gluon's
#' `save_parameters()` (a layer's learned parameters, for instance a PReLU
#' layer's `alpha`), and by `mx.nd.save()`.
#'
#' Shapes are reversed between R and the file, as in MXNet-R: an array of
#' MXNet shape `(2, 3)` loads with `dim()` `c(3, 2)`, holding the same
#' elements in the same memory order.
#'
#' **Element types.** float32 arrays load exactly. float64, float16, uint8,
#' int8, int32 and int64 arrays are converted to float32 values (exact for
#' float16 and for integers up to 2^24 in magnitude, rounded to nearest
#' otherwise), since an `MXNDArray` holds float32. bool, int16, uint16,
#' uint32, uint64 and bfloat16 arrays are refused with an error naming the
#' type. Sparse arrays (row_sparse, csr) are refused; empty or unknown
#' shapes are refused. `mx.nd.save()` writes float32, dense, CPU arrays
#' (MXNet's version 2 array format).
#'
#' **Damaged files.** A file that is truncated, corrupted or declares more
#' arrays, dimensions or elements than it holds gives an R error before
#' anything of that size is allocated. Reading a large file can be
#' interrupted.
#'
#' @param ndarray An `MXNDArray`, or a list of them, named or not.
#' @param filename The file's path (`~` is expanded).
#' @return `mx.nd.save()`: `filename`, invisibly. `mx.nd.load()`: a list of
#'   `MXNDArray` objects, named when the file has names (as Gluon's
#'   parameter files do).
#' @examples
#' f <- tempfile(fileext = ".params")
#' x <- mx.nd.array(matrix(1:6, 2))
#' mx.nd.save(list(weight = x, bias = mx.nd.zeros(3)), f)
#' p <- mx.nd.load(f)
#' names(p)
#' as.array(p$weight)
#' identical(p$weight, x)
#'
#' # a single array is saved as a list of one
#' mx.nd.save(x, f)
#' length(mx.nd.load(f))
#' unlink(f)
#' @export
mx.nd.save <- function(ndarray, filename) {
  call <- sys.call()
  if (missing(ndarray)) arg_error("ndarray", "is missing, with no default.", call)
  path <- check_filename(filename, call)
  if (is.mx.ndarray(ndarray)) ndarray <- list(ndarray)
  if (!is.list(ndarray) || is.object(ndarray)) {
    arg_error("ndarray", sprintf(
      "must be an MXNDArray or a list of them, not %s.", describe(ndarray)), call)
  }
  for (k in seq_along(ndarray)) {
    if (!is.mx.ndarray(ndarray[[k]])) {
      arg_error("ndarray", sprintf(paste(
        "must be a list of MXNDArray objects, but element %d is %s",
        "(convert it with mx.nd.array())."), k, describe(ndarray[[k]])), call)
    }
    ndarray_check(ndarray[[k]], sprintf("ndarray[[%d]]", k), call)
  }
  keys <- names(ndarray)
  if (!is.null(keys) && anyNA(keys)) {
    arg_error("ndarray", "has NA names.", call)
  }
  out <- save_file(path, filename, call)
  on.exit(out$abort())
  out$u64(c(0x112, 0, length(ndarray)))
  for (x in ndarray) {
    d <- as.double(rev(dim(x)))
    out$i32(c(-107742519L, 0L, length(d)))
    out$u64(d)
    out$i32(c(1L, 0L, 0L))
    out$bytes(.Call(C_mxlr_nd_bytes, x))
  }
  if (is.null(keys)) {
    out$u64(0)
  } else {
    out$u64(length(keys))
    for (key in keys) {
      bytes <- charToRaw(enc2utf8(key))
      out$u64(length(bytes))
      out$bytes(bytes)
    }
  }
  out$commit()
  invisible(filename)
}

#' @rdname mx.nd.save
#' @export
mx.nd.load <- function(filename) {
  call <- sys.call()
  path <- check_filename(filename, call)
  if (!file.exists(path) || dir.exists(path)) {
    arg_error("filename", sprintf("\"%s\" is not an existing file.", filename), call)
  }
  size <- file.size(path)
  con <- file(path, "rb")
  on.exit(close(con))
  r <- nd_reader(con, size, filename, call)
  if (size < 24 || r$u64() != 0x112) {
    r$fail("is not an MXNet NDArray file (no NDArray list header).")
  }
  r$u64() # reserved
  count <- r$u64()
  # every array takes at least 12 bytes
  if (count > r$remaining() / 12) {
    r$fail(sprintf("declares %s, more than its %s can hold (corrupted).",
                   count_of(count, "array"), count_of(size, "byte")))
  }
  arrays <- vector("list", count)
  for (k in seq_len(count)) arrays[k] <- list(read_ndarray(r, k))
  nnames <- r$u64()
  if (nnames != 0 && nnames != count) {
    r$fail(sprintf("has %s for %s (corrupted).",
                   count_of(nnames, "name"), count_of(count, "array")))
  }
  if (nnames > 0) {
    keys <- character(nnames)
    for (k in seq_len(nnames)) {
      len <- r$u64()
      if (len > r$remaining()) r$fail("is truncated (in a name).")
      bytes <- r$raw(len)
      if (any(bytes == as.raw(0))) r$fail("has a name with a NUL byte (corrupted).")
      key <- rawToChar(bytes)
      if (!validUTF8(key)) r$fail("has a name that is not valid UTF-8 (corrupted).")
      Encoding(key) <- "UTF-8"
      keys[k] <- key
    }
    names(arrays) <- keys
  }
  arrays
}

check_filename <- function(filename, call) {
  if (missing(filename)) arg_error("filename", "is missing, with no default.", call)
  if (!is.character(filename) || length(filename) != 1L) {
    arg_error("filename", sprintf("must be a file path (a single string), not %s.",
                                  describe(filename)), call)
  }
  if (is.na(filename)) arg_error("filename", "is NA; give a file path.", call)
  if (!nzchar(filename)) {
    arg_error("filename", "is an empty string; give a file path.", call)
  }
  path.expand(filename)
}

# A writer that replaces the file at `path` whole or not at all (see
# src/file.c): the bytes go to a temporary file beside it, renamed over
# `path` by commit(). Until then `path` keeps its previous contents; a
# failed write, an error or an interrupt (abort(), from on.exit()) removes
# the temporary file. Errors name the user's `filename` and `call`.
save_file <- function(path, filename, call) {
  if (dir.exists(path)) {
    arg_error("filename", sprintf("\"%s\" is a directory.", filename), call)
  }
  # a symbolic link is followed, so that its target is replaced
  if (file.exists(path)) path <- normalizePath(path)
  dir <- dirname(path)
  if (!dir.exists(dir)) {
    arg_error("filename", sprintf(
      "\"%s\": the directory \"%s\" does not exist.", filename, dir), call)
  }
  existed <- file.exists(path)
  fail <- function(problem) {
    arg_error("filename", sprintf(
      "\"%s\" could not be written (%s); %s.", filename, problem,
      if (existed) "the file keeps its previous contents"
      else "no file was created"), call)
  }
  handle <- .Call(C_mxlr_file_open, dir, path)
  if (is.character(handle)) fail(handle)
  check <- function(status) {
    if (!is.null(status)) fail(status)
  }
  put <- function(bytes) {
    n <- length(bytes)
    if (n == 0) return()
    for (start in seq(1, n, by = nd_chunk)) {
      check(.Call(C_mxlr_file_write, handle, bytes, start,
                  min(nd_chunk, n - start + 1)))
    }
  }
  list(
    bytes = put,
    # unsigned 64-bit little-endian integers (whole numbers < 2^53), as
    # four 16-bit words (32-bit R integers cannot hold 2^31)
    u64 = function(values) {
      words <- vapply(values, function(v) {
        (v %/% c(1, 2^16, 2^32, 2^48)) %% 2^16
      }, numeric(4))
      put(writeBin(as.integer(words), raw(), size = 2, endian = "little"))
    },
    i32 = function(values) {
      put(writeBin(values, raw(), size = 4, endian = "little"))
    },
    commit = function() check(.Call(C_mxlr_file_commit, handle, path)),
    abort = function() invisible(.Call(C_mxlr_file_abort, handle))
  )
}

# Raw bytes are read and written in slices of this many, so that a large
# array can be interrupted.
nd_chunk <- 2^26

# A reader over a connection that knows how many bytes are left and stops
# with an error naming the file.
nd_reader <- function(con, size, filename, call) {
  pos <- 0
  fail <- function(problem) {
    arg_error("filename", sprintf("\"%s\" %s", filename, problem), call)
  }
  raw_n <- function(n) {
    if (n > size - pos) fail("is truncated.")
    if (n <= nd_chunk) {
      b <- readBin(con, "raw", n)
    } else {
      parts <- vector("list", ceiling(n / nd_chunk))
      left <- n
      for (k in seq_along(parts)) {
        parts[[k]] <- readBin(con, "raw", min(left, nd_chunk))
        left <- left - length(parts[[k]])
      }
      b <- unlist(parts, use.names = FALSE)
    }
    if (length(b) != n) fail("is truncated.")
    pos <<- pos + n
    b
  }
  # unsigned 16-bit words, as doubles
  words <- function(bytes) {
    readBin(bytes, "integer", n = length(bytes) %/% 2, size = 2,
            signed = FALSE, endian = "little")
  }
  u32 <- function(n = 1) {
    w <- words(raw_n(4 * n))
    w[c(TRUE, FALSE)] + w[c(FALSE, TRUE)] * 65536
  }
  i32 <- function(n = 1) {
    v <- u32(n)
    ifelse(v >= 2^31, v - 2^32, v)
  }
  # 64-bit integers as doubles (signed when asked); exact below 2^53
  i64 <- function(n = 1, signed = FALSE) {
    w <- matrix(words(raw_n(8 * n)), nrow = 4)
    if (signed) {
      top <- w[4, ] >= 2^15
      w[4, top] <- w[4, top] - 2^16
    }
    as.vector(c(1, 2^16, 2^32, 2^48) %*% w)
  }
  list(u32 = u32, i32 = i32, u64 = function() i64(1),
       i64 = function(n) i64(n, signed = TRUE), raw = raw_n,
       remaining = function() size - pos, fail = fail)
}

nd_dtypes <- c("float32", "float64", "float16", "uint8", "int32", "int8",
               "int64", "bool", "int16", "uint16", "uint32", "uint64",
               "bfloat16")
nd_dtype_size <- c(4, 8, 2, 1, 4, 1, 8)

# Reads one array of an NDArray file from the reader r (k: its position, for
# messages); each step below checks one part of the record, in file order.
read_ndarray <- function(r, k) {
  where <- sprintf("array %d", k)
  fail <- function(problem) r$fail(sprintf("%s: %s", where, problem))
  v3 <- read_nd_magic(r, fail)
  read_nd_storage(r, fail)
  dims <- read_nd_shape(r, fail, v3)
  r$i32(2L) # device type and id: loaded to the CPU
  dtype <- read_nd_dtype(r, fail)
  size <- nd_dtype_size[dtype + 1L]
  count <- nd_element_count(r, fail, dims, size)
  bytes <- r$raw(count * size)
  rdim <- if (length(dims) == 0L) 1L else as.integer(rev(dims))
  .Call(C_mxlr_nd_decode, bytes, 0, dtype, rdim)
}

# The magic number; TRUE for the version-3 format (which allows 0-d arrays).
read_nd_magic <- function(r, fail) {
  magic <- r$u32()
  v3 <- magic == 0xF993FACA
  if (magic == 0xF993FAC8 || (magic != 0xF993FAC9 && !v3 && magic < 64)) {
    fail("is in the NDArray format of MXNet before 1.0, which is not supported.")
  }
  if (magic != 0xF993FAC9 && !v3) fail("has no NDArray magic number (corrupted).")
  v3
}

read_nd_storage <- function(r, fail) {
  stype <- r$i32()
  if (stype == 1L || stype == 2L) {
    fail(sprintf("has %s storage; only dense arrays are supported.",
                 c("row_sparse", "csr")[stype]))
  }
  if (stype != 0L) fail(sprintf("has an unknown storage type %d (corrupted).", stype))
}

# The dimensions, in MXNet's order (the last varies fastest).
read_nd_shape <- function(r, fail, v3) {
  ndim <- r$i32()
  if (ndim < -1L || ndim > 64L) {
    fail(sprintf("has %s (corrupted).", count_of(ndim, "dimension")))
  }
  if (ndim == -1L || (!v3 && ndim == 0L)) {
    fail("has no shape (an empty NDArray), which an MXNDArray cannot hold.")
  }
  if (ndim * 8 > r$remaining()) fail("is truncated (in its shape).")
  dims <- if (ndim > 0L) r$i64(ndim) else numeric(0)
  if (any(dims == -1)) fail("has an unknown shape, which an MXNDArray cannot hold.")
  if (any(dims < 0)) fail("has a negative dimension (corrupted).")
  dims
}

# The element type code (an index into nd_dtypes from 0), if supported.
read_nd_dtype <- function(r, fail) {
  dtype <- r$i32()
  if (dtype < 0L || dtype >= length(nd_dtypes)) {
    fail(sprintf("has an unknown element type %d (corrupted).", dtype))
  }
  if (dtype >= length(nd_dtype_size)) {
    fail(sprintf(paste(
      "has element type %s, which is not supported (float32, float64,",
      "float16, uint8, int8, int32 and int64 are)."), nd_dtypes[dtype + 1L]))
  }
  dtype
}

# The number of elements of shape dims, checked against the bytes left in
# the file and against what R's dim() can hold.
nd_element_count <- function(r, fail, dims, size) {
  # compared one factor at a time, so that no product overflows
  count <- if (any(dims == 0)) 0 else 1
  for (d in dims) {
    if (count > 0 && count > r$remaining() / size / d) {
      fail(sprintf(
        "declares shape (%s), more elements than the file holds (truncated or corrupted).",
        paste(format(dims, scientific = FALSE, trim = TRUE), collapse = ", ")))
    }
    count <- count * d
  }
  if (any(dims > .Machine$integer.max)) {
    fail(sprintf("has a dimension of %s, more than R's dim() can hold.",
                 format(max(dims), scientific = FALSE)))
  }
  count
}
