// Parsing the "steps" list: each step's id and its one kind, with the body's fields and their
// positions. Cross-step rules (references, labels, outputs) are in check_steps.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/reader.h"
#include "script/model.h"
#include "util/time.h"

namespace kr::script {

// A step as parsed, with what the cross-step checks need to know about how far parsing got.
struct StepDraft {
  Step step;
  bool has_body = false;                        // exactly one kind, given as a mapping
  std::optional<config::Position> id_position;  // set when the id was valid
  std::optional<KeyType> key_type;              // generate-key whose type was valid
  config::Position kind_position;               // of the kind's key ("generate-key:")
};

std::vector<StepDraft> parse_steps(const config::YamlNode* node, config::Diagnostics& diagnostics);

// Body parsers, one per kind, each reading its body through StepFields (step_fields.h)
// (steps_keys.cpp, steps_self_sign.cpp, steps_issue.cpp, steps_make_csr.cpp, steps_crl.cpp,
// steps_ocsp.cpp). `body` is the kind's value.
GenerateKey parse_generate_key(const config::YamlNode& body, StepDraft& draft,
                               config::Diagnostics& diagnostics);
SelfSign parse_self_sign(const config::YamlNode& body, StepDraft& draft,
                         config::Diagnostics& diagnostics);
ExportPublicKey parse_export_public_key(const config::YamlNode& body, StepDraft& draft,
                                        config::Diagnostics& diagnostics);
Issue parse_issue(const config::YamlNode& body, StepDraft& draft, config::Diagnostics& diagnostics);
CrossSign parse_cross_sign(const config::YamlNode& body, StepDraft& draft,
                           config::Diagnostics& diagnostics);
MakeCsr parse_make_csr(const config::YamlNode& body, StepDraft& draft,
                       config::Diagnostics& diagnostics);
SignCrl parse_sign_crl(const config::YamlNode& body, StepDraft& draft,
                       config::Diagnostics& diagnostics);
SignOcspResponse parse_sign_ocsp_response(const config::YamlNode& body, StepDraft& draft,
                                          config::Diagnostics& diagnostics);
// steps_backup.cpp
BackupKey parse_backup_key(const config::YamlNode& body, StepDraft& draft,
                           config::Diagnostics& diagnostics);
RestoreKey parse_restore_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics);
DestroyKey parse_destroy_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics);

// Fields several kinds share (steps_fields.cpp, steps_extensions.cpp). Each reports its own
// problems and returns an empty value for an absent or wrong field.
// Records where `field` (a path relative to the body, "validity.not-after") was written.
void note_field(StepDraft& draft, const config::Diagnostics& diagnostics, const std::string& field,
                const config::YamlNode* node);
// A relative path inside the output directory: not absolute, no "..", naming a file.
std::optional<std::string> read_output(const config::YamlNode* node,
                                       config::Diagnostics& diagnostics);
// A directory inside the output directory: not absolute, no ".."; "." is the output directory.
std::optional<std::string> read_output_dir(const config::YamlNode* node,
                                           config::Diagnostics& diagnostics);
// true or false, unquoted.
std::optional<bool> read_bool(const config::YamlNode* node, config::Diagnostics& diagnostics);
// "pem" (the default when absent) or "der".
OutputFormat read_format(const config::YamlNode* node, config::Diagnostics& diagnostics);
// [a-z0-9-]+, a file name under templates/profiles/.
std::optional<std::string> read_profile(const config::YamlNode* node,
                                        config::Diagnostics& diagnostics);
// An ordered subject; notes "subject.C" and so on.
// `field` is where the name sits ("subject"; a name constraint's directory name elsewhere).
DistinguishedName read_subject(const config::YamlNode* node, StepDraft& draft,
                               config::Diagnostics& diagnostics,
                               const std::string& field = "subject");
// subject-printable: attribute short names of the subject, each once, that the subject has.
std::vector<std::string> read_subject_printable(const config::YamlNode* node,
                                                const DistinguishedName& subject,
                                                config::Diagnostics& diagnostics);
// not-before and not-after; notes "validity.not-before" and "validity.not-after".
Validity read_validity(const config::YamlNode* node, StepDraft& draft,
                       config::Diagnostics& diagnostics);
std::optional<UtcTime> read_time(const config::YamlNode* node, config::Diagnostics& diagnostics);
// An Appendix A name; empty when absent or unknown.
std::string read_signature_algorithm(const config::YamlNode* node,
                                     config::Diagnostics& diagnostics);
// A file the step reads, as written and where; check_steps resolves it.
std::optional<InputFile> read_input(const config::YamlNode* node, config::Diagnostics& diagnostics);
// A key label that signs: "label", or {label: L, imported: true} when the organisation must use a
// key that was not generated on the token (the label then goes into the step's imported_keys).
std::optional<std::string> read_key_reference(const config::YamlNode* node, StepDraft& draft,
                                              config::Diagnostics& diagnostics);
// {key, certificate}, both required, key as read_key_reference; notes `field`.key and
// `field`.certificate (the step kind's table notes `field` itself).
IssuerRef read_issuer(const config::YamlNode* node, const std::string& field, StepDraft& draft,
                      config::Diagnostics& diagnostics);
// An RFC 5280 CRLReason name other than unspecified.
std::optional<RevocationReason> read_reason(const config::YamlNode* node,
                                            config::Diagnostics& diagnostics);
// The optional extension settings of issue and cross-sign; notes "extensions.NAME" and, for
// lists, "extensions.NAME[i]".
ExtensionSettings read_extensions(const config::YamlNode* node, StepDraft& draft,
                                  config::Diagnostics& diagnostics);

}  // namespace kr::script
