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
