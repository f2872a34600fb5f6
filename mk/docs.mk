# Documentation targets: the example report and the README's figure.
#   make demo-report   renders R-package/inst/examples/report.Rmd with the
#                      installed package into build/report/report.html
#   make curves        redraws tools/figures/curves.png (tools/plot_curves.R)

.PHONY: demo-report curves

REPORT_DIR := build/report

# Renders a copy of the report so that no intermediate file lands in R-package/.
demo-report:
	rm -rf $(REPORT_DIR) && mkdir -p $(REPORT_DIR)
	cp R-package/inst/examples/report.Rmd $(REPORT_DIR)/report.Rmd
	$(RSCRIPT) -e 'rmarkdown::render("$(REPORT_DIR)/report.Rmd", output_dir = "$(REPORT_DIR)", quiet = TRUE)' >/dev/null
	rm -f $(REPORT_DIR)/report.Rmd
	@echo "Report: $(CURDIR)/$(REPORT_DIR)/report.html"

curves: install
	$(RSCRIPT) tools/plot_curves.R tools/figures/curves.png

# R-package/README.md is knitted from R-package/README.Rmd with the installed
# package (knitr only, no pandoc).
#   make readme         knits it (commit both files)
#   make check-readme   knits it again into build/readme/ and fails when the
#                       committed README.md differs (part of make test)
.PHONY: readme check-readme
EXTRA_TESTS += check-readme

README_DIR := build/readme

$(README_DIR)/README.md: R-package/README.Rmd
	rm -rf $(README_DIR) && mkdir -p $(README_DIR)
	cp R-package/README.Rmd $(README_DIR)/README.Rmd
	cd $(README_DIR) && LC_ALL=C.UTF-8 $(RSCRIPT) -e 'knitr::knit("README.Rmd", "README.md", quiet = TRUE, encoding = "UTF-8")' >/dev/null

readme:
	rm -f $(README_DIR)/README.md
	$(MAKE) $(README_DIR)/README.md
	cp $(README_DIR)/README.md R-package/README.md

check-readme:
	rm -f $(README_DIR)/README.md
	$(MAKE) $(README_DIR)/README.md
	diff -u R-package/README.md $(README_DIR)/README.md \
	  || { echo "R-package/README.md is stale: run 'make readme'"; exit 1; }
