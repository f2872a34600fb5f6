# make bench: installs the package, times MXNet 1.9.1 (tools/mxnet/
# bench_mxnet.py with $MXNET_PYTHON, default /tmp/mxvenv/bin/python, when
# present), then runs tools/bench.R (several minutes): prints the benchmark
# tables and targets (PASS/FAIL) and the instruction set the kernels used,
# writes build/bench/results.csv and build/bench/time_per_element.png,
# and the Performance article's data: the dated tables in
# R-package/vignettes/articles/performance/results.md and the plot beside
# them; then make bench-torch (mk/torch.mk) adds the PyTorch comparison,
# performance/torch.md. No other file outside build/ is written.
# make bench-quick: the same with few iterations, writing only under
# build/bench/ (checks that the benchmark runs end to end).
# make bench-kernels: the kernels alone through the C ABI, one thread, on
# 1e5 elements (in cache: compute, not memory), under each instruction set
# this machine supports (tools/bench/kernels.c).
# make bench-spread: gelu and gelu_tanh on 1e6 values of sd 0.5, 1, 3 and
# 10, one thread, double and float32 (MXNDArray), with the target that the
# slowest sd is within 1.3x of the fastest (tools/bench_spread.R; also run
# by make bench); bench-spread-kernels: the same through the C ABI
# (tools/bench/spread.c), under each instruction set.
.PHONY: bench bench-quick bench-kernels bench-spread bench-spread-kernels
bench:
	$(MAKE) install
	$(RSCRIPT) tools/bench.R
	$(RSCRIPT) tools/bench_spread.R
	$(MAKE) bench-torch

bench-spread:
	$(MAKE) install
	$(RSCRIPT) tools/bench_spread.R

bench-spread-kernels: test-cabi
	static="$$(dirname "$$(realpath "$$(command -v swiftc)")")/../lib/swift_static/linux"; \
	archives="build/cabi/libmxlrcore.a build/cabi/libmxlrkernels_avx2.a"; \
	$(CC) -O2 -I Sources/CMXLeakyReLU/include tools/bench/spread.c \
	  "$$static/$$(uname -m)/swiftrt.o" $$archives -L"$$static" \
	  -lswiftCore -lstdc++ -lm -ldl -lpthread -o build/cabi/spread
	for isa in baseline avx2; do MXLEAKYRELU_ISA=$$isa build/cabi/spread 1e6 15 || true; done

bench-quick:
	$(MAKE) install
	MXLR_BENCH_QUICK=1 $(RSCRIPT) tools/bench.R

bench-kernels: test-cabi
	static="$$(dirname "$$(realpath "$$(command -v swiftc)")")/../lib/swift_static/linux"; \
	archives="build/cabi/libmxlrcore.a build/cabi/libmxlrkernels_avx2.a"; \
	$(CC) -O2 -I Sources/CMXLeakyReLU/include tools/bench/kernels.c \
	  "$$static/$$(uname -m)/swiftrt.o" $$archives -L"$$static" \
	  -lswiftCore -lstdc++ -lm -ldl -lpthread -o build/cabi/kernels
	for isa in baseline avx2; do MXLEAKYRELU_ISA=$$isa build/cabi/kernels 1e5 101; done
