# Reliability checks.
#   make check-memory    Swift tests under AddressSanitizer and ThreadSanitizer,
#                        R tests under valgrind (installed package)
#   make test-extended   12000 property cases, the bad-input and fork tests,
#                        a 2^31 + 7 element MXNDArray, SIGINT during a call
#   make percall         per-call cost of every entry point at n = 10 and
#                        1000, as ratios to the base-R leaky idiom (installed
#                        package; MXLR_PERCALL_REPEAT=3 repeats the tables)

# bit64 and Matrix: the tests of integer64 data and Matrix objects.
DEB_PACKAGES += r-cran-bit64 r-cran-matrix

.PHONY: check-memory check-asan check-tsan check-valgrind \
  test-extended test-extended-r test-long-vector test-interrupt percall

# The Swift tests are written with swift-testing; --disable-xctest skips the
# empty XCTest run, whose exit LeakSanitizer fails on XCTest's own leaks.
SANITIZE_TEST := swift test -c debug --disable-xctest

VALGRIND := valgrind --error-exitcode=1 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect \
  --suppressions=tools/reliability/valgrind.supp

check-memory: check-asan check-tsan check-valgrind

check-asan:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  $(SANITIZE_TEST) --sanitize=address --scratch-path .build-asan

check-tsan:
	TSAN_OPTIONS=halt_on_error=1 \
	  $(SANITIZE_TEST) --sanitize=thread --scratch-path .build-tsan

# Fails on any invalid read or write, use of uninitialised memory, definite
# or indirect leak (valgrind's exit status) and on any test failure (R's).
check-valgrind:
	$(R) -d "$(VALGRIND)" --vanilla --quiet -f tools/reliability/valgrind-tests.R

test-extended: test-extended-r test-long-vector test-interrupt check-memory

test-extended-r:
	cd R-package/tests/testthat && MXLR_EXTENDED=1 $(RSCRIPT) -e 'testthat::test_dir(".", package = "$(PKG)", load_package = "installed", filter = "property|bad-input|fork-threads", reporter = testthat::SummaryReporter$$new(show_praise = FALSE), stop_on_failure = TRUE)'

test-long-vector:
	$(RSCRIPT) tools/reliability/long-vector.R

test-interrupt:
	tools/reliability/interrupt.sh

percall:
	$(RSCRIPT) tools/reliability/percall.R
