#!/usr/bin/env bash
# cmake --install (issue 14): tools in bin/, profiles and templates in share/keyrite/, man pages in
# share/man/, completion in share/bash-completion/completions/; the installed tools find their data
# beside their bin directory wherever the prefix is moved, or in KEYRITE_DATA_DIR, never through
# the build machine's source tree.
source "$(dirname "$0")/lib.sh"
build_dir=$(cd "$KR_BIN/.." && pwd)
cmake --install "$build_dir" --prefix "$WORK/prefix" > "$WORK/install.log" 2>&1 &&
  pass "cmake --install into a prefix" || fail "install: $(tail -5 "$WORK/install.log")"
missing=""
for f in bin/kr-ceremony bin/kr-token bin/kr-quorum bin/kr-transcript bin/kr-lint bin/kr-testpki \
         share/keyrite/profiles/root-ca.yaml share/keyrite/profiles/cabf-br/root-ca.yaml \
         share/keyrite/documents/runsheet.html.mustache share/keyrite/demo-ceremony \
         share/keyrite/example-roots-2015.yaml share/man/man1/kr-ceremony.1 share/man/man5/keyrite-script.5 \
         share/bash-completion/completions/kr-ceremony share/bash-completion/completions/kr-lint; do
  [[ -e $WORK/prefix/$f ]] || missing+=" $f"
done
assert_eq "the install layout" "" "$missing"

# Moved elsewhere, the prefix still works: the data is found beside bin/, not where it was built.
mv "$WORK/prefix" "$WORK/moved prefix"
bin=$WORK/moved\ prefix/bin
run_expect 0 "$bin/kr-ceremony" check "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" &&
  pass "an installed kr-ceremony checks a script against the installed profiles"
run_expect 0 "$bin/kr-ceremony" runsheet "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" --out "$WORK/runsheet.html" &&
  grep -q "<html" "$WORK/runsheet.html" && pass "an installed kr-ceremony renders the run-sheet from the installed templates"
run_expect 0 "$bin/kr-lint" --profile-set cabf-br "$KR_SOURCE_DIR/tests/data/realworld/isrg-root-x1.pem" || true
[[ -n $OUT ]] && pass "an installed kr-lint finds the cabf-br profile set" || fail "kr-lint: $ERR"

# KEYRITE_DATA_DIR wins (the data copied away, the installed data removed), and a wrong one is named.
cp -r "$WORK/moved prefix/share/keyrite" "$WORK/data"
run_expect 2 env KEYRITE_DATA_DIR="$WORK/nowhere" "$bin/kr-ceremony" check "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" || true
assert_eq "a KEYRITE_DATA_DIR without profiles/ is named" \
  "kr-ceremony: error: KEYRITE_DATA_DIR=$WORK/nowhere holds no profiles/ directory" "$(head -1 <<<"$ERR")"
rm -rf "$WORK/moved prefix/share/keyrite"
run_expect 2 "$bin/kr-ceremony" check "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" || true
grep -q "keyrite's data files (profiles/, documents/) are not installed beside $bin/kr-ceremony" <<<"$ERR" &&
  pass "without its data files, an installed tool says where it looked" || fail "no data: $ERR"
run_expect 0 env KEYRITE_DATA_DIR="$WORK/data" "$bin/kr-ceremony" check "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" &&
  pass "KEYRITE_DATA_DIR points an installed tool at another data directory"
finish
