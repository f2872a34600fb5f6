# make bench: installs the package, then runs tools/bench.R (about 3 minutes):
# prints the benchmark tables and targets, writes build/bench/results.csv and
# build/bench/time_per_element.png, copies the plot to tools/bench/ and
# updates the "## Performance" section of README.md.
.PHONY: bench
bench:
	$(MAKE) install
	$(RSCRIPT) tools/bench.R
