# Shows mx.nd.LeakyReLU on a small array for every activation type.
library(mxLeakyReLU)

x <- matrix(c(-3, -1, -0.25, 0, 0.5, 2), nrow = 2,
            dimnames = list(c("a", "b"), NULL))
cat("Input x (a 2 x 3 matrix; MXNet shape 3 x 2, 2 channels = rows):\n")
print(x)

show <- function(label, y) {
  cat("\n", label, "\n", sep = "")
  print(round(y, 6))
}

show('mx.nd.LeakyReLU(x)                          # act.type = "leaky", slope = 0.25',
     mx.nd.LeakyReLU(x))
show('mx.nd.LeakyReLU(x, act.type = "elu", slope = 1)',
     mx.nd.LeakyReLU(x, act.type = "elu", slope = 1))
show('mx.nd.LeakyReLU(x, act.type = "selu")',
     mx.nd.LeakyReLU(x, act.type = "selu"))
show('mx.nd.LeakyReLU(x, gamma = c(0.1, 0.5), act.type = "prelu")   # one slope per row',
     mx.nd.LeakyReLU(x, gamma = c(0.1, 0.5), act.type = "prelu"))
show('mx.nd.LeakyReLU(x, act.type = "rrelu")      # slope (0.125 + 0.334) / 2',
     mx.nd.LeakyReLU(x, act.type = "rrelu"))
show('mx.nd.LeakyReLU(x, act.type = "gelu")',
     mx.nd.LeakyReLU(x, act.type = "gelu"))

set.seed(1)
y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
show('set.seed(1); mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)', y)
show('  its slopes, attr(, "mask")', attr(y, "mask"))

show('mx.nd.LeakyReLU.backward(out.grad = x * 0 + 1, data = x, act.type = "elu")$data',
     mx.nd.LeakyReLU.backward(out.grad = x * 0 + 1, data = x, act.type = "elu")$data)

cat('\nMXNet-R style, single precision:\n')
cat('> as.array(mx.nd.LeakyReLU(mx.nd.array(x), act.type = "elu"))\n')
print(as.array(mx.nd.LeakyReLU(mx.nd.array(x), act.type = "elu")))
cat(sprintf("\nthreads: %d\n", mxLeakyReLU.threads()))
