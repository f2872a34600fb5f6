# An S4 class that extends MXNDArray is an MXNDArray everywhere: for
# is.mx.ndarray() (inherits()), the activations, the arithmetic and the
# conversions. Results of computations have the base class MXNDArray, as
# base R's operations on a subclass of a basic type give the basic type.

where <- new.env()
methods::setClass("MXSubArray", contains = "MXNDArray", where = where)
methods::setClass("MXSubSubArray", contains = "MXSubArray",
                  slots = c(note = "character"), where = where)
remove_classes <- function() {
  methods::removeClass("MXSubSubArray", where = where)
  methods::removeClass("MXSubArray", where = where)
}

test_that("a subclass of MXNDArray is accepted as an MXNDArray", {
  m <- matrix(c(-2, -1, 0.5, 3), 2)
  base <- mx.nd.array(m)
  for (cls in c("MXSubArray", "MXSubSubArray")) {
    x <- methods::new(cls, base)
    expect_true(methods::is(x, "MXNDArray"))
    expect_true(is.mx.ndarray(x))
    # the values are those of the base-class object
    expect_identical(as.array(x), m)
    expect_identical(dim(x), c(2L, 2L))
    y <- mx.nd.LeakyReLU(x, act.type = "elu")
    expect_identical(class(y), class(base))
    expect_identical(y, mx.nd.LeakyReLU(base, act.type = "elu"))
    # the reference: R's formula on the float32 values, rounded to float32
    expect_identical(as.array(y),
                     as.array(mx.nd.array(ifelse(m > 0, m, 0.25 * expm1(m)))))
    g <- mx.nd.LeakyReLU.backward(x, x, act.type = "leaky")
    expect_identical(g$data, mx.nd.LeakyReLU.backward(base, base)$data)
    expect_identical(mx.nd.LeakyReLU(x, gamma = c(0.5, 1),
                                     act.type = "prelu"),
                     mx.nd.LeakyReLU(base, gamma = c(0.5, 1),
                                     act.type = "prelu"))
    expect_identical(class(x + 1), class(base))
    expect_identical(x + 1, base + 1)
    expect_identical(x * x, base * base)
    expect_identical(max(x), 3)
    expect_identical(mx.nd.array(x), x)
    expect_identical(x[2, ], base[2, ])
  }
})

test_that("a damaged subclass object is still refused", {
  x <- methods::new("MXSubArray", mx.nd.array(1:4))
  x@Dim <- 5
  expect_error(mx.nd.LeakyReLU(x), "not a valid MXNDArray")
  expect_error(as.array(x), "not a valid MXNDArray")
  # an S4 class with the same slots that does not extend MXNDArray
  methods::setClass("MXLookalike", slots = c(data = "raw", Dim = "numeric"),
                    where = where)
  on.exit(methods::removeClass("MXLookalike", where = where))
  y <- methods::new("MXLookalike", data = mx.nd.array(1)@data, Dim = 1)
  expect_error(mx.nd.LeakyReLU(y), "`data` must be a numeric")
})

remove_classes()
