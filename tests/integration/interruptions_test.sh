#!/usr/bin/env bash
# Interruptions that leave nothing half-done: SIGTERM and SIGINT stop a run at the next safe
# point with ceremony-failed and a signed closing checkpoint; a full disk (a small tmpfs, filled
# to several levels) and a read-only output directory fail with exit 2, no temporary or partial
# file, no unrecorded artifact, no CRL number taken without its CRL, and a transcript without a
# cut line. Needs root for mount (CI runs as root); skipped with a note otherwise.
source "$(dirname "$0")/lib.sh"
d=$WORK/records
new_quorum_softhsm int-hsm "$d" 2 Cara Dev Eli
ARGS=(--share "Cara=$d/Cara.share" --passphrase-file "Cara=$WORK/passphrases/Cara.pass"
      --share "Dev=$d/Dev.share" --passphrase-file "Dev=$WORK/passphrases/Dev.pass")
AUDIT=$d/int-hsm.shares.json.audit-key.pem
header() {  # ID
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: int-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Cara, Dev, Eli]}
quorum: {activation: 2-of-3, share-set: int-hsm.shares.json}
steps:
YAML
}

# --- SIGTERM and SIGINT: slow RSA-4096 generations, the signal after the first one --------------
for sig in TERM INT; do
  id=sig-${sig,,}
  { header "$id"; for i in 1 2 3 4; do
      echo "  - id: key-$i"; echo "    generate-key: {label: $id-$i, type: rsa, bits: 4096}"; done
  } > "$d/$id.yaml"
  log=$WORK/out-$id/$id.events.jsonl
  "$KR_BIN/kr-ceremony" run "$d/$id.yaml" --output-dir "$WORK/out-$id" "${ARGS[@]}" \
    >"$WORK/stdout" 2>"$WORK/stderr" &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '"type":"key-generated"' "$log" 2>/dev/null && break; sleep 0.1
  done
  kill -s "$sig" "$pid"
  set +e; wait "$pid"; status=$?; set -e
  assert_eq "SIG$sig: exit 2" 2 "$status"
  grep -q "interrupted by SIG$sig" "$WORK/stderr" && pass "SIG$sig: the error says so" || fail "SIG$sig: $(cat "$WORK/stderr")"
  assert_eq "SIG$sig: the run stopped at a safe point: ceremony-failed, then the closing checkpoint" \
    "ceremony-failed checkpoint" "$(tail -2 "$log" | jq -r .type | tr '\n' ' ' | sed 's/ $//')"
  grep -q "interrupted by SIG$sig" <<<"$(jq -r 'select(.type == "ceremony-failed") | .cause' "$log")" &&
    pass "SIG$sig: ceremony-failed names the signal" || fail "SIG$sig cause"
  [[ $(jq -s 'map(select(.type == "key-generated")) | length' "$log") -lt 4 ]] &&
    pass "SIG$sig: the remaining steps did not run" || fail "SIG$sig: every step ran"
  run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$AUDIT" &&
    pass "SIG$sig: the transcript verifies ok"
done

mnt=$WORK/mnt; mkdir -p "$mnt"
if [[ $(id -u) != 0 ]] || ! mount -t tmpfs -o size=512k tmpfs "$mnt" 2>/dev/null; then
  echo "note: not root or no mount: the full-disk and read-only checks are skipped"
  finish; exit
fi
trap 'umount "$mnt" 2>/dev/null || true; umount "$WORK/ro" 2>/dev/null || true; [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"' EXIT

# --- a full disk at several levels ------------------------------------------------------------
{ header full; cat <<'YAML'
  - id: key
    generate-key: {label: full-KEYSUFFIX, type: ec, curve: P-256}
  - id: cert
    self-sign:
      key: full-KEYSUFFIX
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Full Disk Root}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: crl
    sign-crl:
      issuer: {key: full-KEYSUFFIX, certificate: OUT/root.crt}
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: MNT/crl-state.jsonl
      output: root.crl
  - id: pub
    export-public-key: {key: full-KEYSUFFIX, output: root.pub.pem}
YAML
} > "$WORK/full.template"
outcomes=()
for free in 0 4 8 12 16 20 24 28 32 40 48 64; do
  rm -rf "${mnt:?}"/*
  out=$mnt/out
  sed -e "s|KEYSUFFIX|$free|g" -e "s|OUT/|$out/|" -e "s|MNT/|$mnt/|" "$WORK/full.template" > "$d/full.yaml"
  avail=$(( $(df --output=avail -k "$mnt" | tail -1) - free ))
  (( avail > 0 )) && dd if=/dev/zero of="$mnt/filler" bs=1k count="$avail" status=none 2>/dev/null || true
  set +e
  "$KR_BIN/kr-ceremony" run "$d/full.yaml" --output-dir "$out" "${ARGS[@]}" >"$WORK/stdout" 2>"$WORK/stderr"
  status=$?
  set -e
  outcomes+=("${free}k:$status")
  problems=()
  [[ $status == 0 || $status == 2 ]] || problems+=("exit $status")
  [[ -z $(find "$mnt" -name '.*.tmp-*') ]] || problems+=("temporary files: $(find "$mnt" -name '.*.tmp-*')")
  log=$out/full.events.jsonl
  if [[ -f $log ]]; then
    "$KR_BIN/kr-transcript" verify "$log" --audit-key "$AUDIT" > "$WORK/verify" 2>&1 || true
    grep -q "no newline" "$WORK/verify" && problems+=("a cut line in the transcript")
    [[ $status == 0 ]] && ! grep -q "^verdict: *ok" "$WORK/verify" && problems+=("exit 0 but: $(grep verdict "$WORK/verify")")
    recorded=$(jq -r 'select(.outputs?) | .outputs[] | .name' "$log" 2>/dev/null | sort -u)
    for f in root.crt root.crl root.pub.pem; do
      [[ -f $out/$f ]] || continue
      grep -qxF "$f" <<<"$recorded" || problems+=("$f written but not recorded")
    done
  else
    for f in root.crt root.crl root.pub.pem; do [[ ! -f $out/$f ]] || problems+=("$f written without a transcript"); done
  fi
  [[ ! -f $out/root.crt ]] || openssl x509 -in "$out/root.crt" -noout 2>/dev/null || problems+=("root.crt is not whole")
  [[ ! -f $out/root.crl ]] || openssl crl -in "$out/root.crl" -noout 2>/dev/null || problems+=("root.crl is not whole")
  # A number may stay reserved when the disk cannot take even its release (the next CRL skips
  # it and records the gap), but none is recorded as issued without its CRL.
  if [[ -f $mnt/crl-state.jsonl && ! -f $out/root.crl ]]; then
    issued=$(jq -r -s 'map(select(.state == "issued")) | length' "$mnt/crl-state.jsonl")
    [[ $issued == 0 ]] || problems+=("a CRL number is issued without its CRL")
  fi
  if [[ ${#problems[@]} == 0 ]]; then pass "full disk with ${free} KiB free: exit $status, nothing half-written"
  else fail "full disk with ${free} KiB free: $(printf '%s; ' "${problems[@]}") [$(head -c 300 "$WORK/stderr")]"; fi
done
echo "full-disk outcomes (free:exit): ${outcomes[*]}"

# --- a read-only output directory ----------------------------------------------------------------
mkdir -p "$WORK/ro"
mount -t tmpfs -o ro,size=64k tmpfs "$WORK/ro"
sed -e "s|KEYSUFFIX|ro|g" -e "s|OUT/|$WORK/ro/|" -e "s|MNT/|$WORK/state/|" "$WORK/full.template" > "$d/ro.yaml"
sed -i 's/id: full,/id: ro,/' "$d/ro.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" run "$d/ro.yaml" --output-dir "$WORK/ro" --log "$WORK/ro.events.jsonl" "${ARGS[@]}" || true
grep -q "output directory $WORK/ro: .*Read-only file system" <<<"$ERR" &&
  pass "a read-only output directory is refused before anything: $(head -1 <<<"$ERR")" || fail "read-only: $ERR"
assert_no_file "no transcript was started" "$WORK/ro.events.jsonl"
assert_eq "no key was generated" 0 "$("$KR_BIN/kr-token" list --module softhsm2 --label int-hsm --pin-fd 3 3<"$WORK/user.pin" | grep -c '^full-ro ' || true)"
finish
