# Static checks of the R sources and of the documentation's spelling.
#   make lint    lintr on R-package/R with the repository's .lintr (MXNet-R's
#                dotted names accepted); fails on any lint. Needs the package
#                installed (make install; make test installs it first): lintr
#                reads the installed namespace to know the functions of the
#                other files and the registered C routines (C_mxlr_*).
#   make spell   spelling::spell_check_package() on the staged package
#                (DESCRIPTION + R-package/: help pages, vignette, NEWS.md,
#                DESCRIPTION, READMEs, articles), American English (Language: en-US), the words
#                of R-package/inst/WORDLIST accepted; fails on any other word

DEB_PACKAGES += r-cran-lintr r-cran-spelling

SPELL_STAGE := build/spell/$(PKG)

# make test runs both.
EXTRA_TESTS += lint spell

.PHONY: lint spell

lint:
	@$(RSCRIPT) -e 'if (!requireNamespace("$(PKG)", quietly = TRUE)) { cat("make lint: $(PKG) is not installed in .libPaths(); run make install first.\n"); quit(status = 1) }'
	$(RSCRIPT) -e 'lints <- lintr::lint_dir("R-package/R"); if (length(lints)) { print(lints); cat(length(lints), "lints\n"); quit(status = 1) }; cat("lint: no lints in R-package/R\n")'

spell:
	rm -rf build/spell && mkdir -p $(SPELL_STAGE)
	cp DESCRIPTION $(SPELL_STAGE)/ && cp -R R-package/. $(SPELL_STAGE)/
	# the benchmark tables written by make bench are data, not prose
	rm -rf $(SPELL_STAGE)/vignettes/articles/performance
	$(RSCRIPT) -e 'words <- spelling::spell_check_package("$(SPELL_STAGE)"); if (nrow(words)) { print(words); quit(status = 1) }; cat("spell: no misspelled words\n")'
