/* Registration of the .Call entry points. */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include "glue.h"

/* glue.c */
SEXP mxlr_forward_call(SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP);
SEXP mxlr_backward_call(SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP);
SEXP mxlr_check_array_call(SEXP, SEXP);
SEXP mxlr_constants_call(void);
SEXP mxlr_int64_to_double_call(SEXP);
/* threads.c */
SEXP mxlr_available_cores_call(void);
SEXP mxlr_threads_call(void);
/* ndarray.c */
SEXP mxlr_nd_problem_call(SEXP);
SEXP mxlr_nd_from_double_call(SEXP, SEXP);
SEXP mxlr_nd_to_double_call(SEXP, SEXP);
SEXP mxlr_nd_binary_call(SEXP, SEXP, SEXP);
SEXP mxlr_nd_scalar_call(SEXP, SEXP, SEXP, SEXP);
SEXP mxlr_nd_decode_call(SEXP, SEXP, SEXP, SEXP);
SEXP mxlr_nd_bytes_call(SEXP);
SEXP mxlr_nd_reshape_call(SEXP, SEXP);
SEXP mxlr_nd_fill_call(SEXP, SEXP);
SEXP mxlr_nd_gather_call(SEXP, SEXP, SEXP);
/* file.c */
SEXP mxlr_file_open_call(SEXP, SEXP);
SEXP mxlr_file_write_call(SEXP, SEXP, SEXP, SEXP);
SEXP mxlr_file_commit_call(SEXP, SEXP);
SEXP mxlr_file_abort_call(SEXP);
/* isa.c */
SEXP mxlr_isa_call(void);

static const R_CallMethodDef call_methods[] = {
  {"C_mxlr_forward",         (DL_FUNC) &mxlr_forward_call,          7},
  {"C_mxlr_backward",        (DL_FUNC) &mxlr_backward_call,         8},
  {"C_mxlr_check_array",     (DL_FUNC) &mxlr_check_array_call,      2},
  {"C_mxlr_available_cores", (DL_FUNC) &mxlr_available_cores_call,  0},
  {"C_mxlr_threads",         (DL_FUNC) &mxlr_threads_call,          0},
  {"C_mxlr_constants",       (DL_FUNC) &mxlr_constants_call,        0},
  {"C_mxlr_int64_to_double", (DL_FUNC) &mxlr_int64_to_double_call,  1},
  {"C_mxlr_nd_problem",      (DL_FUNC) &mxlr_nd_problem_call,       1},
  {"C_mxlr_nd_from_double",  (DL_FUNC) &mxlr_nd_from_double_call,   2},
  {"C_mxlr_nd_to_double",    (DL_FUNC) &mxlr_nd_to_double_call,     2},
  {"C_mxlr_nd_binary",       (DL_FUNC) &mxlr_nd_binary_call,        3},
  {"C_mxlr_nd_scalar",       (DL_FUNC) &mxlr_nd_scalar_call,        4},
  {"C_mxlr_nd_decode",       (DL_FUNC) &mxlr_nd_decode_call,        4},
  {"C_mxlr_nd_bytes",        (DL_FUNC) &mxlr_nd_bytes_call,         1},
  {"C_mxlr_nd_reshape",      (DL_FUNC) &mxlr_nd_reshape_call,       2},
  {"C_mxlr_nd_fill",         (DL_FUNC) &mxlr_nd_fill_call,          2},
  {"C_mxlr_nd_gather",       (DL_FUNC) &mxlr_nd_gather_call,        3},
  {"C_mxlr_file_open",       (DL_FUNC) &mxlr_file_open_call,        2},
  {"C_mxlr_file_write",      (DL_FUNC) &mxlr_file_write_call,       4},
  {"C_mxlr_file_commit",     (DL_FUNC) &mxlr_file_commit_call,      2},
  {"C_mxlr_file_abort",      (DL_FUNC) &mxlr_file_abort_call,       1},
  {"C_mxlr_isa",             (DL_FUNC) &mxlr_isa_call,              0},
  {NULL, NULL, 0}
};

void R_init_mxLeakyReLU(DllInfo *dll) {
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
  mxlr_glue_init();
}
