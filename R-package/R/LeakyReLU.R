#' LeakyReLU Activation Functions
#'
#' Applies a leaky rectified linear unit, or one of its relatives, element-wise
#' to `data`: MXNet's `LeakyReLU` operator, with the argument names,
#' defaults and results of `mx.nd.LeakyReLU()` in the MXNet R package.
#' Leaky ReLUs keep a small slope for negative input where a plain ReLU has
#' none, so that units cannot get stuck at a zero gradient ("dying ReLU").
#'
#' @section Activation types:
#' Every type is the identity for \eqn{x > 0} except `"selu"` (which scales
#' by \eqn{\lambda}) and the two gelu types (smooth on both sides). Here
#' \eqn{\mathrm{slope}}{slope}, \eqn{\mathrm{lower.bound}}{lower.bound},
#' \eqn{\mathrm{upper.bound}}{upper.bound} and \eqn{\gamma_c}{gamma[c]} are
#' the arguments `slope`, `lower.bound`, `upper.bound` and `gamma` (for the
#' channel \eqn{c} of the element); arguments a type does not use are
#' checked but ignored, except `gamma`, which gives a warning.
#'
#' | `act.type` | Name | Arguments used | Reference |
#' |:-----------|:-----|:---------------|:----------|
#' | `"leaky"` | leaky ReLU | `slope` | Maas et al. (2013) |
#' | `"elu"` | exponential linear unit | `slope` (the scale) | Clevert et al. (2016) |
#' | `"selu"` | scaled exponential linear unit | -- | Klambauer et al. (2017) |
#' | `"prelu"` | parametric ReLU, a slope per channel | `gamma` (required) | He et al. (2015) |
#' | `"rrelu"` | randomized ReLU | `lower.bound`, `upper.bound`, `is.train` | Xu et al. (2015) |
#' | `"gelu"`, `"gelu_erf"` | Gaussian error linear unit | -- | Hendrycks and Gimpel (2016) |
#' | `"gelu_tanh"` | tanh approximation of gelu | -- | Hendrycks and Gimpel (2016) |
#'
#' `"gelu_erf"` is MXNet 2's name for `"gelu"`. MXNet's own spellings
#' `act_type`, `lower_bound` and `upper_bound` are accepted for `act.type`,
#' `lower.bound` and `upper.bound`; giving both spellings of one argument is
#' an error, as is any other extra argument.
#'
#' @section Formulas:
#' With \eqn{x^+ = \max(0, x)}{x+ = max(0, x)} and
#' \eqn{x^- = \min(0, x)}{x- = min(0, x)}:
#' \describe{
#'   \item{`"leaky"`}{\deqn{y = x^+ + \mathrm{slope} \cdot x^-}{y = x+ + slope * x-}}
#'   \item{`"elu"`}{\deqn{y = x^+ + \mathrm{slope} \cdot (e^{x^-} - 1)}{
#'     y = x+ + slope * expm1(x-)} computed with `expm1()`.}
#'   \item{`"selu"`}{\deqn{y = \lambda \left(x^+ + \alpha (e^{x^-} - 1)\right)}{
#'     y = lambda * (x+ + alpha * expm1(x-))} with
#'     \eqn{\lambda = 1.0507009873554804934193349852946} and
#'     \eqn{\alpha = 1.6732632423543772848170429916717}.}
#'   \item{`"prelu"`}{\deqn{y = x^+ + \gamma_c \cdot x^-}{y = x+ + gamma[c] * x-}}
#'   \item{`"rrelu"`}{\deqn{y = x^+ + a \cdot x^-}{y = x+ + a * x-} with
#'     \eqn{a = (\mathrm{lower.bound} +
#'       \mathrm{upper.bound}) / 2}{a = (lower.bound + upper.bound) / 2}
#'     when `is.train = FALSE`; with `is.train = TRUE` every element gets its
#'     own \eqn{a}, drawn uniformly from
#'     \eqn{[\mathrm{lower.bound}, \mathrm{upper.bound})}{[lower.bound, upper.bound)}
#'     and returned as the attribute `"mask"` of the result.}
#'   \item{`"gelu"`}{\deqn{y = x \, \Phi(x) =
#'       \frac{x}{2} \left(1 + \mathrm{erf}(x / \sqrt{2})\right)}{
#'     y = x * pnorm(x)} with \eqn{\Phi} the standard normal distribution
#'     function (`pnorm()`).}
#'   \item{`"gelu_tanh"`}{\deqn{y = \frac{x}{2}
#'       \left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\, x^3)\right)\right)}{
#'     y = x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}
#'     It differs from `"gelu"` by less than about 5e-4.}
#' }
#' At \eqn{x = 0} every type gives 0.
#'
#' @section Attributes of the result:
#' For R vectors, matrices and arrays the result is double and keeps every
#' attribute of `data`, as `data * 1` does: `dim`, `dimnames`, `names`, a
#' `ts`'s `tsp` and class, and any other attribute or class (integer and
#' logical input is converted to double first). The one exception is an
#' attribute `"mask"` (a training-mode `"rrelu"` result's slopes), which is
#' not carried over to a new result. `bit64::integer64` input is converted
#' to double exactly (an error beyond \eqn{2^{53}}{2^53} in magnitude) and
#' loses that class. Data frames and the `Matrix` package's objects are
#' refused: convert them with `as.matrix()`.
#'
#' @section Shapes and `gamma`:
#' As in the MXNet R package, an R array's `dim` is the reverse of the
#' MXNet shape, so MXNet's "second dimension of data" (its axis 1) is R's
#' second-to-last dimension: the channels of a
#' `c(width, height, channels, batch)` image array, the rows of a matrix whose
#' columns are samples. `gamma` has length 1 (one slope for every element) or
#' the length of that dimension (one slope per channel). For a vector or a
#' 1-d array, `gamma` has length 1 or `length(data)`. Any other length is an
#' error (MXNet broadcasts it silently).
#'
#' @section Missing values:
#' `NA` stays `NA` and `NaN` stays `NaN`; `Inf` and `-Inf` follow the
#' formulas (e.g. `"elu"` maps `-Inf` to `-slope`). An `NA` in `gamma`
#' gives `NA` in the outputs of its channel that are not positive. On an
#' `MXNDArray`, `NA` is already `NaN` (float32 has no `NA`).
#'
#' @section Accuracy:
#' The tests measure these bounds, in ulp (units in the last place), at
#' their test points and over their ranges only. In double precision:
#' `"elu"` within 2 ulp of R's `slope * expm1(x)` (40,000 points in
#' \[-50, 0\]); `"selu"` within 2 ulp of `lambda * (alpha * expm1(x))` at
#' 40,000 points in \[-50, 5\], though between them it reaches 3 ulp (at
#' \eqn{x = -0.3258}, for one); `"gelu"` within 2 ulp of the exact
#' \eqn{x \Phi(x)} for \eqn{x} in \[-37.5, 8\] (R's own `x * pnorm(x)` is
#' off by up to about 7 ulp for negative `x`); below -37.5, where the
#' results are subnormal, within 1 of the subnormal spacing (20,001 points
#' in \[-38.7, -37.5\]); `"gelu_tanh"` within 3 ulp of
#' the exact value in \[-30, 8\] (6,006 points). On an `MXNDArray`
#' (float32), `"elu"` within 1 float ulp for \eqn{x} in \[-12, 5\];
#' `"gelu"` and `"gelu_tanh"` and their gradients within 1 float ulp of
#' each value itself (computed in double precision and rounded once: at
#' 200,000 points in \[-15, 8\] and 100,000 in \[-11.5, 8\], the
#' subnormal results below about -13.1 and -10.1 within 1 of their
#' spacing, and the 400 floats nearest to where each gradient crosses zero,
#' near \eqn{x = -0.75}). The gradients of [mx.nd.LeakyReLU.backward()]: `"elu"`
#' within 2 ulp of `slope * exp(x)` in \[-700, 0\]; `"gelu"` within 2 ulp in
#' \[-37.5, 8\], measured
#' against the larger of the gradient and \eqn{\Phi(x)}, as the gradient
#' crosses zero near \eqn{x = -0.75};
#' `"gelu_tanh"` within 4 ulp at the 6,006 points in \[-30, 8\], measured
#' against the larger of the gradient and \eqn{(1 + \tanh u) / 2}, though
#' between them it reaches 6.8 ulp (near \eqn{x = -1.57}). These bounds
#' hold on every processor. Results are the same on all of them, except
#' those of `"gelu"` (and, on an `MXNDArray`, of `"gelu_tanh"`) and their
#' gradients, which use fused multiply-adds on processors with AVX2 and can
#' differ there from other processors' in the last two bits (2 ulp).
#'
#' @references
#' Maas, A. L., Hannun, A. Y. and Ng, A. Y. (2013). Rectifier
#' nonlinearities improve neural network acoustic models. *ICML Workshop on
#' Deep Learning for Audio, Speech and Language Processing*.
#' <https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf>
#'
#' Clevert, D.-A., Unterthiner, T. and Hochreiter, S. (2016). Fast and
#' accurate deep network learning by exponential linear units (ELUs).
#' *International Conference on Learning Representations (ICLR)*.
#' \doi{10.48550/arXiv.1511.07289}
#'
#' Klambauer, G., Unterthiner, T., Mayr, A. and Hochreiter, S. (2017).
#' Self-normalizing neural networks. *Advances in Neural Information
#' Processing Systems 30 (NeurIPS)*, 971–980.
#' \doi{10.48550/arXiv.1706.02515}
#'
#' He, K., Zhang, X., Ren, S. and Sun, J. (2015). Delving deep into
#' rectifiers: surpassing human-level performance on ImageNet
#' classification. *IEEE International Conference on Computer Vision
#' (ICCV)*. \doi{10.1109/ICCV.2015.123}
#'
#' Xu, B., Wang, N., Chen, T. and Li, M. (2015). Empirical evaluation of
#' rectified activations in convolutional network. *arXiv* 1505.00853.
#' \doi{10.48550/arXiv.1505.00853}
#'
#' Hendrycks, D. and Gimpel, K. (2016). Gaussian error linear units
#' (GELUs). *arXiv* 1606.08415. \doi{10.48550/arXiv.1606.08415}
#'
#' @param data (numeric or logical vector, matrix or array, `bit64::integer64`
#'   vector, or [MXNDArray][mx.nd.array]) The input. Integer, logical and
#'   integer64 input is converted to double.
#' @param gamma (numeric vector or `MXNDArray`, default `NULL`) The slopes of
#'   `"prelu"`, only used, and then required, when `act.type` is `"prelu"`:
#'   length 1, or the size of the second dimension of `data` in MXNet
#'   order, that is R's second-to-last dimension (see the section "Shapes
#'   and `gamma`"). Finite values or `NA` (`NA` alone, of R's logical
#'   type, too; see "Missing values"); for `MXNDArray` data, within the
#'   float32 range. A character `gamma`, such as an act type given in
#'   `gamma`'s position (`mx.nd.LeakyReLU(x, "elu")`, which Python MXNet
#'   allowed), is an error.
#' @param act.type (character, default `"leaky"`) The activation function:
#'   one of `"leaky"`, `"elu"`, `"selu"`, `"prelu"`, `"rrelu"`, `"gelu"`
#'   (also called `"gelu_erf"`) and `"gelu_tanh"`.
#' @param slope (number, default `0.25`) The slope for `"leaky"` and the
#'   scale for `"elu"`. For `"leaky"` and `"elu"` only.
#' @param lower.bound (number, default `0.125`) Lower bound of the random
#'   slope. For `"rrelu"` only.
#' @param upper.bound (number, default `0.334`) Upper bound of the random
#'   slope; must not be smaller than `lower.bound`. For `"rrelu"` only.
#' @param is.train (`TRUE` or `FALSE`, default `FALSE`) Training mode. For
#'   `"rrelu"` only: `TRUE` draws a random slope for each element, using R's
#'   random number generator (so [set.seed()] makes it reproducible), and
#'   attaches the slopes as attribute `"mask"`; `FALSE` uses the fixed
#'   inference slope. The other types compute the same in both modes.
#' @param ... MXNet's spellings of the dotted arguments: `act_type`,
#'   `lower_bound`, `upper_bound`. Nothing else: MXNet-R's `out =` is an
#'   error, as the result is returned (`y <- mx.nd.LeakyReLU(x, ...)`).
#' @return An object like `data`: a double vector, matrix or array with the
#'   attributes of `data` (see "Attributes of the result"), or, when the
#'   data is an `MXNDArray`, an `MXNDArray` computed in single precision as
#'   MXNet does. For `"rrelu"` with `is.train = TRUE` the drawn slopes are
#'   attached as attribute `"mask"`, of the shape and type of the result.
#' @seealso [mx.nd.LeakyReLU.backward()] for gradients, [mx.nd.array()] for
#'   single-precision arrays, [mxLeakyReLU.threads()] for threads, and
#'   `vignette("mxLeakyReLU")` for plots of every type and a small network
#'   trained with them.
#' @examples
#' x <- seq(-3, 3, by = 1)
#'
#' # leaky: slope 0.25 by default
#' mx.nd.LeakyReLU(x)
#' mx.nd.LeakyReLU(x, act.type = "leaky", slope = 0.1)
#'
#' # elu: slope * (exp(x) - 1) for x <= 0
#' mx.nd.LeakyReLU(x, act.type = "elu", slope = 1)
#'
#' # selu: fixed lambda and alpha, slope is not used
#' mx.nd.LeakyReLU(x, act.type = "selu")
#'
#' # gelu: x * pnorm(x); MXNet 2 calls it "gelu_erf"
#' mx.nd.LeakyReLU(x, act.type = "gelu")
#'
#' # gelu_tanh: the tanh approximation of gelu, and how far it is from gelu
#' mx.nd.LeakyReLU(x, act.type = "gelu_tanh")
#' max(abs(mx.nd.LeakyReLU(x, act.type = "gelu_tanh") -
#'         mx.nd.LeakyReLU(x, act.type = "gelu")))
#'
#' # MXNet's own spelling of the argument names is accepted too
#' mx.nd.LeakyReLU(x, act_type = "rrelu", lower_bound = 0.1, upper_bound = 0.3)
#'
#' # prelu on a matrix whose columns are samples: one slope per row
#' m <- matrix(-2:3, nrow = 2)
#' mx.nd.LeakyReLU(m, gamma = c(0.1, 0.5), act.type = "prelu")
#'
#' # prelu on an image batch: channels are the second-to-last dimension
#' img <- array(rnorm(4 * 4 * 3 * 2), c(4, 4, 3, 2))  # width, height, channel, batch
#' y <- mx.nd.LeakyReLU(img, gamma = c(0.1, 0.2, 0.3), act.type = "prelu")
#' dim(y)
#'
#' # rrelu at inference: slope (0.125 + 0.334) / 2
#' mx.nd.LeakyReLU(x, act.type = "rrelu")
#'
#' # rrelu in training mode: a random slope per element, kept in "mask"
#' set.seed(42)
#' y <- mx.nd.LeakyReLU(x, act.type = "rrelu", is.train = TRUE)
#' attr(y, "mask")
#'
#' # NA and NaN pass through; names, dim and dimnames are kept
#' mx.nd.LeakyReLU(c(a = -1, b = NA, c = NaN, d = -Inf), act.type = "elu")
#'
#' # MXNet-R style, in single precision
#' as.array(mx.nd.LeakyReLU(mx.nd.array(m), act.type = "selu"))
#' @export
mx.nd.LeakyReLU <- function(data, gamma = NULL, act.type = "leaky",
                            slope = 0.25, lower.bound = 0.125,
                            upper.bound = 0.334, is.train = FALSE, ...) {
  # One call checks and computes; when an argument is wrong or must be
  # converted, it computes nothing and reports it, for settle() to word the
  # error or convert the argument before calling again.
  if (!(...length() || missing(data))) {
    y <- .Call(C_mxlr_forward, data, gamma, act.type, slope, lower.bound,
               upper.bound, is.train)
    if (!is.character(y)) return(y)
  }
  call <- sys.call()
  if (...length()) {
    dotted <- dot_arguments(
      eval(substitute(alist(...))),
      c(act.type = !missing(act.type), lower.bound = !missing(lower.bound),
        upper.bound = !missing(upper.bound)), call,
      "y <- mx.nd.LeakyReLU(x, ...)")
    # evaluated here, so that an error in an argument names the user's call
    dots <- list(...)
    names(dots) <- dotted
    if ("act.type" %in% names(dots)) act.type <- dots$act.type
    if ("lower.bound" %in% names(dots)) lower.bound <- dots$lower.bound
    if ("upper.bound" %in% names(dots)) upper.bound <- dots$upper.bound
  }
  if (missing(data)) arg_error("data", "is missing, with no default.", call)
  a <- list(data = data, gamma = gamma, act.type = act.type, slope = slope,
            lower.bound = lower.bound, upper.bound = upper.bound,
            is.train = is.train)
  # each conversion settles one argument: a few rounds at most
  for (round in 1:8) {
    y <- .Call(C_mxlr_forward, a$data, a$gamma, a$act.type, a$slope,
               a$lower.bound, a$upper.bound, a$is.train)
    if (!is.character(y)) return(y)
    a <- settle(y, a, call)
  }
  stop("mxLeakyReLU: internal error: arguments not settled")
}
