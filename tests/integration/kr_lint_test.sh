#!/bin/bash
# kr-lint end to end: every certificate of Debian's ca-certificates bundle (as one PEM bundle and as
# separate DER files) and every real artifact in tests/data/realworld lint without a crash; the
# hand-made broken artifacts in tests/data/broken are reported by id; the JSON has the documented
# shape; and the exit statuses are 0 (no errors), 1 (error findings, or a usage error) and 2
# (unreadable input, which wins over 1).
source "$(dirname "$0")/lib.sh"

LINT=$KR_BIN/kr-lint
BROKEN=$KR_SOURCE_DIR/tests/data/broken
REAL=$KR_SOURCE_DIR/tests/data/realworld
BUNDLE=/etc/ssl/certs/ca-certificates.crt

# status COMMAND... : runs it, keeping stdout/stderr in $WORK, and prints the exit status.
status() {
  set +e
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local s=$?
  set -e
  echo "$s"
}

assert_status_in() {  # WHAT "0 4" STATUS
  if [[ " $2 " == *" $3 "* ]]; then pass "$1 (exit $3)"; else
    fail "$1: exit $3, expected one of $2"; head -5 "$WORK/stderr" >&2; fi
}

# The ids of the findings of the artifact at INDEX of a JSON report, space-separated.
ids_of() { jq -r --argjson i "${2:-0}" '[.files[$i].findings[].id] | join(" ")' "$1"; }

# --- Debian's ca-certificates ------------------------------------------------------------------
if [[ ! -r $BUNDLE ]]; then
  fail "$BUNDLE is missing (scripts/install-deps installs ca-certificates)"
else
  count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$BUNDLE")
  s=$(status "$LINT" --format json "$BUNDLE")
  cp "$WORK/stdout" "$WORK/bundle.json"
  assert_status_in "ca-certificates bundle linted without a crash or an unreadable part" "0 4" "$s"
  assert_eq "every certificate of the bundle has a result" "$count" \
    "$(jq '[.files[] | select(.type == "certificate" and (.findings | type) == "array")] | length' \
      "$WORK/bundle.json")"
  assert_eq "the bundle's artifacts are indexed 0..N-1" "$(seq 0 $((count - 1)) | paste -sd' ')" \
    "$(jq -r '[.files[].index] | map(tostring) | join(" ")' "$WORK/bundle.json")"
  assert_eq "no lint failed on any of them" "0" \
    "$(jq '[.files[].findings[] | select(.id | test("lint_failed"))] | length' "$WORK/bundle.json")"
  echo "ca-certificates: $count certificates; findings by id:"
  jq -r '.files[].findings[].id' "$WORK/bundle.json" | sort | uniq -c | sort -rn | sed 's/^/  /'

  # The same certificates as separate DER files, in one run.
  mkdir -p "$WORK/der"
  awk -v dir="$WORK/der" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/" n ".pem") }' \
    "$BUNDLE"
  for pem in "$WORK"/der/*.pem; do openssl x509 -in "$pem" -outform DER -out "${pem%.pem}.der"; done
  s=$(status "$LINT" "$WORK"/der/*.der)
  assert_status_in "each ca-certificates certificate as DER" "0 4" "$s"
  assert_eq "one report line per DER file" "$count" \
    "$(grep -c '\.der: certificate ".*"; profile ' "$WORK/stdout" || true)"
fi

# --- the real artifacts in tests/data/realworld -------------------------------------------------
s=$(status "$LINT" --format json "$REAL"/*.pem)
cp "$WORK/stdout" "$WORK/real.json"
assert_status_in "every real certificate and CRL linted" "4" "$s"
assert_eq "a result for each real file" "$(ls "$REAL"/*.pem | wc -l)" \
  "$(jq '[.files[] | select(.error == null)] | length' "$WORK/real.json")"
real() { jq -r --arg f "$REAL/$1" ".files[] | select(.file == \$f) | $2" "$WORK/real.json"; }
assert_eq "Amazon Root CA 1 is clean against root-ca" "root-ca 0" \
  "$(real amazon-root-ca-1.pem '"\(.profile) \(.findings | length)"')"
assert_eq "Starfield G2's serial 0 is reported" "e_serial_not_positive" \
  "$(real starfield-services-root-g2.pem '.findings[0].id')"
assert_eq "the 20,685-entry CRL is linted against the crl profile" "crl" \
  "$(real crl-incommon-rsa-server-ca-2018-08.pem '.profile')"
assert_eq "its entries are out of order" "true" \
  "$(real crl-incommon-rsa-server-ca-2018-08.pem '[.findings[].id] | index("e_crl_entries_unsorted") != null')"
s=$(status "$LINT" --issuer "$REAL/isrg-root-x1.pem" "$REAL/le-r10.pem")
assert_status_in "R10 against its issuer ISRG Root X1" "0 4" "$s"
if ! grep -q "e_signature_invalid\|e_aki_mismatch\|e_issuer_subject_mismatch" "$WORK/stdout"; then
  pass "R10's signature, name and key identifier match ISRG Root X1"
else fail "R10 against ISRG Root X1: $(cat "$WORK/stdout")"; fi

# --- hand-made broken artifacts: each defect by id ---------------------------------------------
broken() {  # WHAT EXPECTED-IDS kr-lint-arguments...
  local what=$1 want=$2; shift 2
  status "$LINT" --format json "$@" >/dev/null
  assert_eq "$what" "$want" "$(ids_of "$WORK/stdout")"
}
broken "the clean test root lints clean" "" "$BROKEN/test-root-ca.pem"
broken "negative serial" "e_serial_not_positive" "$BROKEN/negative-serial.pem"
broken "CA certificate without subjectKeyIdentifier" "e_ski_missing" "$BROKEN/missing-ski.pem"
broken "root with the wrong keyUsage" "e_ku_bits_mismatch" "$BROKEN/wrong-keyusage.pem"
broken "keyCertSign without cA" "e_ku_cert_sign_without_ca" \
  --issuer "$BROKEN/test-root-ca.pem" "$BROKEN/keycertsign-not-ca.pem"
broken "issued by an expired CA, and outliving it" \
  "e_issuer_expired_at_not_before e_validity_outlives_issuer" \
  --issuer "$BROKEN/expired-ca.pem" "$BROKEN/issued-by-expired-ca.pem"
broken "the sorted CRL is clean" "" --issuer "$BROKEN/test-root-ca.pem" "$BROKEN/sorted-crl.pem"
broken "unsorted CRL entries" "e_crl_entries_unsorted" \
  --issuer "$BROKEN/test-root-ca.pem" "$BROKEN/unsorted-crl.pem"
broken "duplicate CRL entries" "e_crl_entry_duplicate" \
  --issuer "$BROKEN/test-root-ca.pem" "$BROKEN/duplicate-crl.pem"
broken "a CRL against the wrong issuer" \
  "e_crl_sig_alg_key_mismatch e_crl_issuer_mismatch e_crl_aki_mismatch e_signature_invalid" \
  --issuer "$REAL/amazon-root-ca-1.pem" "$BROKEN/sorted-crl.pem"
mkdir -p "$WORK/rfc-only"
cp "$KR_SOURCE_DIR/templates/profiles/root-ca.yaml" "$WORK/rfc-only/"
broken "without a crl profile, unsorted entries are an RFC 5280 warning" "w_crl_entries_unsorted" \
  --profiles "$WORK/rfc-only" --issuer "$BROKEN/test-root-ca.pem" "$BROKEN/unsorted-crl.pem"
assert_eq "... which is a warning" "warning" "$(jq -r '.files[0].findings[0].severity' "$WORK/stdout")"

# --- the JSON shape ----------------------------------------------------------------------------
status "$LINT" --format json "$REAL/isrg-root-x1.pem" "$BROKEN/unsorted-crl.pem" /dev/null >/dev/null
assert_eq "JSON: top-level keys" '["files","summary"]' "$(jq -c 'keys' "$WORK/stdout")"
assert_eq "JSON: an artifact's keys" '["file","findings","index","name","profile","profile_reason","type"]' \
  "$(jq -c '.files[0] | keys' "$WORK/stdout")"
assert_eq "JSON: a finding's keys" '["id","message","severity"]' \
  "$(jq -c '.files[0].findings[0] | keys' "$WORK/stdout")"
assert_eq "JSON: values" '"certificate" "root-ca" "e_ku_bits_mismatch" "error" 0' \
  "$(jq -c '.files[0] | [.type, .profile, .findings[0].id, .findings[0].severity, .index] | .[]' \
    "$WORK/stdout" | paste -sd' ')"
assert_eq "JSON: an unreadable input has an error and no findings" '"/dev/null" null false' \
  "$(jq -c '.files[2] | [.file, .type, has("findings")] | .[]' "$WORK/stdout" | paste -sd' ')"
assert_eq "JSON: the summary carries the exit status" "2" "$(jq '.summary.exit_status' "$WORK/stdout")"

# --- exit statuses and messages ----------------------------------------------------------------
assert_eq "exit 0: a clean root" "0" "$(status "$LINT" "$REAL/amazon-root-ca-3.pem")"
# An intermediate with the RFC 5280 lints only (no subordinate-ca profile in that directory):
# one notice, no errors.
assert_eq "exit 0: notices and warnings only" "0" \
  "$(status "$LINT" --profiles "$WORK/rfc-only" "$REAL/le-e1.pem")"
assert_eq "... the notice is shown" "1" "$(grep -c ': notice: n_issuer_not_checked: ' "$WORK/stdout")"
assert_eq "exit 4: an error finding (verified and found wrong)" "4" "$(status "$LINT" "$REAL/isrg-root-x2.pem")"
assert_eq "... and nothing on stderr" "" "$(cat "$WORK/stderr")"
assert_eq "exit 2: a file that does not exist" "2" "$(status "$LINT" "$WORK/absent.pem")"
assert_eq "... named on stderr" "kr-lint: error: $WORK/absent.pem: cannot read: No such file or directory" \
  "$(cat "$WORK/stderr")"
echo "not a certificate" >"$WORK/garbage.txt"
assert_eq "exit 2 (an unreadable input) wins over 4" "2" "$(status "$LINT" "$REAL/isrg-root-x2.pem" "$WORK/garbage.txt")"
assert_eq "... the readable file is still reported" "1" \
  "$(grep -c '^.*isrg-root-x2.pem: error: e_ku_bits_mismatch' "$WORK/stdout")"
assert_eq "... the unreadable one on stderr" \
  "kr-lint: error: $WORK/garbage.txt: not PEM, and not a DER certificate, CRL, CSR or OCSP response" \
  "$(cat "$WORK/stderr")"
head -c 20 "$REAL/amazon-root-ca-1.pem" >"$WORK/cut.pem"
assert_eq "exit 2: a truncated PEM" "2" "$(status "$LINT" "$WORK/cut.pem")"
truncate -s $((64 * 1024 * 1024 + 1)) "$WORK/huge.bin"
assert_eq "exit 2: an input over 64 MiB" "2" "$(status "$LINT" "$WORK/huge.bin")"
assert_eq "... says so" "kr-lint: error: $WORK/huge.bin: is larger than 64 MiB, the most kr-lint reads" \
  "$(cat "$WORK/stderr")"
assert_eq "exit 2: an unreadable --issuer" "2" \
  "$(status "$LINT" --issuer "$WORK/garbage.txt" "$REAL/le-e1.pem")"
assert_eq "standard input as -" "0" "$(status bash -c "\"$LINT\" - < \"$REAL/amazon-root-ca-4.pem\"")"
assert_eq "... reported as -" '-: certificate "C = US, O = Amazon, CN = Amazon Root CA 4"; profile root-ca (self-signed CA certificate); clean' \
  "$(head -1 "$WORK/stdout")"
assert_eq "a bundle's artifacts are located by index" "1" \
  "$(cat "$REAL/amazon-root-ca-1.pem" "$REAL/isrg-root-x1.pem" >"$WORK/two.pem"
     status "$LINT" "$WORK/two.pem" >/dev/null; grep -c "^$WORK/two.pem\[1\]: error: e_ku_bits_mismatch" "$WORK/stdout")"

# Usage errors exit 1 (CLI11, as every keyrite tool), never the status of error findings.
assert_eq "usage error: no FILE" "1" "$(status "$LINT")"
assert_eq "... error and hint on stderr" "kr-lint: error: FILE is required
kr-lint: hint: run kr-lint --help" "$(cat "$WORK/stderr")"
assert_eq "... nothing on stdout" "" "$(cat "$WORK/stdout")"
assert_eq "usage error: --format yaml" "1" "$(status "$LINT" --format yaml "$REAL/le-e1.pem")"
assert_eq "... named" "1" "$(grep -c '^kr-lint: error: --format: yaml not in {text,json}' "$WORK/stderr" || true)"
assert_eq "usage error: an unknown --profile" "1" "$(status "$LINT" --profile nope "$REAL/le-e1.pem")"
assert_eq "... with the profiles that exist as a hint" "1" \
  "$(grep -c '^kr-lint: hint: the profiles there are .*root-ca' "$WORK/stderr")"
assert_eq "--help exits 0 and documents the exit statuses" "0" "$(status "$LINT" --help)"
assert_eq "... " "1" "$(grep -c 'Exit status: 0 no error findings' "$WORK/stdout")"

finish
