/*
 * Declarations shared by the .c files of the .Call glue.
 *
 * How an MXNDArray's float32 values are held is known only to ndarray.c
 * (and R/ndarray.R); the rest of the glue reaches them through these
 * functions, which take the MXNDArray object itself (as the R code hands
 * it to .Call) or a double vector.
 */
#ifndef MXLR_GLUE_H
#define MXLR_GLUE_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>

#include "mxleakyrelu.h"

/* ndarray.c */

/* 1 when x is an MXNDArray (float32 values), 0 for a double vector; an R
 * error otherwise. */
int mxlr_is_float_payload(SEXP x);
/* 1 when x is an intact MXNDArray (the checks R words as "is not a valid
 * MXNDArray"), 0 for anything else, never an error. */
int mxlr_nd_intact(SEXP x);
/* NULL when x is an intact MXNDArray, else a short reason (for the
 * message "is not a valid MXNDArray (reason)"). */
const char *mxlr_nd_problem(SEXP x);
/* 1 when x is of class MXNDArray or of a class that extends it, as
 * is.mx.ndarray() says, intact or not. */
int mxlr_nd_claimed(SEXP x);
/* The dims of an intact MXNDArray in R's order (integer, or double when an
 * extent exceeds the integer range); never of length 0. */
SEXP mxlr_nd_dims(SEXP x);
/* The float32 values of an MXNDArray. */
float *mxlr_float_data(SEXP x);
/* The number of values of x (an MXNDArray or a double vector). */
R_xlen_t mxlr_values_length(SEXP x);
/* A new object for n values of the kind x holds, without dims of x: a
 * one-dimensional MXNDArray, or a double vector without attributes. */
SEXP mxlr_alloc_values(SEXP x, R_xlen_t n);
/* A new object for n values of the kind x holds, shaped like x when n is
 * its length: an MXNDArray with x's dims, or a double vector with x's dim
 * and dimnames, or its names when it has no dim. */
SEXP mxlr_alloc_like(SEXP x, R_xlen_t n);

/* ---- threads.c: the thread policy ---------------------------------------- */

/* The threads for an input of n elements (>= 1), or a negative code for a
 * bad setting (-1: the option, -2: the environment variable); the setting
 * is checked whatever n, so a bad one is always reported. */
int mxlr_resolve_threads(double n);
/* As mxlr_resolve_threads(), but a bad setting is an R error. */
int mxlr_threads_for(double n);

/* ---- glue.c: interrupts and R's unwinding --------------------------------
 *
 * Code that calls the core, or loops long enough to poll for interrupts,
 * must not let R longjmp through frames that hold resources (the core's
 * threads, malloc'd memory). The pattern:
 *
 *     mxlr_unwind unwind = {0};
 *     opt.interrupt = mxlr_unwind_poll;       (or call it between chunks)
 *     opt.interrupt_data = &unwind;
 *     status = mxlr_forward_f64(..., &opt, ...);
 *     ... free what is held (R-allocated memory needs nothing) ...
 *     mxlr_unwind_continue(&unwind);          (does not return after a jump)
 *
 * mxlr_unwind_poll() runs R_CheckUserInterrupt() under R_UnwindProtect(): an
 * interrupt with its handlers, a time limit's error, a handler's error or
 * restart all run as in plain R code; when R then jumps, the jump is held,
 * the poll returns 1 (and keeps returning 1), the caller stops and
 * mxlr_unwind_continue() resumes that same jump. A plain C loop holding only
 * R-allocated memory may call R_CheckUserInterrupt() directly instead. */
typedef struct mxlr_unwind {
  int jumped; /* 1 once R started a jump that is held */
} mxlr_unwind;

/* An mxlr_interrupt_fn; data is an mxlr_unwind *. Main R thread only. */
int mxlr_unwind_poll(void *data);
/* Resumes the held jump, if any; returns only when there was none. */
void mxlr_unwind_continue(mxlr_unwind *u);
/* Called once from R_init_mxLeakyReLU. */
void mxlr_glue_init(void);

/* ---- end of glue.c declarations ----------------------------------------- */

#endif /* MXLR_GLUE_H */
