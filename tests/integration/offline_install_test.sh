#!/usr/bin/env bash
# The air-gapped install, for real (issue 14): scripts/offline-bundle makes the folder, a minimal
# Debian 12 root is built with debootstrap from the package archive, and inside it, with the
# network cut off (a new network namespace holds only a loopback), install.sh installs keyrite
# from the folder and the demo ceremony runs to a verified, replayed transcript.
# Slow (about 20 minutes on 2 cores: the package build and debootstrap): runs only with
# KR_SLOW_TESTS=1, as root.
source "$(dirname "$0")/lib.sh"
if [[ ${KR_SLOW_TESTS:-} != 1 ]]; then
  echo "skipped: KR_SLOW_TESTS=1 runs it (about 20 minutes; needs root and the Debian archive)"
  finish; exit
fi
[[ $(id -u) == 0 ]] || { fail "the offline install test needs root (debootstrap, chroot, unshare)"; finish; exit; }

bundle=$WORK/bundle
if (cd "$KR_SOURCE_DIR" && ./scripts/offline-bundle "$bundle") > "$WORK/bundle.log" 2>&1; then
  pass "scripts/offline-bundle made $(ls "$bundle/debs" | wc -l) packages and an install script"
else
  fail "offline-bundle: $(tail -20 "$WORK/bundle.log")"; finish; exit
fi
(cd "$bundle" && sha256sum --check --strict --quiet SHA256SUMS) && pass "SHA256SUMS lists every package" ||
  fail "SHA256SUMS does not match"

root=$WORK/minbase
if debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian > "$WORK/debootstrap.log" 2>&1; then
  pass "a minimal Debian 12 root (debootstrap --variant=minbase)"
else
  fail "debootstrap: $(tail -5 "$WORK/debootstrap.log")"; finish; exit
fi
assert_eq "the minimal root has no keyrite dependency such as softhsm2" "absent" \
  "$(chroot "$root" dpkg-query -W -f='${Status}' softhsm2 2>/dev/null | grep -q 'ok installed' && echo present || echo absent)"
cp -r "$bundle" "$root/bundle"

# offline CMD: runs CMD in the root with no network at all and /proc mounted (private mounts).
offline() {
  unshare --net --mount sh -c "mount -t proc proc '$root/proc' && chroot '$root' $*"
}
assert_eq "inside, the network namespace has only the loopback" "lo:" \
  "$(offline "sh -c 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d \" \"'" | sed 's/$/:/' | paste -sd' ')"
run_expect 0 offline "sh /bundle/install.sh" && pass "install.sh installs keyrite with no network"
grep -q "^keyrite installed: kr-ceremony [0-9.]* (source revision " <<<"$OUT" &&
  pass "the installed kr-ceremony answers --version" || fail "install: $OUT $ERR"
run_expect 0 offline "/usr/share/keyrite/demo-ceremony --into /root/demo" || true
# demo-ceremony stops at the first failing command (set -e): its last line means all passed.
grep -q "demo ceremony complete" <<<"$OUT" && grep -q "^verdict: *ok" <<<"$OUT" &&
  pass "the demo ceremony runs offline from the installed package, verified and replayed" ||
  fail "offline demo: $(tail -30 <<<"$OUT") $ERR"
assert_eq "installed man pages and completion" "ok" \
  "$(offline "sh -c 'test -e /usr/share/man/man1/kr-ceremony.1.gz && test -e /usr/share/bash-completion/completions/kr-ceremony && echo ok'")"
finish
