#!/usr/bin/env bash
# The install routes of an R user, each from a fresh copy of the repository
# into its own library under build/install-test/ (never the default one):
#
#   1. R CMD INSTALL .                      (what a clone and INSTALL do)
#   2. R CMD build . + R CMD INSTALL        (the tarball must equal make build's,
#                                            which must exist)
#   3. remotes::install_local()             (what remotes::install_github()
#                                            does after the download), and
#                                            devtools::install() if installed
#   4. the binary of `make binary`, with no Swift on PATH and SWIFTC unset
#      (and the toolchain's directory hidden where the machine allows it):
#      R CMD INSTALL and install.packages(file, repos = NULL)
#   5. install.packages("mxLeakyReLU", repos = "file://.../build/repo")
#      (`make repo`), with no Swift either
#   6. failures are loud: R CMD INSTALL . of a copy without R-package/R,
#      with SWIFTC pointing to no compiler, and (where Swift can be hidden)
#      of the source tarball with no Swift at all, fail with a message and
#      install nothing.
#
# Each installed package must give mx.nd.LeakyReLU(c(-2, 1)) == c(-0.5, 1)
# and have its help pages (tools/install/check-installed.R).
# "A fresh copy" is the files git tracks (and untracked, not ignored ones), as
# they are in the working tree: a fresh clone once they are committed.
# Run by `make test-install`, after `make repo`.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$root"
R=${R:-R}
RSCRIPT=${RSCRIPT:-Rscript}
PKG=mxLeakyReLU
VERSION=$(sed -n 's/^Version: *//p' DESCRIPTION)
out="$root/build/install-test"
check="$root/tools/install/check-installed.R"

fail() {
  echo "test-install: FAIL: $*" >&2
  exit 1
}
start=$(date +%s)
step_start=$start
step() {
  local now
  now=$(date +%s)
  echo "== [$((now - start)) s] $*"
  step_start=$now
}
step_done() { echo "   ok ($(($(date +%s) - step_start)) s)"; }
# Runs a command with its output in a log; shows the log's end on failure.
logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "$* (log: $log)"
  fi
}

binary=$(ls build/${PKG}_${VERSION}_R_*.tar.gz 2>/dev/null | head -n 1 || true)
[ -n "$binary" ] || fail "no binary package in build/: run make binary first"
[ -f "build/repo/src/contrib/PACKAGES" ] || fail "no build/repo: run make repo first"
command -v git >/dev/null || fail "git is needed"

rm -rf "$out"
mkdir -p "$out"

# No Swift: a PATH without any directory holding swiftc, no SWIFTC/SWIFT and,
# where the machine allows it (root, unshare), the toolchain's directory
# (e.g. /opt/swift) hidden under an empty file system in a private mount
# namespace, so that nothing at all of Swift is reachable.
noswift_path=$(tr ':' '\n' <<<"$PATH" | while IFS= read -r d; do
  if [ -n "$d" ] && [ ! -x "$d/swiftc" ]; then printf '%s\n' "$d"; fi; done | paste -sd: -)
swift_root=""
if swiftc=$(command -v swiftc); then
  swift_root=$(dirname "$(dirname "$(dirname "$(realpath "$swiftc")")")")
fi
case "$swift_root" in / | /usr | /usr/local) swift_root="" ;; esac
if [ -n "$swift_root" ] &&
  unshare -m sh -c 'mount -t tmpfs none "$0"' "$swift_root" >/dev/null 2>&1; then
  no_swift() {
    env -u SWIFTC -u SWIFT PATH="$noswift_path" \
      unshare -m sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$swift_root" "$@"
  }
  no_swift_how="swiftc off PATH, SWIFTC unset, $swift_root hidden"
else
  no_swift() { env -u SWIFTC -u SWIFT PATH="$noswift_path" "$@"; }
  no_swift_how="swiftc off PATH, SWIFTC unset"
fi
no_swift sh -c '! command -v swiftc' >/dev/null || fail "swiftc still on the reduced PATH"
if [ -n "$swift_root" ] && [ "$no_swift_how" != "${no_swift_how%hidden}" ]; then
  no_swift sh -c '[ -z "$(ls -A "$0")" ]' "$swift_root" || fail "$swift_root is not hidden"
fi

step "fresh copy of the repository"
mkdir "$out/clone"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do
    if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
  done | tar --null -T - -cf - | tar -C "$out/clone" -xf -
[ -f "$out/clone/DESCRIPTION" ] && [ -x "$out/clone/configure" ] || fail "the copy is incomplete"
copy() { cp -R "$out/clone" "$out/$1"; }
step_done

step "1. R CMD INSTALL ."
copy src-install
mkdir "$out/lib-install"
(cd "$out/src-install" && logged "$out/install.log" "$R" CMD INSTALL -l "$out/lib-install" .)
logged "$out/install-check.log" "$RSCRIPT" "$check" "$out/lib-install" "R CMD INSTALL ."
cat "$out/install-check.log"
step_done

step "2. R CMD build . + R CMD INSTALL"
copy src-build
(cd "$out/src-build" && find . | sort) >"$out/build-before.txt"
mkdir "$out/tarball" "$out/lib-build"
(cd "$out/tarball" && logged "$out/build.log" "$R" CMD build "$out/src-build")
(cd "$out/src-build" && find . | sort) >"$out/build-after.txt"
diff "$out/build-before.txt" "$out/build-after.txt" >/dev/null ||
  fail "R CMD build . changed the source directory"
tarball="$out/tarball/${PKG}_${VERSION}.tar.gz"
[ -f "$tarball" ] || fail "R CMD build . wrote no $tarball"
tar tzf "$tarball" >"$out/tarball/files.txt"
grep -q -x "$PKG/build/vignette.rds" "$out/tarball/files.txt" ||
  fail "the tarball of R CMD build . has no vignette index (build/vignette.rds)"
# The same package as `make build` (test-install runs after it): the same
# files with the same contents, DESCRIPTION apart from its Packaged date.
mkdir "$out/tarball/r-cmd-build" "$out/tarball/make-build"
tar -C "$out/tarball/r-cmd-build" -xzf "$tarball"
tar -C "$out/tarball/make-build" -xzf "build/${PKG}_${VERSION}.tar.gz"
diff -r -x DESCRIPTION "$out/tarball/r-cmd-build" "$out/tarball/make-build" ||
  fail "the tarball of R CMD build . differs from make build's (above)"
diff <(grep -v '^Packaged:' "$out/tarball/r-cmd-build/$PKG/DESCRIPTION") \
  <(grep -v '^Packaged:' "$out/tarball/make-build/$PKG/DESCRIPTION") ||
  fail "the DESCRIPTION of R CMD build . differs from make build's (above)"
echo "   the same files and contents as make build's tarball ($(wc -l <"$out/tarball/files.txt") entries)"
logged "$out/build-install.log" "$R" CMD INSTALL -l "$out/lib-build" "$tarball"
logged "$out/build-check.log" "$RSCRIPT" "$check" "$out/lib-build" "R CMD build . + INSTALL" vignette
cat "$out/build-check.log"
step_done

step "3. remotes::install_local()"
copy src-remotes
mkdir "$out/lib-remotes"
logged "$out/remotes.log" "$RSCRIPT" -e "remotes::install_local('$out/src-remotes', lib = '$out/lib-remotes', upgrade = 'never', dependencies = FALSE, force = TRUE, quiet = FALSE)"
logged "$out/remotes-check.log" "$RSCRIPT" "$check" "$out/lib-remotes" "remotes::install_local()"
cat "$out/remotes-check.log"
step_done

step "3b. devtools::install() (when devtools is installed)"
if "$RSCRIPT" -e 'q(status = !requireNamespace("devtools", quietly = TRUE))' >/dev/null 2>&1; then
  copy src-devtools
  mkdir "$out/lib-devtools"
  (cd "$out/src-devtools" && logged "$out/devtools.log" "$RSCRIPT" -e "devtools::install('.', upgrade = 'never', dependencies = FALSE, args = '--library=$out/lib-devtools')")
  logged "$out/devtools-check.log" "$RSCRIPT" "$check" "$out/lib-devtools" "devtools::install()"
  cat "$out/devtools-check.log"
else
  echo "   skipped: devtools is not installed"
fi
step_done

step "4. the binary package, no Swift ($no_swift_how): $(basename "$binary")"
mkdir "$out/lib-binary" "$out/lib-binary-ip"
logged "$out/binary.log" no_swift "$R" CMD INSTALL -l "$out/lib-binary" "$binary"
grep -q 'installing \*binary\* package' "$out/binary.log" || fail "R CMD INSTALL did not install a binary"
! grep -q -e 'swiftc' -e '\*\* libs' "$out/binary.log" || fail "the binary install compiled"
so="$out/lib-binary/$PKG/libs/$PKG.so"
if command -v readelf >/dev/null; then
  needed=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd' ' -)
  echo "   $PKG.so needs: $needed"
  ! grep -qi swift <<<"$needed" || fail "the binary's shared object links a Swift library"
fi
logged "$out/binary-check.log" no_swift "$RSCRIPT" "$check" "$out/lib-binary" "binary, R CMD INSTALL" vignette
cat "$out/binary-check.log"
logged "$out/binary-ip.log" no_swift "$RSCRIPT" -e "install.packages('$root/$binary', repos = NULL, lib = '$out/lib-binary-ip')"
grep -q 'installing \*binary\* package' "$out/binary-ip.log" || fail "install.packages(file) did not install a binary"
logged "$out/binary-ip-check.log" no_swift "$RSCRIPT" "$check" "$out/lib-binary-ip" "binary, install.packages(file, repos = NULL)"
cat "$out/binary-ip-check.log"
echo "   shared object: $(stat -c %s "$out/lib-install/$PKG/libs/$PKG.so") bytes from source," \
  "$(stat -c %s "$so") bytes in the (stripped) binary; binary package $(stat -c %s "$binary") bytes"
step_done

step "5. install.packages() from build/repo, no Swift ($no_swift_how)"
mkdir "$out/lib-repo"
logged "$out/repo.log" no_swift "$RSCRIPT" -e "install.packages('$PKG', repos = 'file://$root/build/repo', lib = '$out/lib-repo')"
grep -q 'installing \*binary\* package' "$out/repo.log" || fail "install.packages() from the repository did not install a binary"
logged "$out/repo-check.log" no_swift "$RSCRIPT" "$check" "$out/lib-repo" "install.packages(repos = build/repo)" vignette
cat "$out/repo-check.log"
step_done

step "6. failures are loud"
copy src-broken
rm -rf "$out/src-broken/R-package/R"
mkdir "$out/lib-broken"
if (cd "$out/src-broken" && "$R" CMD INSTALL -l "$out/lib-broken" .) >"$out/broken.log" 2>&1; then
  fail "R CMD INSTALL . without R-package/R succeeded"
fi
grep -q 'lacks' "$out/broken.log" || { cat "$out/broken.log"; fail "no message naming what is missing"; }
[ ! -e "$out/lib-broken/$PKG" ] || fail "a package was installed without R-package/R"
echo "   without R-package/R: $(grep -m1 'lacks' "$out/broken.log")"
if (cd "$out/src-install" && SWIFTC=/nonexistent/swiftc "$R" CMD INSTALL -l "$out/lib-broken" .) \
  >"$out/noswift.log" 2>&1; then
  fail "R CMD INSTALL . with SWIFTC=/nonexistent/swiftc succeeded"
fi
grep -q 'needs a Swift toolchain' "$out/noswift.log" || { cat "$out/noswift.log"; fail "no message naming Swift"; }
[ ! -e "$out/lib-broken/$PKG" ] || fail "a package was installed without a Swift compiler"
echo "   without a Swift compiler: $(grep -m1 'mxLeakyReLU: .*swiftc' "$out/noswift.log")"
if [ "$no_swift_how" != "${no_swift_how%hidden}" ]; then
  if no_swift "$R" CMD INSTALL -l "$out/lib-broken" "build/${PKG}_${VERSION}.tar.gz" \
    >"$out/noswift-tarball.log" 2>&1; then
    fail "the source package installed with no Swift at all"
  fi
  grep -q 'no Swift compiler (swiftc) was found' "$out/noswift-tarball.log" ||
    { cat "$out/noswift-tarball.log"; fail "no message naming Swift"; }
  [ ! -e "$out/lib-broken/$PKG" ] || fail "a package was installed with no Swift at all"
  echo "   the source package with no Swift at all: $(grep -m1 'mxLeakyReLU: ' "$out/noswift-tarball.log")"
fi
step_done

echo "test-install: all routes passed in $(($(date +%s) - start)) s"
