#!/bin/bash
# Every defect of kr-testpki's catalogue: kr-lint reports the documented id, and openssl verify and
# GnuTLS certtool give the documented verdict (`kr-testpki defects --format tsv`, the table the
# README shows). Each defect gets one node of an otherwise valid hierarchy; a CA defect gets a leaf
# below it (pathlen-exceeded: an intermediate, then a leaf), whose chain the verifiers judge.
source "$(dirname "$0")/lib.sh"

TP=$KR_BIN/kr-testpki
LINT=$KR_BIN/kr-lint
REF=$(date -u +%Y-%m-%dT00:00:00Z)
SERVER_AUTH=1.3.6.1.5.5.7.3.1

"$TP" defects --format tsv > "$WORK/defects.tsv"
assert_eq "the catalogue has the 18 defects of issue 11" "18" "$(wc -l < "$WORK/defects.tsv")"
{
  echo "keyrite-testpki: 1"
  echo "reference-time: $REF"
  echo "nodes:"
  echo "  - {name: root, kind: root}"
  echo "  - {name: inter, kind: intermediate, issuer: root}"
  echo "  - {name: good, kind: leaf, issuer: inter}"
  while IFS=$'\t' read -r name target _; do
    if [[ $target == leaf ]]; then
      echo "  - {name: $name, kind: leaf, issuer: inter, defect: $name}"
    else
      echo "  - {name: $name, kind: intermediate, issuer: root, defect: $name}"
      if [[ $name == pathlen-exceeded ]]; then
        echo "  - {name: $name-sub, kind: intermediate, issuer: $name}"
        echo "  - {name: $name-leaf, kind: leaf, issuer: $name-sub}"
      else
        echo "  - {name: $name-leaf, kind: leaf, issuer: $name}"
      fi
    fi
  done < "$WORK/defects.tsv"
} > "$WORK/spec.yaml"
OUT=$WORK/pki
"$TP" generate "$WORK/spec.yaml" --out "$OUT" --seed defects >/dev/null
cd "$OUT"
CRLS=()
for crl in *.crl.pem; do CRLS+=(-CRLfile "$crl"); done

# verdicts LEAF ISSUER UNTRUSTED... : "openssl-verdict certtool-verdict" for LEAF's chain; certtool
# gets the CRL of LEAF's issuer (it takes one), openssl every CRL.
verdicts() {
  local leaf=$1 crl=$2.crl.pem untrusted=() o c
  shift 2
  for u in "$@"; do untrusted+=(-untrusted "$u"); done
  if openssl verify -x509_strict -CAfile root.crt "${untrusted[@]}" -crl_check_all "${CRLS[@]}" \
      -purpose sslserver -verify_hostname "$leaf" "$leaf.crt" >/dev/null 2>&1; then o=accept; else o=reject; fi
  if certtool --verify --load-ca-certificate root.crt --load-crl "$crl" --verify-hostname "$leaf" \
      --verify-purpose "$SERVER_AUTH" --infile "$leaf.chain.pem" 2>/dev/null |
      grep -q 'Chain verification output: Verified'; then c=accept; else c=reject; fi
  echo "$o $c"
}

assert_eq "control: the defect-free leaf passes both verifiers" "accept accept" "$(verdicts good inter inter.crt)"
assert_eq "control: ... and kr-lint" "0" \
  "$("$LINT" --profile test-tls-server --issuer inter.crt --at "$REF" --crl inter.crl.pem good.crt >/dev/null && echo 0 || echo $?)"

while IFS=$'\t' read -r name target id on options openssl_verdict certtool_verdict; do
  # The certificate kr-lint is run on, and its issuer.
  if [[ $on == child ]]; then
    subject=$name-leaf; [[ $name == pathlen-exceeded ]] && subject=$name-sub
    issuer=$name
  else
    subject=$name; issuer=$([[ $target == ca ]] && echo root || echo inter)
  fi
  profile=$(jq -r --arg n "$subject" '.certificates[] | select(.name == $n) | .profile' manifest.json)
  extra=()
  [[ $options == *--at* ]] && extra+=(--at "$REF")
  [[ $options == *--crl* ]] && extra+=(--crl "$issuer.crl.pem")
  ids=$({ "$LINT" --format json --profile "$profile" --issuer "$issuer.crt" "${extra[@]}" "$subject.crt" || true; } |
        jq -r '[.files[0].findings[].id] | join(" ")')
  assert_eq "$name: kr-lint reports $id" "yes" "$([[ " $ids " == *" $id "* ]] && echo yes || echo "no (got: $ids)")"
  # The chain the verifiers judge.
  if [[ $target == leaf ]]; then
    got=$(verdicts "$name" inter inter.crt)
  elif [[ $name == pathlen-exceeded ]]; then
    got=$(verdicts "$name-leaf" "$name-sub" "$name.crt" "$name-sub.crt")
  else
    got=$(verdicts "$name-leaf" "$name" "$name.crt")
  fi
  assert_eq "$name: openssl verify $openssl_verdict, certtool $certtool_verdict" \
    "$openssl_verdict $certtool_verdict" "$got"
done < "$WORK/defects.tsv"

# The README's defect table is this catalogue.
readme_rows=$(grep -c '^| `[a-z0-9-]*` | .* | `[ewn]_[a-z0-9_]*` ' "$KR_SOURCE_DIR/README.md" || true)
assert_eq "README lists every defect" "18" "$readme_rows"
while IFS=$'\t' read -r name _ id _ _ openssl_verdict certtool_verdict; do
  assert_eq "README row of $name" "1" \
    "$(grep -c "^| \`$name\` | .* | \`$id\` | .* | $openssl_verdict | $certtool_verdict |$" "$KR_SOURCE_DIR/README.md")"
done < "$WORK/defects.tsv"

finish
