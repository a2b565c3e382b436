#!/usr/bin/env bash
# The demo ceremony on a private SoftHSM token: four keys, four roots that OpenSSL, certtool and
# Botan accept, printed fingerprints equal to OpenSSL's, a complete event log, and no PIN anywhere.
source "$(dirname "$0")/lib.sh"
script=$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml
new_softhsm example-root-hsm
out=$WORK/out

run_expect 0 "$KR_BIN/kr-ceremony" check "$script" --output-dir "$out"
assert_eq "check reports the script" \
  "$script: OK: ceremony example-roots-2015, 12 step(s), token \"example-root-hsm\"" "$OUT"

run_expect 0 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$out" --pin-fd 3 3<"$WORK/user.pin"
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

# The event log: one line per event, CPS 5.4.1 fields, hashes that match the files.
log=$out/example-roots-2015.events.jsonl
assert_eq "event types in order" \
  "ceremony-started token-opened preflight-passed key-generated key-generated key-generated key-generated certificate-signed certificate-signed certificate-signed certificate-signed public-key-exported public-key-exported public-key-exported public-key-exported ceremony-finished" \
  "$(jq -r .type "$log" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "sequence numbers have no gaps" "$(seq 0 15 | tr '\n' ' ')" "$(jq -r .seq "$log" | tr '\n' ' ')"
assert_eq "every event has the CPS 5.4.1 fields" "16" \
  "$(jq -c 'select(.type and .time and .outcome and .operator == "Alex Admin" and (.target|length>0) and (.cause|length>0))' "$log" | wc -l)"
for i in 1 2 3 4; do
  want=$(sha256sum "$out/root-ca-$i.crt" | cut -d' ' -f1)
  got=$(jq -r "select(.type==\"certificate-signed\" and .target==\"file:root-ca-$i.crt\") | .outputs[0].sha256" "$log")
  assert_eq "log records the SHA-256 of root-ca-$i.crt" "$want" "$got"
done
assert_eq "log records the script's SHA-256" "$(sha256sum "$script" | cut -d' ' -f1)" \
  "$(jq -r 'select(.type=="ceremony-started") | .inputs[0].sha256' "$log")"

# No PIN in any output, file or log.
for pin in "$(cat "$WORK/user.pin")" "$(cat "$WORK/so.pin")"; do
  if grep -rqF "$pin" "$out" "$WORK/run.stdout" "$WORK/run.stderr"; then fail "a PIN appears in the outputs"; else pass "no PIN in outputs"; fi
done

# Running again never overwrites: the outputs exist, so the script is refused before the token.
run_expect 2 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$out" --pin-fd 3 3<"$WORK/user.pin"
assert_eq "a second run refuses to overwrite, naming file, line and field" \
  "kr-ceremony: error: $script:36:15: steps[4].self-sign.output: \"$out/root-ca-1.crt\" already exists; keyrite never overwrites a file" \
  "$(head -1 <<<"$ERR")"
assert_eq "every existing output is named" "8" "$(grep -c 'already exists' <<<"$ERR")"
assert_eq "the token still holds four keys" "4" "$(key_count example-root-hsm)"
finish
