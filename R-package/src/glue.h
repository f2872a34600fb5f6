/*
 * Declarations shared by the .c files of the .Call glue.
 *
 * How an MXNDArray's float32 values are held is known only to ndarray.c
 * (and R/ndarray.R); the rest of the glue reaches them through these
 * functions.
 */
#ifndef MXLR_GLUE_H
#define MXLR_GLUE_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>

#include "mxleakyrelu.h"

/* ndarray.c */

/* 1 when x carries float32 values (an MXNDArray payload as the R code hands
 * it to the glue), 0 for a double vector; an R error otherwise. */
int mxlr_is_float_payload(SEXP x);
/* The float32 values of such a payload. */
float *mxlr_float_data(SEXP x);
/* A new vector for n values of the kind x holds (float32 payload or
 * double), without attributes. */
SEXP mxlr_alloc_values(SEXP x, R_xlen_t n);

#endif /* MXLR_GLUE_H */
