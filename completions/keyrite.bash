# Bash completion for keyrite's tools: kr-ceremony, kr-token, kr-quorum, kr-transcript, kr-lint
# and kr-testpki. Completes commands, options and option values: file names for paths, the fixed
# choices where an option has them (--format, --module, --key, ...), nothing where a value cannot
# be guessed (a label, a PIN descriptor, a time). Works with and without the bash-completion
# package (its _filedir is used for file names when it is loaded).
# tests/integration/manpages_test.sh checks the options here against every --help.

# The commands of TOOL (none for kr-lint).
_kr_commands() {
  case $1 in
    kr-ceremony) echo "check run resume plan runsheet" ;;
    kr-token) echo "init list" ;;
    kr-quorum) echo "verify-share rotate new-set" ;;
    kr-transcript) echo "verify prove verify-proof show replay report" ;;
    kr-testpki) echo "generate quick defects rehearse" ;;
  esac
}

# The options of TOOL COMMAND; COMMAND empty: the tool's own, before any command.
_kr_options() {
  local help="-h --help"
  case $1:$2 in
    kr-ceremony: | kr-token: | kr-quorum: | kr-transcript: | kr-testpki:) echo "$help --version" ;;
    kr-ceremony:check) echo "$help --output-dir --profiles" ;;
    kr-ceremony:run)
      echo "$help --output-dir --profiles --log --plan --pin-fd --share --passphrase-file" \
        "--absent-from --attested-time" ;;
    kr-ceremony:resume)
      echo "$help --output-dir --profiles --log --audit-key --adopt-key --discard-key --pin-fd" \
        "--share --passphrase-file --absent-from --attested-time" ;;
    kr-ceremony:plan) echo "$help --output-dir --profiles --tbs-dir --pin-fd" ;;
    kr-ceremony:runsheet) echo "$help --output-dir --profiles --out --plan --pdf" ;;
    kr-token:init)
      echo "$help --module --module-params --label --pin-fd --so-pin-fd --quorum --custodian" \
        "--descriptor --passphrase-file --kdf-memory-kib" ;;
    kr-token:list) echo "$help --module --module-params --label --pin-fd" ;;
    kr-quorum:verify-share) echo "$help --descriptor --passphrase-file" ;;
    kr-quorum:rotate)
      echo "$help --descriptor --share --passphrase-file --quorum --custodian" \
        "--new-passphrase-file --out-descriptor --kdf-memory-kib" ;;
    kr-quorum:new-set)
      echo "$help --purpose --quorum --custodian --descriptor --passphrase-file" \
        "--kdf-memory-kib --token-label" ;;
    kr-transcript:verify) echo "$help --audit-key --format --expect-binary" ;;
    kr-transcript:prove)
      echo "$help --event --checkpoint --from-checkpoint --to-checkpoint --out" ;;
    kr-transcript:verify-proof) echo "$help --audit-key" ;;
    kr-transcript:show) echo "$help" ;;
    kr-transcript:replay) echo "$help --artifacts --audit-key --profiles --format" ;;
    kr-transcript:report)
      echo "$help --artifacts --audit-key --out --expect-root --format --pdf --profiles" ;;
    kr-lint:)
      echo "$help --version --profile --issuer --format --profiles --at --crl --profile-set" ;;
    kr-testpki:generate) echo "$help --out --seed --reference-time --jobs" ;;
    kr-testpki:quick)
      echo "$help --out --seed --reference-time --jobs --leaves --dns --key --pkcs12-password" ;;
    kr-testpki:defects) echo "$help --format" ;;
    kr-testpki:rehearse) echo "$help --out --output-dir --profiles" ;;
  esac
}

# How the value of TOOL COMMAND OPTION completes: "flag" (it takes none), "file", "dir",
# "assignment" (NAME=FILE: a file after the "="), "share" ([NAME=]FILE), "module", "words W...",
# or "none" (a value nobody can guess: a label, a number, a time).
_kr_value() {
  case $3 in
    -h | --help | --version) echo flag ;;
    --output-dir | --profiles | --tbs-dir | --artifacts) echo dir ;;
    --out)
      case $1 in
        kr-testpki) echo dir ;;
        *) echo file ;;
      esac ;;
    --log | --plan | --audit-key | --pdf | --descriptor | --out-descriptor | --issuer | --crl)
      echo file ;;
    --passphrase-file)
      case $1:$2 in
        kr-quorum:verify-share) echo file ;;
        *) echo assignment ;;
      esac ;;
    --custodian | --new-passphrase-file) echo assignment ;;
    --share)
      case $1 in
        kr-quorum) echo file ;;
        *) echo share ;;
      esac ;;
    --module) echo module ;;
    --format)
      case $1:$2 in
        kr-transcript:report) echo "words html json" ;;
        kr-testpki:defects) echo "words text tsv" ;;
        *) echo "words text json" ;;
      esac ;;
    --purpose) echo "words key-backup" ;;
    --profile-set) echo "words cps cabf-br" ;;
    --key) echo "words RSA-2048 RSA-3072 RSA-4096 P-256 P-384 P-521" ;;
    --at) echo "words now" ;;
    *) echo none ;;
  esac
}

# The positional arguments of TOOL COMMAND: "yaml" (a script or spec), "file", or "none".
_kr_positional() {
  case $1:$2 in
    kr-ceremony:* | kr-testpki:generate | kr-testpki:rehearse) echo yaml ;;
    kr-quorum:verify-share | kr-transcript:* | kr-lint:) echo file ;;
    *) echo none ;;
  esac
}

# COMPREPLY += the WORDS that start with CUR.
_kr_words() {
  local cur=$1 w
  shift
  for w in "$@"; do
    [[ $w == "$cur"* ]] && COMPREPLY+=("$w")
  done
}

# COMPREPLY += file names (KIND file or yaml) or directory names (dir) that start with CUR.
_kr_files() {
  local kind=$1 cur=$2
  compopt -o filenames 2>/dev/null
  if declare -F _filedir >/dev/null; then
    case $kind in
      dir) _filedir -d ;;
      yaml) _filedir '@(yaml|yml)' ;;
      *) _filedir ;;
    esac
    return
  fi
  local IFS=$'\n'
  case $kind in
    dir) COMPREPLY+=($(compgen -d -- "$cur")) ;;
    yaml)
      COMPREPLY+=($(compgen -d -- "$cur"))
      COMPREPLY+=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")) ;;
    *) COMPREPLY+=($(compgen -f -- "$cur")) ;;
  esac
}

# Completes VALUE, the value of TOOL COMMAND OPTION as typed so far.
_kr_complete_value() {
  local tool=$1 command=$2 option=$3 value=$4 how
  how=$(_kr_value "$tool" "$command" "$option")
  case $how in
    file | dir) _kr_files "$how" "$value" ;;
    assignment | share)
      if [[ $value == *=* ]]; then
        _kr_files file "${value#*=}"
      elif [[ $how == share ]]; then
        _kr_files file "$value"
      fi ;;
    module)
      _kr_words "$value" softhsm2 nss-softokn
      [[ $value == */* ]] && _kr_files file "$value" ;;
    words\ *) _kr_words "$value" ${how#words } ;;
  esac
}

_kr_complete() {
  COMPREPLY=()
  # The words up to the cursor as the tool will see them: bash splits "--format=json" and
  # "NAME=FILE" at "=" (COMP_WORDBREAKS); pieces with no blank between them are one word again.
  local -a words=()
  local rest=${COMP_LINE:0:COMP_POINT} piece i
  for ((i = 0; i <= COMP_CWORD; i++)); do
    piece=${COMP_WORDS[i]}
    if ((i == 0)) || [[ $rest == [[:space:]]* ]] || [[ $rest != "$piece"* ]]; then
      rest=${rest#"${rest%%[![:space:]]*}"}
      words+=("$piece")
    else
      words[${#words[@]} - 1]+=$piece
    fi
    rest=${rest#"$piece"}
  done
  local cword=$((${#words[@]} - 1))
  local cur=${words[cword]} tool=${words[0]##*/} command="" commands word how
  commands=$(_kr_commands "$tool")

  # The command is the first word that is not an option (the tools' own options take no value);
  # after it, the previous word may be an option waiting for its value.
  local prev_option=""
  for ((i = 1; i < cword; i++)); do
    word=${words[i]}
    if [[ -z $command && -n $commands && $word != -* ]]; then
      command=$word
      continue
    fi
    if [[ -n $prev_option ]]; then
      prev_option=""
    elif [[ $word == --* && $word != *=* ]]; then
      how=$(_kr_value "$tool" "$command" "$word")
      [[ $how != flag ]] && prev_option=$word
    fi
  done

  if [[ -n $prev_option ]]; then
    _kr_complete_value "$tool" "$command" "$prev_option" "$cur"
  elif [[ $cur == --*=* ]]; then
    _kr_complete_value "$tool" "$command" "${cur%%=*}" "${cur#*=}"
  elif [[ $cur == -* ]]; then
    _kr_words "$cur" $(_kr_options "$tool" "$command")
  elif [[ -z $command && -n $commands ]]; then
    _kr_words "$cur" $commands
  else
    case $(_kr_positional "$tool" "$command") in
      yaml) _kr_files yaml "$cur" ;;
      file)
        _kr_files file "$cur"
        [[ $tool == kr-lint && -z $cur ]] && COMPREPLY+=(-) ;;
    esac
  fi
  # A value is completed after its last "=" (--format=js, Cara=/tm): readline replaces only
  # that much when "=" is a word break, as it is by default; otherwise the replies carry the rest.
  if [[ $cur == *=* && $COMP_WORDBREAKS != *=* ]]; then
    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${cur%=*}=${COMPREPLY[i]}; done
  fi
  return 0
}

complete -F _kr_complete kr-ceremony kr-token kr-quorum kr-transcript kr-lint kr-testpki
