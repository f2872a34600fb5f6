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
"$SWIFTC" -O -wmo -parse-as-library -static -emit-library \
  -module-name MXLeakyReLUCore -I Sources/CMXLeakyReLU/include \
  -Xfrontend -disable-implicit-string-processing-module-import \
  -Xfrontend -disable-implicit-concurrency-module-import \
  Sources/MXLeakyReLUCore/*.swift -o "$out/libmxlrcore.a"

"$CC" -O1 -I Sources/CMXLeakyReLU/include Tests/cabi/ndarray_abi_test.c \
  "$static/$arch/swiftrt.o" "$out/libmxlrcore.a" \
  -L"$static" -lswiftCore -lstdc++ -lm -ldl -lpthread -o "$out/ndarray_abi_test"
"$out/ndarray_abi_test"
