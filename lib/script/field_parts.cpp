// The field table of the mappings inside step fields. Rows stay one per line (clang-format off):
// scripts/readme-fields reads them to print, under each step kind's row that names their path, the
// parts of that field ("self-sign.validity.not-before"). No kind's row names "subject": the
// reference describes its attributes in parser.h's prose, with the bounds read_subject applies.
#include "script/field_parts.h"

namespace kr::script {
namespace {

// clang-format off
constexpr FieldSpec kFieldParts[] = {
    {"validity.not-before", Presence::required, "UTC time, req", "YYYY-MM-DDTHH:MM:SSZ"},
    {"validity.not-after", Presence::required, "UTC time, req", "after not-before"},
    {"issuer.key", Presence::required, "string, req", "as self-sign.key"},
    {"issuer.certificate", Presence::required, "input, req", "the key's certificate"},
    {"key.label", Presence::required, "string", "mapping form: {label: L, imported: true}"},
    {"key.imported", Presence::optional, "true/false, opt", "accept a key not generated on the token"},
    {"revoked[].serial", Presence::optional, "hex, opt", "1 to 40 hex digits"},
    {"revoked[].certificate", Presence::optional, "input, opt", "or serial, not both"},
    {"revoked[].revocation-date", Presence::required, "UTC time, req", "not after this-update"},
    {"revoked[].reason", Presence::optional, "string, opt", "a reason below"},
    {"revoked[].invalidity-date", Presence::optional, "UTC time, opt", "not after revocation-date"},
    {"subject.C", Presence::optional, "string, opt", ""},
    {"subject.ST", Presence::optional, "string, opt", ""},
    {"subject.L", Presence::optional, "string, opt", ""},
    {"subject.O", Presence::optional, "string, opt", ""},
    {"subject.OU", Presence::optional, "string, opt", ""},
    {"subject.CN", Presence::optional, "string, opt", ""},
    {"subject.serialNumber", Presence::optional, "string, opt", ""},
    {"subject.businessCategory", Presence::optional, "string, opt", ""},
    {"subject.jurisdictionC", Presence::optional, "string, opt", ""},
    {"subject.jurisdictionST", Presence::optional, "string, opt", ""},
    {"subject.jurisdictionL", Presence::optional, "string, opt", ""},
};
// clang-format on

constexpr FieldTable kFieldPartsTable{"field-parts", kFieldParts};

}  // namespace

const FieldTable& field_parts_table() {
  return kFieldPartsTable;
}

}  // namespace kr::script
