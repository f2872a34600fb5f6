#!/bin/sh
# Builds libmxlrcore.a the way the R package does (swiftc, no SwiftPM), links
# Tests/cabi/abi_test.c against it, and runs it. Also checks that the archive
# links into a shared object with the R package's link line.
#
# Usage: Tests/cabi/run.sh [output directory, default build/cabi]
# SWIFTC selects the compiler (default: swiftc on PATH); CC the C compiler.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-build/cabi}
mkdir -p "$out"
out=$(cd "$out" && pwd)

SWIFTC=${SWIFTC:-$(command -v swiftc)}
CC=${CC:-cc}
static="$(dirname "$(realpath "$SWIFTC")")/../lib/swift_static/linux"
arch=$(uname -m)

cd "$root"
flags="-O -wmo -parse-as-library -static -emit-library
  -I Sources/CMXLeakyReLU/include -I $out/modules
  -Xfrontend -disable-implicit-string-processing-module-import
  -Xfrontend -disable-implicit-concurrency-module-import"
archives="$out/libmxlrcore.a"
mkdir -p "$out/modules"
if [ "$arch" = x86_64 ]; then
  # The kernels again, for AVX2 (the files Sources/MXLeakyReLUKernelsAVX2
  # links to), as the module the core selects at run time.
  kernels=$(for f in Sources/MXLeakyReLUKernelsAVX2/*.swift; do
    echo "Sources/MXLeakyReLUCore/$(basename "$f")"; done)
  # shellcheck disable=SC2086
  "$SWIFTC" $flags -module-name MXLeakyReLUKernelsAVX2 -target-cpu haswell \
    -D MXLR_AVX2 -emit-module \
    -emit-module-path "$out/modules/MXLeakyReLUKernelsAVX2.swiftmodule" \
    $kernels -o "$out/libmxlrkernels_avx2.a"
  archives="$archives $out/libmxlrkernels_avx2.a"
fi
# shellcheck disable=SC2086
"$SWIFTC" $flags -module-name MXLeakyReLUCore \
  Sources/MXLeakyReLUCore/*.swift -o "$out/libmxlrcore.a"

libs="-L$static -lswiftCore -lstdc++ -lm -ldl -lpthread"

# The shared-object link of the R package, with undefined symbols refused.
"$CC" -c -fPIC -Dmain=abi_test_main -I Sources/CMXLeakyReLU/include \
  Tests/cabi/abi_test.c -o "$out/glue.o"
"$CC" -shared -o "$out/abi_test.so" "$out/glue.o" "$static/$arch/swiftrt.o" \
  $archives $libs -Wl,--exclude-libs,ALL -Wl,-z,defs

"$CC" -O1 -I Sources/CMXLeakyReLU/include Tests/cabi/abi_test.c \
  "$static/$arch/swiftrt.o" $archives $libs -o "$out/abi_test"
# The whole test under each instruction set this machine supports (the
# kernels fall back to the best supported below the one asked for).
for isa in baseline avx2; do
  MXLEAKYRELU_ISA=$isa "$out/abi_test"
done
