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
"$SWIFTC" -O -wmo -parse-as-library -static -emit-library \
  -module-name MXLeakyReLUCore -I Sources/CMXLeakyReLU/include \
  -Xfrontend -disable-implicit-string-processing-module-import \
  -Xfrontend -disable-implicit-concurrency-module-import \
  Sources/MXLeakyReLUCore/*.swift -o "$out/libmxlrcore.a"

libs="-L$static -lswiftCore -lstdc++ -lm -ldl -lpthread"

# The shared-object link of the R package, with undefined symbols refused.
"$CC" -c -fPIC -Dmain=abi_test_main -I Sources/CMXLeakyReLU/include \
  Tests/cabi/abi_test.c -o "$out/glue.o"
"$CC" -shared -o "$out/abi_test.so" "$out/glue.o" "$static/$arch/swiftrt.o" \
  "$out/libmxlrcore.a" $libs -Wl,--exclude-libs,ALL -Wl,-z,defs

"$CC" -O1 -I Sources/CMXLeakyReLU/include Tests/cabi/abi_test.c \
  "$static/$arch/swiftrt.o" "$out/libmxlrcore.a" $libs -o "$out/abi_test"
"$out/abi_test"
