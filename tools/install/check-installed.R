# Checks a package installed by one install route (tools/install/test-install.sh).
# Usage: Rscript check-installed.R LIBRARY LABEL [vignette]
# Fails unless mxLeakyReLU loads from LIBRARY (and from nowhere else), its
# operator computes leaky with slope 0.25 (-2 -> -0.5, 1 -> 1), its help
# pages are installed and, with "vignette", its vignette too.

args <- commandArgs(trailingOnly = TRUE)
lib <- normalizePath(args[1], mustWork = TRUE)
label <- args[2]
want_vignette <- isTRUE(args[3] == "vignette")
fail <- function(...) {
  message("check-installed (", label, "): FAIL: ", ...)
  quit(status = 1)
}

path <- find.package("mxLeakyReLU", lib.loc = lib, quiet = TRUE)
if (!length(path)) fail("mxLeakyReLU is not installed in ", lib)
library(mxLeakyReLU, lib.loc = lib)
if (normalizePath(dirname(getNamespaceInfo("mxLeakyReLU", "path"))) != lib)
  fail("mxLeakyReLU was loaded from ", getNamespaceInfo("mxLeakyReLU", "path"))

exports <- getNamespaceExports("mxLeakyReLU")
for (f in c("mx.nd.LeakyReLU", "mx.nd.LeakyReLU.backward", "mx.nd.array"))
  if (!f %in% exports) fail(f, " is not exported")
y <- mx.nd.LeakyReLU(c(-2, 1))
if (!identical(y, c(-0.5, 1)))
  fail("mx.nd.LeakyReLU(c(-2, 1)) is ", paste(deparse(y), collapse = " "))
so <- file.path(path, "libs", "mxLeakyReLU.so")
if (!file.exists(so)) fail("no ", so)

help_db <- file.path(path, "help", "AnIndex")
if (!file.exists(help_db) ||
    !"mx.nd.LeakyReLU" %in% read.table(help_db, sep = "\t")[[1]])
  fail("no help page for mx.nd.LeakyReLU")
vignettes <- vignette(package = "mxLeakyReLU", lib.loc = lib)$results[, "Item"]
if (want_vignette && !"mxLeakyReLU" %in% vignettes) fail("no vignette")

cat(sprintf("   %s: mx.nd.LeakyReLU(c(-2, 1)) = c(%s), help%s, from %s\n", label,
            paste(y, collapse = ", "),
            if (length(vignettes)) " and vignette" else "", path))
