#!/usr/bin/env bash
# PKCS#11 faults: a quorum ceremony (key generation, self-sign, issue from a CSR, CRL, OCSP,
# backup) runs through the fault-injecting module (tests/support/fault_module), which fails one
# call at a time with a chosen CKR_ code (or corrupts one signature). For every run: exit 2 naming
# the PKCS#11 function and the CKR code (or exit 0 when the fault was retried or harmless), no
# temporary or partial file, no corrupted signature written, the CRL number not consumed, the
# transcript verifiable with its failure event, nothing on the token the transcript does not
# explain. By default every STRIDE-th call is failed with CKR_DEVICE_ERROR before forwarding, and
# every C_Sign is corrupted (about 3 minutes); KR_SLOW_TESTS=1 fails every call, before and after
# forwarding, with CKR_DEVICE_ERROR and CKR_SESSION_HANDLE_INVALID.
source "$(dirname "$0")/lib.sh"
SHIM=$KR_TEST_BIN/libkr-fault-pkcs11.so
[[ -f $SHIM ]] || { echo "FAIL: $SHIM not built"; exit 1; }
d=$WORK/records
new_quorum_softhsm flt-hsm "$d" 2 Cara Dev Eli
for name in Rae Sam Tom; do
  (umask 077; echo "recovery passphrase of $name, $RANDOM$RANDOM" > "$WORK/passphrases/$name.pass")
done
r_args=(); for name in Rae Sam Tom; do
  r_args+=(--custodian "$name=$d/$name.rshare" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
"$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 "${r_args[@]}" \
  --descriptor "$d/recovery.shares.json" --kdf-memory-kib 8192 --token-label flt-hsm >/dev/null
ARGS=(--share "Cara=$d/Cara.share" --passphrase-file "Cara=$WORK/passphrases/Cara.pass"
      --share "Dev=$d/Dev.share" --passphrase-file "Dev=$WORK/passphrases/Dev.pass"
      --share "Rae=$d/Rae.rshare" --passphrase-file "Rae=$WORK/passphrases/Rae.pass"
      --share "Sam=$d/Sam.rshare" --passphrase-file "Sam=$WORK/passphrases/Sam.pass")
AUDIT=$d/flt-hsm.shares.json.audit-key.pem
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/sub.key" \
  -subj "/C=US/O=Example/CN=Example Fault Sub" -out "$d/sub.csr" 2>/dev/null
yesterday=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
in_20_days=$(date -u -d 'yesterday + 20 days' +%Y-%m-%dT00:00:00Z)
cat > "$d/flt.yaml" <<YAML
keyrite: 1
ceremony: {id: flt, test: true}
token: {module: $SHIM, label: flt-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Cara, Dev, Eli], recovery-custodians: [Rae, Sam, Tom]}
quorum: {activation: 2-of-3, share-set: flt-hsm.shares.json, key-backup: 2-of-3, key-backup-share-set: recovery.shares.json}
steps:
  - id: key
    generate-key: {label: root, type: ec, curve: P-256, backup: true}
  - id: cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Fault Root}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: sub
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: subordinate-ca
      csr: sub.csr
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2035-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: root.crt}
      this-update: $yesterday
      next-update: $in_20_days
      state: state/crl-state.jsonl
      output: root.crl
  - id: ocsp
    sign-ocsp-response:
      issuer: {key: root, certificate: root.crt}
      certificate: sub.crt
      status: good
      this-update: $yesterday
      next-update: $in_20_days
      output: sub.ocsp
  - id: backup
    backup-key: {key: root, output: media}
YAML
tokens=$(sed -n 's/^directories.tokendir = //p' "$SOFTHSM2_CONF")
cp -a "$tokens" "$WORK/pristine-tokens"

# One run: fresh token and records, then the ceremony through the module with FAULT_* set.
run_once() {  # NAME [VAR=VALUE...]
  local name=$1; shift
  rm -rf "$tokens" "$d/state" "$WORK/out-$name"; cp -a "$WORK/pristine-tokens" "$tokens"
  rm -f "$WORK/fault.log"
  set +e
  env KR_FAULT_LOG="$WORK/fault.log" "$@" "$KR_BIN/kr-ceremony" run "$d/flt.yaml" \
    --output-dir "$WORK/out-$name" "${ARGS[@]}" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  OUT=$(cat "$WORK/stdout"); ERR=$(cat "$WORK/stderr")
  LOG=$WORK/out-$name/flt.events.jsonl
}

# The checks every faulted run must pass; prints one line per problem, nothing when all hold.
check_run() {  # NAME FUNCTION CODE MODE
  local name=$1 fn=$2 code=$3 mode=$4 out=$WORK/out-$name problems=()
  if [[ $STATUS == 2 ]]; then
    # pkcs11-helper makes its own calls and names none of them; keyrite then names the candidates.
    if ! grep -q "$code" <<<"$ERR"; then problems+=("the error does not name $code"); fi
    if ! grep -q "$fn" <<<"$ERR" && ! grep -q "(through pkcs11-helper)" <<<"$ERR"; then
      problems+=("the error does not name $fn")
    fi
    [[ $mode == corrupt ]] && ! grep -q "did not verify\|does not verify\|signature" <<<"$ERR" &&
      problems+=("a corrupted signature is not what the error names")
  elif [[ $STATUS == 0 ]]; then
    TOLERATED+=("$fn")
  else
    problems+=("exit status $STATUS (want 2, or 0 for a tolerated fault)")
  fi
  [[ -z $(find "$WORK" -name '.*.tmp-*' 2>/dev/null) ]] || problems+=("a temporary file remains")
  if [[ -f $LOG ]]; then
    "$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$AUDIT" >"$WORK/verify" 2>&1 || true
    if [[ $STATUS == 0 ]]; then
      grep -q "^verdict: *ok" "$WORK/verify" || problems+=("exit 0 but the transcript does not verify: $(grep verdict "$WORK/verify")")
    else
      grep -q "^verdict: *ok\|unsigned tail" "$WORK/verify" ||
        problems+=("the transcript does not verify: $(grep verdict "$WORK/verify")")
      jq -e -s 'map(select(.type == "step-failed" or .type == "ceremony-failed")) | length > 0' "$LOG" >/dev/null ||
        problems+=("no failure event in the transcript")
    fi
    # Every file in the output directory is one the transcript records as written.
    local recorded
    recorded=$(jq -r 'select(.outputs?) | .outputs[] | .name' "$LOG" | sort -u)
    while read -r f; do
      [[ -z $f ]] && continue
      grep -qxF "$f" <<<"$recorded" || problems+=("$f is on disk but not recorded")
    done < <(cd "$out" && find . -type f ! -name 'flt.events.jsonl' ! -name 'flt.inventory.jsonl' | sed 's|^\./||')
    # Every certificate on disk verifies (a corrupted signature is never written).
    for c in "$out"/root.crt "$out"/sub.crt; do
      [[ -f $c ]] || continue
      openssl verify -check_ss_sig -CAfile "$out/root.crt" -partial_chain "$c" >/dev/null 2>&1 ||
        problems+=("$(basename "$c") does not verify")
    done
    # The CRL number is consumed only by a CRL that exists.
    if [[ -f $d/state/crl-state.jsonl ]]; then
      local taken
      taken=$(jq -r -s 'group_by(.crl_number) | map(last) | map(select(.state != "released")) | length' "$d/state/crl-state.jsonl")
      if [[ $taken != 0 && ! -f $out/root.crl ]]; then problems+=("a CRL number is taken without a CRL"); fi
    fi
    # Nothing on the token the transcript does not explain: the audit key, and root when generated.
    local want="keyrite-audit" have
    jq -e -s 'map(select(.type == "key-generated")) | length > 0' "$LOG" >/dev/null && want="keyrite-audit root"
    have=$("$KR_BIN/kr-token" list --module softhsm2 --label flt-hsm --pin-fd 3 3<"$WORK/user.pin" |
      awk 'NR > 1 && /^[^ ]/ {print ($1 == "lone" ? "lone:" $4 : $1)}' | sort | tr '\n' ' ' | sed 's/ $//')
    if [[ $have != "$want" ]]; then
      # A key the failed generation left is explained only if artifact-abandoned says so.
      jq -e -s 'map(select(.type == "artifact-abandoned" and (.details.left_behind | join(" ") | test("may remain")))) | length > 0' "$LOG" >/dev/null ||
        problems+=("token holds [$have], the transcript explains [$want]")
    fi
  else
    [[ $STATUS == 2 ]] || problems+=("no transcript")
  fi
  printf '%s\n' "${problems[@]}"
}

# The calls of a clean run.
run_once trace KR_FAULT_TRACE="$WORK/trace"
assert_eq "the ceremony runs clean through the fault module" 0 "$STATUS"
[[ $STATUS == 0 ]] || { echo "$ERR" >&2; finish; exit 1; }
run_expect 0 "$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$AUDIT"
calls=$(wc -l < "$WORK/trace")
echo "the clean run makes $calls PKCS#11 calls:"
awk '{print $2}' "$WORK/trace" | sort | uniq -c | sort -rn | head -40

TOLERATED=()
runs=0 bad=0
sweep() {  # CODE MODE N...
  local code=$1 mode=$2; shift 2
  local n fn report
  for n in "$@"; do
    fn=$(awk -v n="$n" '$1 == n {print $2}' "$WORK/trace")
    run_once "$n-$mode" KR_FAULT_CALL="$n" KR_FAULT_RV="$code" KR_FAULT_MODE="$mode"
    runs=$((runs + 1))
    [[ -s $WORK/fault.log ]] || continue  # the run took another path and never reached call n
    fn=$(awk '{print $3}' "$WORK/fault.log")
    report=$(check_run "$n-$mode" "$fn" "$code" "$mode")
    if [[ -n $report ]]; then
      bad=$((bad + 1))
      fail "call $n ($fn, $code, $mode): $(tr '\n' ';' <<<"$report") [exit $STATUS: $(head -c 300 <<<"$ERR")]"
    fi
    rm -rf "$WORK/out-$n-$mode"
  done
}

if [[ -n ${KR_SLOW_TESTS:-} ]]; then
  all=$(seq 1 "$calls")
  sweep CKR_DEVICE_ERROR before $all
  sweep CKR_DEVICE_ERROR after $all
  sweep CKR_SESSION_HANDLE_INVALID before $all
else
  stride=$(( (calls + 59) / 60 ))
  sweep CKR_DEVICE_ERROR before $(seq 1 "$stride" "$calls")
fi
signs=$(awk '$2 == "C_Sign" {print $1}' "$WORK/trace")
sweep CKR_OK corrupt $signs
[[ $bad == 0 ]] && pass "$runs faulted runs: every one failed cleanly or was tolerated"
echo "faults tolerated (exit 0, transcript ok): $(printf '%s\n' "${TOLERATED[@]}" | sort | uniq -c | tr '\n' ' ')"
finish
