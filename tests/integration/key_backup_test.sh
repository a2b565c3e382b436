#!/usr/bin/env bash
# Key backup, restore and destruction in ceremonies (CPS 6.2.4, 6.2.6, 6.2.10): a root key made
# for backup on token A under a 3-of-5 quorum is backed up under a 2-of-3 recovery quorum
# (kr-quorum new-set), restored into token B, and signs there a subordinate that openssl verifies
# under the ORIGINAL root certificate; then it is destroyed on A. Refused: a KEK of another
# recovery set, a script without the recovery quorum, a key made without backup: true. No PIN or
# passphrase appears anywhere; both transcripts verify.
source "$(dirname "$0")/lib.sh"
a=$WORK/a; b=$WORK/b; r=$WORK/recovery; r2=$WORK/recovery-other
new_quorum_softhsm hsm-a "$a" 3 Cara Dev Eli Fay Gus
cp "$WORK/user.pin" "$WORK/a-user.pin"
A_ARGS=("${QUORUM_ARGS[@]}")

# Token B in the same SoftHSM configuration, so one module holds both tokens.
b_args=()
for name in Cara Dev Eli Fay Gus; do
  b_args+=(--custodian "$name=$b/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
mkdir -p "$b"
"$KR_BIN/kr-token" init --module softhsm2 --label hsm-b --quorum 3-of-5 "${b_args[@]}" \
  --descriptor "$b/hsm-b.shares.json" --kdf-memory-kib 8192 >/dev/null
"$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$b/hsm-b.shares.json" \
  $(for n in Cara Dev Eli Fay Gus; do echo --share "$b/$n.share=$WORK/passphrases/$n.pass"; done) |
  sed -n 's/^user-pin //p' > "$WORK/b-user.pin"
B_ARGS=(); for name in Cara Dev Eli; do
  B_ARGS+=(--share "$name=$b/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
count_on() { cp "$WORK/$1-user.pin" "$WORK/user.pin"; key_count "hsm-$1"; }

# --- kr-quorum new-set -------------------------------------------------------------------------
for name in Rae Sam Tom; do
  (umask 077; echo "recovery passphrase of $name, $RANDOM$RANDOM$RANDOM" > "$WORK/passphrases/$name.pass")
done
new_set() {  # DIR [extra options]
  local dir=$1; shift
  local args=()
  for name in Rae Sam Tom; do
    args+=(--custodian "$name=$dir/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
  done
  run_expect 0 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 "${args[@]}" \
    --descriptor "$dir/recovery.shares.json" --kdf-memory-kib 8192 --token-label hsm-a "$@"
  cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
}
mkdir -p "$r" "$r2"
new_set "$r"
grep -q "^key-backup share set [0-9a-f]\{32\} (2-of-3) for the keys of token \"hsm-a\"" <<<"$OUT" &&
  pass "new-set makes a 2-of-3 key-backup set" || fail "new-set: $OUT"
assert_eq "the descriptor says key-backup, 2-of-3, token hsm-a" "key-backup 2 3 hsm-a" \
  "$(jq -r '[.purpose, .threshold, .shares, .["token-label"]] | map(tostring) | join(" ")' "$r/recovery.shares.json")"
assert_eq "share files are 0600" "600 600 600" "$(stat -c %a "$r"/Rae.share "$r"/Sam.share "$r"/Tom.share | tr '\n' ' ' | sed 's/ $//')"
run_expect 0 "$KR_BIN/kr-quorum" verify-share "$r/Sam.share" --descriptor "$r/recovery.shares.json" \
  --passphrase-file "$WORK/passphrases/Sam.pass"
grep -q "^share OK: custodian Sam, index 2 of share set .* (key-backup, 2-of-3" <<<"$OUT" &&
  pass "a recovery custodian checks their share alone" || fail "verify-share: $OUT"
new_set "$r2"

before=$(sha256sum "$r/Rae.share" | cut -d' ' -f1)
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 \
  --custodian "Rae=$r/Rae.share" --custodian "Sam=$WORK/x/Sam.share" --custodian "Tom=$WORK/x/Tom.share" \
  --descriptor "$WORK/x/d.json" --passphrase-file "Rae=$WORK/passphrases/Rae.pass" || true
grep -q "$r/Rae.share.*already exists\|already exists.*$r/Rae.share" <<<"$ERR" &&
  pass "new-set never overwrites a share file" || fail "overwrite: $ERR"
assert_eq "the existing share is untouched" "$before" "$(sha256sum "$r/Rae.share" | cut -d' ' -f1)"
# A passphrase file others can read is refused, as kr-ceremony refuses it, before anything is made.
mkdir -p "$WORK/y"; cp "$WORK/passphrases/Rae.pass" "$WORK/world-readable.pass"; chmod 644 "$WORK/world-readable.pass"
run_expect 2 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 --kdf-memory-kib 8192 \
  --custodian "Rae=$WORK/y/1" --custodian "Sam=$WORK/y/2" --custodian "Tom=$WORK/y/3" --descriptor "$WORK/y/d.json" --token-label hsm-a \
  --passphrase-file "Rae=$WORK/world-readable.pass" --passphrase-file "Sam=$WORK/passphrases/Sam.pass" \
  --passphrase-file "Tom=$WORK/passphrases/Tom.pass" || true
grep -q "world-readable.pass: the passphrase of custodian Rae file is readable by others" <<<"$ERR" &&
  pass "new-set refuses a passphrase file others can read" || fail "world-readable passphrase: $ERR"
[[ ! -e "$WORK/y/d.json" && ! -e "$WORK/y/1" ]] && pass "nothing was written for it" || fail "files written"
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 1-of-3 \
  --custodian "Rae=$WORK/x/1" --custodian "Sam=$WORK/x/2" --custodian "Tom=$WORK/x/3" --descriptor "$WORK/x/d.json" || true
assert_eq "new-set refuses m < 2" "kr-quorum: error: a quorum of 1 is not a quorum" "$(head -1 <<<"$ERR")"
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 \
  --custodian "Rae=$WORK/x/1" --custodian "Sam=$WORK/x/2" --descriptor "$WORK/x/d.json" || true
assert_eq "new-set refuses a roster that is not N" \
  "kr-quorum: error: --quorum 2-of-3 needs 3 --custodian NAME=PATH options, not 2" "$(head -1 <<<"$ERR")"
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 \
  --custodian "Rae=$WORK/x/1" --custodian "Rae=$WORK/x/2" --custodian "Tom=$WORK/x/3" --descriptor "$WORK/x/d.json" || true
assert_eq "new-set refuses a custodian named twice" "kr-quorum: error: --custodian: Rae is named twice" "$(head -1 <<<"$ERR")"
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 --kdf-memory-kib 1024 \
  --custodian "Rae=$WORK/x/1" --custodian "Sam=$WORK/x/2" --custodian "Tom=$WORK/x/3" --descriptor "$WORK/x/d.json" || true
grep -qi "kdf\|memory" <<<"$ERR" && pass "new-set refuses a too-small KDF: $(head -1 <<<"$ERR")" || fail "kdf: $ERR"
run_expect 1 "$KR_BIN/kr-quorum" new-set --purpose activation --quorum 2-of-3 \
  --custodian "Rae=$WORK/x/1" --custodian "Sam=$WORK/x/2" --custodian "Tom=$WORK/x/3" --descriptor "$WORK/x/d.json" || true
assert_eq "new-set makes key-backup sets only" \
  "kr-quorum: error: --purpose \"activation\": new-set makes key-backup sets only" "$(head -1 <<<"$ERR")"
assert_no_file "a refused new-set writes nothing" "$WORK/x"

# --- ceremony 1 on token A: generate for backup, self-sign, back up -----------------------------
R_ARGS=(); for name in Rae Sam; do
  R_ARGS+=(--share "$name=$r/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
header() {  # ID TOKEN ACTIVATION-DESCRIPTOR [RECOVERY-DESCRIPTOR]
  echo "keyrite: 1"
  echo "ceremony: {id: $1, test: true}"
  echo "token: {module: softhsm2, label: $2}"
  echo "roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Cara, Dev, Eli, Fay, Gus], recovery-custodians: [Rae, Sam, Tom]}"
  if [[ -n ${4:-} ]]; then
    echo "quorum: {activation: 3-of-5, share-set: $3, key-backup: 2-of-3, key-backup-share-set: $4}"
  else
    echo "quorum: {activation: 3-of-5, share-set: $3}"
  fi
  echo "steps:"
}
{ header bk-1 hsm-a hsm-a.shares.json ../recovery/recovery.shares.json; cat <<'YAML'
  - id: key
    generate-key: {label: root-bk, type: ec, curve: P-256, backup: true}
  - id: cert
    self-sign:
      key: root-bk
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Backed-up Root}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: backup
    backup-key: {key: root-bk, output: media}
YAML
} > "$a/bk-1.yaml"
run_expect 0 "$KR_BIN/kr-ceremony" run "$a/bk-1.yaml" --output-dir "$WORK/out1" "${A_ARGS[@]}" "${R_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
log1=$WORK/out1/bk-1.events.jsonl
media=$WORK/out1/media
assert_eq "the backup files are written, blob 0600, descriptor 0644" "600 644" \
  "$(stat -c %a "$media/root-bk.key-backup.bin" "$media/root-bk.key-backup.json" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the key-backed-up event names both files with their SHA-256" \
  "media/root-bk.key-backup.bin=$(sha256sum < "$media/root-bk.key-backup.bin" | cut -d' ' -f1) media/root-bk.key-backup.json=$(sha256sum < "$media/root-bk.key-backup.json" | cut -d' ' -f1)" \
  "$(jq -r 'select(.type=="key-backed-up") | .outputs | map(.name + "=" + .sha256) | join(" ")' "$log1")"
assert_eq "the event records the SPKI SHA-256 and CKA_ID of the generated key" \
  "$(jq -r 'select(.type=="key-generated") | .details.spki_sha256 + " " + .details.cka_id' "$log1")" \
  "$(jq -r 'select(.type=="key-backed-up") | .details.spki_sha256 + " " + .details.cka_id' "$log1")"
assert_eq "the backup step was approved by 3 activation and 2 recovery custodians" \
  "activation:Cara activation:Dev activation:Eli key-backup:Rae key-backup:Sam" \
  "$(jq -r 'select(.type=="approval-recorded" and .step=="backup") | .details.quorum + ":" + .details.custodian' "$log1" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the root certificate's key is the backed-up key" \
  "$(jq -r .key.spki_sha256 "$media/root-bk.key-backup.json")" \
  "$(openssl x509 -in "$WORK/out1/root.crt" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)"
run_expect 0 "$KR_BIN/kr-transcript" verify "$log1" --audit-key "$a/hsm-a.shares.json.audit-key.pem" &&
  pass "kr-transcript verifies the backup ceremony's transcript"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log1" --artifacts "$WORK/out1" \
  --audit-key "$a/hsm-a.shares.json.audit-key.pem" --format json
assert_eq "replay checks the backup step's 3 activation and 2 key-backup approvals" \
  "quorum 3-of-5: approved by Cara, Dev, Eli|quorum key-backup 2-of-3: approved by Rae, Sam" \
  "$(jq -r '.steps[] | select(.id=="backup") | .checked | map(select(startswith("quorum"))) | join("|")' <<<"$OUT")"
# Independently of keyrite: the recovery set's secret (combined by the test helper), HKDF by the
# openssl CLI, and OpenSSL's RFC 5649 unwrap give the root certificate's private key.
recovery_secret=$("$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$r/recovery.shares.json" \
  --share "$r/Rae.share=$WORK/passphrases/Rae.pass" --share "$r/Tom.share=$WORK/passphrases/Tom.pass" |
  sed -n 's/^secret //p')
kek=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt "hexkey:$recovery_secret" \
  -kdfopt "info:keyrite backup kek" -binary HKDF | od -An -tx1 -v | tr -d ' \n')
(umask 077; openssl enc -d -id-aes256-wrap-pad -K "$kek" -iv A65959A6 \
  -in "$media/root-bk.key-backup.bin" -out "$WORK/unwrapped.p8.der")
assert_eq "openssl unwraps the blob under HKDF(recovery secret) to the root certificate's key" \
  "$(openssl x509 -in "$WORK/out1/root.crt" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)" \
  "$(openssl pkey -inform DER -in "$WORK/unwrapped.p8.der" -pubout -outform DER | sha256sum | cut -d' ' -f1)"
rm -f "$WORK/unwrapped.p8.der"

# --- refusals -----------------------------------------------------------------------------------
# A key made without backup: true: the rehearsal refuses it before the token is opened, so the
# key is never made and nothing is written.
{ header bk-plain hsm-a hsm-a.shares.json ../recovery/recovery.shares.json; cat <<'YAML'
  - id: key
    generate-key: {label: plain, type: ec, curve: P-256}
  - id: backup
    backup-key: {key: plain, output: media}
YAML
} > "$a/bk-plain.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" run "$a/bk-plain.yaml" --output-dir "$WORK/out-plain" "${A_ARGS[@]}" "${R_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
grep -q "plain" <<<"$ERR" && grep -qi "backup" <<<"$ERR" &&
  pass "a key made without backup: true is refused: $(head -1 <<<"$ERR")" || fail "plain: $ERR"
assert_no_file "nothing written for the refused backup" "$WORK/out-plain/media/plain.key-backup.bin"
assert_no_file "no descriptor either" "$WORK/out-plain/media/plain.key-backup.json"
grep -q "bk-plain.yaml:[0-9]*:[0-9]*: steps\[1\]: key \"plain\" is not marked for backup" <<<"$ERR" &&
  pass "the refusal names the backup step's position" || fail "plain position: $ERR"
assert_no_file "refused before the token: no transcript" "$WORK/out-plain/bk-plain.events.jsonl"

# A script without the recovery quorum.
{ header bk-noquorum hsm-a hsm-a.shares.json; cat <<'YAML'
  - id: backup
    backup-key: {key: root-bk, output: media2}
YAML
} > "$a/bk-noquorum.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" run "$a/bk-noquorum.yaml" --output-dir "$WORK/out-nq" "${A_ARGS[@]}" || true
assert_eq "backup-key without quorum.key-backup is refused at the step" \
  "kr-ceremony: error: $a/bk-noquorum.yaml:8:5: steps[0].backup-key: backup-key needs the recovery custodians' quorum: add quorum.key-backup (M-of-N) and quorum.key-backup-share-set (the descriptor kr-quorum new-set wrote), with roles.recovery-custodians" \
  "$(head -1 <<<"$ERR")"
assert_no_file "no transcript for a refused script" "$WORK/out-nq/bk-noquorum.events.jsonl"

# --- ceremony 2 on token B: restore, then sign a subordinate as the root ------------------------
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null |
  openssl pkey -pubout -out "$b/sub.pub.pem"
restore_script() {  # ID RECOVERY-DESCRIPTOR LABEL
  header "$1" hsm-b hsm-b.shares.json "$2"
  cat <<YAML
  - id: restore
    restore-key: {backup: ../out1/media/root-bk.key-backup.json, label: $3}
  - id: sub
    issue:
      issuer: {key: $3, certificate: ../out1/root.crt}
      profile: subordinate-ca
      public-key: sub.pub.pem
      subject: {C: US, O: Example, CN: Example Sub Signed By The Restored Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2035-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
YAML
}
# A KEK of another recovery set: its quorum is met, but the KEK is not the backup's.
restore_script bk-wrong ../recovery-other/recovery.shares.json root-wrong > "$b/bk-wrong.yaml"
R2_ARGS=(); for name in Rae Sam; do
  R2_ARGS+=(--share "$name=$r2/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
run_expect 2 "$KR_BIN/kr-ceremony" run "$b/bk-wrong.yaml" --output-dir "$WORK/out-wrong" "${B_ARGS[@]}" "${R2_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
grep -qi "check value\|wrong KEK\|not the KEK" <<<"$ERR" &&
  pass "a KEK of another recovery set is named before any unwrap: $(head -1 <<<"$ERR")" || fail "wrong KEK: $ERR"
assert_eq "nothing was restored into B (only its audit key)" "1" "$(count_on b)"
# Recovery shares of another set under the right descriptor: refused by the gate.
restore_script bk-foreign ../recovery/recovery.shares.json root-foreign > "$b/bk-foreign.yaml"
run_expect 3 "$KR_BIN/kr-ceremony" run "$b/bk-foreign.yaml" --output-dir "$WORK/out-foreign" "${B_ARGS[@]}" "${R2_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
grep -q "only 0 of the 2 key-backup custodians needed approved step restore; nothing was done on the token" <<<"$OUT" &&
  grep -q "ceremony paused before step" <<<"$OUT" &&
  pass "recovery shares of another set do not make the key-backup quorum: the run pauses (exit 3)" ||
  fail "foreign recovery shares: $OUT $ERR"

restore_script bk-2 ../recovery/recovery.shares.json root-restored > "$b/bk-2.yaml"
run_expect 0 "$KR_BIN/kr-ceremony" run "$b/bk-2.yaml" --output-dir "$WORK/out2" "${B_ARGS[@]}" "${R_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
log2=$WORK/out2/bk-2.events.jsonl
assert_eq "the restored key has the original's SPKI SHA-256 and CKA_ID" \
  "$(jq -r 'select(.type=="key-generated") | .details.spki_sha256 + " " + .details.cka_id' "$log1")" \
  "$(jq -r 'select(.type=="key-restored") | .details.spki_sha256 + " " + .details.cka_id' "$log2")"
run_expect 0 openssl verify -CAfile "$WORK/out1/root.crt" "$WORK/out2/sub.crt"
assert_eq "openssl verifies the subordinate signed on B under the ORIGINAL root certificate" \
  "$WORK/out2/sub.crt: OK" "$OUT"
assert_eq "B holds the audit key and the restored key" "2" "$(count_on b)"
run_expect 0 "$KR_BIN/kr-transcript" verify "$log2" --audit-key "$b/hsm-b.shares.json.audit-key.pem" &&
  pass "kr-transcript verifies the restore ceremony's transcript"

# --- ceremony 3 on token A: destroy the original ------------------------------------------------
assert_eq "before destruction A holds the audit key and root-bk (plain was never made)" "2" "$(count_on a)"
{ header bk-3 hsm-a hsm-a.shares.json; cat <<'YAML'
  - id: destroy
    destroy-key: {key: root-bk}
YAML
} > "$a/bk-3.yaml"
run_expect 0 "$KR_BIN/kr-ceremony" run "$a/bk-3.yaml" --output-dir "$WORK/out3" "${A_ARGS[@]}" || true
cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
assert_eq "root-bk is gone from A" "1" "$(count_on a)"
cp "$WORK/a-user.pin" "$WORK/user.pin"
"$KR_BIN/kr-token" list --module softhsm2 --label hsm-a --pin-fd 3 3<"$WORK/user.pin" | grep -q "^root-bk " &&
  fail "root-bk is still listed" || pass "kr-token list no longer shows root-bk"
assert_eq "the key-destroyed event names the key's SPKI SHA-256 and CKA_ID" \
  "$(jq -r 'select(.type=="key-generated") | .details.spki_sha256 + " " + .details.cka_id' "$log1")" \
  "$(jq -r 'select(.type=="key-destroyed") | .details.spki_sha256 + " " + .details.cka_id' "$WORK/out3/bk-3.events.jsonl")"
run_expect 0 "$KR_BIN/kr-transcript" verify "$WORK/out3/bk-3.events.jsonl" --audit-key "$a/hsm-a.shares.json.audit-key.pem" &&
  pass "kr-transcript verifies the destruction ceremony's transcript"

# --- a single-PIN test ceremony destroys a key (it cannot back one up: see the parser tests) ---
new_softhsm single-hsm
cat > "$WORK/single.yaml" <<'YAML'
keyrite: 1
ceremony: {id: single, test: true}
token: {module: softhsm2, label: single-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: key
    generate-key: {label: short-lived, type: ec, curve: P-256}
  - id: destroy
    destroy-key: {key: short-lived}
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run "$WORK/single.yaml" --output-dir "$WORK/out-single" --pin-fd 3 3<"$WORK/user.pin" || true
assert_eq "a single-PIN test ceremony destroys a key: none left" "0" "$(key_count single-hsm)"
assert_eq "its transcript records both objects destroyed" "key:short-lived 2" \
  "$(jq -r 'select(.type=="key-destroyed") | .target + " " + (.details.objects_destroyed|tostring)' "$WORK/out-single/single.events.jsonl")"

# --- no secret anywhere -------------------------------------------------------------------------
found=0
so_pins=$(for set in "$a/hsm-a" "$b/hsm-b"; do
  "$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$set.shares.json" \
    $(for n in Cara Dev Eli; do echo --share "$(dirname "$set")/$n.share=$WORK/passphrases/$n.pass"; done) |
    sed -n 's/^so-pin //p'; done)
assert_eq "the secrets searched for are known: two SO PINs, a KEK, a recovery secret" "2 64 64" \
  "$(grep -c '^[0-9a-f]\{32\}$' <<<"$so_pins") ${#kek} ${#recovery_secret}"
for secret in "$(cat "$WORK/a-user.pin")" "$(cat "$WORK/b-user.pin")" "$(cat "$WORK"/passphrases/*.pass)" \
  "$so_pins" "$kek" "$recovery_secret"; do
  while IFS= read -r line; do
    [[ -z $line ]] && continue
    grep -rqF "$line" "$WORK"/out* "$a" "$b" "$r" "$r2" "$WORK/all-output" && { found=1; echo "leaked: $line" >&2; }
  done <<<"$secret"
done
[[ $found == 0 ]] && pass "no PIN, SO PIN, passphrase, KEK or recovery secret in any file or output" ||
  fail "a secret leaked"
finish
