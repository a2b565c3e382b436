// The strict ceremony-script parser: YAML text in, a checked Script out, or one config::ConfigError
// listing every problem as "FILE:LINE:COLUMN: YAML.PATH: message". Nothing here touches a token;
// everything a script can get wrong without one is caught here.
//
// The format (version 1). Every key not listed is an error; so are duplicate keys, anchors,
// aliases, tags and a second YAML document. "req" is required, "opt" optional. The fields are
// written once, in tables the parser reads its keys from: the top level and the extensions in
// section_fields.cpp, each step kind's in step_fields.cpp; scripts/readme-fields prints this
// reference with each "NAME.*" row replaced by that table's rows.
//
// | Field                         | Type               | Rule                                     |
// |-------------------------------|--------------------|------------------------------------------|
// | script.* | the top level: the script table in section_fields.cpp |
// | generate-key.* | its fields: the generate-key table in step_fields.cpp |
// | self-sign.* | its fields: the self-sign table in step_fields.cpp |
// | export-public-key.* | its fields: the export-public-key table in step_fields.cpp |
// | backup-key.* | its fields: the backup-key table in step_fields.cpp |
// | destroy-key.* | its fields: the destroy-key table in step_fields.cpp |
//
// The kinds that read files (see Inputs below), in a second table to keep it narrow.
// "extensions" is the mapping under issue.extensions and cross-sign.extensions.
//
// | Field                                 | Type              | Rule                             |
// |---------------------------------------|-------------------|----------------------------------|
// | issue.* | its fields: the issue table in step_fields.cpp |
// | cross-sign.* | its fields: the cross-sign table in step_fields.cpp |
// | make-csr.* | its fields: the make-csr table in step_fields.cpp |
// | sign-crl.* | its fields: the sign-crl table in step_fields.cpp |
// | sign-ocsp-response.* | its fields: the sign-ocsp-response table in step_fields.cpp |
// | restore-key.* | its fields: the restore-key table in step_fields.cpp |
// | extensions.* | its fields: the extensions table in section_fields.cpp |
//
// Subject attributes: C, ST, L, O, OU, CN and the EV Guidelines 9.2 attributes serialNumber,
// businessCategory, jurisdictionC, jurisdictionST, jurisdictionL; values are strings of 1 to 64
// characters (128 for ST, L, businessCategory, jurisdictionST, jurisdictionL); C and
// jurisdictionC are two upper-case letters.
// Descriptor paths (quorum.share-set, quorum.key-backup-share-set) are relative to the script.
// backup-key and restore-key need quorum.key-backup: the recovery custodians rebuild the KEK.
// quorum.unlock: "once", each custodian types their passphrase once per run and confirms every
// step by typing the word shown; "every-step", a passphrase for every step, as the approval.
// Signature algorithms: sha256WithRSAEncryption, sha384WithRSAEncryption, sha512WithRSAEncryption,
// rsassaPss-sha256, rsassaPss-sha384, rsassaPss-sha512 (RSA keys); ecdsa-with-SHA256,
// ecdsa-with-SHA384, ecdsa-with-SHA512 (EC keys). When the key is generated in the script the
// algorithm must fit its type; for a key already on the token the executor checks.
// Outputs: relative to ParseOptions::output_dir, without "..", naming a file; no two steps may
// write the same file, and the file must not exist yet (keyrite never overwrites a file).
// Inputs: a path equal (after lexical normalisation) to a step's output, or resolving to it, is
// that output: that step must come first, and its file be of the kind expected (a certificate for
// issuer.certificate, a CSR for csr, ...; a self-signed issuer certificate must be issuer.key's).
// Any other input is relative to the script file's directory (absolute allowed) and must be an
// existing file when the script is parsed.
// sign-crl.state: the CRL-number state file that travels with the CA's records; relative to the
// script's directory (absolute allowed), in an existing directory; it may not exist yet (a first
// CRL). It is appended to, so it may not be any step's output. Each number is reserved in it
// (fsynced) before the token signs, so a number is never issued twice whatever happens; a number a
// killed run reserved is skipped and the gap recorded (lib/ceremony/crl_state.h). `check` and `run`
// refuse a state file that cannot be appended to (read-only, full, not a regular file).
// Signing keys (self-sign.key, make-csr.key and every issuer.key and signer.key) are checked before
// every use: on the token, private, sensitive, sign, not extractable (other than under a trusted
// wrapping key, for backup), RSA 2048/3072/4096 with e = 65537 or EC P-256/384/521, the public
// object the private key's half, and the key this run generated if it did. A key not generated on
// the token (CKA_LOCAL, CKA_ALWAYS_SENSITIVE or CKA_NEVER_EXTRACTABLE false) is refused unless its
// reference says so: `key: {label: legacy, imported: true}` (or `issuer: {key: {label: legacy,
// imported: true}, certificate: ...}`); the step's artifact-intent event then records it as
// imported.
// Reasons (RFC 5280 5.3.1): keyCompromise, cACompromise, affiliationChanged, superseded,
// cessationOfOperation, privilegeWithdrawn; "unspecified" is refused (leave reason out).
// name-constraints: permitted and excluded each take dns-names, ip-addresses and directory-names
// (permitted.* above); "" in excluded.dns-names is the zero-length dNSName that excludes every
// name, and 0.0.0.0/0 and ::/0 exclude every IPv4 and IPv6 address (BRs 7.1.2.5.2).
// Extensions: each list non-empty and without repeats. Syntax only: whether the profile permits a
// value is checked when the certificate is built.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "config/diagnostics.h"
#include "script/model.h"

namespace kr::script {

struct ParseOptions {
  // Where outputs are written; output paths are relative to it. Empty: the current directory.
  std::filesystem::path output_dir;
  // kr-ceremony resume: the outputs of completed steps exist, and the executor checks each
  // against the transcript instead (ceremony/resume.h).
  ExistingOutputs existing_outputs = ExistingOutputs::refused;
};

// Scripts larger than this are refused unread: a real one is a few kilobytes.
inline constexpr std::size_t kMaxScriptBytes = 1 << 20;

// Throws config::ConfigError listing every problem; kr::Error when the file cannot be read.
// Diagnostics name the file as given.
Script parse_script_file(const std::filesystem::path& file, const ParseOptions& options);
// `file_name` is used in diagnostics and as Script::file.
Script parse_script_text(std::string_view text, const std::string& file_name,
                         const ParseOptions& options);

}  // namespace kr::script
