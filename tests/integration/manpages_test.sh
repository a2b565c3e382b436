#!/bin/bash
# Man pages and bash completion against the tools themselves: every page renders with scdoc (and
# man, without warnings); every command and every long option each tool's --help lists is in its
# man page, in that command's subsection or the page's OPTIONS; every option the page defines
# exists; the exit statuses are documented; the format pages name every field their parser
# reads, and their examples are accepted by the tools; the built pages are what the sources render
# to with the source's own date (reproducible); and the completion offers each tool's commands,
# exactly each command's options, the fixed choices --help shows, and file names for paths.
source "$(dirname "$0")/lib.sh"

MAN_SRC=$KR_SOURCE_DIR/docs/man
MAN_BUILT=$KR_BIN/../man
COMPLETION=$KR_SOURCE_DIR/completions/keyrite.bash
TOOLS=(kr-ceremony kr-token kr-quorum kr-transcript kr-lint kr-testpki)

if ! command -v scdoc >/dev/null; then
  fail "scdoc is not installed (scripts/install-deps installs it)"
  finish
  exit 1
fi

# --- what --help says ---------------------------------------------------------------------------
# help_text TOOL [COMMAND]: its --help, run once.
mkdir -p "$WORK/help"
help_text() {
  local file=$WORK/help/$1${2:+.$2}
  [[ -f $file ]] || "$KR_BIN/$1" ${2:+"$2"} --help >"$file"
  cat "$file"
}
# help_options TOOL [COMMAND]: the long options of an option table, one per line.
help_options() {
  help_text "$1" "${2:-}" | sed -nE 's/^  (-[A-Za-z],)?(--[a-z0-9-]+).*/\2/p' | sort -u
}
# help_commands TOOL: the commands under "Subcommands:".
help_commands() {
  help_text "$1" | awk '/^Subcommands:/ {on = 1; next} /^$/ {on = 0} on && /^  [a-z]/ {print $1}'
}
# help_choices TOOL [COMMAND]: "OPTION A,B" for each option with the fixed choices CLI11 shows as
# {A,B}.
help_choices() {
  help_text "$1" "${2:-}" | sed -nE 's/^  (--[a-z0-9-]+) [A-Z]+:\{([^}]*)\}.*/\1 \2/p'
}

# --- the pages render -------------------------------------------------------------------------
# roff_text FILE: the roff with scdoc's font and escape sequences removed, for grepping.
roff_text() { sed -E 's/\\f[BIRP]//g; s/\\&//g; s/\\\(aq/'"'"'/g; s/\\e/\\/g' "$1"; }

mkdir -p "$WORK/man"
pages=()
for source in "$MAN_SRC"/*.scd; do
  page=$(basename "$source" .scd)  # kr-ceremony.1
  pages+=("$page")
  if scdoc <"$source" >"$WORK/man/$page" 2>"$WORK/scdoc.err" && [[ -s $WORK/man/$page ]]; then
    pass "$page: scdoc renders it"
  else
    fail "$page: scdoc fails: $(cat "$WORK/scdoc.err")"
    continue
  fi
  roff_text "$WORK/man/$page" >"$WORK/man/$page.txt"
  name=${page%.*} section=${page##*.}
  assert_eq "$page: its header names it" "$name $section" \
    "$(sed -nE 's/^\.TH "([^"]*)" "([^"]*)".*/\1 \2/p' "$WORK/man/$page")"
  if command -v man >/dev/null; then
    LC_ALL=C MANWIDTH=200 man --warnings -l "$WORK/man/$page" >"$WORK/man.out" 2>"$WORK/man.err"
    if [[ -s $WORK/man.out && ! -s $WORK/man.err ]]; then pass "$page: man renders it without warnings"
    else fail "$page: man -l: $(head -5 "$WORK/man.err")"; fi
  fi
done
if ! command -v man >/dev/null; then echo "note: man is not installed; pages checked as roff only"; fi
for tool in "${TOOLS[@]}"; do
  [[ -f $MAN_SRC/$tool.1.scd ]] && pass "$tool has a man page" || fail "$tool has no docs/man/$tool.1.scd"
done

# --- every command and option is documented, and every documented option exists ---------------
# section_text PAGE HEADER MACRO: the text of the .SH (MACRO SH) or .SS (SS) section HEADER.
section_text() {
  awk -v header="$2" -v macro=".$3" '
    /^\.SH/ || (macro == ".SS" && /^\.SS/) {on = 0}
    $0 == macro " " header || $0 == macro " \"" header "\"" {on = !done; done = 1; next}
    on' "$WORK/man/$1.txt"
}

# option_words: the --options a text names, one per line.
option_words() { grep -oE -- '--[a-z0-9-]+' | sort -u; }

for tool in "${TOOLS[@]}"; do
  page=$tool.1
  [[ -f $WORK/man/$page ]] || continue
  options_section=$(section_text "$page" OPTIONS SH)
  commands=$(help_commands "$tool")
  all_help=$(help_options "$tool")
  # The options --help lists that the command's subsection and OPTIONS do not name.
  missing=$(comm -23 <(help_options "$tool") <(option_words <<<"$options_section"))
  for command in $commands; do
    text=$(section_text "$page" "$command" SS)
    if [[ -z $text ]]; then
      fail "$page: no subsection for the command $command"
      continue
    fi
    all_help+=$'\n'$(help_options "$tool" "$command")
    missing+=" "$(comm -23 <(help_options "$tool" "$command") \
      <(option_words <<<"$text"$'\n'"$options_section") | sed "s/^/$command /")
  done
  assert_eq "$page documents every option --help lists, where it applies" "" "$(echo $missing)"
  # The pages' commands are the tool's.
  documented=$(section_text "$page" COMMANDS SH | sed -n 's/^\.SS //p' | tr -d '"' | sort)
  assert_eq "$page: its COMMANDS are the tool's" "$(sort <<<"$commands")" "$documented"
  # Every option the page defines (a term followed by its indented description) exists, but
  # --version, which the tools get next (documented ahead of it).
  defined=$(awk '/^\.RS/ && prev ~ /^-/ {print prev} {prev = $0}' "$WORK/man/$page.txt" |
    grep -oE -- '--[a-z0-9-]+' | sort -u)
  unknown=()
  for option in $defined; do
    grep -qxF -- "$option" <<<"$all_help" || [[ $option == --version ]] || unknown+=("$option")
  done
  assert_eq "$page defines no option the tool lacks" "" "${unknown[*]}"
  grep -qE -- '(^|[^-])--version' <<<"$options_section" && pass "$page documents --version" ||
    fail "$page does not document --version"
  # Exit statuses: 0, 1 and 2 everywhere; 3 (paused) for kr-ceremony; 4 (verified and found
  # wrong) for kr-transcript and kr-lint.
  statuses=$(section_text "$page" "EXIT STATUS" SH | awk '/^\.RS/ {print prev} {prev = $0}' |
    grep -xE '[0-9]+' | tr '\n' ' ')
  case $tool in
    kr-ceremony) want="0 1 2 3 " ;;
    kr-transcript | kr-lint) want="0 1 2 4 " ;;
    *) want="0 1 2 " ;;
  esac
  assert_eq "$page: EXIT STATUS lists $want" "$want" "$statuses"
  if [[ $want == *4* ]]; then
    section_text "$page" "EXIT STATUS" SH | grep -q "Verified and found wrong" &&
      pass "$page: 4 is verified and found wrong" || fail "$page: 4 is not described as verified and found wrong"
  fi
done

# --- the format pages: every field, and examples the tools accept --------------------------------
# terms PAGE: the bold terms of definition lists, one per line.
terms() {
  sed 's/\\&//g' "$WORK/man/$1" | awk '/^\.RS/ {print prev} {prev = $0}' |
    sed -E 's/\\fB([^\\]*)\\fR/\n\1\n/g'
}
# code_block PAGE SECTION: the first literal block of a .SH section.
code_block() {
  awk -v header="$2" '
    /^\.SH/ {on = 0}
    $0 == ".SH " header {on = 1; next}
    on && !done && /^\.nf/ {code = 1; next}
    code && /^\.fi/ {code = 0; done = 1}
    on && code' "$WORK/man/$1" | sed -E 's/^\.RS 4$//; /^$/d; s/\\e/\\/g; s/\\&//g'
}

fields=$("$KR_SOURCE_DIR/scripts/readme-fields" |
  awk -F'|' '/^\|/ {gsub(/ /, "", $2); if ($2 != "" && $2 != "Field" && $2 !~ /^-/) print $2}')
missing=()
terms keyrite-script.5 >"$WORK/script-terms"
for field in $fields; do grep -qxF -- "$field" "$WORK/script-terms" || missing+=("$field"); done
assert_eq "keyrite-script(5) defines every field scripts/readme-fields prints ($(wc -w <<<"$fields"))" "" "${missing[*]}"

spec_fields=$(awk '/^#/ {on = 0} /^### Spec fields/ {on = 1} on && /^\| [a-z]/' "$KR_SOURCE_DIR/README.md" |
  awk -F'|' '{print $2}' | tr ',' '\n' | sed -E 's/^ *//; s/ *$//' | grep -v '^\.' | grep -v '^Field$')
missing=()
terms keyrite-testpki.5 >"$WORK/testpki-terms"
for field in $spec_fields; do grep -qxF -- "$field" "$WORK/testpki-terms" || missing+=("$field"); done
assert_eq "keyrite-testpki(5) defines every spec field README lists ($(wc -w <<<"$spec_fields"))" "" "${missing[*]}"
defects=$("$KR_BIN/kr-testpki" defects --format tsv | cut -f1)
missing=()
for defect in $defects; do grep -qxF -- "$defect" "$WORK/testpki-terms" || missing+=("$defect"); done
assert_eq "keyrite-testpki(5) describes every defect of the catalogue ($(wc -w <<<"$defects"))" "" "${missing[*]}"

mkdir -p "$WORK/examples"
code_block keyrite-script.5 SYNOPSIS >"$WORK/examples/synopsis.yaml"
{ cat "$WORK/examples/synopsis.yaml"; code_block keyrite-script.5 EXAMPLES; } >"$WORK/examples/steps.yaml"
for example in synopsis steps; do
  run_expect 0 "$KR_BIN/kr-ceremony" check "$WORK/examples/$example.yaml" --output-dir "$WORK/examples" &&
    pass "keyrite-script(5)'s $example example passes kr-ceremony check"
done
code_block keyrite-testpki.5 SYNOPSIS >"$WORK/examples/hierarchy.yaml"
run_expect 0 "$KR_BIN/kr-testpki" generate "$WORK/examples/hierarchy.yaml" --out "$WORK/examples/pki" --seed man &&
  assert_eq "keyrite-testpki(5)'s example makes its 56 certificates" 56 \
    "$(jq '.certificates | length' "$WORK/examples/pki/manifest.json")"

# --- the built pages: every page, reproducible ---------------------------------------------------
# The date a page must carry: SOURCE_DATE_EPOCH, else its source's last commit, else its mtime
# (docs/man/render-page.cmake); never the day it was built.
for page in "${pages[@]}"; do
  source=$MAN_SRC/$page.scd
  epoch=${SOURCE_DATE_EPOCH:-$(git -C "$KR_SOURCE_DIR" log -1 --format=%ct -- "$source" 2>/dev/null || true)}
  epoch=${epoch:-$(stat -c %Y "$source")}
  if [[ ! -f $MAN_BUILT/$page ]]; then
    fail "$page was not built into $MAN_BUILT (docs/man/CMakeLists.txt)"
  elif SOURCE_DATE_EPOCH=$epoch scdoc <"$source" | cmp -s - "$MAN_BUILT/$page"; then
    pass "$page: built with its source's date, $(date -u -d "@$epoch" +%F)"
  else
    fail "$page: the built page is not what its source renders to with date $(date -u -d "@$epoch" +%F) (stale? rebuild)"
  fi
done

# --- bash completion -----------------------------------------------------------------------------
for tool in "${TOOLS[@]}"; do
  assert_eq "complete -p $tool" "complete -F _kr_complete $tool" \
    "$(bash -c 'source "$1"; complete -p "$2"' _ "$COMPLETION" "$tool" 2>&1)"
done

# replies [bc] LINE: what completing LINE offers (the cursor at its end), one per line, sorted;
# COMP_WORDS split as bash splits them (blanks, and "=" a word of its own); "bc": with the
# bash-completion package loaded.
replies() {
  local with_bc=""
  [[ $1 == bc ]] && { with_bc=/usr/share/bash-completion/bash_completion; shift; }
  (cd "$WORK/files" && bash -c '
    [[ -n $2 ]] && source "$2"
    source "$1"
    line=$3 words=()
    for token in $line; do
      while [[ $token == *=* ]]; do
        [[ -n ${token%%=*} ]] && words+=("${token%%=*}")
        words+=("=")
        token=${token#*=}
      done
      [[ -n $token ]] && words+=("$token")
    done
    [[ $line == *" " ]] && words+=("")
    COMP_WORDS=("${words[@]}") COMP_CWORD=$((${#words[@]} - 1)) COMP_LINE=$line COMP_POINT=${#line}
    _kr_complete "${words[0]}" "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$with_bc" "$1" 2>/dev/null | sed '/^$/d' | sort)
}
lines() { printf '%s\n' "$@" | sort; }

mkdir -p "$WORK/files/subdir"
touch "$WORK/files/alpha.pem" "$WORK/files/beta.yaml" "$WORK/files/gamma.yml"

for tool in "${TOOLS[@]}"; do
  commands=$(help_commands "$tool")
  if [[ -n $commands ]]; then
    assert_eq "completing \"$tool \" offers its commands" "$(sort <<<"$commands")" "$(replies "$tool ")"
    assert_eq "completing \"$tool --\" offers its own options and --version" \
      "$( (help_options "$tool"; echo --version) | sort -u)" "$(replies "$tool --")"
  else
    assert_eq "completing \"$tool --\" offers its options and --version" \
      "$( (help_options "$tool"; echo --version) | sort -u)" "$(replies "$tool --")"
  fi
  for command in $commands; do
    assert_eq "completing \"$tool $command --\" offers exactly its options" \
      "$(help_options "$tool" "$command")" "$(replies "$tool $command --")"
    help_choices "$tool" "$command" >"$WORK/choices"
    while read -r option choices; do
      choices=$(tr , '\n' <<<"$choices")
      assert_eq "completing \"$tool $command $option \" offers its choices" "$(sort <<<"$choices")" \
        "$(replies "$tool $command $option ")"
      assert_eq "completing \"$tool $command $option=\" offers its choices" "$(sort <<<"$choices")" \
        "$(replies "$tool $command $option=")"
    done <"$WORK/choices"
  done
done
help_choices kr-lint >"$WORK/choices"
while read -r option choices; do
  choices=$(tr , '\n' <<<"$choices")
  assert_eq "completing \"kr-lint $option \" offers its choices" "$(sort <<<"$choices")" "$(replies "kr-lint $option ")"
done <"$WORK/choices"

# The choices --help names in words.
assert_eq "kr-token init --module offers the named modules" "$(lines nss-softokn softhsm2)" \
  "$(replies "kr-token init --module ")"
keys=$(help_text kr-testpki quick | grep -- '--key ' | grep -oE '(RSA|P)-[0-9]+' | sort -u)
assert_eq "kr-testpki quick --key offers the key types --help names" "$(sort <<<"$keys")" \
  "$(replies "kr-testpki quick --key ")"
assert_eq "kr-quorum new-set --purpose offers key-backup" "key-backup" "$(replies "kr-quorum new-set --purpose ")"
assert_eq "kr-lint --profile-set offers the sets" "$(lines cabf-br cps)" "$(replies "kr-lint --profile-set ")"

# File and directory names, with and without the bash-completion package.
for mode in plain bc; do
  m=${mode/plain/}
  assert_eq "[$mode] kr-transcript verify --audit-key completes a file" "alpha.pem" \
    "$(replies $m "kr-transcript verify x --audit-key al")"
  assert_eq "[$mode] kr-transcript verify --audit-key=... completes a file" "alpha.pem" \
    "$(replies $m "kr-transcript verify x --audit-key=al")"
  assert_eq "[$mode] kr-ceremony run's script is a YAML file (or a directory)" "$(lines beta.yaml gamma.yml subdir)" \
    "$(replies $m "kr-ceremony run ")"
  assert_eq "[$mode] kr-ceremony check --output-dir completes directories only" "subdir" \
    "$(replies $m "kr-ceremony check --output-dir ")"
  assert_eq "[$mode] kr-token init --custodian NAME= completes the file after =" "alpha.pem" \
    "$(replies $m "kr-token init --custodian Cara=al")"
  assert_eq "[$mode] kr-ceremony run --share completes a share file or directory" "subdir" \
    "$(replies $m "kr-ceremony run --share su")"
  assert_eq "[$mode] after an option's value, kr-lint completes its files again" "alpha.pem" \
    "$(replies $m "kr-lint --format text al")"
done
assert_eq "kr-token init --label offers nothing to guess" "" "$(replies "kr-token init --label ")"

finish
