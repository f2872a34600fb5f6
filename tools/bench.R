# Benchmark of mxLeakyReLU against base R idioms and MXNet 1.9.1.
#
# Usage (from the repository root, with the package installed):
#   Rscript tools/bench.R            # or: make bench
#
# Measures with bench::mark, in one run: forward and backward of every act
# type on n = 1e3, 1e5, 1e7 doubles against `x * 1` and the base-R idioms,
# as ratios to `x * 1` measured in the same run; the memory each allocates;
# every entry point (forward, prelu with a gamma vector, rrelu training,
# backward with and without gamma/mask, MXNDArray in and out) at n = 10 and
# 1e3 against the base-R index idiom (rrelu training also against the base-R
# rrelu idiom, which draws its slopes from R's generator too); elu and selu
# with one thread against `x * 1` (gelu against PyTorch: make bench-torch);
# MXNDArray float32 at 1e7, forward and backward of the six MXNet act types, against
# MXNet 1.9.1 timed by tools/mxnet/bench_mxnet.py at the start of the same
# run (MXNET_PYTHON, default /tmp/mxvenv/bin/python; without it, the numbers
# below). Reports the instruction set the kernels used. Prints the tables
# and the targets with PASS/FAIL, writes build/bench/results.csv and
# build/bench/time_per_element.png, and writes the Performance article's
# data: the tables, dated, into
# R-package/vignettes/articles/performance/results.md and the plot beside
# them (the article, R-package/vignettes/articles/performance.Rmd, includes
# both). It writes nothing else outside build/.

suppressPackageStartupMessages({
  library(mxLeakyReLU)
  library(bench)
})

# MXLR_BENCH_QUICK=1: few iterations, the article's data left alone (the
# tables are written to build/bench/results.md instead): checks the script
# runs.
quick <- nzchar(Sys.getenv("MXLR_BENCH_QUICK"))
out_dir <- file.path("build", "bench")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

isa <- .Call(mxLeakyReLU:::C_mxlr_isa)
# The machine's load when the run starts (Linux), printed and written with
# the results: timings from a loaded machine are not comparable.
load_avg <- tryCatch(scan("/proc/loadavg", what = "", n = 3, quiet = TRUE),
                     error = function(e) NA_character_)
cat(sprintf("load average at start: %s\n", paste(load_avg, collapse = " ")))
cat(sprintf("mxLeakyReLU kernels: %s; %d cores\n", isa,
            parallel::detectCores()))

# MXNet 1.9.1 in the same run, when its Python is there.
mxnet_python <- Sys.getenv("MXNET_PYTHON", "/tmp/mxvenv/bin/python")
mxnet_file <- file.path(out_dir, "mxnet.csv")
mxnet_now <- FALSE
if (file.exists(mxnet_python)) {
  cat("Timing MXNet 1.9.1 (tools/mxnet/bench_mxnet.py) ...\n")
  status <- system2(mxnet_python, c(file.path("tools", "mxnet", "bench_mxnet.py"),
                                    mxnet_file), stdout = FALSE)
  mxnet_now <- identical(status, 0L) && file.exists(mxnet_file)
}

# MXNet 1.9.1, float32, 2 cores (tools/mxnet/bench_mxnet.py), seconds.
mxnet_default <- data.frame(
  act_type = c("leaky", "elu", "selu", "gelu", "prelu", "rrelu",
               "leaky", "elu", "selu", "prelu", "rrelu", "gelu"),
  direction = rep(c("forward", "backward"), each = 6),
  n = 1e7,
  median_seconds = c(0.0309, 0.0307, 0.139, 0.0265, 0.0969, 0.0802,
                     0.0063, 0.0083, 0.062, 0.27, 0.082, 0.0119))
mxnet <- if (mxnet_now) read.csv(mxnet_file) else mxnet_default
mxnet_source <- if (mxnet_now) {
  "MXNet 1.9.1 timed in the same run by tools/mxnet/bench_mxnet.py"
} else {
  "MXNet 1.9.1 numbers measured earlier on the 2-core reference machine (no MXNet Python found)"
}

lambda <- 1.0507009873554804934193349852946
alpha <- 1.6732632423543772848170429916717
slope <- 0.25

# Median seconds and bytes allocated by R for one evaluation of `f()`,
# over at least `iterations` evaluations (by default more for smaller n).
measure <- function(f, n, iterations = NULL) {
  if (is.null(iterations)) {
    iterations <- if (n >= 1e7) 15 else if (n >= 1e5) 200 else 2000
    if (quick) iterations <- max(3, iterations %/% 20)
  }
  m <- bench::mark(f(), min_iterations = iterations,
                   max_iterations = 20 * iterations,
                   min_time = if (quick) 0.02 else 0.3,
                   check = FALSE, filter_gc = FALSE, memory = TRUE,
                   time_unit = "s")
  c(median = as.numeric(m$median), mem = as.numeric(m$mem_alloc))
}

rows <- list()
record <- function(group, method, n, r, base = NA_real_) {
  rows[[length(rows) + 1L]] <<- data.frame(
    group = group, method = method, n = n, median_s = r[["median"]],
    ns_per_element = 1e9 * r[["median"]] / n, mem_bytes = r[["mem"]],
    ratio = r[["median"]] / base, stringsAsFactors = FALSE)
  cat(sprintf("%-10s %-34s n=%-8s %10.3f ms  %8.2f x  %s\n", group, method,
              format(n, scientific = TRUE), 1e3 * r[["median"]],
              r[["median"]] / base, format(structure(r[["mem"]],
              class = "bench_bytes"))))
}

# Every act type of the core's registry; MXNet 1.9.1 has all but gelu_tanh.
acts <- mxLeakyReLU:::constants()$names
mxnet_acts <- setdiff(acts, "gelu_tanh")
fwd <- function(x, act) {
  if (act == "prelu") {
    mx.nd.LeakyReLU(x, gamma = slope, act.type = "prelu")
  } else {
    mx.nd.LeakyReLU(x, act.type = act, slope = slope)
  }
}
bwd <- function(dy, x, act) {
  if (act == "prelu") {
    mx.nd.LeakyReLU.backward(dy, x, gamma = slope, act.type = "prelu")
  } else {
    mx.nd.LeakyReLU.backward(dy, x, act.type = act, slope = slope)
  }
}

base_idioms <- list(
  "base: y[i] <- slope * y[i]" = function(x) {
    y <- x; i <- y < 0; y[i] <- slope * y[i]; y
  },
  "base: pmax + slope * pmin" = function(x) pmax(x, 0) + slope * pmin(x, 0),
  "base: ifelse" = function(x) ifelse(x > 0, x, slope * x),
  "base elu: y[i] <- slope*expm1(y[i])" = function(x) {
    y <- x; i <- y < 0; y[i] <- slope * expm1(y[i]); y
  },
  "base selu: ifelse + expm1" = function(x) {
    lambda * ifelse(x > 0, x, alpha * expm1(x))
  },
  "base gelu: x * pnorm(x)" = function(x) x * pnorm(x))

start <- Sys.time()
rounds_one <- if (quick) 1 else 5
set.seed(1)
for (n in c(1e3, 1e5, 1e7)) {
  x <- rnorm(n)
  dy <- rnorm(n)
  base <- measure(function() x * 1, n)
  record("baseline", "x * 1", n, base, base[["median"]])
  for (name in names(base_idioms)) {
    f <- base_idioms[[name]]
    record("base R", name, n, measure(function() f(x), n), base[["median"]])
  }
  for (act in acts) {
    record("forward", act, n, measure(function() fwd(x, act), n),
           base[["median"]])
  }
  record("forward", "rrelu training", n,
         measure(function() mx.nd.LeakyReLU(x, act.type = "rrelu",
                                            is.train = TRUE), n),
         base[["median"]])
  for (act in acts) {
    record("backward", act, n, measure(function() bwd(dy, x, act), n),
           base[["median"]])
  }
  if (n == 1e7) {
    # One thread against `x * 1`, in interleaved rounds as the per-call
    # table below (the machine's memory speed drifts over the minutes the
    # whole block takes): each round times `x * 1` and every case, ratios
    # are taken to the `x * 1` of the same round, the median over rounds is
    # reported.
    old <- options(mxLeakyReLU.threads = 1)
    cases <- c(lapply(acts, function(act) function() fwd(x, act)),
               lapply(acts, function(act) function() bwd(dy, x, act)))
    names(cases) <- c(paste("forward", acts), paste("backward", acts))
    one <- lapply(seq_len(rounds_one), function(r) {
      sapply(c(list(base = function() x * 1), cases),
             function(f) measure(f, n, if (quick) 1 else 3))
    })
    options(old)
    times <- sapply(one, function(m) m["median", ])
    for (name in names(cases)) {
      t <- stats::median(times[name, ])
      ratio <- stats::median(times[name, ] / times["base", ])
      record("1 thread", name, n, c(median = t, mem = one[[1]]["mem", name]),
             t / ratio)
    }
    x32 <- mx.nd.array(x)
    dy32 <- mx.nd.array(dy)
    for (act in mxnet_acts) {
      mx_t <- mxnet$median_seconds[mxnet$act_type == act &
                                     mxnet$direction == "forward" &
                                     mxnet$n == n]
      record("MXNDArray", paste("forward", act), n,
             measure(function() fwd(x32, act), n), mx_t)
    }
    for (act in mxnet_acts) {
      mx_t <- mxnet$median_seconds[mxnet$act_type == act &
                                     mxnet$direction == "backward" &
                                     mxnet$n == n]
      record("MXNDArray", paste("backward", act), n,
             measure(function() bwd(dy32, x32, act), n), mx_t)
    }
    rm(x32, dy32)
  }
  rm(x, dy)
  invisible(gc())
}

# Per-call cost of every entry point at n = 10 and 1e3, each expression as
# a user types it at the prompt (bench::mark evaluates it directly, not
# inside a compiled closure), against the base-R index idiom. A few
# microseconds drift with the machine's state over the seconds one
# bench::mark call takes, so the expressions are measured in interleaved
# rounds: each round times every expression once, its ratios are taken to
# the idiom's median of the same round, and the table reports the median
# over rounds (times and ratios alike).
rounds <- if (quick) 1 else 7
for (n in c(10, 1e3)) {
  set.seed(2)
  xs <- rnorm(n)
  dys <- rnorm(n)
  xm <- matrix(rnorm(n), 2)          # prelu: 2 channels (rows)
  dym <- matrix(rnorm(n), 2)
  g2 <- c(0.1, 0.3)
  mask <- attr(mx.nd.LeakyReLU(xs, act.type = "rrelu", is.train = TRUE),
               "mask")
  xs32 <- mx.nd.array(xs)
  dys32 <- mx.nd.array(dys)
  per_round <- lapply(seq_len(rounds), function(r) bench::mark(
    "base: y[i] <- slope * y[i]" = { y <- xs; i <- y < 0; y[i] <- slope * y[i]; y },
    "mx.nd.LeakyReLU(x)" = mx.nd.LeakyReLU(xs),
    "act.type = \"elu\"" = mx.nd.LeakyReLU(xs, act.type = "elu"),
    "act.type = \"gelu\"" = mx.nd.LeakyReLU(xs, act.type = "gelu"),
    "prelu, gamma per channel" =
      mx.nd.LeakyReLU(xm, gamma = g2, act.type = "prelu"),
    "rrelu training" =
      mx.nd.LeakyReLU(xs, act.type = "rrelu", is.train = TRUE),
    "base rrelu: runif + ifelse" = {
      s <- runif(length(xs), 0.125, 0.334); ifelse(xs > 0, xs, s * xs)
    },
    "backward leaky" = mx.nd.LeakyReLU.backward(dys, xs),
    "backward prelu, gamma per channel" =
      mx.nd.LeakyReLU.backward(dym, xm, gamma = g2, act.type = "prelu"),
    "backward rrelu with mask" =
      mx.nd.LeakyReLU.backward(dys, xs, act.type = "rrelu", mask = mask),
    "MXNDArray forward" = mx.nd.LeakyReLU(xs32),
    "MXNDArray backward" = mx.nd.LeakyReLU.backward(dys32, xs32),
    min_iterations = if (quick) 200 else if (n <= 10) 4000 else 1000,
    check = FALSE,
    filter_gc = FALSE, memory = TRUE, time_unit = "s"))
  calls <- per_round[[1]]
  medians <- sapply(per_round, function(b) as.numeric(b$median))
  medians <- matrix(medians, nrow = nrow(calls))
  ratios <- sweep(medians, 2, medians[1, ], "/")
  for (k in seq_len(nrow(calls))) {
    median_k <- stats::median(medians[k, ])
    record(sprintf("%g elements", n), as.character(calls$expression[k]), n,
           c(median = median_k, mem = as.numeric(calls$mem_alloc[k])),
           median_k / stats::median(ratios[k, ]))
  }
  # rrelu training draws a random slope per element: its peer is the base-R
  # rrelu idiom (also drawing from R's generator), per round as above
  k <- match(c("rrelu training", "base rrelu: runif + ifelse"),
             as.character(calls$expression))
  record(sprintf("%g elements", n), "rrelu training vs base rrelu idiom", n,
         c(median = stats::median(medians[k[1], ]), mem = NA_real_),
         stats::median(medians[k[1], ]) /
           stats::median(medians[k[1], ] / medians[k[2], ]))
}

results <- do.call(rbind, rows)
write.csv(results, file.path(out_dir, "results.csv"), row.names = FALSE)

# Time per element against n (tools/bench_plot.R).
source(file.path("tools", "bench_plot.R"))
png_file <- file.path(out_dir, "time_per_element.png")
plot_time_per_element(results, isa, png_file)
# The Performance article's data (R-package/vignettes/articles/performance.Rmd).
article_dir <- file.path("R-package", "vignettes", "articles", "performance")
if (!quick) {
  dir.create(article_dir, recursive = TRUE, showWarnings = FALSE)
  invisible(file.copy(png_file, file.path(article_dir, "time_per_element.png"),
                      overwrite = TRUE))
}

# Targets.
at <- function(group, method, n = 1e7) {
  results[results$group == group & results$method == method &
            results$n == n, , drop = FALSE]
}
targets <- list()
target <- function(case, value, limit, unit = "x") {
  pass <- !is.na(value) && value <= limit
  targets[[length(targets) + 1L]] <<- data.frame(
    case = case, measured = sprintf("%.2f%s", value, unit),
    target = sprintf("<= %.2f%s", limit, unit),
    result = if (pass) "PASS" else "FAIL", stringsAsFactors = FALSE)
}
for (act in c("leaky", "prelu", "rrelu")) {
  target(sprintf("%s inference, 1e7, ratio to x * 1", act),
         at("forward", act)$ratio, 0.6)
}
for (act in c("elu", "selu", "gelu")) {
  target(sprintf("%s, 1e7, ratio to x * 1", act),
         at("forward", act)$ratio, 1.0)
}
target("rrelu training, 1e7, ratio to x * 1",
       at("forward", "rrelu training")$ratio, 1.5)
for (act in mxnet_acts) {
  target(sprintf("backward %s, 1e7, ratio to x * 1", act),
         at("backward", act)$ratio, 1.2)
}
n <- 1e7
for (act in acts) {
  target(sprintf("forward %s mem_alloc / 8n", act),
         at("forward", act)$mem_bytes / (8 * n), 1.01)
}
target("rrelu training mem_alloc / 8n (result + mask)",
       at("forward", "rrelu training")$mem_bytes / (8 * n), 2.02)
for (act in acts) {
  target(sprintf("backward %s mem_alloc / 8n", act),
         at("backward", act)$mem_bytes / (8 * n), 1.01)
}
for (n_call in c(10, 1e3)) {
  group <- sprintf("%g elements", n_call)
  d <- results[results$group == group & !startsWith(results$method, "base") &
                 !startsWith(results$method, "rrelu training"), ]
  for (k in seq_len(nrow(d))) {
    target(sprintf("n = %g: %s, ratio to base-R index idiom", n_call,
                   d$method[k]), d$ratio[k], if (n_call <= 10) 2.0 else 1.0)
  }
  target(sprintf("n = %g: rrelu training, ratio to base-R rrelu idiom",
                 n_call),
         at(group, "rrelu training vs base rrelu idiom", n_call)$ratio, 1.0)
}
# gelu with one thread is compared with PyTorch (make bench-torch), not with
# a copy: its floor is not x * 1
for (act in c("elu", "selu")) {
  for (dir in c("forward", "backward")) {
    target(sprintf("1 thread: %s %s, 1e7, ratio to x * 1", dir, act),
           at("1 thread", paste(dir, act))$ratio, 1.0)
  }
}
for (dir in c("forward", "backward")) {
  for (act in mxnet_acts) {
    target(sprintf("MXNDArray float32 %s %s, 1e7, ratio to MXNet", dir, act),
           at("MXNDArray", paste(dir, act))$ratio, 1.0)
  }
}
targets <- do.call(rbind, targets)

cat("\nTargets (medians; ratios from this run):\n")
cat(sprintf("%-4s  %-70s %9s  %s\n", targets$result, targets$case,
            targets$measured, targets$target), sep = "")
cat(sprintf("\nMXNet reference: %s\n", mxnet_source))
cat(sprintf("Kernels: %s\n", isa))
cat(sprintf("Benchmark time: %.0f s\n",
            as.numeric(difftime(Sys.time(), start, units = "secs"))))

# The tables of the Performance article, headed by when and where they were
# measured.
fmt_ms <- function(s) sprintf("%.3g", 1e3 * s)
md_results <- function() {
  d <- results[results$group %in% c("baseline", "base R", "forward",
                                      "backward"), ]
  keys <- unique(d[, c("group", "method")])
  lines <- c("| group | method | 1e3: ratio | 1e5: ratio | 1e7: ms | 1e7: ratio | 1e7: mem_alloc |",
             "|---|---|---|---|---|---|---|")
  for (k in seq_len(nrow(keys))) {
    s <- d[d$group == keys$group[k] & d$method == keys$method[k], ]
    r <- function(nn) sprintf("%.2f", s$ratio[s$n == nn])
    big <- s[s$n == 1e7, ]
    lines <- c(lines, sprintf("| %s | %s | %s | %s | %s | %s | %s |",
      keys$group[k], gsub("|", "\\|", keys$method[k], fixed = TRUE),
      r(1e3), r(1e5), fmt_ms(big$median_s), r(1e7),
      format(structure(big$mem_bytes, class = "bench_bytes"))))
  }
  lines
}
md_other <- function() {
  d <- results[results$group %in% c("1 thread", "MXNDArray"), ]
  lines <- c("| group | case | n | median | ratio | against |",
             "|---|---|---|---|---|---|")
  for (k in seq_len(nrow(d))) {
    against <- switch(d$group[k], "1 thread" = "x * 1",
                      "MXNDArray" = "MXNet 1.9.1 float32")
    median <- if (d$n[k] <= 10) sprintf("%.2f µs", 1e6 * d$median_s[k]) else
      sprintf("%s ms", fmt_ms(d$median_s[k]))
    lines <- c(lines, sprintf("| %s | %s | %s | %s | %.2f | %s |",
      d$group[k], gsub("|", "\\|", d$method[k], fixed = TRUE),
      format(d$n[k], scientific = TRUE), median, d$ratio[k], against))
  }
  lines
}
md_calls <- function() {
  d10 <- results[results$group == "10 elements", ]
  d1k <- results[results$group == "1000 elements", ]
  lines <- c("| call | n = 10: µs | n = 10: ratio | n = 1e3: µs | n = 1e3: ratio |",
             "|---|---|---|---|---|")
  for (k in seq_len(nrow(d10))) {
    m <- d1k[d1k$method == d10$method[k], ]
    lines <- c(lines, sprintf("| %s | %.2f | %.2f | %.2f | %.2f |",
      gsub("|", "\\|", d10$method[k], fixed = TRUE), 1e6 * d10$median_s[k],
      d10$ratio[k], 1e6 * m$median_s, m$ratio))
  }
  lines
}
md_targets <- c("| target | measured | limit | |", "|---|---|---|---|",
                sprintf("| %s | %s | %s | %s |", targets$case,
                        targets$measured, targets$target, targets$result))

cpu_model <- tryCatch({
  info <- grep("^model name", readLines("/proc/cpuinfo", warn = FALSE),
               value = TRUE)
  if (length(info)) sub("^model name[[:space:]]*:[[:space:]]*", "", info[1]) else
    NA_character_
}, error = function(e) NA_character_)
section <- c(
  sprintf("Measured on %s by `make bench` (`tools/bench.R`, `bench::mark` medians)",
          format(Sys.Date(), "%Y-%m-%d")),
  sprintf("on a %d-core %s machine%s, R %s, mxLeakyReLU %s;",
          parallel::detectCores(), R.version$arch,
          if (is.na(cpu_model)) "" else sprintf(" (%s)", cpu_model),
          getRversion(), packageVersion("mxLeakyReLU")),
  paste("ratios are to `x * 1` on the same data",
        "in the same run (R's cheapest full pass that allocates a result).",
        "Double data, all threads unless stated. The kernels used here:",
        sprintf("**%s**", isa), "(chosen at run time: 256-bit AVX2 kernels on",
        "x86-64 processors that have AVX2, else the 128-bit baseline; results",
        "are bitwise identical either way but for gelu's last bits). The core",
        "splits inputs of 131072",
        "elements or more across threads and advises huge pages for large",
        "results.",
        sprintf("Load average (1, 5, 15 min) when the run started: %s.",
                paste(load_avg, collapse = ", "))), "",
  "![Time per element against n](performance/time_per_element.png)", "",
  md_targets, "",
  "Per call, every entry point, against the base-R index idiom",
  "`y <- x; i <- y < 0; y[i] <- slope * y[i]` on the same n, measured in",
  sprintf("%d interleaved rounds (every call once per round, ratios to the", rounds),
  "idiom of the same round; the table shows the median over rounds):", "",
  md_calls(), "",
  md_results(), "",
  paste(sprintf("One thread: %d interleaved rounds (`x * 1` and every case",
                rounds_one),
        "once per round, ratios to the `x * 1` of the same round, median over",
        "rounds). MXNDArray: float32, against MXNet timed at the start of the",
        "run:"), "",
  md_other(), "",
  sprintf("MXNet reference: %s. `gelu` accuracy (within 2 ulp of the", mxnet_source),
  paste("exact value for x >= -37.5, within 1 of the subnormal spacing",
        "below; R's own `x * pnorm(x)` is off by up to ~7 ulp for x < 0)",
        "is tested in `R-package/tests/testthat/test-accuracy.R` and, densely",
        "where it is hardest, in `Tests/MXLeakyReLUCoreTests/AccuracyTests.swift`."),
  "")

if (quick) {
  writeLines(section, file.path(out_dir, "results.md"))
  cat("quick run: the article's data left alone; tables in build/bench/results.md\n")
  quit(save = "no")
}
writeLines(section, file.path(article_dir, "results.md"))
cat("written: build/bench/results.csv, build/bench/time_per_element.png,",
    file.path(article_dir, "results.md"), "and",
    file.path(article_dir, "time_per_element.png"), "\n")
