// The in-memory form of a ceremony script, as the strict parser (parser.h) produces it.
// Every field keeps the position it came from, so later checks can still name file:line:column.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "config/diagnostics.h"
#include "util/time.h"

namespace kr::script {

struct TokenSpec {
  std::string module;       // "softhsm2", "nss-softokn" or a path to a PKCS#11 library
  std::string init_params;  // optional "module-params" (NSS softokn's configdir string)
  std::string label;
  config::Position position;
};

struct Roles {
  std::string administrator;
  std::string internal_auditor;                  // may hold no other role (CPS 5.2.4)
  std::vector<std::string> custodians;           // distinct names; hold the activation shares
  std::vector<std::string> recovery_custodians;  // distinct names; hold the key-backup shares
  config::Position position;
};

// One m-of-n share set: its threshold and the share-set descriptor kr-token init (activation) or
// kr-quorum (key-backup) wrote. The path is resolved relative to the script.
struct ShareSetRef {
  int m = 0;
  int n = 0;
  std::string descriptor;          // as written
  std::filesystem::path resolved;  // relative to the script's directory
  config::Position position;       // of the M-of-N value
};

// CPS 5.2.2: key generation, activation and backup need m of n custodians. activation unlocks
// the token for each key operation; key_backup holds the key-encryption key of backup-key and
// restore-key.
// When custodians type their passphrase (quorum.unlock): `once` per ceremony run, then an explicit
// confirmation of each step; or `every_step`, a passphrase for each step (the approval itself).
enum class Unlock { once, every_step };

// Whether a script's outputs may already exist when it is parsed: only when a ceremony resumes.
enum class ExistingOutputs { refused, allowed };

struct Quorum {
  ShareSetRef activation;
  std::optional<ShareSetRef> key_backup;
  config::Position position;
  Unlock unlock = Unlock::once;
};

// An ordered distinguished name: attribute short names (C, ST, L, O, OU, CN) with values, in the
// order the script gives them, which is the order they appear in the certificate.
using DistinguishedName = std::vector<std::pair<std::string, std::string>>;

enum class KeyType { rsa, ec };
enum class OutputFormat { pem, der };

struct GenerateKey {
  std::string label;
  KeyType type = KeyType::rsa;
  int bits = 0;       // RSA only: 2048, 3072, 4096
  std::string curve;  // EC only: P-256, P-384, P-521
  // "backup: true": made so that only a trusted wrapping key can take it out (backup-key).
  bool backup = false;
};

struct Validity {
  UtcTime not_before;
  UtcTime not_after;
  config::Position not_before_position;
  config::Position not_after_position;
};

struct SelfSign {
  std::string key;      // label of a key generated earlier in the script or already on the token
  std::string profile;  // name of a profile in templates/profiles/ ("cabf-br/root-ca": a set's)
  DistinguishedName subject;
  // Subject attributes written as PrintableString (subject-printable), where the profile allows.
  std::vector<std::string> subject_printable;
  Validity validity;
  std::string signature_algorithm;  // CPS Appendix A name; empty: the profile's default for the key
  std::string output;               // path relative to the output directory
  OutputFormat format = OutputFormat::pem;
};

struct ExportPublicKey {
  std::string key;
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

// A file a step reads. When `path` names (after lexical normalisation) an earlier step's output,
// it is that output: resolved = output_dir / that step's `output` as written, and
// from_earlier_step is set; it need not exist when the script is parsed. Otherwise `resolved` is
// the absolute, normalised path against the script file's directory (absolute paths are
// allowed), and it was an existing file when the script was parsed.
struct InputFile {
  std::string path;  // as written
  std::filesystem::path resolved;
  bool from_earlier_step = false;
  config::Position position;  // of the path's value
};

// The CA that signs: its key (a label, as self-sign.key) and its certificate, whose subject
// becomes the issuer name and whose key identifier becomes the authority key identifier. Also
// the shape of sign-ocsp-response.signer (a delegated responder's key and certificate).
struct IssuerRef {
  std::string key;
  InputFile certificate;
  config::Position position;  // of the mapping
};

// extensions.policy-qualifiers[]: the qualifiers of one policy the certificate carries.
struct PolicyQualifierSetting {
  std::string policy;            // dotted OID
  std::vector<std::string> cps;  // CPS URIs, http(s)
  std::string user_notice;       // explicitText; empty: none
};

// One side of nameConstraints: DNS names ("" in excluded: every name), CIDR ranges, and names of
// the same form as a subject.
struct NameSubtreesSetting {
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // "192.0.2.0/24", "::/0"
  std::vector<DistinguishedName> directory_names;
};

// Optional extension values for issue and cross-sign, syntax-checked only: whether the profile
// permits each one is decided by the profile layer, whose struct of the same name this converts to.
struct ExtensionSettings {
  std::optional<int> path_length;                    // basicConstraints pathLenConstraint, >= 0
  std::vector<std::string> ca_issuers;               // http:// or https:// URLs (AIA caIssuers)
  std::vector<std::string> ocsp;                     // http:// or https:// URLs (AIA OCSP)
  std::vector<std::string> crl_distribution_points;  // http:// or https:// URLs
  std::vector<std::string> policies;                 // dotted OIDs, "2.23.140.1.2.1"
  std::vector<std::string> dns_names;                // subjectAltName dNSName
  std::vector<std::string> ip_addresses;             // IPv4 or IPv6, as written
  std::vector<std::string> emails;                   // rfc822Name, one '@'
  std::string permanent_identifier;  // code signing: subjectAltName permanentIdentifier value
  std::vector<std::string> extended_key_usage;  // key purpose names or dotted OIDs
  std::vector<PolicyQualifierSetting> policy_qualifiers;
  NameSubtreesSetting permitted_subtrees, excluded_subtrees;  // name-constraints
};

// Issues a certificate for a CSR's key or a bare public key.
struct Issue {
  IssuerRef issuer;
  std::string profile;
  std::optional<InputFile> csr;         // exactly one of csr and public_key is set
  std::optional<InputFile> public_key;  // PEM or DER SubjectPublicKeyInfo
  DistinguishedName subject;  // always given with public_key; empty with csr: the CSR's subject
  std::vector<std::string> subject_printable;  // as SelfSign
  Validity validity;
  std::string signature_algorithm;  // empty: the profile's default for the issuer's key
  ExtensionSettings extensions;
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

// Certifies an existing CA certificate's subject, key and subject key identifier under another
// issuer.
struct CrossSign {
  IssuerRef issuer;
  InputFile certificate;
  std::string profile = "cross-ca";
  Validity validity;
  std::string signature_algorithm;
  ExtensionSettings extensions;
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

// A PKCS#10 request signed by a key on the token (for a root to be cross-signed elsewhere).
struct MakeCsr {
  std::string key;
  DistinguishedName subject;
  std::string signature_algorithm;
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

// RFC 5280 5.3.1 CRLReason, with its code. unspecified (0) is never written (RFC 5280 says to
// omit the extension instead); removeFromCRL (8) and aACompromise (10) are not for a root's CRL.
enum class RevocationReason {
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  privilege_withdrawn = 9,
};
// The RFC 5280 name as written in a script ("keyCompromise").
const char* revocation_reason_name(RevocationReason reason);

// One revoked certificate on a CRL: by serial or by the certificate itself (exactly one).
struct RevokedEntry {
  std::string serial;  // 1 to 40 hex digits as written; empty with certificate
  std::optional<InputFile> certificate;
  UtcTime revocation_date;
  std::optional<RevocationReason> reason;
  std::optional<UtcTime> invalidity_date;  // not after revocation_date
  config::Position position;               // of the entry's mapping: "...revoked[N]"
};

struct SignCrl {
  IssuerRef issuer;
  std::string profile = "crl";
  UtcTime this_update;
  UtcTime next_update;  // after this_update
  // The CRL-number state file that travels with the CA's records: resolved like an input but it
  // need not exist yet (from_earlier_step is always false); appended to, never a step's output.
  InputFile state;
  std::optional<InputFile> previous_crl;  // the issuer's previous CRL: its CRL number is evidence
  std::vector<RevokedEntry> revoked;      // serials distinct
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

enum class CertificateStatus { good, revoked };

struct SignOcspResponse {
  IssuerRef issuer;                 // the CA whose certificate's status is given
  std::optional<IssuerRef> signer;  // a delegated OCSP responder; absent: the CA itself signs
  InputFile certificate;            // whose status is given
  CertificateStatus status = CertificateStatus::good;
  std::optional<UtcTime> revocation_time;  // set exactly when status is revoked
  std::optional<RevocationReason> reason;  // revoked only
  UtcTime this_update;
  UtcTime next_update;  // after this_update
  std::string output;
  OutputFormat format = OutputFormat::der;  // always der: OCSP responses are DER
};

// backup-key (CPS 6.2.4): the key wrapped under the recovery quorum's KEK; <key>.key-backup.bin
// and <key>.key-backup.json are written into `output`, a directory relative to the output
// directory ("." for the output directory itself).
struct BackupKey {
  std::string key;
  std::string output;
};

// restore-key (CPS 6.2.6): a backup unwrapped into this token under a new label.
struct RestoreKey {
  InputFile backup;  // the backup descriptor (.key-backup.json); the blob is named inside it
  std::string label;
};

// destroy-key (CPS 6.2.10): the key's objects removed from the token.
struct DestroyKey {
  std::string key;
};

using StepBody = std::variant<GenerateKey, SelfSign, ExportPublicKey, Issue, CrossSign, MakeCsr,
                              SignCrl, SignOcspResponse, BackupKey, RestoreKey, DestroyKey>;

struct Step {
  std::string id;
  std::string description;
  StepBody body;
  config::Position position;  // of the step's mapping; path "steps[N]"
  // Position of each named field of the body, for errors found after parsing (for example a
  // validity the profile refuses): key is the field path relative to the body
  // ("validity.not-after").
  std::vector<std::pair<std::string, config::Position>> field_positions;
  // Key labels this step's key references mark "imported: true": the organisation accepts a key
  // that was not generated on the token (ceremony/key_checks.h); the transcript records it.
  std::vector<std::string> imported_keys;

  const config::Position& position_of(const std::string& field) const {
    for (const auto& [name, pos] : field_positions)
      if (name == field) return pos;
    return position;
  }
};

// The step kind's name as written in YAML ("generate-key", ...), from the kinds' table
// (step_fields.cpp).
const char* step_kind(const StepBody& body);

// A key a step uses that no generate-key step in the script creates: it must already be on the
// token. One entry per label, at its first use.
struct KeyReference {
  std::string label;
  config::Position position;  // of the first "key:" value naming it
};

struct Script {
  std::string file;  // as given on the command line
  int version = 1;   // the "keyrite:" field
  std::string ceremony_id;
  std::string description;
  TokenSpec token;
  Roles roles;
  // Without a quorum the token is unlocked with one PIN: allowed only in a test ceremony.
  std::optional<Quorum> quorum;
  bool test_ceremony = false;  // ceremony.test: a rehearsal; M < 3 and a single PIN allowed
  std::vector<Step> steps;
  std::vector<KeyReference> external_keys;  // the executor checks these on the token
};

}  // namespace kr::script
