# The Performance article's benchmark figure: time per element against n, base R (left)
# and mxLeakyReLU forward (right), `x * 1` in both; every line its own
# colour, line type and symbol, each panel's legend under it. Sourced by
# tools/bench.R; to redraw from a saved run:
#   Rscript -e 'source("tools/bench_plot.R"); plot_time_per_element(
#     read.csv("build/bench/results.csv"), "avx2", "R-package/vignettes/articles/performance/time_per_element.png")'
plot_time_per_element <- function(results, isa, png_file) {
  png(png_file, width = 1200, height = 700, res = 100)
  on.exit(dev.off())
  plotted <- results[results$group %in% c("baseline", "base R", "forward") &
                       results$n >= 1e3, ]
  ylim <- range(plotted$ns_per_element)
  panels <- list(
    list(d = plotted[plotted$group %in% c("baseline", "base R"), ],
         title = "base R (x * 1 for reference)"),
    list(d = plotted[plotted$group %in% c("baseline", "forward"), ],
         title = sprintf("mxLeakyReLU forward, %s kernels", isa)))
  styles <- lapply(panels, function(p) {
    methods <- unique(p$d$method)
    list(methods = methods,
         colours = grDevices::hcl.colors(length(methods), "Dark 3"),
         ltys = rep_len(1:6, length(methods)),
         pchs = rep_len(c(19, 17, 15, 1, 2, 0, 5, 6), length(methods)))
  })
  layout(matrix(1:4, 2, byrow = TRUE), heights = c(1, 0.24))
  for (k in seq_along(panels)) {
    d <- panels[[k]]$d
    s <- styles[[k]]
    par(mar = c(4.5, 4.5, 2.5, 1))
    plot(NA, xlim = range(d$n), ylim = ylim, log = "xy",
         xlab = "n (doubles)", ylab = "median time per element [ns]",
         main = panels[[k]]$title)
    for (j in seq_along(s$methods)) {
      e <- d[d$method == s$methods[j], ]
      lines(e$n, e$ns_per_element, col = s$colours[j], lwd = 2,
            lty = s$ltys[j], type = "b", pch = s$pchs[j])
    }
  }
  for (k in seq_along(panels)) {
    s <- styles[[k]]
    par(mar = c(0, 4.5, 0, 1))
    plot.new()
    legend("top", legend = s$methods, col = s$colours, lty = s$ltys,
           pch = s$pchs, lwd = 2, bty = "n", cex = 0.85, ncol = 2)
  }
  invisible(png_file)
}
