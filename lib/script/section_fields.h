// The script's top level (its sections and the steps' envelope) and the extensions mapping of
// issue and cross-sign, declared as field tables (field_table.h) as the step kinds are
// (step_fields.h): the sections' and extensions' readers take their keys, the "did you mean" and
// the required fields from them, and scripts/readme-fields prints their rows into README.md.
#pragma once

#include "script/field_table.h"

namespace kr::script {

// "keyrite", "ceremony.id", ..., "steps[].description"; read with TableReader at "" (the top
// level), "ceremony", "token", "roles", "quorum" and, for the step's id and description,
// "steps[]" (keys_under).
const FieldTable& script_table();
// "path-length", ..., "policy-qualifiers[].cps", "name-constraints.permitted.dns-names"; the
// names are relative to a step's "extensions".
const FieldTable& extensions_table();

}  // namespace kr::script
