# Documents opened the way people open them: in headless Chromium (Debian's chromium). Sourced by
# the tests that render run-sheets and reports, after lib.sh and after setting ART: the test's own
# directory (tests run in parallel) where screenshots, PDFs and DOM dumps are kept as artifacts.
: "${ART:?set ART before sourcing chromium.sh}"
rm -rf "$ART" && mkdir -p "$ART"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

# chromium_render NAME HTML: a screenshot, a PDF and the DOM after load, in the background (each
# Chromium start takes seconds: a test starts them all, then waits once).
chromium_render() {
  local flags=(--headless --disable-gpu --disable-quic --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --disable-extensions --no-pdf-header-footer
               --window-size=1200,1600 --user-data-dir="$WORK/chromium-$1")
  [[ $(id -u) == 0 ]] && flags+=(--no-sandbox)
  timeout 180 "$CHROMIUM" "${flags[@]}" --screenshot="$ART/$1.png" --print-to-pdf="$ART/$1.pdf" \
    --dump-dom "file://$2" >"$ART/$1.dom.html" 2>"$WORK/chromium-$1.log" &
}

# chromium_rendered NAME...: after `wait`, one check per document that Chromium made all three.
chromium_rendered() {
  local d
  for d in "$@"; do
    if [[ -s $ART/$d.png && $(head -c 5 "$ART/$d.pdf") == "%PDF-" && -s $ART/$d.dom.html ]]; then
      pass "chromium: $d rendered (screenshot, PDF, DOM)"
    else
      fail "chromium: $d not rendered: $(tail -3 "$WORK/chromium-$d.log")"
    fi
  done
}

dom() { cat "$ART/$1.dom.html"; }
