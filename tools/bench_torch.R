# mxLeakyReLU beside PyTorch's CPU build (torch.nn.functional), in one run.
#
# Usage (from the repository root, with the package installed):
#   Rscript tools/bench_torch.R        # or: make bench-torch (make bench)
#
# Needs a Python with torch, numpy and mpmath: MXLR_TORCH_PYTHON, else the
# venv that `make bench-torch` makes (build/torchvenv); without one it says
# so and stops without failing. For every act type of the registry, forward
# and backward, double and float32 (MXNDArray), on 1e7 values of
# rnorm(n) * 3: the median seconds of both libraries with one thread and
# with every core (result allocated on both sides), their ratio, and the
# largest error of both on a grid of x in [-40, 10] (tails included) and on
# its part in [-5, 5], in ulp of the precision, against 40-digit values
# (tools/torch/bench_torch.py).
# Target: with one thread, this package / torch <= 1.0 for every row.
# Writes build/bench/torch.csv and build/bench/torch.md, and (unless
# MXLR_BENCH_QUICK is set) the table into the Performance article's data,
# R-package/vignettes/articles/performance/torch.md.

suppressPackageStartupMessages({
  library(mxLeakyReLU)
  library(bench)
})

quick <- nzchar(Sys.getenv("MXLR_BENCH_QUICK"))
out_dir <- file.path("build", "bench")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
python <- Sys.getenv("MXLR_TORCH_PYTHON",
                     file.path("build", "torchvenv", "bin", "python"))
has_torch <- file.exists(python) && identical(suppressWarnings(system2(
  python, c("-c", shQuote("import torch, numpy, mpmath")),
  stdout = FALSE, stderr = FALSE)), 0L)
if (!has_torch) {
  cat("bench-torch: no Python with torch, numpy and mpmath (set",
      "MXLR_TORCH_PYTHON); PyTorch comparison skipped.\n")
  quit(status = 0)
}

acts <- mxLeakyReLU:::constants()$names
slope <- 0.25
n <- if (quick) 1e5 else 1e7
set.seed(1)
x <- rnorm(n) * 3
grid <- c(seq(-40, -10, length.out = if (quick) 301 else 3001),
          seq(-10, 10, length.out = if (quick) 1001 else 10001))
grid <- grid[grid != 0]  # the kink of leaky, prelu, rrelu, elu, selu

work <- tempfile("mxlr-torch-")
dir.create(work)
on.exit(unlink(work, recursive = TRUE))
put <- function(v, name) writeBin(as.double(v), file.path(work, name),
                                  endian = "little")
put(x, "x.f64")
put(grid, "grid.f64")

fwd <- function(x, act) {
  if (act == "prelu") mx.nd.LeakyReLU(x, gamma = slope, act.type = "prelu")
  else mx.nd.LeakyReLU(x, act.type = act, slope = slope)
}
bwd <- function(dy, x, act) {
  r <- if (act == "prelu") {
    mx.nd.LeakyReLU.backward(dy, x, gamma = slope, act.type = "prelu")
  } else {
    mx.nd.LeakyReLU.backward(dy, x, act.type = act, slope = slope)
  }
  r$data
}
as_values <- function(v) if (is.mx.ndarray(v)) as.vector(as.array(v)) else v

# Our results on the grid, for the accuracy columns.
precisions <- list(double = identity, float32 = mx.nd.array)
for (p in names(precisions)) {
  g <- precisions[[p]](grid)
  ones <- precisions[[p]](rep(1, length(grid)))
  for (act in acts) {
    put(as_values(fwd(g, act)), sprintf("ours-%s-forward-%s.f64", act, p))
    put(as_values(bwd(ones, g, act)), sprintf("ours-%s-backward-%s.f64", act,
                                              p))
  }
}

cat("Timing PyTorch and measuring its accuracy (tools/torch/bench_torch.py)",
    "...\n")
status <- system2(python, c(file.path("tools", "torch", "bench_torch.py"),
                            work, paste(acts, collapse = ",")))
if (!identical(status, 0L)) stop("tools/torch/bench_torch.py failed")
torch <- read.csv(file.path(work, "torch.csv"), stringsAsFactors = FALSE)
version <- readLines(file.path(work, "torch-version.txt"))

median_s <- function(f) {
  m <- bench::mark(f(), min_iterations = if (quick) 3 else 10,
                   max_iterations = 100, min_time = if (quick) 0.05 else 0.5,
                   check = FALSE, filter_gc = FALSE, memory = FALSE,
                   time_unit = "s")
  as.numeric(m$median)
}

ours <- numeric(nrow(torch))
for (p in names(precisions)) {
  xp <- precisions[[p]](x)
  dy <- precisions[[p]](rep(1, n))
  for (threads in unique(torch$threads)) {
    old <- options(mxLeakyReLU.threads = threads)
    for (act in acts) {
      for (direction in c("forward", "backward")) {
        i <- which(torch$act_type == act & torch$direction == direction &
                   torch$precision == p & torch$threads == threads)
        ours[i] <- if (direction == "forward") {
          median_s(function() fwd(xp, act))
        } else {
          median_s(function() bwd(dy, xp, act))
        }
      }
    }
    options(old)
  }
}
torch$ours_seconds <- ours
torch$ratio <- torch$ours_seconds / torch$torch_seconds
torch$target <- ifelse(torch$threads == 1,
                       ifelse(torch$ratio <= 1, "PASS", "FAIL"), "")

cat(sprintf("\nmxLeakyReLU %s (kernels: %s) beside torch %s; n = %g,",
            utils::packageVersion("mxLeakyReLU"),
            .Call(mxLeakyReLU:::C_mxlr_isa), version, n),
    "x = rnorm(n) * 3;", "max ulp on", length(grid), "points in [-40, 10]\n")
cat("ulp: largest error in [-5, 5] / in [-40, 10]\n")
cat(sprintf("%-9s %-8s %-7s %3s %8s %8s %6s %19s %19s %s\n", "act.type",
            "dir", "prec", "thr", "ours ms", "torch ms", "ratio",
            "ours ulp", "torch ulp", "target"))
ulps <- function(central, all) sprintf("%9.3g/%9.3g", central, all)
for (i in seq_len(nrow(torch))) {
  r <- torch[i, ]
  cat(sprintf("%-9s %-8s %-7s %3d %8.2f %8.2f %6.2f %19s %19s %s\n",
              r$act_type, r$direction, r$precision, r$threads,
              1e3 * r$ours_seconds, 1e3 * r$torch_seconds, r$ratio,
              ulps(r$ours_max_ulp_central, r$ours_max_ulp),
              ulps(r$torch_max_ulp_central, r$torch_max_ulp), r$target))
}
write.csv(torch, file.path(out_dir, "torch.csv"), row.names = FALSE)

md <- c(sprintf(paste("Measured on %s: torch %s, n = %g, x = rnorm(n) * 3;",
                      "max ulp: the largest error on a grid of %d points",
                      "in [-5, 5] / in [-40, 10]."),
                format(Sys.Date()), version, n, length(grid)),
        "",
        paste("| act.type | direction | precision | threads | ours (ms) |",
              "torch (ms) | ours / torch | ours max ulp | torch max ulp |"),
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
        sprintf("| %s | %s | %s | %d | %.2f | %.2f | %.2f | %s | %s |",
                torch$act_type, torch$direction, torch$precision,
                torch$threads, 1e3 * torch$ours_seconds,
                1e3 * torch$torch_seconds, torch$ratio,
                sprintf("%.3g / %.3g", torch$ours_max_ulp_central,
                        torch$ours_max_ulp),
                sprintf("%.3g / %.3g", torch$torch_max_ulp_central,
                        torch$torch_max_ulp)))
writeLines(md, file.path(out_dir, "torch.md"))
# The Performance article's copy (R-package/vignettes/articles/performance.Rmd)
if (!quick) {
  writeLines(md, file.path("R-package", "vignettes", "articles", "performance",
                           "torch.md"))
}
failed <- sum(torch$target == "FAIL")
cat(sprintf("\nPyTorch target (one thread, ours / torch <= 1.0): %d of %d %s\n",
            sum(torch$target == "PASS"), sum(torch$target != ""),
            if (failed) "PASS, the rest FAIL" else "PASS"))
