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
# The archives, by the recipe the R package builds with.
make -s -f Sources/swiftc.mk SWIFTC="$SWIFTC" SWIFT_ARCH="$arch" \
  SWIFT_CORE=Sources/MXLeakyReLUCore SWIFT_INCLUDE=Sources/CMXLeakyReLU/include \
  SWIFT_OUT="$out"
archives="$out/libmxlrcore.a $out/libmxlrkernels_avx2.a"

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
