#!/usr/bin/env bash
# The demo ceremony against NSS softokn, a second PKCS#11 implementation: same script but the
# token section, same verifiers.
source "$(dirname "$0")/lib.sh"
db=$WORK/nssdb
mkdir -p "$db"
echo nss-pin-for-tests-1 > "$WORK/user.pin"
certutil -N -d "sql:$db" -f "$WORK/user.pin"
params="configdir='sql:$db' certPrefix='' keyPrefix='' secmod='secmod.db' flags="
script=$WORK/roots-nss.yaml
# The NSS database's token has one PIN that certutil set: the same steps as a test ceremony.
sed -e "s|^token: .*|token: {module: nss-softokn, label: NSS Certificate DB, module-params: \"$params\"}|" \
  -e "/^quorum: /d" -e "s|^  description: \(.*\)|  description: \1\n  test: true|" \
  "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" > "$script"
grep -q "module: nss-softokn" "$script" || fail "script rewrite"

run_expect 0 "$KR_BIN/kr-ceremony" run "$script" --output-dir "$WORK/out" --pin-fd 3 3<"$WORK/user.pin"
run_expect 0 "$KR_SOURCE_DIR/scripts/verify-roots" "$WORK"/out/root-ca-{1,2,3,4}.crt
pass "roots signed by NSS softokn keys pass openssl, certtool and botan"
assert_eq "the key attributes NSS could not confirm are recorded as such" \
  "token private sensitive always-sensitive never-extractable sign local-not-reported-by-module" \
  "$(jq -r 'select(.type=="key-generated") | .details.attributes' "$WORK/out/example-roots-2015.events.jsonl" | sort -u)"
run_expect 0 "$KR_BIN/kr-token" list --module nss-softokn --module-params "$params" \
  --label "NSS Certificate DB" --pin-fd 3 3<"$WORK/user.pin"
assert_eq "kr-token list shows the four keys" "4" "$(head -1 <<<"$OUT" | sed -E 's/.*: ([0-9]+) keys?$/\1/')"
finish
