# Builds the pkgdown site offline.
#
# Usage: Rscript tools/site/build.R <staged package dir> <destination> <repository root>
# Run by `make site` (mk/site.mk), which stages the package, the KaTeX files
# and installs the package first.
#
# After pkgdown, pages that point at repository files outside the site (the
# README used as home page links to sources and shows tools/figures/) are
# fixed up: a missing image that exists in the repository is copied into
# the site, a link to a repository file becomes a link to it on GitHub.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 3L)
pkg <- normalizePath(args[[1L]])
dir.create(args[[2L]], recursive = TRUE, showWarnings = FALSE)
dest <- normalizePath(args[[2L]])
repo <- normalizePath(args[[3L]])

# Offline: pkgdown would look the package up on CRAN, and downlit looks up
# on CRAN the home page of every package a page names that is not
# installed (e.g. `library(mxnet)`); without the network such names are
# left unlinked.
options(pkgdown.internet = FALSE)
utils::assignInNamespace("CRAN_urls", ns = "downlit", function() {
  data.frame(Package = character(), URL = character())
})
# from the package directory, as pkgdown expects (the articles' source
# links are taken relative to the working directory)
owd <- setwd(pkg)
pkgdown::build_site(".", override = list(destination = dest),
                    preview = FALSE, new_process = FALSE, install = FALSE)
setwd(owd)

# The repository on GitHub, from DESCRIPTION's URL field.
urls <- strsplit(read.dcf(file.path(pkg, "DESCRIPTION"), "URL")[[1L]],
                 "[,[:space:]]+")[[1L]]
github <- sub("/+$", "", grep("^https://github.com/", urls, value = TRUE)[1L])

is_relative <- function(u) {
  !is.na(u) & nzchar(u) & !grepl("^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#)", u)
}
strip <- function(u) sub("[?#].*$", "", u)

for (page in list.files(dest, "\\.html$", recursive = TRUE)) {
  path <- file.path(dest, page)
  html <- xml2::read_html(path, encoding = "UTF-8")
  dir <- dirname(page)
  changed <- FALSE
  for (img in xml2::xml_find_all(html, ".//img[@src]")) {
    src <- xml2::xml_attr(img, "src")
    if (!is_relative(src)) next
    target <- file.path(dir, strip(src))
    if (!file.exists(file.path(dest, target)) &&
        file.exists(file.path(repo, target))) {
      dir.create(dirname(file.path(dest, target)), recursive = TRUE,
                 showWarnings = FALSE)
      file.copy(file.path(repo, target), file.path(dest, target))
    }
  }
  for (a in xml2::xml_find_all(html, ".//a[@href]")) {
    href <- xml2::xml_attr(a, "href")
    if (!is_relative(href) || is.na(github)) next
    target <- sub("^\\./", "", file.path(dir, strip(href)))
    if (file.exists(file.path(dest, target))) next
    # pkgdown turned a link to a Markdown file into one to .html
    md <- sub("\\.html$", ".md", target)
    if (!file.exists(file.path(repo, target)) && file.exists(file.path(repo, md)))
      target <- md
    if (!file.exists(file.path(repo, target))) next
    kind <- if (dir.exists(file.path(repo, target))) "tree" else "blob"
    xml2::xml_attr(a, "href") <- paste(github, kind, "HEAD", target, sep = "/")
    changed <- TRUE
  }
  if (changed) xml2::write_html(html, path, format = FALSE)
}
cat("Site:", file.path(dest, "index.html"), "\n")
