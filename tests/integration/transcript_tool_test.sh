#!/usr/bin/env bash
# kr-transcript end to end: verify (text and JSON), a tampered, truncated and cut transcript, prove
# and verify-proof (inclusion and consistency), show, and the exit statuses 0/1/2.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?KR_TEST_BIN must point at the built test helpers}"
T=$KR_BIN/kr-transcript
"$KR_TEST_BIN/kr-sample-transcript" "$WORK"
cd "$WORK"

run_expect 0 "$T" verify transcript.jsonl --audit-key audit.pem
assert_eq "verify: verdict ok" "verdict:    ok" "$(grep '^verdict' <<<"$OUT")"
assert_eq "verify: final root in hex" 1 "$(grep -cE '^root: +[0-9a-f]{64}$' <<<"$OUT")"

run_expect 0 "$T" verify transcript.jsonl --audit-key audit.pem --format json
assert_eq "verify --format json: verdict" ok "$(jq -r .verdict <<<"$OUT")"
assert_eq "verify --format json: 32 PGP words" 32 "$(jq '."last-checkpoint"."root-pgp-words" | length' <<<"$OUT")"

sed 's/"root-ca-1.crt"/"root-ca-9.crt"/' transcript.jsonl > tampered.jsonl
run_expect 4 "$T" verify tampered.jsonl --audit-key audit.pem --format json
assert_eq "tampered: failed at the closing checkpoint" "failed 13" "$(jq -r '"\(.verdict) \(."failed-line")"' <<<"$OUT")"

head -n 9 transcript.jsonl > truncated.jsonl
run_expect 4 "$T" verify truncated.jsonl --audit-key audit.pem
assert_eq "truncated: incomplete under the checkpoint at line 5" 1 \
  "$(grep -c 'the last verified checkpoint is line 5, covering lines 0-4' <<<"$OUT")"

head -c -40 transcript.jsonl > cut.jsonl
run_expect 4 "$T" verify cut.jsonl --audit-key audit.pem --format json
assert_eq "cut mid-line: incomplete, 13 lines hold, under the checkpoint at line 9" "incomplete 13 9" \
  "$(jq -r '"\(.verdict) \(.lines) \(."last-checkpoint".seq)"' <<<"$OUT")"

openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl ec -pubout 2>/dev/null > other.pem
run_expect 4 "$T" verify transcript.jsonl --audit-key other.pem
run_expect 2 "$T" verify missing.jsonl --audit-key audit.pem
assert_eq "missing transcript: named" 1 "$(grep -c 'missing.jsonl: cannot open the transcript' <<<"$ERR")"
run_expect 2 "$T" verify transcript.jsonl --audit-key transcript.jsonl
run_expect 1 "$T" verify transcript.jsonl

run_expect 0 "$T" prove transcript.jsonl --event 6 --out event6.proof
run_expect 0 "$T" verify-proof event6.proof --audit-key audit.pem
assert_eq "inclusion proof verifies" 1 "$(grep -c '^ok: line 6 is in ceremony demo-2026' <<<"$OUT")"
run_expect 4 "$T" verify-proof event6.proof --audit-key other.pem
run_expect 2 "$T" prove transcript.jsonl --event 6 --out event6.proof
assert_eq "prove never overwrites" 1 "$(grep -c 'already exists' <<<"$ERR")"
run_expect 0 "$T" prove transcript.jsonl --from-checkpoint 5 --to-checkpoint 9 --out cons.proof
run_expect 0 "$T" verify-proof cons.proof --audit-key audit.pem
jq '.hashes[0] = "'"$(printf '0%.0s' {1..64})"'"' cons.proof > cons-bad.proof
run_expect 4 "$T" verify-proof cons-bad.proof --audit-key audit.pem
assert_eq "altered consistency proof refused" "failed: the consistency proof does not join the two checkpoints" "$OUT"

run_expect 0 "$T" show transcript.jsonl
assert_eq "show: one row per line plus two header rows" 16 "$(wc -l <<<"$OUT")"
assert_eq "show: approvals name the custodian" 1 "$(grep -cE '^3 .*approval-recorded +key-1 +Cara' <<<"$OUT")"

finish
