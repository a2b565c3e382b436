#!/usr/bin/env bash
# kr-ceremony plan: the exact to-be-signed DER of every step already known, with SHA-256 and PGP
# words, nothing signed or written elsewhere; run --plan signs exactly those bytes and refuses when
# anything changed in between.
source "$(dirname "$0")/lib.sh"
new_softhsm plan-hsm
r=$WORK/records; mkdir -p "$r"; cd "$r"
cat > base.yaml <<'YAML'
keyrite: 1
ceremony: {id: base, test: true}
token: {module: softhsm2, label: plan-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: root-key
    generate-key: {label: root, type: rsa, bits: 2048}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Plan Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-csr
    make-csr: {key: sub, subject: {C: US, O: Example, CN: Example Plan Sub}, output: sub.csr}
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run base.yaml --output-dir base --pin-fd 3 3<"$WORK/user.pin"
cat > later.yaml <<'YAML'
keyrite: 1
ceremony: {id: later, test: true}
token: {module: softhsm2, label: plan-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: sub
    issue:
      issuer: {key: root, certificate: base/root.crt}
      profile: subordinate-ca
      csr: base/sub.csr
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2035-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: base/root.crt}
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: crl-state.jsonl
      output: root.crl
  - id: ocsp
    sign-ocsp-response:
      issuer: {key: root, certificate: base/root.crt}
      certificate: sub.crt
      status: good
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      output: sub.ocsp
YAML
run_expect 0 "$KR_BIN/kr-ceremony" plan later.yaml --output-dir out --tbs-dir tbs --pin-fd 3 3<"$WORK/user.pin"
plan_out=$OUT
for step in sub crl; do
  [[ -s tbs/$step.tbs.der ]] && pass "plan wrote the to-be-signed DER of step $step" || fail "no tbs/$step.tbs.der"
  want=$(sha256sum tbs/$step.tbs.der | cut -d' ' -f1)
  grep -q "SHA-256 $want" <<<"$plan_out" && pass "plan printed the SHA-256 of $step" || fail "sha of $step not printed: $plan_out"
done
grep -q "step ocsp: not known until the ceremony runs" <<<"$plan_out" && pass "a step whose input is made in the ceremony is not planned" || fail "ocsp: $plan_out"
grep -qE "^  1  [A-Za-z]+ +[A-Za-z]+ +[A-Za-z]+ +[A-Za-z]+$" <<<"$plan_out" && pass "digests are printed as PGP words" || fail "no PGP words: $plan_out"
assert_no_file "plan writes no outputs" out/sub.crt
assert_no_file "plan consumes no CRL number" crl-state.jsonl
openssl asn1parse -inform DER -in tbs/sub.tbs.der >/dev/null && pass "the planned certificate TBS is DER" || fail "tbs not DER"

run_expect 0 "$KR_BIN/kr-ceremony" run later.yaml --output-dir out --plan tbs/plan.json --pin-fd 3 3<"$WORK/user.pin"
assert_eq "the issued certificate's TBS is exactly the planned one" \
  "$(sha256sum tbs/sub.tbs.der | cut -d' ' -f1)" \
  "$(jq -r 'select(.step=="sub" and .type=="certificate-signed") | .details.tbs_sha256' out/later.events.jsonl)"
assert_eq "the certificate carries the planned serial" \
  "$(jq -r .steps.sub.serial tbs/plan.json)" \
  "$(jq -r 'select(.step=="sub" and .type=="certificate-signed") | .details.serial' out/later.events.jsonl)"
assert_eq "the CRL's TBS is exactly the planned one" "$(sha256sum tbs/crl.tbs.der | cut -d' ' -f1)" \
  "$(jq -r 'select(.step=="crl") | .details.tbs_sha256' out/later.events.jsonl | head -1)"

# Between plan and run the CRL state moved on: the CRL would differ, so it is refused unsigned.
sed 's/id: later}/id: again}/; s/output: sub.crt/output: sub2.crt/; s/output: root.crl/output: root2.crl/; s/output: sub.ocsp/output: sub2.ocsp/; s/certificate: sub.crt/certificate: sub2.crt/' later.yaml > again.yaml
run_expect 0 "$KR_BIN/kr-ceremony" plan again.yaml --output-dir out2 --tbs-dir tbs2 --pin-fd 3 3<"$WORK/user.pin"
cat > bump.yaml <<'YAML'
keyrite: 1
ceremony: {id: bump, test: true}
token: {module: softhsm2, label: plan-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: base/root.crt}
      this-update: 2026-11-02T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: crl-state.jsonl
      output: bump.crl
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run bump.yaml --output-dir out-bump --pin-fd 3 3<"$WORK/user.pin"
run_expect 2 "$KR_BIN/kr-ceremony" run again.yaml --output-dir out2 --plan tbs2/plan.json --pin-fd 3 3<"$WORK/user.pin" || true
grep -q "the CRL of step crl differs from the plan the witnesses reviewed" <<<"$ERR" && pass "a CRL that drifted from the plan is refused" || fail "drift: $ERR"
assert_no_file "the drifted CRL is not written" out2/root2.crl
# Two CRLs, each reserved then issued: the refusal added no line.
assert_eq "no CRL number consumed by the refusal" "4" "$(wc -l < crl-state.jsonl)"

# A plan is bound to its script: another version of the script is refused before anything runs.
echo "# edited" >> later.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run later.yaml --output-dir out3 --plan tbs/plan.json --pin-fd 3 3<"$WORK/user.pin" || true
assert_eq "a plan for another version of the script is refused" \
  "kr-ceremony: error: tbs/plan.json: was made for another version of later.yaml" "$(head -1 <<<"$ERR")"
finish
