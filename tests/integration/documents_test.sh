#!/usr/bin/env bash
# The documents people read, made from real ceremonies on SoftHSM and opened in headless Chromium
# (Debian's chromium): the run-sheet before the demo ceremony, the paper log its run prints (same
# lines, same order), the auditor's report after it (verdict, root, every step and custodian),
# a report of a tampered transcript (the failure first, nothing shown as verified), --expect-root
# with the paper log's words, right and wrong, and a ceremony whose custodian names, description
# and subject hold markup, quotes and a direction override, with a lockout: its documents show
# them as text, and no script runs in Chromium. Screenshots, PDFs and DOM dumps are kept in
# $KR_TEST_TMP/documents/ as test artifacts. The example hierarchy's documents are
# hierarchy_test.sh's (its ceremony runs there once).
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
C=$KR_BIN/kr-ceremony
T=$KR_BIN/kr-transcript
ART=${KR_TEST_TMP:-/tmp}/documents
source "$(dirname "$0")/chromium.sh"

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
# root-ca-1.crt's row, each value against openssl's reading of the file the auditor holds.
row=$(jq -c '.artifacts[] | select(.name == "root-ca-1.crt")' "$WORK/demo-report.json")
assert_eq "report json: root-ca-1.crt's kind, subject, serial, validity and file SHA-256" \
  "root certificate|$(openssl x509 -in "$audit/root-ca-1.crt" -noout -subject -nameopt oneline | sed 's/^subject=//')|$(openssl x509 -in "$audit/root-ca-1.crt" -noout -serial | sed 's/^serial=//' | tr A-F a-f)|$(date -u -d "$(openssl x509 -in "$audit/root-ca-1.crt" -noout -startdate | sed 's/^notBefore=//')" +%FT%TZ) to $(date -u -d "$(openssl x509 -in "$audit/root-ca-1.crt" -noout -enddate | sed 's/^notAfter=//')" +%FT%TZ)|$(sha256sum "$audit/root-ca-1.crt" | cut -d' ' -f1)" \
  "$(jq -r '"\(.kind)|\(.subject)|\(.serial | ascii_downcase)|\(.validity)|\(.sha256)"' <<<"$row")"
assert_eq "report json: every checkpoint of the transcript, the last one's root the final root" \
  "$(jq -s '[.[] | select(.type == "checkpoint")] | length' "$log") $root" \
  "$(jq -r '"\(.checkpoints | length) \(.checkpoints[-1].root)"' "$WORK/demo-report.json")"

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

# --- a second ceremony on the demo's token, planned: a cross-certificate and a CRL ----------------
# kr-ceremony plan fixes the to-be-signed bytes; the run-sheet printed with --plan carries each
# planned step's SHA-256 and PGP words, as the plan printed them, for the witnesses to compare.
cross=$ceremony/example-cross-2015.yaml
cat > "$cross" <<YAML
keyrite: 1
ceremony: {id: example-cross-2015, description: Example Root CA 3 cross-certified by Example Root CA 1}
token: {module: softhsm2, label: example-root-hsm}
roles: {administrator: Alex Admin, internal-auditor: Ivy Auditor, custodians: [Cara, Dev, Eli, Fay, Gus]}
quorum: {activation: 3-of-5, share-set: example-root-hsm.shares.json}
steps:
  - id: cross-3
    description: Example Root CA 3 for clients that trust only Example Root CA 1
    cross-sign:
      issuer: {key: root-ca-1, certificate: $out/root-ca-1.crt}
      certificate: $out/root-ca-3.crt
      profile: cross-ca
      validity: {not-before: 2016-01-01T00:00:00Z, not-after: 2038-01-17T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root-ca-1.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root-ca-1.crl]
        policies: [2.5.29.32.0]
      output: root-ca-3-by-1.crt
  - id: crl-1
    sign-crl:
      issuer: {key: root-ca-1, certificate: $out/root-ca-1.crt}
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-31T00:00:00Z
      state: crl-state.jsonl
      output: root-ca-1.crl
  - id: export-3
    export-public-key: {key: root-ca-3, output: root-ca-3.pub.pem}
YAML
cross_out=$WORK/cross-out
run_expect 0 "$C" plan "$cross" --output-dir "$cross_out" --tbs-dir "$WORK/tbs"
plan_out=$OUT
run_expect 0 "$C" runsheet "$cross" --output-dir "$cross_out" --plan "$WORK/tbs/plan.json" --out "$WORK/cross-runsheet.html" \
  --pdf "$ART/cross-runsheet.tool.pdf"
assert_eq "runsheet --plan --pdf: says what it wrote" \
  "run-sheet for example-cross-2015 (3 steps) written to $WORK/cross-runsheet.html, PDF $ART/cross-runsheet.tool.pdf" "$OUT"
[[ -z $CHROMIUM || $(head -c 5 "$ART/cross-runsheet.tool.pdf") == "%PDF-" ]] && pass "runsheet --pdf: Chromium printed a PDF" || fail "runsheet: no PDF"
grep -qF "tbs/plan.json (2 steps with a fixed to-be-signed SHA-256)" "$WORK/cross-runsheet.html" &&
  pass "runsheet --plan: names the plan and counts its steps" || fail "runsheet --plan: no plan line"
# planned_blocks HTML: "STEP-ID HEX WORD..." for each step block with a planned digest.
planned_blocks() {
  python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.step = None; self.grab = None; self.blocks = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs); cls = (a.get("class") or "").split()
        if tag == "section" and "step" in cls: self.step = None
        if tag == "h3": self.grab = "h3"
        if "tbs-sha256" in cls: self.grab = "hex"
        if "tbs-words" in cls: self.grab = "words"
    def handle_endtag(self, tag):
        if tag in ("h3", "span", "div"): self.grab = None
    def handle_data(self, data):
        if self.grab == "h3" and self.step is None: self.step = data.split(": ", 1)[1].split()[0]
        elif self.grab == "hex": self.blocks.setdefault(self.step, []).append(data.strip())
        elif self.grab == "words":
            self.blocks.setdefault(self.step, []).extend(w for w in data.split() if not w.isdigit())
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
for step, values in p.blocks.items(): print(step, " ".join(values))
PY
}
# plan_words STEP: the digest and words kr-ceremony plan printed for STEP, in the same form.
plan_words() {
  awk -v s="step $1: to-be-signed" 'index($0, s) == 1 {f=9; next}
    f == 9 {printf "%s", $2; f--; next}
    f > 0 {for (i = 2; i <= NF; i++) printf " %s", $i; f--} END {print ""}' <<<"$plan_out"
}
expected_blocks="cross-3 $(plan_words cross-3)
crl-1 $(plan_words crl-1)"
for s in cross-3 crl-1; do
  assert_eq "plan: step $s's SHA-256 is that of the to-be-signed DER it wrote" \
    "$(sha256sum "$WORK/tbs/$s.tbs.der" | cut -d' ' -f1)" "$(plan_words "$s" | cut -d' ' -f1)"
done
assert_eq "plan: 32 words per digest" "33 33" "$(plan_words cross-3 | wc -w) $(plan_words crl-1 | wc -w)"
assert_eq "runsheet --plan: the planned steps carry the plan's SHA-256 and PGP words; export-3 none" \
  "$expected_blocks" "$(planned_blocks "$WORK/cross-runsheet.html")"
run_expect 0 "$C" run "$cross" --output-dir "$cross_out" --plan "$WORK/tbs/plan.json" "${QUORUM_ARGS[@]}"
cross_run=$OUT
grep -q "^cross-certificate root-ca-3-by-1.crt: C = US, O = Example Trust Services, CN = Example Root CA 3$" <<<"$cross_run" &&
  pass "run: the cross-certificate is called one as it is made" || fail "run: $cross_run"
grep -qE "^  root-ca-3-by-1.crt +cross-certificate +C = US, O = Example Trust Services, CN = Example Root CA 3 +[0-9a-f]{64}$" <<<"$cross_run" &&
  pass "run summary: the cross-certificate's kind" || fail "summary: $cross_run"
assert_eq "run: the signed TBS is the planned one" "$(sha256sum "$WORK/tbs/cross-3.tbs.der" | cut -d' ' -f1)" \
  "$(jq -r 'select(.type == "certificate-signed") | .details.tbs_sha256' "$cross_out/example-cross-2015.events.jsonl")"
cp "$out/root-ca-1.crt" "$out/root-ca-3.crt" "$cross_out/"
run_expect 0 "$T" report "$cross_out/example-cross-2015.events.jsonl" --artifacts "$cross_out" --audit-key "$key" \
  --out "$WORK/cross-report.html"
run_expect 0 "$T" report "$cross_out/example-cross-2015.events.jsonl" --artifacts "$cross_out" --audit-key "$key" \
  --out "$WORK/cross-report.json" --format json
assert_eq "report json: the artifacts by kind" "cross-certificate:root-ca-3-by-1.crt CRL:root-ca-1.crl public key:root-ca-3.pub.pem" \
  "$(jq -r '[.artifacts[] | "\(.kind):\(.name)"] | join(" ")' "$WORK/cross-report.json")"
assert_eq "report json: the picture's cross-certificate" "cross-certificate" \
  "$(jq -r '[.hierarchy.nodes[] | select(.label[1] == "cross-certificate: root-ca-3-by-1.crt") | .kind] | join(" ")' "$WORK/cross-report.json")"

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
docs=(demo-runsheet demo-report tampered-report cross-runsheet cross-report hostile-runsheet hostile-report)
for d in "${docs[@]}"; do chromium_render "$d" "$WORK/$d.html"; done
# The tool's own --pdf, alongside.
"$T" report "$log" --artifacts "$audit" --audit-key "$key" --out "$WORK/demo-report-2.html" \
  --pdf "$ART/demo-report.tool.pdf" >"$WORK/pdf.out" 2>"$WORK/pdf.err" &
wait
assert_eq "report --pdf: says where the PDF went" \
  "OK: the transcript verifies and every step replays
report written to $WORK/demo-report-2.html, PDF $ART/demo-report.tool.pdf" "$(cat "$WORK/pdf.out" "$WORK/pdf.err")"
[[ $(head -c 5 "$ART/demo-report.tool.pdf") == "%PDF-" ]] && pass "report --pdf: Chromium printed a PDF" || fail "no PDF"
chromium_rendered "${docs[@]}"
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
grep -q "id=\"script-sha256\">$script_sha<" <<<"$(dom demo-runsheet)" && pass "DOM run-sheet: the script's SHA-256" || fail "DOM: script sha"
assert_eq "DOM run-sheet: the script's SHA-256 in 32 PGP words, 8 rows" "8 32" \
  "$(python3 -c 'import re,sys; m=re.search(r"id=\"script-words\">([^<]*)<", sys.stdin.read()); rows=m.group(1).split("\n")[:-1]; print(len(rows), sum(len(r.split())-1 for r in rows))' <"$ART/demo-runsheet.dom.html")"
for item in "token label</th><td class=\"mono\">example-root-hsm<" "PKCS#11 module</th><td class=\"mono\">softhsm2<" \
            "<li>3 of the 5 custodians Cara, Dev, Eli, Fay, Gus</li>"; do
  grep -qF "$item" <<<"$(dom demo-runsheet)" && pass "DOM run-sheet: has $(sed 's/<[^>]*>/ /g' <<<"$item")" ||
    fail "DOM run-sheet: no $item"
done
# Step 5 (cert-1) in plain words, as the script says it; who must be present, the boxes and the
# notes in every step; the paper log's signature lines.
step5=$(sed -n '/<section class="step" id="step-5">/,/<\/section>/p' "$ART/demo-runsheet.dom.html")
for words in "Sign a self-signed certificate (a root) with key root-ca-1, profile root-ca" \
             "Subject: C=US, O=Example Trust Services, CN=Example Root CA 1" \
             "Valid from 2015-05-26T00:00:00Z to 2038-01-17T00:00:00Z" "Writes root-ca-1.crt (PEM)"; do
  grep -qF "$words" <<<"$step5" && pass "DOM run-sheet step 5: $words" || fail "DOM run-sheet step 5: no $words"
done
grep -qF "Generate an RSA 2048 key pair on the token, labelled root-ca-1" <<<"$(dom demo-runsheet)" &&
  pass "DOM run-sheet step 1: the key type and label" || fail "DOM run-sheet: step 1 words"
grep -qF "signed by key root-ca-1 (issuer certificate $out/root-ca-1.crt)" <<<"$(dom cross-runsheet)" &&
  pass "DOM cross run-sheet: the issuer" || fail "DOM cross run-sheet: issuer"
assert_eq "DOM run-sheet: each of the 12 steps lists who must be present, boxes and room for notes" "12 12 12" \
  "$(grep -c '<li>3 of the 5 custodians Cara, Dev, Eli, Fay, Gus</li></ul>' "$ART/demo-runsheet.dom.html") $(grep -c '<table class="marks">' "$ART/demo-runsheet.dom.html") $(grep -c '<div class="notes">' "$ART/demo-runsheet.dom.html")"
assert_eq "DOM run-sheet: the paper log is signed by the administrator, the auditor and witnesses" \
  "administrator: Alex Admin|internal auditor: Ivy Auditor|witness|witness" \
  "$(sed -n '/<section class="paper-log">/,/<\/section>/p' "$ART/demo-runsheet.dom.html" | sed -n 's/^<tr><td>\([^<]*\)<\/td><td><\/td><td><\/td><\/tr>$/\1/p' | paste -sd'|')"
assert_eq "DOM run-sheet: the paper log page comes last, after the 12 steps" "step-12 paper-log" \
  "$(grep -oE '<section class="(step" id="step-[0-9]+|paper-log)' "$ART/demo-runsheet.dom.html" | tail -2 |
     sed -E 's/.*id="//; s/.*class="//' | tr '\n' ' ' | sed 's/ $//')"
# The report's facts, each against its source: the audit key the auditor gave, the script, the
# kr-ceremony that ran, its version, the attested time the operator typed.
binary_sha=$(sha256sum "$C" | cut -d' ' -f1)
version=$("$C" --version | head -1 | awk '{print $2}')
for fact in "SPKI SHA-256 $spki" "<th>script SHA-256</th><td class=\"mono\">$script_sha<" \
            "<th>kr-ceremony binary SHA-256</th><td class=\"mono\">$binary_sha<" \
            "<th>tool version</th><td>$version<" "<th>attested time (reference clock)</th><td>2026-11-23T10:00:00Z<" \
            "<th>system time</th><td>20"; do
  grep -qF "$fact" <<<"$(dom demo-report)" && pass "DOM demo report: $fact" || fail "DOM demo report: no $fact"
done
assert_eq "DOM cross run-sheet: the planned digests survive Chromium" "$expected_blocks" "$(planned_blocks "$ART/cross-runsheet.dom.html")"
grep -qF '<td>cross-certificate</td><td class="mono">root-ca-3-by-1.crt</td>' <<<"$(dom cross-report)" &&
  pass "DOM cross report: the artifact table calls it a cross-certificate" || fail "DOM cross report: table"
grep -qF '>cross-certificate: root-ca-3-by-1.crt<' <<<"$(dom cross-report)" &&
  pass "DOM cross report: so does the picture" || fail "DOM cross report: picture"
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
