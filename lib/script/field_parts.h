// The mappings inside step fields, declared once as one field table (field_table.h) whatever kind
// they appear in: validity, an issuer or signer ({key, certificate}), a key reference's mapping
// form, a revoked entry and a subject. Their readers (steps_fields.cpp, steps_crl.cpp) take their
// keys, the "did you mean" and the required parts from it; a kind's row names the path whose rows
// scripts/readme-fields prints beneath it (FieldSpec::parts).
#pragma once

#include "script/field_table.h"

namespace kr::script {

// "validity.not-before", ..., "issuer.key", "key.label", "revoked[].serial", "subject.C", ...;
// read with TableReader at "validity", "issuer" (a signer too), "key", "revoked[]" or "subject".
const FieldTable& field_parts_table();

}  // namespace kr::script
