# Writes the index (PACKAGES, PACKAGES.gz, PACKAGES.rds) of a CRAN-like
# repository whose src/contrib holds binary packages built by
# `R CMD INSTALL --build` (`make repo`), the way r-universe and Posit Package
# Manager serve Linux binaries: install.packages() downloads the file as a
# source package and R CMD INSTALL recognises it as a binary.
#
# A binary works only with the R x.y it was built for, so each entry's
# Depends gets R (>= x.y.0), R (< x.(y+1).0): other R versions report the
# package as not available instead of installing an unusable binary.
#
# Usage: Rscript tools/install/write-repo.R build/repo/src/contrib

contrib <- commandArgs(trailingOnly = TRUE)[1]
stopifnot(!is.na(contrib), dir.exists(contrib))
n <- tools::write_PACKAGES(contrib, type = "source", fields = "Built",
                           addFiles = FALSE, verbose = FALSE)
if (n < 1L) stop("no package in ", contrib)

db <- read.dcf(file.path(contrib, "PACKAGES"))
built <- db[, "Built"]
if (anyNA(built)) stop("a package in ", contrib, " is not a binary package")
r_built <- package_version(sub("^R ([0-9.]+);.*", "\\1", built))
lower <- sprintf("%d.%d.0", r_built$major, r_built$minor)
upper <- sprintf("%d.%d.0", r_built$major, r_built$minor + 1L)
range <- sprintf("R (>= %s), R (< %s)", lower, upper)
if (!"Depends" %in% colnames(db)) db <- cbind(db, Depends = NA_character_)
others <- vapply(strsplit(ifelse(is.na(db[, "Depends"]), "", db[, "Depends"]),
                          "[[:space:]]*,[[:space:]]*"),
                 function(d) paste(d[nzchar(d) & !grepl("^R[[:space:]]*\\(", d)],
                                   collapse = ", "), "")
db[, "Depends"] <- ifelse(nzchar(others), paste(range, others, sep = ", "), range)

write.dcf(db, file.path(contrib, "PACKAGES"))
con <- gzfile(file.path(contrib, "PACKAGES.gz"), "wt")
write.dcf(db, con)
close(con)
saveRDS(db, file.path(contrib, "PACKAGES.rds"), compress = "xz")
cat(sprintf("%s: %s %s (%s)\n", contrib, db[, "Package"], db[, "Version"], built),
    sep = "")
