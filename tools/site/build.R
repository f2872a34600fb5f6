# Builds the pkgdown site offline.
#
# Usage: Rscript tools/site/build.R <staged package dir> <destination>
#          <repository root> <folder of the home page's README in it>
# Run by `make site` (mk/site.mk), which stages the package, the KaTeX files
# and installs the package first.
#
# After pkgdown, the home page (the README, written for the repository) is
# fixed up where it points at repository files outside the site: an image is
# copied into the site, a link to a file becomes a link to it on GitHub.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 4L)
pkg <- normalizePath(args[[1L]])
dir.create(args[[2L]], recursive = TRUE, showWarnings = FALSE)
dest <- normalizePath(args[[2L]])
repo <- normalizePath(args[[3L]])
home_base <- args[[4L]]    # the README's folder in the repository

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

# The examples run with a graphics device open; an example page that draws
# nothing leaves an empty reference/Rplot001.png that no page shows.
ref_dir <- file.path(dest, "reference")
ref_pages <- list.files(ref_dir, pattern = "[.]html$", full.names = TRUE)
ref_html <- unlist(lapply(ref_pages, readLines, warn = FALSE))
for (f in list.files(ref_dir, pattern = "^Rplot[0-9]+[.]png$")) {
  if (!any(grepl(f, ref_html, fixed = TRUE))) unlink(file.path(ref_dir, f))
}

# The repository on GitHub, from DESCRIPTION's URL field.
urls <- strsplit(read.dcf(file.path(pkg, "DESCRIPTION"), "URL")[[1L]],
                 "[,[:space:]]+")[[1L]]
github <- sub("/+$", "", grep("^https://github.com/", urls, value = TRUE)[1L])

is_relative <- function(u) {
  !is.na(u) & nzchar(u) & !grepl("^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#)", u)
}
strip <- function(u) sub("[?#].*$", "", u)
# A path of the README, resolved in the repository: relative to the
# repository's root, or NA when it is no file of the repository.
in_repo <- function(u) {
  f <- normalizePath(file.path(repo, home_base, strip(u)), mustWork = FALSE)
  if (!file.exists(f) || !startsWith(f, paste0(repo, "/"))) return(NA_character_)
  substring(f, nchar(repo) + 2L)
}

# The home page is the README, written for the repository.
path <- file.path(dest, "index.html")
html <- xml2::read_html(path, encoding = "UTF-8")
for (img in xml2::xml_find_all(html, ".//img[@src]")) {
  src <- xml2::xml_attr(img, "src")
  if (!is_relative(src) || file.exists(file.path(dest, strip(src)))) next
  rel <- in_repo(src)
  if (is.na(rel)) next
  dir.create(dirname(file.path(dest, rel)), recursive = TRUE, showWarnings = FALSE)
  file.copy(file.path(repo, rel), file.path(dest, rel), overwrite = TRUE)
  xml2::xml_attr(img, "src") <- rel
}
for (a in xml2::xml_find_all(html, ".//a[@href]")) {
  href <- xml2::xml_attr(a, "href")
  if (!is_relative(href) || is.na(github) ||
      file.exists(file.path(dest, strip(href)))) next
  rel <- in_repo(href)
  # pkgdown turned a link to a Markdown file into one to .html
  if (is.na(rel)) rel <- in_repo(sub("\\.html$", ".md", strip(href)))
  if (is.na(rel)) next
  kind <- if (dir.exists(file.path(repo, rel))) "tree" else "blob"
  xml2::xml_attr(a, "href") <- paste(github, kind, "HEAD", rel, sep = "/")
}
xml2::write_html(html, path, format = FALSE)
cat("Site:", path, "\n")
