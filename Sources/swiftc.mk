# The Swift core built with swiftc (no SwiftPM): the one build recipe of the
# R package (src/Makevars includes it as swift/swiftc.mk), the C ABI tests
# and the benchmarks (make -f Sources/swiftc.mk). Set on the command line
# or before the include:
#   SWIFTC         the Swift compiler
#   SWIFT_TARGET   extra target flags (macOS: -target ... -sdk ...)
#   SWIFT_ARCH     the machine (uname -m)
#   SWIFT_CORE     the core's folder (its Kernels/ subfolder included)
#   SWIFT_INCLUDE  the folder of mxleakyrelu.h and its module map
#   SWIFT_OUT      where the archives go
# Gives $(SWIFT_OUT)/libmxlrcore.a (the core with its baseline kernels) and
# $(SWIFT_OUT)/libmxlrkernels_avx2.a (the kernels again, compiled for
# Haswell with 256-bit vectors, on x86-64; an empty archive elsewhere).

SWIFTFLAGS = -O -wmo -parse-as-library $(SWIFT_TARGET) \
  -Xfrontend -disable-implicit-string-processing-module-import \
  -Xfrontend -disable-implicit-concurrency-module-import \
  -I$(SWIFT_INCLUDE) -I$(SWIFT_OUT)/modules \
  -module-cache-path $(SWIFT_OUT)/module-cache

SWIFT_KERNEL_SOURCES = $(wildcard $(SWIFT_CORE)/Kernels/*.swift)
SWIFT_CORE_SOURCES = $(wildcard $(SWIFT_CORE)/*.swift) $(SWIFT_KERNEL_SOURCES)
SWIFT_HEADERS = $(wildcard $(SWIFT_INCLUDE)/*.h)
SWIFT_ARCHIVES = $(SWIFT_OUT)/libmxlrcore.a $(SWIFT_OUT)/libmxlrkernels_avx2.a

swift-archives: $(SWIFT_ARCHIVES)

$(SWIFT_OUT)/libmxlrkernels_avx2.a: $(SWIFT_KERNEL_SOURCES) $(SWIFT_HEADERS)
	mkdir -p $(SWIFT_OUT)/modules
	if [ "$(SWIFT_ARCH)" = x86_64 ]; then \
	  "$(SWIFTC)" $(SWIFTFLAGS) -static -emit-library \
	    -module-name MXLeakyReLUKernelsAVX2 -target-cpu haswell -DMXLR_AVX2 \
	    -emit-module \
	    -emit-module-path $(SWIFT_OUT)/modules/MXLeakyReLUKernelsAVX2.swiftmodule \
	    $(SWIFT_KERNEL_SOURCES) -o $@; \
	else \
	  rm -f $@ && $(AR) rc $@; \
	fi

$(SWIFT_OUT)/libmxlrcore.a: $(SWIFT_CORE_SOURCES) $(SWIFT_HEADERS) \
  $(SWIFT_OUT)/libmxlrkernels_avx2.a
	"$(SWIFTC)" $(SWIFTFLAGS) -static -emit-library \
	  -module-name MXLeakyReLUCore $(SWIFT_CORE_SOURCES) -o $@
	rm -rf $(SWIFT_OUT)/module-cache

.PHONY: swift-archives
