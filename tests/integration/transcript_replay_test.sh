#!/usr/bin/env bash
# kr-transcript replay on a real ceremony: the demo script (example-roots-2015) run by kr-ceremony
# under a 3-of-5 quorum on a private SoftHSM token. The auditor's copy of the artifacts replays
# clean (every step's quorum, every root re-derived byte for byte and verified by OpenSSL and
# Botan, every exported key the generated one); a modified, a missing and two swapped artifacts
# each fail naming the step; an unusable artifacts directory exits 2.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?KR_TEST_BIN must point at the built test helpers}"
T=$KR_BIN/kr-transcript
ceremony=$WORK/ceremony
new_quorum_softhsm example-root-hsm "$ceremony" 3 Cara Dev Eli Fay Gus
script=$ceremony/example-roots-2015.yaml
cp "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" "$script"
out=$WORK/out
run_expect 0 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$out" "${QUORUM_ARGS[@]}" \
  --attested-time 2026-11-23T10:00:00Z
log=$out/example-roots-2015.events.jsonl
key=$ceremony/example-root-hsm.shares.json.audit-key.pem

# The auditor works on a copy, away from the ceremony directory.
audit=$WORK/auditor
mkdir -p "$audit"
cp "$out"/*.crt "$out"/*.pem "$audit"/
cd "$audit"

run_expect 0 "$T" replay "$log" --artifacts "$audit" --audit-key "$key"
grep -q "^verdict: *ok" <<<"$OUT" && pass "replay: verdict ok" || fail "replay: $OUT"
grep -q "^quorum: *3-of-5 (set " <<<"$OUT" && pass "replay: the quorum is the roster's 3-of-5" || fail "quorum line: $OUT"

run_expect 0 "$T" replay "$log" --artifacts "$audit" --audit-key "$key" --format json
assert_eq "json: overall verdict" ok "$(jq -r .verdict <<<"$OUT")"
assert_eq "json: a verdict for each of the 12 steps, all ok" "12 12" \
  "$(jq -r '"\(.steps | length) \([.steps[] | select(.verdict == "ok")] | length)"' <<<"$OUT")"
assert_eq "json: every step approved by three custodians" 12 \
  "$(jq '[.steps[] | select(any(.checked[]; test("^quorum 3-of-5: approved by [A-Za-z]+, [A-Za-z]+, [A-Za-z]+$")))] | length' <<<"$OUT")"
assert_eq "json: every root re-derived byte for byte" 4 \
  "$(jq '[.steps[] | select(any(.checked[]; startswith("to-be-signed certificate re-derived byte for byte")))] | length' <<<"$OUT")"
assert_eq "json: every root verified by Botan" 4 \
  "$(jq '[.steps[] | select(any(.checked[]; . == "signature verified by Botan"))] | length' <<<"$OUT")"
assert_eq "json: every exported key is the generated one" 4 \
  "$(jq '[.steps[] | select(any(.checked[]; test("is the public key generated as")))] | length' <<<"$OUT")"

# A modified artifact: one byte of root-ca-3.crt's base64.
mkdir "$WORK/modified" && cp "$audit"/* "$WORK/modified"/
sed -i '5s/^./X/' "$WORK/modified/root-ca-3.crt"
run_expect 4 "$T" replay "$log" --artifacts "$WORK/modified" --audit-key "$key" --format json
assert_eq "modified: only cert-3 fails" "cert-3" "$(jq -r '[.steps[] | select(.verdict == "failed") | .id] | join(",")' <<<"$OUT")"
assert_eq "modified: named as modified or swapped" 1 \
  "$(jq '[.steps[] | select(.id == "cert-3") | .problems[] | select(test("^artifact: root-ca-3.crt has SHA-256 .* modified or swapped"))] | length' <<<"$OUT")"

# A missing artifact.
mkdir "$WORK/missing" && cp "$audit"/* "$WORK/missing"/
rm "$WORK/missing/root-ca-2.pub.pem"
run_expect 4 "$T" replay "$log" --artifacts "$WORK/missing" --audit-key "$key"
grep -q "^step pub-2 (export-public-key): failed" <<<"$OUT" && pass "missing: pub-2 fails" || fail "missing: $OUT"
grep -q "FAILED: artifact: root-ca-2.pub.pem is missing from the artifacts directory" <<<"$OUT" &&
  pass "missing: the file is named" || fail "missing: $OUT"

# Two swapped artifacts.
mkdir "$WORK/swapped" && cp "$audit"/* "$WORK/swapped"/
mv "$WORK/swapped/root-ca-1.crt" "$WORK/swapped/tmp" && mv "$WORK/swapped/root-ca-4.crt" "$WORK/swapped/root-ca-1.crt" &&
  mv "$WORK/swapped/tmp" "$WORK/swapped/root-ca-4.crt"
run_expect 4 "$T" replay "$log" --artifacts "$WORK/swapped" --audit-key "$key" --format json
assert_eq "swapped: cert-1 and cert-4 fail" "cert-1,cert-4" \
  "$(jq -r '[.steps[] | select(.verdict == "failed") | .id] | join(",")' <<<"$OUT")"
assert_eq "swapped: cert-1's file is named as cert-4's artifact" 1 \
  "$(jq '[.steps[] | select(.id == "cert-1") | .problems[] | select(test("it is the artifact of step cert-4 \\(root-ca-4.crt\\)"))] | length' <<<"$OUT")"

# A transcript that does not verify is not replayed; unusable inputs exit 2.
sed 's/"root-ca-1.crt"/"root-ca-9.crt"/' "$log" > "$WORK/tampered.jsonl"
run_expect 4 "$T" replay "$WORK/tampered.jsonl" --artifacts "$audit" --audit-key "$key"
grep -q "^problem: *the transcript does not verify" <<<"$OUT" && pass "tampered transcript: not replayed" || fail "tampered: $OUT"
run_expect 2 "$T" replay "$log" --artifacts "$WORK/no-such-dir" --audit-key "$key"
grep -q "no-such-dir: not a directory" <<<"$ERR" && pass "missing artifacts directory: named" || fail "no dir: $ERR"
run_expect 1 "$T" replay "$log" --audit-key "$key"
finish
