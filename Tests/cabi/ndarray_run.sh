#!/bin/sh
# Builds libmxlrcore.a as the R package does and runs
# Tests/cabi/ndarray_abi_test.c, the C test of the float32 arithmetic and
# conversion entry points.
#
# Usage: Tests/cabi/ndarray_run.sh [output directory, default build/cabi-ndarray]
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-build/cabi-ndarray}
mkdir -p "$out"
out=$(cd "$out" && pwd)

SWIFTC=${SWIFTC:-$(command -v swiftc)}
CC=${CC:-cc}
static="$(dirname "$(realpath "$SWIFTC")")/../lib/swift_static/linux"
arch=$(uname -m)

cd "$root"
make -s -f Sources/swiftc.mk SWIFTC="$SWIFTC" SWIFT_ARCH="$arch" \
  SWIFT_CORE=Sources/MXLeakyReLUCore SWIFT_INCLUDE=Sources/CMXLeakyReLU/include \
  SWIFT_OUT="$out"

"$CC" -O1 -I Sources/CMXLeakyReLU/include Tests/cabi/ndarray_abi_test.c \
  "$static/$arch/swiftrt.o" "$out/libmxlrcore.a" "$out/libmxlrkernels_avx2.a" \
  -L"$static" -lswiftCore -lstdc++ -lm -ldl -lpthread -o "$out/ndarray_abi_test"
"$out/ndarray_abi_test"
