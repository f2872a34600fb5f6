# MXNDArray targets.
#   make bench-ndarray      installs the package, then times mx.nd.array(),
#                           as.array() and MXNDArray arithmetic on 1e7
#                           elements against x * 1 (tools/bench_ndarray.R);
#                           PASS/FAIL per target (ratio <= 1.5)
#   make ndarray-fixtures   regenerates the MXNet 1.9.1 fixtures of the
#                           MXNDArray tests and checks that MXNet reads what
#                           mx.nd.save() writes (needs the installed package
#                           and a Python with mxnet==1.9.1, MXNET_PYTHON)

.PHONY: bench-ndarray ndarray-fixtures

MXNET_PYTHON ?= /tmp/mxvenv/bin/python

bench-ndarray:
	$(MAKE) install
	$(RSCRIPT) tools/bench_ndarray.R

ndarray-fixtures:
	$(MXNET_PYTHON) tools/mxnet/make_ndarray_fixtures.py

# SIGINT during mx.nd.array(), as.array() and arithmetic on 3e8 elements
# (about 4 GB of memory).
.PHONY: test-interrupt-ndarray
test-interrupt-ndarray:
	tools/reliability/interrupt-ndarray.sh

# The C test of the float32 section of the header (Tests/cabi/ndarray_abi_test.c).
.PHONY: test-cabi-ndarray
test-cabi-ndarray:
	Tests/cabi/ndarray_run.sh build/cabi-ndarray

EXTRA_TESTS += test-cabi-ndarray
