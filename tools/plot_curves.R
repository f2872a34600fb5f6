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
types <- c("leaky", "elu", "selu", "prelu", "rrelu", "gelu")
prelu_gamma <- 0.05
gamma_for <- function(type) if (type == "prelu") prelu_gamma
y <- sapply(types, function(type) {
  mx.nd.LeakyReLU(x, act.type = type, gamma = gamma_for(type))
})
dy <- sapply(types, function(type) {
  mx.nd.LeakyReLU.backward(rep(1, length(x)), x, act.type = type,
                           gamma = gamma_for(type))$data
})

labels <- c(leaky = "leaky (slope 0.25)", elu = "elu (slope 0.25)",
            selu = "selu", prelu = sprintf("prelu (gamma %g)", prelu_gamma),
            rrelu = "rrelu (inference)", gelu = "gelu")
cols <- c("black", "#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00")
ltys <- c(1, 1, 2, 1, 3, 1)

type <- if (isTRUE(capabilities("cairo"))) "cairo" else NULL
png(out, width = 1000, height = 420, res = 110, type = type)
par(mfrow = c(1, 2), mar = c(4, 4, 2.5, 1))
matplot(x, y, type = "l", col = cols, lty = ltys, lwd = 2,
        xlab = "x", ylab = "y", main = "mx.nd.LeakyReLU(x, act.type)")
abline(h = 0, v = 0, col = "grey80")
legend("topleft", labels[types], col = cols, lty = ltys, lwd = 2, bty = "n",
       cex = 0.85)
matplot(x, dy, type = "l", col = cols, lty = ltys, lwd = 2,
        xlab = "x", ylab = "dy / dx", main = "mx.nd.LeakyReLU.backward()")
abline(h = 0, v = 0, col = "grey80")
invisible(dev.off())
cat("Wrote", out, "\n")
