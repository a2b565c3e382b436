// The step kinds (kStepKinds: name, body parser, field table) and their field tables, and the
// reader that applies them. Rows stay one per line (clang-format off): scripts/readme-fields reads
// them to print the field reference.
#include "script/step_fields.h"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>

namespace kr::script {
namespace {

// clang-format off
constexpr FieldSpec kGenerateKey[] = {
    {"label", Presence::required, "string, req", "unique among generate-key steps"},
    {"type", Presence::required, "rsa or ec, req", ""},
    {"bits", Presence::optional, "integer, RSA only", "req for RSA: 2048, 3072, 4096 (CPS 6.1.5)"},
    {"curve", Presence::optional, "string, EC only", "req for EC: P-256, P-384, P-521"},
    {"backup", Presence::optional, "true/false, opt", "true: only a trusted KEK may wrap it"},
};
constexpr FieldSpec kSelfSign[] = {
    {"key", Presence::required, "string, req", "label: generated earlier, or on the token", "key"},
    {"profile", Presence::required, "string, req", "[a-z0-9-]+ (templates/profiles/NAME)\nor SET/NAME: cabf-br/root-ca (BRs 7.1.2)"},
    {"subject", Presence::required, "mapping, req", "ordered; C, ST, L, O, OU, CN; see below"},
    {"subject-printable", Presence::optional, "string list, opt", "attributes written as PrintableString\n(profile's subject.printable allows it)"},
    {"validity", Presence::required, "", "", "validity"},
    {"signature-algorithm", Presence::optional, "string, opt", "see below; default: the profile's"},
    {"output", Presence::required, "path, req", "see below"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kExportPublicKey[] = {
    {"key", Presence::required, "string, req", "as self-sign.key"},
    {"output", Presence::required, "path, req", "see below"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kIssue[] = {
    {"issuer", Presence::required, "", "", "issuer"},
    {"profile", Presence::required, "string, req", "as self-sign.profile"},
    {"csr", Presence::optional, "input, opt", "PKCS#10; or public-key, not both"},
    {"public-key", Presence::optional, "input, opt", "PEM or DER SubjectPublicKeyInfo"},
    {"subject", Presence::optional, "mapping, opt", "req with public-key; else CSR's"},
    {"subject-printable", Presence::optional, "string list, opt", "as self-sign.subject-printable"},
    {"validity", Presence::required, "", "", "validity"},
    {"signature-algorithm", Presence::optional, "string, opt", "as self-sign; fits issuer.key"},
    {"extensions", Presence::optional, "mapping, opt", "see extensions below"},
    {"output", Presence::required, "path, req", "as self-sign.output"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kCrossSign[] = {
    {"issuer", Presence::required, "", "", "issuer"},
    {"certificate", Presence::required, "input, req", "CA certificate to certify again"},
    {"profile", Presence::optional, "string, opt", "default cross-ca"},
    {"validity", Presence::required, "", "", "validity"},
    {"signature-algorithm", Presence::optional, "string, opt", "as issue"},
    {"extensions", Presence::optional, "mapping, opt", "see extensions below"},
    {"output", Presence::required, "path, req", "as self-sign.output"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kMakeCsr[] = {
    {"key", Presence::required, "string, req", "as self-sign.key"},
    {"subject", Presence::required, "mapping, req", "as self-sign.subject"},
    {"signature-algorithm", Presence::optional, "string, opt", "as self-sign"},
    {"output", Presence::required, "path, req", "as self-sign.output"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kSignCrl[] = {
    {"issuer", Presence::required, "", "", "issuer"},
    {"profile", Presence::optional, "string, opt", "default crl"},
    {"this-update", Presence::required, "UTC time, req", ""},
    {"next-update", Presence::required, "UTC time, req", "after this-update"},
    {"state", Presence::required, "path, req", "CRL-number state file; below"},
    {"previous-crl", Presence::optional, "input, opt", "the issuer's previous CRL"},
    {"revoked", Presence::optional, "list, opt", "may be empty; no serial twice", "revoked"},
    {"output", Presence::required, "path, req", "as self-sign.output"},
    {"format", Presence::optional, "pem or der, opt", "default pem"},
};
constexpr FieldSpec kSignOcspResponse[] = {
    {"issuer", Presence::required, "mapping, req", "the CA that issued certificate", "issuer"},
    {"signer", Presence::optional, "mapping, opt", "delegated responder; default CA", "issuer"},
    {"certificate", Presence::required, "input, req", "whose status is given"},
    {"status", Presence::required, "good/revoked, req", ""},
    {"revocation-time", Presence::optional, "UTC time", "req iff revoked; <= this-update"},
    {"reason", Presence::optional, "string, opt", "revoked only; a reason below"},
    {"this-update", Presence::required, "UTC time, req", ""},
    {"next-update", Presence::required, "UTC time, req", "after this-update"},
    {"output", Presence::required, "path, req", "as self-sign.output"},
    {"format", Presence::optional, "der, opt", "OCSP responses are DER"},
};
constexpr FieldSpec kBackupKey[] = {
    {"key", Presence::required, "string, req", "as self-sign.key; made with backup: true"},
    {"output", Presence::required, "directory, req", "in the output dir, no \"..\"; LABEL.key-*"},
};
constexpr FieldSpec kRestoreKey[] = {
    {"backup", Presence::required, "input, req", "a LABEL.key-backup.json"},
    {"label", Presence::required, "string, req", "new label; free on the token"},
};
constexpr FieldSpec kDestroyKey[] = {
    {"key", Presence::required, "string, req", "as self-sign.key; its objects removed"},
};
// clang-format on

// Each parser's result as a StepBody, so that every kind's row has the same type.
template <auto Parse>
StepBody parse_into(const config::YamlNode& body, StepDraft& draft,
                    config::Diagnostics& diagnostics) {
  return Parse(body, draft, diagnostics);
}

// A row of kStepKinds, checked at compile time to stand at its StepBody alternative's index, so
// that step_kind(body) is kStepKinds[body.index()].
template <std::size_t Index, auto Parse>
constexpr StepKind kind(std::string_view name, std::span<const FieldSpec> fields) {
  using Parsed = std::invoke_result_t<decltype(Parse), const config::YamlNode&, StepDraft&,
                                      config::Diagnostics&>;
  static_assert(std::is_same_v<Parsed, std::variant_alternative_t<Index, StepBody>>,
                "kStepKinds lists the kinds in StepBody's order");
  return {name, &parse_into<Parse>, fields};
}

// clang-format off
constexpr StepKind kStepKinds[] = {
    kind<0, parse_generate_key>("generate-key", kGenerateKey),
    kind<1, parse_self_sign>("self-sign", kSelfSign),
    kind<2, parse_export_public_key>("export-public-key", kExportPublicKey),
    kind<3, parse_issue>("issue", kIssue),
    kind<4, parse_cross_sign>("cross-sign", kCrossSign),
    kind<5, parse_make_csr>("make-csr", kMakeCsr),
    kind<6, parse_sign_crl>("sign-crl", kSignCrl),
    kind<7, parse_sign_ocsp_response>("sign-ocsp-response", kSignOcspResponse),
    kind<8, parse_backup_key>("backup-key", kBackupKey),
    kind<9, parse_restore_key>("restore-key", kRestoreKey),
    kind<10, parse_destroy_key>("destroy-key", kDestroyKey),
};
// clang-format on
static_assert(std::size(kStepKinds) == std::variant_size_v<StepBody>,
              "every StepBody alternative has a row in kStepKinds");

}  // namespace

std::span<const StepKind> step_kinds() {
  return kStepKinds;
}

const StepKind* find_step_kind(std::string_view name) {
  for (const auto& entry : kStepKinds)
    if (entry.name == name) return &entry;
  return nullptr;
}

std::span<const FieldSpec> step_fields(std::string_view kind) {
  if (const StepKind* entry = find_step_kind(kind)) return entry->fields;
  throw std::logic_error("no field table for step kind " + std::string(kind));
}

// The names are literals, so each string_view's data is NUL-terminated.
const char* step_kind(const StepBody& body) {
  return kStepKinds[body.index()].name.data();
}

StepFields::StepFields(const config::YamlNode& body, std::string_view kind, StepDraft& draft,
                       config::Diagnostics& diagnostics)
    : table_{kind, step_fields(kind)}, reader_(body, table_, "", diagnostics) {
  if (!reader_.is_mapping()) return;
  for (const auto& field : table_.fields) {
    const std::string name(field.name);
    const config::YamlNode* node =
        field.presence == Presence::required ? reader_.required(name) : reader_.optional(name);
    note_field(draft, diagnostics, name, node);
  }
}

const config::YamlNode* StepFields::operator[](std::string_view name) const {
  return reader_.optional(name);
}

}  // namespace kr::script
