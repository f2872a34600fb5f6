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

#endif /* MXLR_GLUE_H */
