# Shared helpers for the integration tests: a private token per test, and assertions that print
# what they compared when they fail.
set -euo pipefail
: "${KR_BIN:?KR_BIN must point at the built tools}"
: "${KR_SOURCE_DIR:?}"
mkdir -p "${KR_TEST_TMP:-/tmp}"
WORK=$(mktemp -d "${KR_TEST_TMP:-/tmp}/kr-int-XXXXXX")
trap '[[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"' EXIT
TESTS_PASSED=0
TESTS_FAILED=0

fail() { echo "FAIL: $*" >&2; TESTS_FAILED=$((TESTS_FAILED + 1)); }
pass() { echo "ok: $*"; TESTS_PASSED=$((TESTS_PASSED + 1)); }

# A fresh SoftHSM token directory and config; exports SOFTHSM2_CONF.
new_softhsm() {
  local dir=$WORK/softhsm-$1
  mkdir -p "$dir/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$dir/tokens" > "$dir/softhsm2.conf"
  export SOFTHSM2_CONF=$dir/softhsm2.conf
  echo so-pin-for-tests-1 > "$WORK/so.pin"
  echo user-pin-for-tests-1 > "$WORK/user.pin"
  "$KR_BIN/kr-token" init --module softhsm2 --label "$1" --so-pin-fd 3 --pin-fd 4 \
    3<"$WORK/so.pin" 4<"$WORK/user.pin" >/dev/null
}

# new_quorum_softhsm LABEL DIR M NAME... : a fresh SoftHSM token set up under an M-of-N quorum
# (kr-token init --quorum, a cheap KDF for speed): share files DIR/NAME.share, descriptor
# DIR/LABEL.shares.json, audit key DIR/LABEL.shares.json.audit-key.pem, passphrase files
# $WORK/passphrases/NAME.pass (0600). Sets QUORUM_ARGS to present every custodian in order, and
# writes the derived user PIN to $WORK/user.pin for kr-token list (a test may know it; keyrite
# never shows it).
new_quorum_softhsm() {
  local label=$1 dir=$2 m=$3; shift 3
  local n=$# name init_args=() reveal_args=()
  local conf=$WORK/softhsm-$label
  mkdir -p "$conf/tokens" "$dir" "$WORK/passphrases"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$conf/tokens" > "$conf/softhsm2.conf"
  export SOFTHSM2_CONF=$conf/softhsm2.conf
  QUORUM_ARGS=()
  for name in "$@"; do
    (umask 077; echo "passphrase of $name, $RANDOM$RANDOM$RANDOM" > "$WORK/passphrases/$name.pass")
    init_args+=(--custodian "$name=$dir/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
    QUORUM_ARGS+=(--share "$name=$dir/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
    reveal_args+=(--share "$dir/$name.share=$WORK/passphrases/$name.pass")
  done
  "$KR_BIN/kr-token" init --module softhsm2 --label "$label" --quorum "$m-of-$n" "${init_args[@]}" \
    --descriptor "$dir/$label.shares.json" --kdf-memory-kib 8192 >/dev/null
  "$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$dir/$label.shares.json" "${reveal_args[@]}" |
    sed -n 's/^user-pin //p' > "$WORK/user.pin"
}

# yaml_root_and_sub ID TOKEN SUB-CN SUB-NOT-BEFORE : the start of a test ceremony's YAML, up to
# and including "steps:" and two CAs: an EC P-384 root (key root, root.crt) and a subordinate CA
# under it issued from its exported public key (key sub, sub.pub.pem, sub.crt). Callers append
# their own steps.
yaml_root_and_sub() {
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: $2}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-384}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example $1 Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-pub
    export-public-key: {key: sub, output: sub.pub.pem}
  - id: sub
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: subordinate-ca
      public-key: sub.pub.pem
      subject: {C: US, O: Example, CN: $3}
      validity: {not-before: $4, not-after: 2035-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
YAML
}

# run_expect STATUS COMMAND... : runs, captures stdout/stderr into $OUT/$ERR, checks the status.
run_expect() {
  local want=$1; shift
  set +e
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local got=$?
  set -e
  OUT=$(cat "$WORK/stdout"); ERR=$(cat "$WORK/stderr")
  if [[ $got != "$want" ]]; then
    fail "expected exit $want, got $got: $*"; echo "stdout: $OUT" >&2; echo "stderr: $ERR" >&2
    return 1
  fi
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
  if [[ "$2" == "$3" ]]; then pass "$1"; else
    fail "$1"; printf '  expected: %s\n  actual:   %s\n' "$2" "$3" >&2; fi
}

assert_no_file() { if [[ -e $2 ]]; then fail "$1: $2 exists"; else pass "$1"; fi; }

key_count() {
  "$KR_BIN/kr-token" list --module softhsm2 --label "$1" --pin-fd 3 3<"$WORK/user.pin" |
    head -1 | sed -E 's/.*: ([0-9]+) keys?$/\1/'
}

finish() {
  echo "checks: $TESTS_PASSED passed, $TESTS_FAILED failed"
  [[ $TESTS_FAILED == 0 ]]
}
