# Binary package, CRAN-like repository and the install-route tests.
#   make binary        build/mxLeakyReLU_<version>_R_<platform>.tar.gz, built
#                      by R CMD INSTALL --build --strip from the tarball of
#                      `make build`: installs without Swift or a compiler
#   make repo          build/repo/, a CRAN-like repository serving that binary
#                      (src/contrib/PACKAGES): install.packages("mxLeakyReLU",
#                      repos = "file://$(CURDIR)/build/repo")
#   make test-install  every install route, each into its own library under
#                      build/install-test/ (run by `make test`)

.PHONY: binary repo test-install

# test-install copies the repository with git and installs with remotes.
DEB_PACKAGES += r-cran-remotes git

BINARY_STAMP := build/.binary-stamp

# --strip strips the shared object (debug symbols), --build packs the
# installed package. The temporary library is removed afterwards.
$(BINARY_STAMP): $(TARBALL)
	rm -rf build/binary-lib $(wildcard build/$(PKG)_*_R_*.tar.gz) $@
	mkdir -p build/binary-lib
	cd build && $(R) CMD INSTALL --build --strip -l binary-lib $(PKG)_$(VERSION).tar.gz
	rm -rf build/binary-lib
	@ls build/$(PKG)_$(VERSION)_R_*.tar.gz >/dev/null
	touch $@

binary: $(BINARY_STAMP)
	@echo "Binary package: $$(ls build/$(PKG)_$(VERSION)_R_*.tar.gz)"

repo: $(BINARY_STAMP)
	rm -rf build/repo && mkdir -p build/repo/src/contrib
	cp build/$(PKG)_$(VERSION)_R_*.tar.gz build/repo/src/contrib/$(PKG)_$(VERSION).tar.gz
	$(RSCRIPT) tools/install/write-repo.R build/repo/src/contrib
	@echo "Repository: file://$(CURDIR)/build/repo"

# Needs git (the routes start from a copy of the files git tracks), remotes
# and the tools of `make build`.
test-install: repo
	tools/install/test-install.sh
