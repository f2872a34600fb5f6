# mxLeakyReLU: Swift core + R package.
#   make demo     installs what is missing, builds, installs, runs the demo
#   make test     docs up to date, Swift tests, C ABI test, R CMD check --as-cran,
#                 R test suite, the install routes (make test-install), then
#                 $(EXTRA_TESTS)
#   make install  builds and installs the package; needs only R and Swift
#   make build    the source package build/mxLeakyReLU_<version>.tar.gz
#   make binary   a binary package build/mxLeakyReLU_<version>_R_<platform>.tar.gz
#   make repo     a CRAN-like repository build/repo serving that binary
#   make deps     installs the Debian packages of DEB_PACKAGES (apt-get)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PKG      := mxLeakyReLU
VERSION  := $(shell sed -n 's/^Version: *//p' DESCRIPTION)
TARBALL  := build/$(PKG)_$(VERSION).tar.gz
STAGE    := build/stage/$(PKG)
R        ?= R
RSCRIPT  ?= Rscript

# Debian packages the build, the tests and the check need (installed by
# `make deps`, which `make demo` and `make test` run; mk/*.mk files append
# with DEB_PACKAGES += ...).
DEB_PACKAGES := r-base-dev r-cran-testthat r-cran-numderiv r-cran-bench \
  r-cran-roxygen2 r-cran-knitr r-cran-rmarkdown pandoc qpdf devscripts valgrind

# Further test targets that `make test` runs last (mk/*.mk files append
# with EXTRA_TESTS += target).
EXTRA_TESTS :=

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_SOURCES := $(wildcard Sources/MXLeakyReLUCore/*.swift) \
  $(wildcard Sources/MXLeakyReLUCore/Kernels/*.swift) Sources/swiftc.mk \
  $(wildcard Sources/CMXLeakyReLU/include/*.h) \
  Sources/CMXLeakyReLU/include/module.modulemap
R_SOURCES := DESCRIPTION configure cleanup .Rbuildignore tools/stage-package.sh \
  $(shell find R-package -type f ! -path 'R-package/src/Makevars' \
    ! -name '*.o' ! -name '*.so' ! -name '*.a')

.PHONY: all deps stage build install check-tools demo test test-swift test-cabi \
  test-r check clean

all: build

# Installs the Debian packages that are missing (as root, else through sudo).
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done | tr '\n' ' '); \
	if [ -n "$${missing// /}" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The source package, staged by tools/stage-package.sh from DESCRIPTION,
# configure, cleanup, R-package/ and the Swift sources (the same layout
# R CMD build gives from the repository root).
stage:
	rm -rf build/stage && mkdir -p build/stage
	sh tools/stage-package.sh $(STAGE)

$(TARBALL): $(SWIFT_SOURCES) $(R_SOURCES)
	$(MAKE) stage
	cd build && $(R) CMD build --no-manual stage/$(PKG)

build: $(TARBALL)

# R and a Swift toolchain, the only things installing needs; nothing is
# installed here.
check-tools:
	@command -v $(R) >/dev/null && command -v $(RSCRIPT) >/dev/null || { \
	  echo "make install: R was not found. Install R from"; \
	  echo "https://cloud.r-project.org (Debian, Ubuntu: apt-get install r-base-dev)."; \
	  exit 1; }
	@./configure --check-toolchain

# Installs into the first library of .libPaths() (R_LIBS, else R's default).
# With knitr, rmarkdown and pandoc it installs the tarball of `make build`,
# vignette included; without them the staged source, without the vignette.
install: check-tools
	@if $(RSCRIPT) -e 'q(status = !(requireNamespace("knitr", quietly = TRUE) && requireNamespace("rmarkdown", quietly = TRUE) && rmarkdown::pandoc_available()))' >/dev/null 2>&1; then \
	  $(MAKE) build && $(R) CMD INSTALL $(TARBALL); \
	else \
	  echo "make install: knitr, rmarkdown or pandoc missing: installing without the vignette"; \
	  $(MAKE) stage && $(R) CMD INSTALL --preclean $(STAGE); \
	fi

demo: deps
	$(MAKE) install
	$(RSCRIPT) tools/demo.R
	$(MAKE) demo-report

test-swift:
	swift test

test-cabi:
	Tests/cabi/run.sh build/cabi

# R CMD check --as-cran, offline: the checks that need the network (CRAN
# incoming, the web clock of the future file timestamps check) are off; the
# checkbashisms (devscripts) and qpdf sub-checks are skipped, with a
# message, where those tools are missing.
check: build
	@command -v checkbashisms >/dev/null || echo "check: no checkbashisms (devscripts), skipping that sub-check"
	@command -v qpdf >/dev/null || echo "check: no qpdf, skipping the PDF size sub-check"
	cd build && env _R_CHECK_FORCE_SUGGESTS_=false _R_CHECK_CRAN_INCOMING_REMOTE_=false \
	  _R_CHECK_SYSTEM_CLOCK_=false \
	  $$(command -v checkbashisms >/dev/null || echo _R_CHECK_BASHISMS_=false) \
	  $$(command -v qpdf >/dev/null || echo _R_CHECK_DOC_SIZES_=false) \
	  $(R) CMD check --as-cran --no-manual $(PKG)_$(VERSION).tar.gz
	@log=build/$(PKG).Rcheck/00check.log; \
	if grep -Eq '^Status:.*(ERROR|WARNING)' $$log; then echo "R CMD check: ERROR or WARNING"; exit 1; fi

test-r:
	cd R-package/tests/testthat && $(RSCRIPT) -e 'testthat::test_dir(".", package = "$(PKG)", load_package = "installed", reporter = testthat::ProgressReporter$$new(show_praise = FALSE), stop_on_failure = TRUE)'

test: deps
	$(MAKE) install
	$(MAKE) check-docs
	$(MAKE) test-swift
	$(MAKE) test-cabi
	$(MAKE) check
	$(MAKE) test-r
	$(MAKE) test-install
	$(if $(strip $(EXTRA_TESTS)),$(MAKE) $(EXTRA_TESTS))

clean:
	rm -rf build .build
	./cleanup

# Regenerates R-package/NAMESPACE and R-package/man/ from the roxygen comments.
DOCS_TMP := build/docs/$(PKG)
.PHONY: docs check-docs
docs:
	rm -rf build/docs && mkdir -p $(DOCS_TMP)
	cp DESCRIPTION $(DOCS_TMP)/ && cp -R R-package/R $(DOCS_TMP)/
	$(RSCRIPT) -e 'roxygen2::roxygenise("$(DOCS_TMP)", load_code = roxygen2::load_source)'
	rm -rf R-package/man && cp -R $(DOCS_TMP)/man R-package/man
	cp $(DOCS_TMP)/NAMESPACE R-package/NAMESPACE

# Fails when the committed NAMESPACE or man/ differ from the roxygen comments.
check-docs:
	rm -rf build/docs && mkdir -p $(DOCS_TMP)
	cp DESCRIPTION $(DOCS_TMP)/ && cp -R R-package/R $(DOCS_TMP)/
	$(RSCRIPT) -e 'roxygen2::roxygenise("$(DOCS_TMP)", load_code = roxygen2::load_source)' >/dev/null
	diff -r R-package/man $(DOCS_TMP)/man && diff R-package/NAMESPACE $(DOCS_TMP)/NAMESPACE \
	  || { echo "man/ or NAMESPACE is stale: run 'make docs'"; exit 1; }

# Further targets (bench, reliability, documentation), one file per topic.
include $(wildcard mk/*.mk)
