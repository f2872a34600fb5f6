# The kernels exist for several instruction sets (baseline 128-bit vectors;
# AVX2 on x86-64), chosen at first use from the processor or from the
# environment variable MXLEAKYRELU_ISA. Every one this machine supports must
# give bitwise-identical results, except gelu and the float gelu_tanh, whose
# AVX2 kernels use fused multiply-adds (within a few units in the last
# place): each is run in its own R process.

isa_name <- function() .Call(mxLeakyReLU:::C_mxlr_isa)

test_that("the instruction set in use is reported", {
  expect_true(isa_name() %in% c("baseline", "avx2"))
})

test_that("every instruction set gives the same bits (gelu: nearly)", {
  rscript <- file.path(R.home("bin"), "Rscript")
  script <- tempfile(fileext = ".R")
  on.exit(unlink(script), add = TRUE)
  writeLines(c(
    "suppressPackageStartupMessages(library(mxLeakyReLU))",
    "set.seed(1)",
    "x <- c(rnorm(20011) * 6, rnorm(997) * 40, NA, NaN, Inf, -Inf, 0, -0, 1e-310)",
    "dy <- runif(length(x))",
    "acts <- c('leaky', 'elu', 'selu', 'rrelu', 'gelu')",
    "if (!inherits(try(mx.nd.LeakyReLU(1, act.type = 'gelu_tanh'), silent = TRUE), 'try-error'))",
    "  acts <- c(acts, 'gelu_tanh')",
    "out <- list(isa = .Call(mxLeakyReLU:::C_mxlr_isa))",
    "for (a in acts) {",
    "  out[[paste(a, 'f64')]] <- mx.nd.LeakyReLU(x, act.type = a)",
    "  out[[paste(a, 'f64 grad')]] <- mx.nd.LeakyReLU.backward(dy, x, act.type = a)$data",
    "  xf <- mx.nd.array(x[is.finite(x) | is.na(x)])",
    "  out[[paste(a, 'f32')]] <- as.array(mx.nd.LeakyReLU(xf, act.type = a))",
    "}",
    "g <- matrix(rnorm(3 * 1001), 3)",
    "out$prelu <- mx.nd.LeakyReLU(g, gamma = c(0.1, -0.2, 0.3), act.type = 'prelu')",
    "set.seed(5)",
    "out$rrelu_train <- mx.nd.LeakyReLU(x, act.type = 'rrelu', is.train = TRUE)",
    "out$x <- x",
    "out$dy <- dy",
    "saveRDS(out, commandArgs(TRUE)[1])"), script)
  run <- function(isa) {
    file <- tempfile(fileext = ".rds")
    status <- system2(rscript, c("--vanilla", script, file),
                      env = c(paste0("MXLEAKYRELU_ISA=", isa),
                              paste0("R_LIBS=", paste(.libPaths(), collapse = ":"))),
                      stdout = FALSE, stderr = FALSE)
    expect_equal(status, 0L)
    on.exit(unlink(file))
    readRDS(file)
  }
  base <- run("baseline")
  expect_identical(base$isa, "baseline")
  best <- run("avx2")
  expect_true(best$isa %in% c("baseline", "avx2"))
  base$isa <- best$isa <- NULL
  # gelu: values within 2 units in the last place; dy times the derivative
  # within 4 units of the larger of the result and |dy|·Q(|x|).
  x <- base$x
  q <- abs(base$dy) * pnorm(-abs(x))
  units <- function(a, b, scale, digits) {
    same <- (is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) & a == b)
    s <- pmax(abs(a), abs(b), scale)
    spacing <- pmax(2^(floor(log2(s)) - digits + 1),
                    if (digits == 53) 2^-1074 else 2^-149)
    ifelse(same, 0, abs(a - b) / spacing)
  }
  expect_lte(max(units(best[["gelu f64"]], base[["gelu f64"]], 0, 53)), 2)
  expect_lte(max(units(best[["gelu f64 grad"]], base[["gelu f64 grad"]], q,
                       53)), 4)
  expect_lte(max(units(best[["gelu f32"]], base[["gelu f32"]], 0, 24)), 2)
  if (!is.null(base[["gelu_tanh f32"]])) {
    expect_lte(max(units(best[["gelu_tanh f32"]], base[["gelu_tanh f32"]], 0,
                         24)), 2)
  }
  gelu <- grepl("^gelu f|^gelu_tanh f32", names(base))
  expect_identical(best[!gelu], base[!gelu])
})
