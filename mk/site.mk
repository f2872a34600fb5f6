# The documentation site (pkgdown, Bootstrap 5), built and checked offline.
#   make site        stages DESCRIPTION + R-package/ into build/site-stage/,
#                    installs the package into build/site-lib/ and builds
#                    the site into build/site/ (open build/site/index.html)
#   make test-site   builds it, checks that every page's scripts, styles,
#                    images and links are local files that exist, and loads
#                    the home, a reference page and the three articles in headless
#                    Chromium: screenshots in build/site-shots/, failing on
#                    any console message (a script error, a formula KaTeX
#                    cannot parse)

DEB_PACKAGES += r-cran-pkgdown chromium libjs-katex python3

SITE_STAGE := build/site-stage/$(PKG)
SITE_DIR   := build/site
SITE_LIB   := build/site-lib
SITE_SHOTS := build/site-shots
KATEX_DIR  ?= /usr/share/javascript/katex

.PHONY: site site-build test-site
EXTRA_TESTS += test-site

site: deps
	$(MAKE) build
	$(MAKE) site-build

# The package the site's examples and article run with, installed from the
# current tarball into a library of its own.
$(SITE_LIB)/$(PKG)/DESCRIPTION: $(TARBALL)
	rm -rf $(SITE_LIB) && mkdir -p $(SITE_LIB)
	$(R) CMD INSTALL --no-test-load --library=$(SITE_LIB) $(TARBALL) >$(SITE_LIB).log 2>&1 \
	  || { cat $(SITE_LIB).log; exit 1; }

site-build: $(SITE_LIB)/$(PKG)/DESCRIPTION
	rm -rf build/site-stage $(SITE_DIR) && mkdir -p $(SITE_STAGE)
	cp DESCRIPTION $(SITE_STAGE)/
	cp -R R-package/. $(SITE_STAGE)/
	rm -f $(SITE_STAGE)/src/Makevars $(SITE_STAGE)/src/*.o $(SITE_STAGE)/src/*.so
	# The home page: the package's README, else the repository's.
	[ -f $(SITE_STAGE)/README.md ] || cp README.md $(SITE_STAGE)/README.md
	mkdir -p $(SITE_STAGE)/pkgdown/assets
	cp -RL $(KATEX_DIR) $(SITE_STAGE)/pkgdown/assets/katex
	R_LIBS="$(CURDIR)/$(SITE_LIB)$${R_LIBS:+:$$R_LIBS}" \
	  $(RSCRIPT) tools/site/build.R $(SITE_STAGE) $(SITE_DIR) . \
	  $$([ -f R-package/README.md ] && echo R-package || echo .)

test-site: site
	python3 tools/site/check_site.py $(SITE_DIR) $(SITE_SHOTS) \
	  index.html reference/mx.nd.LeakyReLU.html articles/mxLeakyReLU.html \
	  articles/mxnet-r.html articles/performance.html
