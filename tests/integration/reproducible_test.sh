#!/usr/bin/env bash
# Reproducible binaries (issue 14): no path of the build machine inside a tool, --version names
# the source revision, and an auditor's rebuilt kr-ceremony is checked against a transcript with
# kr-transcript verify --expect-binary. With KR_SLOW_TESTS=1 it also builds the tools twice, from
# two clones in different directories at different times without ccache, and compares SHA-256s.
source "$(dirname "$0")/lib.sh"
tools=(kr-ceremony kr-token kr-quorum kr-transcript kr-lint kr-testpki)
build_dir=$(cd "$KR_BIN/.." && pwd)

# --- Nothing of the build machine's directories is inside a tool ---------------------------------
embedded=""
for t in "${tools[@]}"; do
  for dir in "$KR_SOURCE_DIR" "$build_dir"; do
    grep -qaF -- "$dir/" "$KR_BIN/$t" && embedded+=" $t:$dir"
  done
done
assert_eq "no source or build directory path inside any tool" "" "$embedded"

# --- --version: the version and the source revision ---------------------------------------------
revision=$(git -C "$KR_SOURCE_DIR" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
for t in "${tools[@]}"; do
  run_expect 0 "$KR_BIN/$t" --version || continue
  [[ $OUT =~ ^$t\ [0-9]+\.[0-9]+\.[0-9]+\ \(source\ revision\ $revision(-dirty)?\)$ ]] &&
    pass "$t --version: $OUT" || fail "$t --version printed: $OUT"
done
run_expect 0 "$KR_BIN/kr-lint" --help
grep -q "^Usage: kr-lint " <<<"$OUT" && pass "usage lines name the tool, not the path it was run by" ||
  fail "usage line: $(head -2 <<<"$OUT")"

# --- The transcript records the binary; the auditor checks a rebuilt one against it -------------
cer=$WORK/cer
new_quorum_softhsm repro-hsm "$cer" 2 Ana Ben Cy
cat > "$cer/r.yaml" <<YAML
keyrite: 1
ceremony: {id: repro, test: true}
token: {module: softhsm2, label: repro-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Ana, Ben, Cy]}
quorum: {activation: 2-of-3, share-set: repro-hsm.shares.json}
steps:
  - id: key
    generate-key: {label: root, type: ec, curve: P-256}
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run "$cer/r.yaml" --output-dir "$WORK/out" "${QUORUM_ARGS[@]}"
log=$WORK/out/repro.events.jsonl
audit=$cer/repro-hsm.shares.json.audit-key.pem
binary=$(sha256sum "$KR_BIN/kr-ceremony" | cut -d' ' -f1)
assert_eq "line 0 records the running kr-ceremony's SHA-256" "$binary" "$(head -1 "$log" | jq -r .details.binary_sha256)"
assert_eq "line 0 records the source revision" "$("$KR_BIN/kr-ceremony" --version | sed -E 's/.*revision (.*)\)$/\1/')" \
  "$(head -1 "$log" | jq -r .details.source_revision)"
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" --expect-binary "${binary^^}"
grep -q "^binary: every run (1) used the kr-ceremony with SHA-256 $binary" <<<"$OUT" &&
  pass "--expect-binary: the rebuilt binary matches (hex in either case)" || fail "expect-binary: $OUT"
other=$(printf '%064d' 7)
run_expect 4 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" --expect-binary "$other" --format json
assert_eq "--expect-binary: another binary is found wrong (exit 4), in JSON too" \
  "false|line 0 records kr-ceremony SHA-256 $binary, not $other" \
  "$(jq -r '[.["expect-binary"].ok, .["expect-binary"].problems[0]] | join("|")' <<<"$OUT")"
run_expect 1 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" --expect-binary 12ab
assert_eq "--expect-binary: not a SHA-256 is a usage error (exit 1)" \
  'kr-transcript: error: --expect-binary wants a SHA-256 as 64 hex digits, not "12ab"' "$(head -1 <<<"$ERR")"

# --- Two builds, two directories, two times: the same tools --------------------------------------
if [[ ${KR_SLOW_TESTS:-} == 1 ]]; then
  sums() { (cd "$1/tools" && sha256sum "${tools[@]}"); }
  for side in a b/deeper; do
    git clone -q "$KR_SOURCE_DIR" "$WORK/$side/src"
    git -C "$WORK/$side/src" checkout -q "$(git -C "$KR_SOURCE_DIR" rev-parse HEAD)"
  done
  # ccache off: each build compiles every file itself.
  (cd "$WORK/a/src" && CCACHE_DISABLE=1 ./scripts/build "$WORK/a/build" -DKR_BUILD_TESTS=OFF >/dev/null)
  sleep 2
  (cd "$WORK/b/deeper/src" && CCACHE_DISABLE=1 TZ=Asia/Tokyo ./scripts/build "$WORK/b/deeper/out" -DKR_BUILD_TESTS=OFF >/dev/null)
  assert_eq "two builds in different directories at different times: identical tools" \
    "$(sums "$WORK/a/build")" "$(sums "$WORK/b/deeper/out" | sed "s|$WORK/b/deeper/out|$WORK/a/build|")"
else
  echo "skipped: the two full builds (KR_SLOW_TESTS=1 runs them, about 20 minutes on 2 cores)"
fi
finish
