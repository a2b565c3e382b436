#!/usr/bin/env bash
# scripts/check-sources on this tree passes, and on a copy with one planted violation of each rule
# it fails naming the file and line, so the check itself is shown to be able to fail.
source "$(dirname "$0")/lib.sh"
check=$KR_SOURCE_DIR/scripts/check-sources

if out=$("$check" "$KR_SOURCE_DIR" 2>&1); then
  pass "the tree keeps to the wrappers: $out"
else
  fail "check-sources found lines that bypass the wrappers:"$'\n'"$out"
fi

# plant FILE LINE RULE-WORDS: a copy of lib/ with LINE appended to FILE must be refused.
plant() {
  local file=$1 line=$2 words=$3 copy=$WORK/copy-$RANDOM
  mkdir -p "$copy"
  cp -a "$KR_SOURCE_DIR/lib" "$copy/lib"
  echo "$line" >> "$copy/$file"
  if out=$("$check" "$copy" 2>&1); then
    fail "check-sources accepted $line in $file"
  else
    grep -q "^$file:[0-9]*: $words" <<<"$out" && pass "refused: $line in $file" ||
      fail "check-sources did not name $file for $line: $out"
  fi
}
plant lib/x509/name.cpp 'void f(void* p) { OPENSSL_free(p); }' "OPENSSL_free outside"
plant lib/util/atomic_file.cpp 'void g(int fd) { ::close(fd); }' "::close outside"
plant lib/provider/hsm_key.cpp 'void h(kr::pkcs11::Session& s) { s.fn()->C_Logout(s.handle()); }' \
  "raw PKCS#11 call"
# A checked call and the wrapper files themselves are allowed.
plant_ok() {
  local file=$1 line=$2 copy=$WORK/copy-$RANDOM
  mkdir -p "$copy"
  cp -a "$KR_SOURCE_DIR/lib" "$copy/lib"
  echo "$line" >> "$copy/$file"
  "$check" "$copy" >/dev/null 2>&1 && pass "allowed: $line in $file" ||
    fail "check-sources refused $line in $file"
}
plant_ok lib/backup/proof.cpp 'void k(kr::pkcs11::Session& s) { kr::pkcs11::check_rv(s.fn()->C_Logout(s.handle()), "C_Logout"); }'
plant_ok lib/pkcs11/session.cpp 'void m(kr::pkcs11::Session& s) { s.fn()->C_Logout(s.handle()); }'

finish
