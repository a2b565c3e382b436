#!/usr/bin/env bash
# Every C++ source under lib, tools, tests and bench matches the checked-in .clang-format
# (clang-format --dry-run --Werror), and a misformatted file is shown to fail the same check.
source "$(dirname "$0")/lib.sh"
if ! command -v clang-format >/dev/null; then
  fail "clang-format is not installed (scripts/install-deps installs Debian's clang-format)"
  finish
fi
cd "$KR_SOURCE_DIR"
mapfile -t files < <(find lib tools tests bench -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
if out=$(clang-format --style=file --dry-run --Werror "${files[@]}" 2>&1); then
  pass "${#files[@]} files match .clang-format"
else
  fail "files that do not match .clang-format (clang-format -i FILE fixes them):"$'\n'"$(
    grep -o '^[^:]*\.\(cpp\|h\):' <<<"$out" | sort -u | tr -d ':')"
fi

# The same command refuses a file that is not formatted.
mkdir -p "$WORK/probe"
cp .clang-format "$WORK/probe/"
printf 'int  f( int x ){return x;}\n' > "$WORK/probe/bad.cpp"
if clang-format --style=file --dry-run --Werror "$WORK/probe/bad.cpp" >/dev/null 2>&1; then
  fail "clang-format --dry-run --Werror accepted a misformatted file"
else
  pass "a misformatted file fails the check"
fi
finish
