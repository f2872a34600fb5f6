# Draws every act.type of mx.nd.LeakyReLU and its derivative over [-4, 4]
# into a PNG (base graphics), for the README.
#
# Usage: Rscript tools/plot_curves.R [output, default tools/figures/curves.png]
# Needs the installed package (make install); run by `make curves`.
library(mxLeakyReLU)

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1L) args[[1L]] else "tools/figures/curves.png"
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)

x <- seq(-4, 4, length.out = 801)
prelu_gamma <- 0.05
labels <- c(leaky = "leaky (slope 0.25)", elu = "elu (slope 0.25)",
            selu = "selu", prelu = sprintf("prelu (gamma %g)", prelu_gamma),
            rrelu = "rrelu (inference)", gelu = "gelu",
            gelu_tanh = "gelu_tanh")
cols <- c(leaky = "black", elu = "#D55E00", selu = "#0072B2",
          prelu = "#009E73", rrelu = "#CC79A7", gelu = "#E69F00",
          gelu_tanh = "#56B4E9")
ltys <- c(leaky = 1, elu = 1, selu = 2, prelu = 1, rrelu = 3, gelu = 1,
          gelu_tanh = 2)
lwds <- c(leaky = 2, elu = 2, selu = 2, prelu = 2, rrelu = 2.5, gelu = 3,
          gelu_tanh = 1.5)

types <- names(labels)

gamma_for <- function(type) if (type == "prelu") prelu_gamma
y <- sapply(types, function(type) {
  mx.nd.LeakyReLU(x, act.type = type, gamma = gamma_for(type))
})
dy <- sapply(types, function(type) {
  mx.nd.LeakyReLU.backward(rep(1, length(x)), x, act.type = type,
                           gamma = gamma_for(type))$data
})

type <- if (isTRUE(capabilities("cairo"))) "cairo" else NULL
png(out, width = 2000, height = 1000, res = 200, type = type)
# Two panels side by side, one legend for both underneath.
layout(matrix(c(1, 2, 3, 3), 2, byrow = TRUE), heights = c(1, 0.2))
par(mar = c(4, 4.2, 2.5, 1), las = 1)
matplot(x, y, type = "l", col = cols[types], lty = ltys[types],
        lwd = lwds[types], xlab = "x", ylab = "y",
        main = "mx.nd.LeakyReLU(x, act.type)")
abline(h = 0, v = 0, col = "grey80")
matplot(x, dy, type = "l", col = cols[types], lty = ltys[types],
        lwd = lwds[types], xlab = "x", ylab = "dy / dx",
        main = "mx.nd.LeakyReLU.backward()")
abline(h = 0, v = 0, col = "grey80")
par(mar = c(0, 0, 0, 0))
plot.new()
legend("center", labels[types], col = cols[types], lty = ltys[types],
       lwd = lwds[types], ncol = 4, bty = "n", seg.len = 3)
invisible(dev.off())
cat("Wrote", out, "\n")
