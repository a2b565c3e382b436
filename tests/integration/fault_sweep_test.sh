#!/usr/bin/env bash
# Every PKCS#11 call of a small quorum ceremony fails in turn (issue 15, item 4). The ceremony
# (2-of-3 activation quorum, 2-of-3 recovery quorum) generates keys, self-signs a root, makes a
# CSR, issues from it, signs a CRL and an OCSP response, and backs the root up; it runs through
# tests/support/fault_module (libkr-fault-pkcs11.so), which wraps SoftHSM and fails call N with a
# CKR_ code ("before": the module never sees the call; "after": the work happened but the caller
# hears it failed) or flips a byte of the signature C_Sign returns ("corrupt"). For every run:
#   - exit 2, the error naming the PKCS#11 function and the CKR_ code, or exit 0 only where the
#     failure is one pkcs11-helper retries (listed below) and the transcript records the retry;
#   - no temporary or partial file anywhere; every file on disk is one the transcript records,
#     byte for byte (so a corrupted signature is never written);
#   - the CRL number is not consumed: no "issued" state line without the CRL, and a reservation
#     that never became a CRL is released;
#   - the transcript verifies ("ok", a ceremony-failed event) or says "unsigned tail" when the
#     failure hit the closing checkpoint, and the run's error says so too;
#   - the token holds exactly the objects it held before plus two per key the transcript records.
# Failures pkcs11-helper retries (it logs in again and repeats the operation once, see
# __pkcs11h_certificate_doPrivateOperation): a failed C_SignInit or C_Sign of a signing operation.
# keyrite records each retry as a pkcs11-retried event; the ceremony then goes on. Failures that
# pkcs11-helper absorbs in its own calls (the fault module names the caller), and why the result
# is still right, are TOLERATED below; a failure of keyrite's own call always ends the run.
#
# The full sweep (every call before and after the module, every C_Sign corrupted; ~1,600 runs,
# about 30 minutes) runs with KR_SLOW_TESTS=1; the normal suite runs a representative subset (plan).
source "$(dirname "$0")/lib.sh"
fault_module=$KR_TEST_BIN/libkr-fault-pkcs11.so
[[ -f $fault_module ]] || { fail "$fault_module is not built (target kr-fault-pkcs11)"; finish; }
cer=$WORK/ceremony
new_quorum_softhsm f-hsm "$cer" 2 Ana Ben Cara
audit=$cer/f-hsm.shares.json.audit-key.pem
tokens=$(dirname "$SOFTHSM2_CONF")/tokens
for name in Rae Sam Tom; do
  (umask 077; echo "recovery passphrase of $name, $RANDOM$RANDOM" > "$WORK/passphrases/$name.pass")
done
"$KR_BIN/kr-quorum" new-set --purpose key-backup --quorum 2-of-3 --kdf-memory-kib 8192 \
  --token-label f-hsm --descriptor "$cer/recovery.shares.json" \
  $(for n in Rae Sam Tom; do echo --custodian "$n=$cer/$n.share" --passphrase-file "$n=$WORK/passphrases/$n.pass"; done) >/dev/null
# Calls whose failure changes nothing recorded, so the run may finish. pkcs11-helper's own:
TOLERATED_HELPER="C_FindObjects C_FindObjectsFinal C_GetAttributeValue"
# C_FindObjects: its search loop calls again until no more objects come; an error there ends the
#   search with the key the first call found (and a failed first call fails the lookup).
# C_FindObjectsFinal: its result is not checked; the next search starts a new operation.
# C_GetAttributeValue: the private key's usage flags (CKA_SIGN, CKA_SIGN_RECOVER, ...); without
#   them it assumes C_Sign and goes on, and keyrite verifies every signature after signing.
# keyrite's own, all releases or a probe:
TOLERATED_KEYRITE="C_CloseSession C_Logout C_Finalize C_GetSessionInfo C_DestroyObject"
# C_CloseSession, C_Logout, C_Finalize: destructors (pkcs11/session.cpp, pkcs11/module.cpp) end
#   what they can; the process ends the rest.
# C_DestroyObject of a session object (the wrap known-answer test's keys, the backup KEK:
#   pkcs11::release_session_object), which ends with its session anyway. Destroying a token
#   object is checked (pkcs11/keys.cpp), and the token's object count below shows what stays.
# C_GetSessionInfo: provider/helper_runtime.cpp's probe (pkcs11::Session::logged_in) of whether
#   this process is logged in;
#   when it fails, pkcs11-helper's login counts as its own and it logs out when done.
ARGS=()
for name in Ana Ben Rae Sam; do
  ARGS+=(--share "$name=$cer/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
cp -a "$tokens" "$WORK/pristine-tokens"
pristine_objects=$(find "$tokens" -name '*.object' | wc -l)

# The script: every path absolute, so each run has its own output directory and CRL state.
ceremony_script() {  # OUT-DIR
  cat <<YAML
keyrite: 1
ceremony: {id: fault, test: true}
token: {module: $fault_module, label: f-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Ana, Ben, Cara], recovery-custodians: [Rae, Sam, Tom]}
quorum: {activation: 2-of-3, share-set: $cer/f-hsm.shares.json, key-backup: 2-of-3, key-backup-share-set: $cer/recovery.shares.json}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-256, backup: true}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Fault Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root.crt
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-csr
    make-csr:
      key: sub
      subject: {C: US, O: Example, CN: Example Fault Sub CA}
      output: sub.csr
  - id: sub-cert
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: subordinate-ca
      csr: sub.csr
      validity: {not-before: 2026-02-01T00:00:00Z, not-after: 2036-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: root.crt}
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: $1/crl-state.jsonl
      output: root.crl
  - id: ocsp
    sign-ocsp-response:
      issuer: {key: root, certificate: root.crt}
      certificate: sub.crt
      status: good
      this-update: 2026-11-01T00:00:00Z
      next-update: 2026-11-08T00:00:00Z
      output: sub.ocsp
  - id: backup
    backup-key: {key: root, output: media}
YAML
}

# run_ceremony NAME [VAR=VALUE...] : a fresh copy of the token, then the ceremony into
# $WORK/runs/NAME with the fault module configured by the given variables; sets STATUS, RUN, LOG.
run_ceremony() {
  local name=$1; shift
  RUN=$WORK/runs/$name; LOG=$RUN/out/fault.events.jsonl
  rm -rf "$tokens"; cp -a "$WORK/pristine-tokens" "$tokens"
  mkdir -p "$RUN"
  ceremony_script "$RUN" > "$RUN/fault.yaml"
  set +e
  env "$@" "$KR_BIN/kr-ceremony" run "$RUN/fault.yaml" --output-dir "$RUN/out" "${ARGS[@]}" \
    >"$RUN/stdout" 2>"$RUN/stderr"
  STATUS=$?
  set -e
}

# The reference run, traced: the calls to fail.
run_ceremony reference KR_FAULT_TRACE="$WORK/trace"
[[ $STATUS == 0 ]] && pass "the ceremony runs through the fault module without a fault" ||
  { fail "reference run: exit $STATUS: $(cat "$RUN/stderr")"; finish; }
reference_files=$(cd "$RUN/out" && find . -type f ! -name fault.events.jsonl | sort | tr '\n' ' ')
calls=$(wc -l < "$WORK/trace")
echo "the reference run makes $calls PKCS#11 calls; it writes $reference_files"

# What a run left must be explained by its transcript. Prints one line per problem.
problems() {
  local name=$1 fn=$2 rv=$3 mode=$4 caller=$5 err out=$RUN/out
  err=$(cat "$RUN/stderr" "$RUN/stdout")
  # Temporary files: AtomicFile's ".NAME.tmp-N", anywhere in the run's directory.
  find "$RUN" -name '.*.tmp-*' -printf 'temporary file left: %p\n'
  # Every file on disk is recorded, with the SHA-256 the transcript gives it. The disclosure
  # inventory is appended before a CA certificate is published, so it may name one a failed step
  # never wrote; it must hold whole lines only.
  if [[ -f $out/fault.inventory.jsonl ]]; then
    jq -e . "$out/fault.inventory.jsonl" >/dev/null 2>&1 || echo "fault.inventory.jsonl holds a partial line"
  fi
  if [[ -f $LOG ]]; then
    local recorded
    recorded=$(jq -r '.outputs[]? | "\(.sha256)  \(.name)"' "$LOG" | sort -u)
    (cd "$out" && find . -type f ! -name fault.events.jsonl ! -name fault.inventory.jsonl -printf '%P\n') |
      while read -r f; do
        grep -qxF "$(cd "$out" && sha256sum "$f")" <<<"$recorded" || echo "file not recorded as written: $f"
      done
  elif [[ -d $out ]] && [[ -n $(find "$out" -type f) ]]; then
    echo "files without a transcript: $(find "$out" -type f | tr '\n' ' ')"
  fi
  # The CRL number: issued only with the CRL on disk; a reservation without a CRL is released.
  local state=$RUN/crl-state.jsonl
  if [[ -f $state ]]; then
    local issued reserved released
    issued=$(jq -r 'select(.state=="issued") | .crl_number' "$state" | tr '\n' ' ')
    reserved=$(jq -r 'select(.state=="reserved") | .crl_number' "$state" | tr '\n' ' ')
    released=$(jq -r 'select(.state=="released") | .crl_number' "$state" | tr '\n' ' ')
    if [[ -f $out/root.crl ]]; then
      [[ $issued == "01 " ]] || echo "root.crl on disk, state issued '$issued'"
    else
      [[ -z $issued ]] || echo "CRL number $issued issued without a CRL"
      [[ $reserved == "$released" ]] || echo "CRL number reserved '$reserved', released '$released'"
    fi
  fi
  # The token: what it held, plus a private and a public key per key the transcript keeps.
  local objects=$(find "$tokens" -name '*.object' | wc -l) keys=0
  [[ -f $LOG ]] && keys=$(jq -s '[.[] | select(.type=="key-generated")] | length' "$LOG")
  [[ $objects == $((pristine_objects + 2 * keys)) ]] ||
    echo "the token holds $objects objects; $pristine_objects before and $keys key(s) recorded"
  # The exit status, the error and the transcript's verdict.
  local verdict=""
  if [[ -f $LOG ]]; then
    verdict=$("$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" 2>&1 | sed -n 's/^verdict: *//p' || true)
  fi
  case $STATUS in
    0)
      [[ $mode != corrupt ]] || echo "a corrupted signature went unnoticed"
      [[ $verdict == ok ]] || echo "exit 0, verdict '$verdict'"
      if ! [[ $caller == libpkcs11-helper* && " $TOLERATED_HELPER " == *" $fn "* ||
              $caller == kr-ceremony && " $TOLERATED_KEYRITE " == *" $fn "* ]]; then
        # A retry while the closing checkpoint is signed cannot be a line after it: the run says it.
        [[ $(jq -r 'select(.type=="pkcs11-retried") | .details.function' "$LOG") == *"$fn"* ]] ||
          grep -q "closing checkpoint was signed after a retry: .*repeated .*$fn" <<<"$err" ||
          echo "exit 0 after a failed $fn, no pkcs11-retried event or closing note for it"
      fi
      [[ $(tail -2 "$LOG" | head -1 | jq -r .type) == ceremony-finished ]] || echo "exit 0 but not finished"
      [[ $(cd "$out" && find . -type f ! -name fault.events.jsonl | sort | tr '\n' ' ') == "$reference_files" ]] ||
        echo "exit 0 without every file of the reference run"
      ;;
    2)
      if [[ $mode == corrupt ]]; then
        grep -q "signature" <<<"$err" || echo "the error does not name the bad signature: $err"
      else
        grep -q "$fn" <<<"$err" || echo "the error does not name $fn: $err"
        grep -q "$rv" <<<"$err" || echo "the error does not name $rv: $err"
      fi
      if [[ -f $LOG ]]; then
        if [[ $verdict == ok ]]; then
          grep -q '"type":"ceremony-failed"' "$LOG" || echo "verdict ok without ceremony-failed"
        elif [[ $verdict == "incomplete: unsigned tail"* ]]; then
          grep -q "without a closing checkpoint" <<<"$err" || echo "unsigned tail, the run does not say so: $err"
        else
          echo "verdict: $verdict"
        fi
      fi
      ;;
    *) echo "exit $STATUS: $err" ;;
  esac
}

# The runs: "N FUNCTION MODE" lines. KR_SLOW_TESTS=1: every call before and after. Otherwise
# (about 110 runs, 2-3 minutes): the first call of each function; every call that makes, changes
# or destroys a token object, before and after; the first and last C_Sign; every
# KR_FAULT_STRIDE-th call (default 25); the closing calls. Every C_Sign is corrupted in both.
plan() {
  local n fn rv caller stride=${KR_FAULT_STRIDE:-25} first_sign="" last_sign
  declare -A seen=()
  last_sign=$(awk '$2 == "C_Sign" {n = $1} END {print n}' "$WORK/trace")
  while read -r n fn rv caller; do
    if [[ -n ${KR_SLOW_TESTS:-} ]]; then
      echo "$n $fn before $caller"; echo "$n $fn after $caller"
    elif [[ $fn =~ ^C_(GenerateKeyPair|CreateObject|DestroyObject|WrapKey)$ ]] ||
         [[ $fn == C_Sign && ( -z $first_sign || $n == "$last_sign" ) ]]; then
      echo "$n $fn before $caller"; echo "$n $fn after $caller"
    elif [[ -z ${seen[$fn]:-} ]] || (( n % stride == 0 || n > calls - 12 )); then
      echo "$n $fn before $caller"
    fi
    seen[$fn]=1
    if [[ $fn == C_Sign ]]; then first_sign=$n; echo "$n $fn corrupt $caller"; fi
  done < "$WORK/trace"
}
runs=0 bad=0 retried="" started=$SECONDS
while read -r n fn mode caller; do
  rv=CKR_DEVICE_ERROR
  run_ceremony "$n-$mode" KR_FAULT_CALL="$n" KR_FAULT_MODE="$mode" KR_FAULT_RV="$rv" KR_FAULT_LOG="$WORK/fault.log"
  runs=$((runs + 1))
  found=$(problems "$n-$mode" "$fn" "$rv" "$mode" "$caller")
  if [[ -n $found ]]; then
    bad=$((bad + 1))
    fail "call $n $fn $rv ($mode, from $caller), exit $STATUS:"; sed 's/^/    /' <<<"$found" >&2
  else
    rm -rf "$RUN"
  fi
  [[ $STATUS != 0 ]] || retried+="$n:$fn($mode) "
done < <(plan)
echo "$runs fault runs in $((SECONDS - started)) s; the ceremony finished after: ${retried:-none}"
[[ $bad == 0 ]] && pass "$runs fault runs: each failed cleanly or was retried and recorded" || true
assert_eq "every planned fault fired" "$runs" "$(grep -c '^fault ' "$WORK/fault.log")"
finish
