#!/bin/sh
# Writes the R source package mxLeakyReLU from the repository's parts:
#
#   R-package/*        every entry (R/, src/, man/, NAMESPACE, tests/, ...),
#                      without build products and without R-package/README.md
#   Sources/           the Swift core and its C header, into src/swift/
#
# Usage:
#   tools/stage-package.sh DIR   the whole source package into the new or
#                                empty directory DIR: also DESCRIPTION,
#                                configure, cleanup and, as README.md, the
#                                R users' README (R-package/README.md).
#                                `make build` builds its tarball from this.
#   tools/stage-package.sh .     in place, at the repository root (run by
#                                ./configure, so that `R CMD INSTALL .`
#                                finds a complete package): only the
#                                R-package/ entries and src/swift/, but not
#                                tests/ (installing does not need it, and on
#                                a case-insensitive file system it is the
#                                repository's Tests/). The names written are
#                                listed in .staged-files, which ./cleanup
#                                reads to remove them again; git ignores
#                                them.
#
# Fails, with a message, when a part is missing: never an empty package.
set -eu

die() {
  echo "stage-package: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: tools/stage-package.sh DIR"
root=$(cd "$(dirname "$0")/.." && pwd -P)
[ -d "$root/R-package" ] && [ -d "$root/Sources/MXLeakyReLUCore" ] ||
  die "no R-package/ or Sources/MXLeakyReLUCore/ next to tools/"

mkdir -p "$1"
dest=$(cd "$1" && pwd -P)
in_place=false
[ "$dest" = "$root" ] && in_place=true

# Top-level entries of R-package/ that become entries of the package.
# README.md is the R users' README (knitted from README.Rmd, which stays
# out): it becomes the package's README.md,
# except in place, where the repository has its own. The documentation
# site's configuration (_pkgdown.yml, pkgdown/) is not part of the package.
entries=$(cd "$root/R-package" && ls -A |
  grep -v -x -e README.md -e README.Rmd -e _pkgdown.yml -e pkgdown || true)
[ -n "$entries" ] || die "R-package/ is empty"

manifest="$root/.staged-files"
if $in_place; then
  entries=$(printf '%s\n' $entries | grep -v -x -e tests || true)
  # Refuse to overwrite anything the repository itself has at its root.
  for name in $entries src; do
    if [ -e "$root/$name" ] &&
      ! { [ -f "$manifest" ] && grep -q -x -F "$name" "$manifest"; }; then
      die "R-package/$name would overwrite ./$name, which this script did not write"
    fi
  done
  if [ -f "$manifest" ]; then
    while IFS= read -r name; do
      [ -n "$name" ] && rm -rf "${root:?}/$name"
    done <"$manifest"
  fi
  printf '%s\n' $entries >"$manifest"
else
  [ -z "$(ls -A "$dest")" ] || die "$dest is not empty"
  cp "$root/DESCRIPTION" "$root/configure" "$root/cleanup" "$dest/"
  [ -f "$root/R-package/README.md" ] || die "no R-package/README.md"
  cp "$root/R-package/README.md" "$dest/README.md"
  [ -f "$root/.Rbuildignore" ] && cp "$root/.Rbuildignore" "$dest/"
fi

for name in $entries; do
  cp -R "$root/R-package/$name" "$dest/$name"
done

# Build products that may sit in R-package/src from an earlier build there.
rm -rf "$dest/src/Makevars" "$dest/src/swift"
rm -f "$dest"/src/*.o "$dest"/src/*.so "$dest"/src/*.dll "$dest"/src/*.dylib

# The Swift core: every .swift file of the module, and the C header.
mkdir -p "$dest/src/swift/include" "$dest/src/swift/core/Kernels"
cp "$root"/Sources/CMXLeakyReLU/include/*.h \
  "$root/Sources/CMXLeakyReLU/include/module.modulemap" "$dest/src/swift/include/"
cp "$root"/Sources/MXLeakyReLUCore/*.swift "$dest/src/swift/core/"
cp "$root"/Sources/MXLeakyReLUCore/Kernels/*.swift "$dest/src/swift/core/Kernels/"
cp "$root/Sources/swiftc.mk" "$dest/src/swift/"

# Never an empty or partial package.
missing=""
for f in DESCRIPTION NAMESPACE src/Makevars.in src/swift/include/mxleakyrelu.h; do
  [ -s "$dest/$f" ] || missing="$missing $f"
done
ls "$dest"/R/*.R >/dev/null 2>&1 || missing="$missing R/*.R"
ls "$dest"/src/*.c >/dev/null 2>&1 || missing="$missing src/*.c"
ls "$dest"/src/swift/core/*.swift >/dev/null 2>&1 || missing="$missing src/swift/core/*.swift"
[ -z "$missing" ] || die "the staged package lacks:$missing"
if ! $in_place; then
  [ -s "$dest/README.md" ] || die "the staged package lacks README.md"
fi
exit 0
