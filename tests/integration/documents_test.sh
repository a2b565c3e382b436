#!/usr/bin/env bash
# The documents people read, made from real ceremonies on SoftHSM and opened in headless Chromium
# (Debian's chromium): the run-sheet before the demo ceremony, the paper log its run prints (same
# lines, same order), the auditor's report after it (verdict, root, every step and custodian),
# a report of a tampered transcript (the failure first, nothing shown as verified), --expect-root
# with the paper log's words, right and wrong, and a ceremony whose custodian names, description
# and subject hold markup, quotes and a direction override, with a lockout: its documents show
# them as text, and no script runs in Chromium. Screenshots, PDFs and DOM dumps are kept in
# $KR_TEST_TMP/documents/ as test artifacts. The example hierarchy's documents too when
# KR_SLOW_TESTS=1 (its 39-step quorum ceremony takes minutes).
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
C=$KR_BIN/kr-ceremony
T=$KR_BIN/kr-transcript
ART=${KR_TEST_TMP:-/tmp}/documents
rm -rf "$ART" && mkdir -p "$ART"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

# chromium_render NAME HTML: a screenshot, a PDF and the DOM after load, in the background (each
# Chromium start takes seconds: the test starts them all, then waits once).
chromium_render() {
  local flags=(--headless --disable-gpu --disable-quic --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --disable-extensions --no-pdf-header-footer
               --window-size=1200,1600 --user-data-dir="$WORK/chromium-$1")
  [[ $(id -u) == 0 ]] && flags+=(--no-sandbox)
  timeout 180 "$CHROMIUM" "${flags[@]}" --screenshot="$ART/$1.png" --print-to-pdf="$ART/$1.pdf" \
    --dump-dom "file://$2" >"$ART/$1.dom.html" 2>"$WORK/chromium-$1.log" &
}

# --- the demo: run-sheet, run, report -----------------------------------------------------------
ceremony=$WORK/ceremony
new_quorum_softhsm example-root-hsm "$ceremony" 3 Cara Dev Eli Fay Gus
script=$ceremony/example-roots-2015.yaml
cp "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" "$script"
out=$WORK/out
run_expect 0 "$C" runsheet "$script" --output-dir "$out" --out "$WORK/demo-runsheet.html"
assert_eq "runsheet: says what it wrote" "run-sheet for example-roots-2015 (12 steps) written to $WORK/demo-runsheet.html" "$OUT"
run_expect 2 "$C" runsheet "$script" --output-dir "$out" --out "$WORK/demo-runsheet.html"
assert_eq "runsheet: never overwrites" "kr-ceremony: error: $WORK/demo-runsheet.html: already exists; keyrite never overwrites a file" "$(head -1 <<<"$ERR")"
script_sha=$(sha256sum "$script" | cut -d' ' -f1)
grep -q "id=\"script-sha256\">$script_sha<" "$WORK/demo-runsheet.html" && pass "runsheet: the script's SHA-256" || fail "runsheet: no script SHA-256"
assert_eq "runsheet: one block per step" 12 "$(grep -c '<section class="step"' "$WORK/demo-runsheet.html")"

run_expect 0 "$C" run "$script" --output-dir "$out" "${QUORUM_ARGS[@]}" --attested-time 2026-11-23T10:00:00Z
run_out=$OUT
log=$out/example-roots-2015.events.jsonl
key=$ceremony/example-root-hsm.shares.json.audit-key.pem
# The paper log the run prints has the run-sheet's labels, in the run-sheet's order.
printed=$(sed -n 's/^ *[0-9]*  \(.*\):\( .*\)\?$/\1/p' <<<"$run_out" | grep -E '^(final|tree|root )')
sheet=$(grep -o '<tr><td>[0-9]*</td><td>[^<]*</td>' "$WORK/demo-runsheet.html" | sed 's/.*<td>\([^<]*\)<\/td>$/\1/')
assert_eq "paper log: the run prints the run-sheet's lines in its order (3 + 2 per root)" "$sheet" "$printed"
assert_eq "paper log: 11 lines" 11 "$(wc -l <<<"$printed")"
root=$(sed -n 's/^ *1  final transcript root (hex): \([0-9a-f]\{64\}\)$/\1/p' <<<"$run_out")
words=$(awk '/final transcript root \(PGP words\):/{f=1; next} f && /^      /{print; next} {f=0}' <<<"$run_out" |
  tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
assert_eq "paper log: 32 PGP words" 32 "$(wc -w <<<"$words")"
run_expect 0 "$T" verify "$log" --audit-key "$key"
grep -q "^root: *$root$" <<<"$OUT" && pass "paper log: the root is the one verify prints" || fail "root $root: $OUT"
spki=$(openssl pkey -pubin -in "$key" -outform DER | sha256sum | cut -d' ' -f1)
grep -q "^audit key:  SPKI SHA-256 $spki (trusted as given)$" <<<"$OUT" && pass "verify: names the audit key it trusted" || fail "verify: $OUT"
cert1=$(openssl x509 -in "$out/root-ca-1.crt" -outform DER | sha256sum | cut -d' ' -f1)
grep -q "^ *4  root root-ca-1.crt: certificate SHA-256 (of the DER): $cert1$" <<<"$run_out" &&
  pass "paper log: root-ca-1.crt's SHA-256 as openssl computes it" || fail "paper log cert: $run_out"

audit=$WORK/auditor
mkdir -p "$audit" && cp "$out"/*.crt "$out"/*.pem "$audit"/
run_expect 0 "$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/demo-report.html" \
  --expect-root "$words"
assert_eq "report: verdict first, then where it went" \
  "OK: the transcript verifies and every step replays
report written to $WORK/demo-report.html" "$OUT"
run_expect 0 "$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/demo-report.json" --format json --expect-root "$root"
assert_eq "report json: ok, 12 steps, the root matches, 5 custodians x 12 steps" "ok 12 true 5 12" \
  "$(jq -r '"\(.verdict.status) \(.step_count) \(.expect_root.matches) \(.approvals.custodians | length) \(.approvals.rows | length)"' "$WORK/demo-report.json")"
assert_eq "report json: 36 approvals in the matrix (3 per step)" 36 \
  "$(jq '[.approvals.rows[].cells[] | select(.class == "approved")] | length' "$WORK/demo-report.json")"
assert_eq "report json: no exceptions in a clean run" 0 "$(jq '.exceptions | length' "$WORK/demo-report.json")"
assert_eq "report json: the artifacts (4 keys, 4 roots, 4 exported keys)" 12 "$(jq '.artifacts | length' "$WORK/demo-report.json")"

# The paper log, wrong: a valid word list of another root, and words that are not a root.
wrong=$(sed 's/^\([a-zA-Z]*\) /aardvark /' <<<"$words")
[[ $wrong == "$words" ]] && wrong=$(sed 's/^\([a-zA-Z]*\) /absurd /' <<<"$words")
run_expect 4 "$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/wrong-root.html" --expect-root "$wrong"
grep -q '^FAILED: the final root does NOT match the paper log: word 1 is "' <<<"$OUT" &&
  pass "expect-root: a different root fails, naming the first word that differs" || fail "wrong root: $OUT"
grep -q 'class="verdict failed" id="verdict"' "$WORK/wrong-root.html" && pass "expect-root: the report's verdict is failed" || fail "wrong root html"
run_expect 1 "$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/bad-words.html" \
  --expect-root "$(cut -d' ' -f1,3- <<<"$words")"
assert_eq "expect-root: a dropped word is named" \
  "kr-transcript: error: --expect-root: word 2 \"$(cut -d' ' -f3 <<<"$words" | tr 'A-Z' 'a-z')\" is an even-position word in an odd position: a word before it was dropped or repeated" \
  "$(head -1 <<<"$ERR")"
assert_no_file "expect-root: nothing written for a usage error" "$WORK/bad-words.html"

# A tampered transcript: the report says so first and presents nothing as verified.
sed 's/"root-ca-1.crt"/"root-ca-9.crt"/' "$log" > "$WORK/tampered.jsonl"
run_expect 4 "$T" report "$WORK/tampered.jsonl" --artifacts "$audit" --audit-key "$key" --out "$WORK/tampered-report.html"
assert_eq "tampered: the verdict line" "FAILED: the transcript does not verify. Nothing in it is shown as fact." "$(head -1 <<<"$OUT")"
for section in "The hierarchy" "Artifacts" "Approvals" "root-ca-9.crt" "Cara"; do
  grep -q "$section" "$WORK/tampered-report.html" && fail "tampered: shows $section" || pass "tampered: no $section"
done

# --- hostile names: markup, quotes and a direction override, and a lockout ------------------------
rlo=$'\u202e'
hostile=$WORK/hostile
new_quorum_softhsm hostile-hsm "$hostile" 2 "<script>Mallory" "Quinn\"'" "Eve${rlo}gpj.exe"
for i in 1 2 3; do (umask 077; echo "wrong $i" > "$WORK/passphrases/wrong$i.pass"); done
cat > "$hostile/hostile.yaml" <<YAML
keyrite: 1
ceremony: {id: hostile-1, test: true, description: "<img src=x onerror=\"document.title='PWNED'\">"}
token: {module: softhsm2, label: hostile-hsm}
roles: {administrator: "<b>Alex</b>", internal-auditor: Ivy, custodians: ["<script>Mallory", "Quinn\\"'", "Eve\\u202Egpj.exe"]}
quorum: {activation: 2-of-3, share-set: hostile-hsm.shares.json}
steps:
  - id: key-1
    description: "</section><script>document.title='PWNED'</script>"
    generate-key: {label: root, type: ec, curve: P-256}
  - id: cert-1
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: "\\"><script>document.title='PWNED'</script>", CN: "Root \\u202Eevil"}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root.crt
YAML
m="<script>Mallory"
hostile_args=(--share "$m=$hostile/$m.share" --passphrase-file "$m=$WORK/passphrases/wrong1.pass"
  --passphrase-file "$m=$WORK/passphrases/wrong2.pass" --passphrase-file "$m=$WORK/passphrases/wrong3.pass"
  "${QUORUM_ARGS[@]:4}")
run_expect 0 "$C" runsheet "$hostile/hostile.yaml" --output-dir "$hostile/out" --out "$WORK/hostile-runsheet.html"
run_expect 0 "$C" run "$hostile/hostile.yaml" --output-dir "$hostile/out" "${hostile_args[@]}"
grep -q "is locked out for the rest of this run" <<<"$OUT" && pass "hostile: a custodian locked out" || fail "no lockout: $OUT"
hlog=$hostile/out/hostile-1.events.jsonl
hkey=$hostile/hostile-hsm.shares.json.audit-key.pem
run_expect 0 "$T" show "$hlog"
grep -qE "^[0-9]+ +[0-9T:.Z-]+ +quorum-failed +key-1 +<script>Mallory +failure +refused: .*wrong passphrase" <<<"$OUT" &&
  pass "show: a refusal names the custodian and the reason, in aligned columns" || fail "show: $OUT"
grep -qF "Eve<U+202E>gpj.exe" <<<"$OUT" && pass "show: the direction override is shown, not obeyed" || fail "show override: $OUT"
run_expect 0 "$T" replay "$hlog" --artifacts "$hostile/out" --audit-key "$hkey"
assert_eq "replay: lists the three refusals and the lockout" 4 "$(grep -cE '^  line [0-9]+ .* (refusal|lockout) <script>Mallory at step key-1' <<<"$OUT")"
run_expect 0 "$T" report "$hlog" --artifacts "$hostile/out" --audit-key "$hkey" --out "$WORK/hostile-report.html"
run_expect 0 "$T" report "$hlog" --artifacts "$hostile/out" --audit-key "$hkey" --out "$WORK/hostile-report.json" --format json
assert_eq "hostile report: exceptions are 3 refusals then a lockout" "refusal refusal refusal lockout" \
  "$(jq -r '[.exceptions[].kind] | join(" ")' "$WORK/hostile-report.json")"

# --- Chromium: every document rendered, printed, and read back from its DOM ----------------------
if [[ -z $CHROMIUM ]]; then
  fail "chromium is not installed (scripts/install-deps installs it)"
  finish; exit
fi
docs=(demo-runsheet demo-report tampered-report hostile-runsheet hostile-report)
if [[ ${KR_SLOW_TESTS:-} == 1 ]]; then
  records=$WORK/records
  new_quorum_softhsm example-hierarchy-hsm "$records" 3 Cara Dev Eli Fay Gus
  cp "$KR_SOURCE_DIR/ceremony-scripts/example-hierarchy.yaml" "$records/hierarchy.yaml"
  run_expect 0 "$C" runsheet "$records/hierarchy.yaml" --output-dir "$records/out" --out "$WORK/hierarchy-runsheet.html"
  run_expect 0 "$C" run "$records/hierarchy.yaml" --output-dir "$records/out" "${QUORUM_ARGS[@]}"
  run_expect 0 "$T" report "$records/out/example-hierarchy.events.jsonl" --artifacts "$records/out" \
    --audit-key "$records/example-hierarchy-hsm.shares.json.audit-key.pem" --out "$WORK/hierarchy-report.html"
  docs+=(hierarchy-runsheet hierarchy-report)
fi
for d in "${docs[@]}"; do chromium_render "$d" "$WORK/$d.html"; done
# The tool's own --pdf, alongside.
"$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/demo-report-2.html" \
  --pdf "$ART/demo-report.tool.pdf" >"$WORK/pdf.out" 2>"$WORK/pdf.err" &
wait
assert_eq "report --pdf: says where the PDF went" \
  "OK: the transcript verifies and every step replays
report written to $WORK/demo-report-2.html, PDF $ART/demo-report.tool.pdf" "$(cat "$WORK/pdf.out" "$WORK/pdf.err")"
[[ $(head -c 5 "$ART/demo-report.tool.pdf") == "%PDF-" ]] && pass "report --pdf: Chromium printed a PDF" || fail "no PDF"
for d in "${docs[@]}"; do
  if [[ -s $ART/$d.png && $(head -c 5 "$ART/$d.pdf") == "%PDF-" && -s $ART/$d.dom.html ]]; then
    pass "chromium: $d rendered (screenshot, PDF, DOM)"
  else
    fail "chromium: $d not rendered: $(tail -3 "$WORK/chromium-$d.log")"
  fi
done
dom() { cat "$ART/$1.dom.html"; }
# live_markup FILE: the elements and event-handler attributes an HTML parser finds that no keyrite
# template writes (script, img, b, on*), and a title changed by a script; empty when there are none.
live_markup() {
  python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    found, in_title, title = set(), False, ""
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "b", "iframe", "object", "embed", "a"): self.found.add("<" + tag + ">")
        for name, _ in attrs:
            if name.startswith("on"): self.found.add(name + "=")
        self.in_title = tag == "title"
    def handle_endtag(self, tag): self.in_title = False
    def handle_data(self, data):
        if self.in_title: self.title += data
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
if "PWNED" in p.title: p.found.add("title " + p.title)
print(" ".join(sorted(p.found)))
PY
}
grep -q "id=\"step-count\">12<" <<<"$(dom demo-runsheet)" && pass "DOM demo run-sheet: 12 steps" || fail "DOM: step count"
grep -q "id=\"final-root\">$root<" <<<"$(dom demo-report)" && pass "DOM demo report: the final root" || fail "DOM: root"
grep -q "id=\"step-count\">12<" <<<"$(dom demo-report)" && pass "DOM demo report: 12 steps" || fail "DOM: report steps"
for c in Cara Dev Eli Fay Gus; do
  grep -q "<td class=\"role-name\">$c</td>" <<<"$(dom demo-runsheet)" && pass "DOM run-sheet: custodian $c" || fail "DOM run-sheet: $c"
  grep -q "<th class=\"custodian\">$c</th>" <<<"$(dom demo-report)" && pass "DOM report: custodian $c's column" || fail "DOM report: $c"
done
grep -q '<svg' <<<"$(dom demo-report)" && pass "DOM demo report: the hierarchy is inline SVG" || fail "DOM: no svg"
first=$(tr -d '\n' <"$ART/tampered-report.dom.html" | grep -o 'id="verdict"><strong>[^<]*' | sed 's/.*<strong>//' || true)
assert_eq "DOM tampered report: the failure is the first thing" "FAILED: the transcript does not verify. Nothing in it is shown as fact." "$first"
for d in hostile-runsheet hostile-report; do
  page=$(dom "$d")
  live=$(live_markup "$ART/$d.dom.html")
  assert_eq "DOM $d: no live markup from the transcript and no script ran" "" "$live"
  grep -qF '&lt;script&gt;Mallory' <<<"$page" && pass "DOM $d: the custodian's name is text" || fail "DOM $d: name"
  grep -qF 'Eve&lt;U+202E&gt;gpj.exe' <<<"$page" && pass "DOM $d: the override is shown, not obeyed" || fail "DOM $d: override"
  grep -qF "$rlo" <<<"$page" && fail "DOM $d: a raw U+202E" || pass "DOM $d: no raw U+202E"
done
grep -qF '<td class="cell-locked">refused, refused, refused, locked out</td>' <<<"$(dom hostile-report)" &&
  pass "DOM hostile report: the matrix shows the refusals and the lockout" || fail "DOM hostile matrix"
finish
