/*
 * Files that are replaced whole or not at all (mx.nd.save()).
 *
 * R/io.R opens a temporary file beside the target, writes the new contents
 * into it piece by piece, and commits it: fsync, close, then rename over
 * the target, which the file system does atomically. Until the rename the
 * target keeps its previous contents; a failed write (a full disk, a quota,
 * an I/O error) or an interrupt leaves it untouched and the temporary file
 * removed. Every system call's result is checked.
 *
 * A handle is an external pointer to a struct save_file; its finalizer
 * closes and removes a temporary file that was neither committed nor
 * aborted (R/io.R aborts in on.exit(), so that is a last resort).
 *
 * The entry points return NULL on success and otherwise a string: the
 * failed step and strerror(), which R/io.R words into an error naming the
 * user's call and path. They never longjmp while they hold a descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"

typedef struct save_file {
  int fd;       /* -1 once closed */
  char *temp;   /* the temporary file's path; NULL once renamed or removed */
} save_file;

static SEXP failure(const char *step, int err) {
  char msg[512];
  snprintf(msg, sizeof msg, "%s: %s", step, strerror(err));
  return Rf_mkString(msg);
}

/* Closes and removes what is left of f; keeps errno. */
static void discard(save_file *f) {
  int err = errno;
  if (f->fd >= 0) close(f->fd);
  f->fd = -1;
  if (f->temp != NULL) {
    unlink(f->temp);
    free(f->temp);
    f->temp = NULL;
  }
  errno = err;
}

static void finalize(SEXP handle) {
  save_file *f = (save_file *) R_ExternalPtrAddr(handle);
  if (f == NULL) return;
  discard(f);
  free(f);
  R_ClearExternalPtr(handle);
}

static save_file *handle_file(SEXP handle) {
  save_file *f = TYPEOF(handle) == EXTPTRSXP
                     ? (save_file *) R_ExternalPtrAddr(handle) : NULL;
  if (f == NULL || f->fd < 0 || f->temp == NULL) {
    Rf_error("mxLeakyReLU: internal error: the file handle is closed");
  }
  return f;
}

/* .Call: a handle on a new temporary file in directory `dir` (the target's
 * directory), or a string saying why none could be made. When `target`
 * exists its permission bits are given to the new file, so that replacing a
 * file does not change who may read it. */
SEXP mxlr_file_open_call(SEXP dir, SEXP target) {
  const char *d = Rf_translateChar(STRING_ELT(dir, 0));
  const char *t = Rf_translateChar(STRING_ELT(target, 0));
  size_t len = strlen(d) + 64;
  char *temp = malloc(len);
  if (temp == NULL) return failure("cannot allocate a path", ENOMEM);
  int fd = -1;
  unsigned seed = (unsigned) getpid() ^ (unsigned) time(NULL) ^
                  (unsigned) (uintptr_t) temp;
  for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
    seed = seed * 1103515245u + 12345u;
    snprintf(temp, len, "%s/.mxnd-save-%d-%08x.tmp", d, (int) getpid(), seed);
    fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    int err = errno;
    free(temp);
    return failure("cannot create a file in its directory", err);
  }
  struct stat st;
  if (stat(t, &st) == 0 && S_ISREG(st.st_mode)) {
    (void) fchmod(fd, st.st_mode & 07777); /* best effort, as cp -p */
  }
  save_file *f = malloc(sizeof *f);
  if (f == NULL) {
    close(fd);
    unlink(temp);
    free(temp);
    return failure("cannot allocate", ENOMEM);
  }
  f->fd = fd;
  f->temp = temp;
  SEXP handle = PROTECT(R_MakeExternalPtr(f, R_NilValue, R_NilValue));
  R_RegisterCFinalizerEx(handle, finalize, TRUE);
  UNPROTECT(1);
  return handle;
}

/* .Call: writes bytes[from .. from + count - 1] (from 1-based, doubles) to
 * the handle's file; NULL, or why it failed (the file is then discarded). */
SEXP mxlr_file_write_call(SEXP handle, SEXP bytes, SEXP from, SEXP count) {
  save_file *f = handle_file(handle);
  double start = Rf_asReal(from) - 1, n = Rf_asReal(count);
  if (TYPEOF(bytes) != RAWSXP || !(start >= 0) || !(n >= 0) ||
      start + n > (double) XLENGTH(bytes)) {
    Rf_error("mxLeakyReLU: internal error: write range");
  }
  const Rbyte *p = RAW(bytes) + (R_xlen_t) start;
  size_t left = (size_t) n;
  while (left > 0) {
    /* at most 1 GiB per call: some systems refuse larger writes */
    size_t piece = left < ((size_t) 1 << 30) ? left : ((size_t) 1 << 30);
    ssize_t done = write(f->fd, p, piece);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) {
      int err = done < 0 ? errno : ENOSPC;
      discard(f);
      return failure("cannot write", err);
    }
    p += done;
    left -= (size_t) done;
  }
  return R_NilValue;
}

/* .Call: makes the file durable and renames it to `target`; NULL, or why it
 * failed (the file is then discarded and the target untouched). */
SEXP mxlr_file_commit_call(SEXP handle, SEXP target) {
  save_file *f = handle_file(handle);
  const char *t = Rf_translateChar(STRING_ELT(target, 0));
  int rc;
  while ((rc = fsync(f->fd)) != 0 && errno == EINTR) {}
  if (rc != 0 && errno != EINVAL && errno != ENOTSUP) {
    int err = errno;
    discard(f);
    return failure("cannot write (flushing to disk)", err);
  }
  rc = close(f->fd);
  f->fd = -1;
  if (rc != 0 && errno != EINTR) {
    int err = errno;
    discard(f);
    return failure("cannot write (closing)", err);
  }
  if (rename(f->temp, t) != 0) {
    int err = errno;
    discard(f);
    return failure("cannot replace it", err);
  }
  free(f->temp);
  f->temp = NULL;
  return R_NilValue;
}

/* .Call: discards an uncommitted file (a no-op after commit or failure). */
SEXP mxlr_file_abort_call(SEXP handle) {
  save_file *f = TYPEOF(handle) == EXTPTRSXP
                     ? (save_file *) R_ExternalPtrAddr(handle) : NULL;
  if (f != NULL) discard(f);
  return R_NilValue;
}
