#!/usr/bin/env bash
# The README's YAML examples run: each ```yaml block is extracted and run against a fresh token
# (```yml blocks are fragments of longer scripts); a kr-testpki spec is generated with kr-testpki.
source "$(dirname "$0")/lib.sh"
awk '/^```yaml$/{n++; f=sprintf("'"$WORK"'/readme-%d.yaml", n); next} /^```$/{f=""} f{print > f}' \
  "$KR_SOURCE_DIR/README.md"
count=$(ls "$WORK"/readme-*.yaml 2>/dev/null | wc -l)
[[ $count -ge 1 ]] && pass "README has $count YAML example(s)" || fail "no YAML example found in README"
for example in "$WORK"/readme-*.yaml; do
  if [[ $(head -1 "$example") == "keyrite-testpki: 1" ]]; then  # a kr-testpki spec, not a ceremony
    run_expect 0 "$KR_BIN/kr-testpki" generate "$example" --out "$WORK/out-$(basename "$example" .yaml)" \
      && pass "$(basename "$example") generates"
    continue
  fi
  label=$(sed -nE 's/.*label: ([a-z0-9-]+)\}.*/\1/p' "$example" | head -1)
  new_softhsm "$label"
  run_expect 0 "$KR_BIN/kr-ceremony" run "$example" --output-dir "$WORK/out-$(basename "$example" .yaml)" \
    --pin-fd 3 3<"$WORK/user.pin" && pass "$(basename "$example") runs"
done
# The README's "your first ceremony" walkthrough runs as written (the built tools on PATH, the run
# directory under this test's own).
sed -n '/^Your first ceremony/,/^```$/p' "$KR_SOURCE_DIR/README.md" | sed '1,3d;$d' | grep -v '^export PATH=' |
  sed "s|/tmp/first|$WORK/first|g; s|^scripts/|$KR_SOURCE_DIR/scripts/|" > "$WORK/first.sh"
run_expect 0 env PATH="$KR_BIN:$PATH" bash -eu "$WORK/first.sh" &&
  grep -q "demo ceremony complete" <<<"$OUT" && grep -q "ceremony-started" <<<"$OUT" &&
  pass "README: your first ceremony runs and shows its transcript" || fail "first ceremony: $(tail -5 <<<"$OUT") $ERR"
# The field reference in the README is the parser's own.
readme=$(sed -n '/<!-- fields:begin -->/,/<!-- fields:end -->/p' "$KR_SOURCE_DIR/README.md" | sed '1d;$d')
assert_eq "README's field reference equals scripts/readme-fields' (lib/script/parser.h, step_fields.cpp)" "$("$KR_SOURCE_DIR/scripts/readme-fields")" "$readme"
finish
