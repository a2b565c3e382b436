# Shared by kill_sweep_test.sh and interrupt_disk_test.sh: a six-step quorum ceremony on a
# private SoftHSM token (root key, self-signed root, subordinate key, its CSR, the subordinate
# issued from the CSR, a CRL), a pristine copy of the token for each cycle, resume following the
# ways out it prints, and the checks on a resumed ceremony.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# set -e ends a test on any failing command: say which, so a cycle that aborts is not a mystery.
set -E  # the trap holds inside functions too
trap '[[ $- != *e* ]] || echo "FAIL: aborted at ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND" >&2' ERR
cer=$WORK/ceremony
new_quorum_softhsm k-hsm "$cer" 2 Ana Ben Cara
audit=$cer/k-hsm.shares.json.audit-key.pem
tokens=$(dirname "$SOFTHSM2_CONF")/tokens
cp -a "$tokens" "$WORK/pristine-tokens"
pristine_objects=$(find "$tokens" -name '*.object' -size +0 | wc -l)
token_file_bytes() { cat "$tokens"/*/token.object 2>/dev/null | wc -c; }
pristine_token_bytes=$(token_file_bytes)
ARGS=()
for name in Ana Ben; do
  ARGS+=(--share "$name=$cer/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done

ceremony_script() {  # DIR : the script, its CRL state in DIR
  cat <<YAML
keyrite: 1
ceremony: {id: kill, test: true}
token: {module: ${MODULE:-softhsm2}, label: k-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Ana, Ben, Cara]}
quorum: {activation: 2-of-3, share-set: $cer/k-hsm.shares.json}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-256}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Kill Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root.crt
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-csr
    make-csr:
      key: sub
      subject: {C: US, O: Example, CN: Example Kill Sub CA}
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
YAML
}

# fresh NAME : a pristine token and the cycle's directory (made unless it exists: it may be a
# mount point); sets DIR, ODIR (the output directory), LOG.
fresh() {
  DIR=$WORK/cycles/$1; ODIR=$DIR/out; LOG=$ODIR/kill.events.jsonl
  rm -rf "$tokens"; cp -a "$WORK/pristine-tokens" "$tokens"
  mkdir -p "$DIR"
  ceremony_script "$DIR" > "$DIR/kill.yaml"
}
# Token objects: SoftHSM's object files that hold something. A kill inside C_GenerateKeyPair can
# leave an empty file SoftHSM created and never wrote: no attributes, no key material, and
# SoftHSM skips it when it loads the token, so no PKCS#11 caller sees it.
objects() { find "$tokens" -name '*.object' -size +0 | wc -l; }
lines() { [[ -f $LOG ]] && wc -l < "$LOG" || echo 0; }

# resume_until_done : resumes, following the way out each refusal names, at most four times.
resume_until_done() {
  local extra=() try
  for try in 1 2 3 4; do
    set +e
    "$KR_BIN/kr-ceremony" resume "$DIR/kill.yaml" --log "$LOG" --output-dir "$ODIR" "${extra[@]}" \
      "${ARGS[@]}" >"$DIR/resume.out" 2>"$DIR/resume.err"
    local status=$?
    set -e
    [[ $status == 0 ]] && return 0
    local err; err=$(cat "$DIR/resume.err")
    if [[ $err =~ --discard-key\ ([a-z]+) ]]; then
      extra=(--discard-key "${BASH_REMATCH[1]}")
    elif [[ $err == *"move it out of the output directory"* ]]; then
      local file; file=$(sed -n '1s/^kr-ceremony: error: \(.*\): step [a-z-]* has not run.*/\1/p' <<<"$err")
      local name=${file#"$ODIR/"}
      # Provably from the interrupted step: an open artifact-intent names it.
      [[ -n $(jq -R -c --arg t "file:$name" 'fromjson? | select(.type=="artifact-intent" and .target==$t)' "$LOG") ]] ||
        { echo "resume refused $name, which no artifact-intent names"; return 1; }
      mkdir -p "$DIR/unrecorded"; mv "$file" "$DIR/unrecorded/"
    else
      echo "resume exit $status: $err"; return 1
    fi
  done
  echo "resume did not finish after four tries: $(cat "$DIR/resume.err")"; return 1
}

# check_cycle NAME : the killed run's transcript, the resume, and everything after it.
check_cycle() {
  local name=$1 found=""
  if [[ $KILLED == 1 && -f $LOG ]]; then
    local verdict
    verdict=$("$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" 2>&1 | sed -n 's/^verdict: *//p' || true)
    # ok: the kill came after the closing checkpoint, in the moment before the process exits.
    [[ $verdict == incomplete* || $verdict == ok ]] || found+="killed transcript: verdict '$verdict'"$'\n'
    [[ $verdict != ok ]] || NOTE="${NOTE:-}; killed after the closing checkpoint"
  fi
  if [[ ! -f $LOG ]]; then
    # Killed before the transcript was created: the run starts again from nothing.
    [[ -z $(ls -A "$ODIR" 2>/dev/null) ]] || found+="no transcript, yet $(ls -A "$ODIR")"$'\n'
    "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" >"$DIR/resume.out" 2>&1 ||
      found+="rerun: $(cat "$DIR/resume.out")"$'\n'
  elif ! grep -q '"type":"ceremony-finished"' "$LOG" ||
       ! "$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" >/dev/null 2>&1; then
    if [[ $(token_file_bytes) -lt $pristine_token_bytes ]]; then
      # KNOWN LIMIT of SoftHSM, not keyrite: its file store rewrites token.object in place (on
      # every login and logout), so a kill in that moment cuts the file and the token is gone
      # for every PKCS#11 caller. A real HSM is not written by the host process. The transcript
      # (checked above) still verifies as incomplete; nothing else can be resumed.
      NOTE="${NOTE:-}; KNOWN LIMIT: the kill cut SoftHSM's token.object ($(token_file_bytes) of $pristine_token_bytes bytes) and the token is gone"
      pass "$name ($NOTE)"
      return
    fi
    found+=$(resume_until_done || true)
  fi
  [[ -f $LOG ]] || { fail "$name: $found"; return; }
  "$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" >"$DIR/verify.out" 2>&1 &&
    grep -q "^verdict:    ok" "$DIR/verify.out" || found+="verify: $(cat "$DIR/verify.out")"$'\n'
  "$KR_BIN/kr-transcript" replay "$LOG" --artifacts "$ODIR" --audit-key "$audit" >"$DIR/replay.out" 2>&1 &&
    grep -q "^verdict:    ok" "$DIR/replay.out" || found+="replay: $(grep -v '^  ' "$DIR/replay.out" | head -5 || true)"$'\n'
  local a
  for a in $artifacts; do [[ -f $ODIR/$a ]] || found+="missing artifact $a"$'\n'; done
  # Temporary files an interrupted write left are reported in the transcript, never published.
  local tmp
  for tmp in $(cd "$ODIR" && find . -name '.*.tmp-*' -printf '%P\n'); do
    [[ -n $(jq -c --arg f "$tmp" 'select(.type=="stale-files-found" and any(.details.files[]; . == $f))' "$LOG") ]] ||
      found+="temporary file $tmp not reported"$'\n'
  done
  # No CRL number issued twice; root.crl carries the last one issued. An earlier issued number is
  # the CRL a killed run wrote and never recorded, which the test moved aside as resume asked.
  local issued; issued=$(jq -r 'select(.state=="issued") | .crl_number' "$DIR/crl-state.jsonl" | tr '\n' ' ' || true)
  [[ -n $issued && -z $(tr ' ' '\n' <<<"$issued" | sed '/^$/d' | sort | uniq -d) ]] ||
    found+="CRL numbers issued: '$issued'"$'\n'
  local last; last=$(tr ' ' '\n' <<<"$issued" | sed '/^$/d' | tail -1)
  # (An assignment takes its status from its command substitutions: each ends in "|| true".)
  local number; number=$(openssl crl -in "$ODIR/root.crl" -noout -crlnumber 2>&1 || true)
  [[ $number == "crlNumber=0x$last" ]] || found+="root.crl: $number; state issued '$issued'"$'\n'
  local earlier
  for earlier in $(tr ' ' '\n' <<<"$issued" | sed '/^$/d' | head -n -1); do
    [[ $(openssl crl -in "$DIR/unrecorded/root.crl" -noout -crlnumber 2>&1 || true) == "crlNumber=0x$earlier" ]] ||
      found+="CRL number $earlier was issued, and no CRL the killed run left carries it"$'\n'
  done
  local keys; keys=$(jq -R -c 'fromjson? | select(.type=="key-generated")' "$LOG" | wc -l)
  local extra=$(( $(objects) - pristine_objects - 2 * keys ))
  [[ $extra == 0 ]] || cp -a "$tokens" "$DIR/tokens-at-failure"
  [[ $extra == 0 ]] ||
    found+="the token holds $(objects) objects: $pristine_objects before, $keys key(s) recorded; its files: $(cd "$tokens" && find . -name '*.object' -printf '%P %s bytes %TT\n' | sort -k3)"$'\n'
  cp "$LOG" "$WORK/last-transcript.jsonl"  # for checks after the cycle's directory is gone
  if [[ -z $found ]]; then pass "$name${NOTE:+ ($NOTE)}: resumed to a clean transcript and every artifact"; rm -rf "$DIR" 2>/dev/null || true
  else fail "$name:"; sed 's/^/    /' <<<"$found" >&2; fi
}

