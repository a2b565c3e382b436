#!/usr/bin/env bash
# The demo ceremony on a private SoftHSM token under a 3-of-5 quorum: four keys, four roots that
# OpenSSL, certtool and Botan accept, printed fingerprints equal to OpenSSL's, three distinct valid
# custodian approvals for every step, a signed transcript that kr-transcript verifies, and no PIN
# or passphrase anywhere.
source "$(dirname "$0")/lib.sh"
ceremony=$WORK/ceremony
new_quorum_softhsm example-root-hsm "$ceremony" 3 Cara Dev Eli Fay Gus
script=$ceremony/example-roots-2015.yaml
cp "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" "$script"
out=$WORK/out

run_expect 0 "$KR_BIN/kr-ceremony" check "$script" --output-dir "$out"
assert_eq "check reports the script" \
  "$script: OK: ceremony example-roots-2015, 12 steps, token \"example-root-hsm\"" "$OUT"

# Witnesses may plan the quorum script without any PIN: every signature depends on a key the
# ceremony makes, so nothing is known yet, and the plan says so for each step.
run_expect 0 "$KR_BIN/kr-ceremony" plan "$script" --tbs-dir "$WORK/tbs-before" --output-dir "$out"
assert_eq "plan before the run: four self-signs not yet known, the key steps sign nothing" "4 8 0" \
  "$(grep -c 'not known until the ceremony runs (key "root-ca-[1-4]" is made by an earlier step' <<<"$OUT") $(grep -c 'nothing to sign' <<<"$OUT") $(jq '.steps | length' "$WORK/tbs-before/plan.json")"

run_expect 0 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$out" "${QUORUM_ARGS[@]}" \
  --attested-time 2026-11-23T10:00:00Z
cp "$WORK/stdout" "$WORK/run.stdout"; cp "$WORK/stderr" "$WORK/run.stderr"
for i in 1 2 3 4; do
  cert=$out/root-ca-$i.crt
  [[ -f $cert ]] || fail "root-ca-$i.crt was not written"
  fp=$(openssl x509 -in "$cert" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)
  grep -q "SPKI SHA-256 $fp" "$WORK/run.stdout" && pass "fingerprint of root-ca-$i printed as openssl computes it" ||
    fail "fingerprint $fp of root-ca-$i not printed"
  pub_fp=$(openssl pkey -pubin -in "$out/root-ca-$i.pub.pem" -outform DER | sha256sum | cut -d' ' -f1)
  assert_eq "exported public key $i is the certificate's key" "$fp" "$pub_fp"
done
run_expect 0 "$KR_SOURCE_DIR/scripts/verify-roots" "$out"/root-ca-{1,2,3,4}.crt
pass "openssl -x509_strict, certtool and botan accept all four roots"

# Certificate contents as the seed CA's roots have them.
text=$(openssl x509 -in "$out/root-ca-2.crt" -noout -text)
grep -q "Signature Algorithm: sha384WithRSAEncryption" <<<"$text" && pass "root 2 uses sha384WithRSAEncryption" || fail "root 2 algorithm"
grep -q "Public-Key: (4096 bit)" <<<"$text" && pass "root 2 is RSA 4096" || fail "root 2 key size"
assert_eq "root 1 validity" "notBefore=May 26 00:00:00 2015 GMT
notAfter=Jan 17 00:00:00 2038 GMT" "$(openssl x509 -in "$out/root-ca-1.crt" -noout -dates)"
assert_eq "root 4 subject" "subject=C = US, O = Example Trust Services, CN = Example Root CA 4" \
  "$(openssl x509 -in "$out/root-ca-4.crt" -noout -subject)"

# The transcript: CPS 5.4.1 fields, hashes that match the files, three approvals per step, and
# signed checkpoints that kr-transcript verifies with the audit key kr-token init exported.
log=$out/example-roots-2015.events.jsonl
events=$(jq -c 'select(.type != "checkpoint")' "$log")
assert_eq "event types of the first step, in order" \
  "ceremony-started token-opened approval-recorded approval-recorded approval-recorded quorum-reached preflight-passed artifact-intent key-generated checkpoint" \
  "$(jq -r .type "$log" | head -10 | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the last lines close the ceremony" "ceremony-finished checkpoint" \
  "$(jq -r .type "$log" | tail -2 | tr '\n' ' ' | sed 's/ $//')"
assert_eq "sequence numbers have no gaps" "$(seq 0 $(($(wc -l < "$log") - 1)) | tr '\n' ' ')" \
  "$(jq -r .seq "$log" | tr '\n' ' ')"
assert_eq "every event has the CPS 5.4.1 fields" "$(wc -l <<<"$events")" \
  "$(jq -c 'select(.type and .time and .outcome and .operator == "Alex Admin" and (.target|length>0) and (.cause|length>0))' <<<"$events" | wc -l)"
for step in key-1 key-2 key-3 key-4 cert-1 cert-2 cert-3 cert-4 pub-1 pub-2 pub-3 pub-4; do
  assert_eq "step $step carries 3 approvals from distinct custodians" "3" \
    "$(jq -r "select(.type==\"approval-recorded\" and .step==\"$step\") | .details.approval.custodian" "$log" | sort -u | wc -l)"
done
assert_eq "the roster in the first event is the descriptor's" \
  "$(jq -r '.["set-id"]' "$ceremony/example-root-hsm.shares.json") 3 Cara,Dev,Eli,Fay,Gus" \
  "$(jq -r '.details.roster as $r | "\($r["set-id"]) \($r.m) \($r.custodians | keys | join(","))"' <<<"$(head -1 "$log")")"
assert_eq "the first event embeds the script" "$(cat "$script")" "$(head -1 "$log" | jq -r .details.script)"
assert_eq "the first event records the SHA-256 of the kr-ceremony binary that ran" \
  "$(sha256sum "$KR_BIN/kr-ceremony" | cut -d' ' -f1)" "$(head -1 "$log" | jq -r .details.binary_sha256)"
assert_eq "the first event records the attested time" "2026-11-23T10:00:00Z" "$(head -1 "$log" | jq -r .details.attested_time)"
for i in 1 2 3 4; do
  want=$(sha256sum "$out/root-ca-$i.crt" | cut -d' ' -f1)
  got=$(jq -r "select(.type==\"certificate-signed\" and .target==\"file:root-ca-$i.crt\") | .outputs[0].sha256" "$log")
  assert_eq "log records the SHA-256 of root-ca-$i.crt" "$want" "$got"
done
assert_eq "log records the script's SHA-256" "$(sha256sum "$script" | cut -d' ' -f1)" \
  "$(jq -r 'select(.type=="ceremony-started") | .inputs[0].sha256' "$log")"
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$ceremony/example-root-hsm.shares.json.audit-key.pem"
grep -q "^verdict: *ok" <<<"$OUT" && pass "kr-transcript verifies the transcript with the audit key" || fail "verify: $OUT"
root=$(sed -n 's/^ *1  final transcript root (hex): \([0-9a-f]*\)$/\1/p' "$WORK/run.stdout")
[[ ${#root} == 64 ]] && grep -q "^root: *$root" <<<"$OUT" && pass "the root printed for the paper log is the verified one" || fail "root $root not in: $OUT"
assert_eq "the closing checkpoint is cosigned by the last step's three custodians" "4" \
  "$(tail -1 "$log" | jq -r .note | grep -c '^— ')"

# No PIN or passphrase in any output, file or log.
for secret in "$(cat "$WORK/user.pin")" "$(cat "$WORK"/passphrases/*.pass)"; do
  while IFS= read -r line; do
    if grep -rqF "$line" "$out" "$ceremony" "$WORK/run.stdout" "$WORK/run.stderr"; then
      fail "a PIN or passphrase appears in the outputs"; else pass "no PIN or passphrase in outputs"; fi
  done <<<"$secret"
done

# Running again never overwrites: the outputs exist, so the script is refused before the token.
run_expect 2 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$out" "${QUORUM_ARGS[@]}"
assert_eq "a second run refuses to overwrite, naming file, line and field" \
  "kr-ceremony: error: $script:38:15: steps[4].self-sign.output: \"$out/root-ca-1.crt\" already exists; keyrite never overwrites a file" \
  "$(head -1 <<<"$ERR")"
assert_eq "every existing output is named" "8" "$(grep -c 'already exists' <<<"$ERR")"
assert_eq "the token still holds four keys and the audit key" "5" "$(key_count example-root-hsm)"

# After the ceremony the keys are on the token: a follow-up quorum script that certifies root-ca-3
# again is planned byte for byte without a PIN, and one the profile refuses makes plan fail.
sed -n '1,/^steps:/p' "$script" | sed 's/id: example-roots-2015/id: example-roots-recert/' > "$ceremony/recert.yaml"
cat >> "$ceremony/recert.yaml" <<'YAML'
  - id: recert-3
    self-sign:
      key: root-ca-3
      profile: root-ca
      subject: {C: US, O: Example Trust Services, CN: Example Root CA 3}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root-ca-3-recert.crt
YAML
run_expect 0 "$KR_BIN/kr-ceremony" plan "$ceremony/recert.yaml" --tbs-dir "$WORK/tbs-recert" --output-dir "$WORK/out-recert"
grep -q "^step recert-3: to-be-signed certificate, [0-9]* bytes in recert-3.tbs.der" <<<"$OUT" &&
  pass "plan under a quorum writes the to-be-signed certificate for a key on the token" || fail "plan: $OUT"
openssl x509 -in "$out/root-ca-3.crt" -noout -pubkey | openssl pkey -pubin -outform DER -out "$WORK/root-ca-3.spki.der"
python3 -c 'import sys; sys.exit(0 if open(sys.argv[1], "rb").read() in open(sys.argv[2], "rb").read() else 1)' \
  "$WORK/root-ca-3.spki.der" "$WORK/tbs-recert/recert-3.tbs.der" &&
  pass "the planned TBS carries root-ca-3's public key, read without a login" || fail "the TBS lacks root-ca-3's key"
sed 's/      profile: root-ca/      profile: root-ca\n      signature-algorithm: sha256WithRSAEncryption/' "$ceremony/recert.yaml" > "$ceremony/recert-bad.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" plan "$ceremony/recert-bad.yaml" --tbs-dir "$WORK/tbs-bad" --output-dir "$WORK/out-bad" || true
grep -q "^kr-ceremony: error: $ceremony/recert-bad.yaml:[0-9]*:[0-9]*: steps\[0\].self-sign" <<<"$ERR" &&
  pass "a step the profile refuses makes plan fail with the finding: $(head -1 <<<"$ERR")" || fail "plan refusal: $ERR"
assert_no_file "the refused plan writes no plan.json" "$WORK/tbs-bad/plan.json"
finish
