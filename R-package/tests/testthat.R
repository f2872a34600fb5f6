library(testthat)
library(mxLeakyReLU)

test_check("mxLeakyReLU")
