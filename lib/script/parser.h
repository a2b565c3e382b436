// The strict ceremony-script parser: YAML text in, a checked Script out, or one config::ConfigError
// listing every problem as "FILE:LINE:COLUMN: YAML.PATH: message". Nothing here touches a token;
// everything a script can get wrong without one is caught here.
//
// The format (version 1). Every key not listed is an error; so are duplicate keys, anchors,
// aliases, tags and a second YAML document. "req" is required, "opt" optional.
//
// | Field                         | Type               | Rule                                     |
// |-------------------------------|--------------------|------------------------------------------|
// | keyrite                       | integer, req       | format version; only 1                   |
// | ceremony.id                   | string, req        | [a-z0-9][a-z0-9._-]*                     |
// | ceremony.description          | string, opt        |                                          |
// | ceremony.test                 | true/false, opt    | a rehearsal: M < 3 or no quorum allowed  |
// | token.module                  | string, req        | softhsm2, nss-softokn or absolute path   |
// | token.label                   | string, req        | 1 to 32 bytes                            |
// | token.module-params           | string, opt        | passed to the module (NSS configdir)     |
// | roles.administrator           | string, req        | the operator named in the event log      |
// | roles.internal-auditor        | string, req        | holds no other role (CPS 5.2.4)          |
// | roles.custodians              | string list, opt   | distinct names; hold activation shares   |
// | roles.recovery-custodians     | string list, opt   | distinct; hold the key-backup shares     |
// | quorum                        | mapping            | req unless ceremony.test (CPS 5.2.2)     |
// | quorum.activation             | "M-of-N", req      | M >= 3 (2 if test), <= N; N = custodians |
// | quorum.share-set              | path, req          | descriptor from kr-token init --quorum   |
// | quorum.key-backup             | "M-of-N", opt      | as activation; N = recovery-custodians   |
// | quorum.key-backup-share-set   | path, req w/ above | descriptor from kr-quorum new-set        |
// | quorum.unlock                 | string, opt        | once (default) or every-step; see below  |
// | steps                         | list, req          | non-empty; one kind key per step         |
// | steps[].id                    | string, req        | [a-z0-9][a-z0-9._-]*, unique             |
// | steps[].description           | string, opt        |                                          |
// | generate-key.label            | string, req        | unique among generate-key steps          |
// | generate-key.type             | rsa or ec, req     |                                          |
// | generate-key.bits             | integer, RSA only  | req for RSA: 2048, 3072, 4096 (CPS 6.1.5)|
// | generate-key.curve            | string, EC only    | req for EC: P-256, P-384, P-521          |
// | generate-key.backup           | true/false, opt    | true: only a trusted KEK may wrap it     |
// | self-sign.key                 | string, req        | label: generated earlier, or on the token|
// | self-sign.key.label           | string             | mapping form: {label: L, imported: true} |
// | self-sign.key.imported        | true/false, opt    | accept a key not generated on the token  |
// | self-sign.profile             | string, req        | [a-z0-9-]+ (templates/profiles/NAME)     |
// |                               |                    | or SET/NAME: cabf-br/root-ca (BRs 7.1.2) |
// | self-sign.subject             | mapping, req       | ordered; C, ST, L, O, OU, CN; see below  |
// | self-sign.subject-printable   | string list, opt   | attributes written as PrintableString    |
// |                               |                    | (profile's subject.printable allows it)  |
// | self-sign.validity.not-before | UTC time, req      | YYYY-MM-DDTHH:MM:SSZ                     |
// | self-sign.validity.not-after  | UTC time, req      | after not-before                         |
// | self-sign.signature-algorithm | string, opt        | see below; default: the profile's        |
// | self-sign.output              | path, req          | see below                                |
// | self-sign.format              | pem or der, opt    | default pem                              |
// | export-public-key.key         | string, req        | as self-sign.key                         |
// | export-public-key.output      | path, req          | see below                                |
// | export-public-key.format      | pem or der, opt    | default pem                              |
// | backup-key.key                | string, req        | as self-sign.key; made with backup: true |
// | backup-key.output             | directory, req     | in the output dir, no ".."; LABEL.key-*  |
// | destroy-key.key               | string, req        | as self-sign.key; its objects removed    |
//
// The kinds that read files (see Inputs below), in a second table to keep it narrow.
// "extensions" is the mapping under issue.extensions and cross-sign.extensions.
//
// | Field                                 | Type              | Rule                             |
// |---------------------------------------|-------------------|----------------------------------|
// | issue.issuer.key                      | string, req       | as self-sign.key; signs          |
// | issue.issuer.certificate              | input, req        | the issuer's certificate         |
// | issue.profile                         | string, req       | as self-sign.profile             |
// | issue.csr                             | input, opt        | PKCS#10; or public-key, not both |
// | issue.public-key                      | input, opt        | PEM or DER SubjectPublicKeyInfo  |
// | issue.subject                         | mapping, opt      | req with public-key; else CSR's  |
// | issue.subject-printable               | string list, opt  | as self-sign.subject-printable   |
// | issue.validity.not-before             | UTC time, req     | as self-sign                     |
// | issue.validity.not-after              | UTC time, req     | after not-before                 |
// | issue.signature-algorithm             | string, opt       | as self-sign; fits issuer.key    |
// | issue.extensions                      | mapping, opt      | see extensions below             |
// | issue.output                          | path, req         | as self-sign.output              |
// | issue.format                          | pem or der, opt   | default pem                      |
// | cross-sign.issuer.key                 | string, req       | as issue.issuer.key              |
// | cross-sign.issuer.certificate         | input, req        | as issue.issuer.certificate      |
// | cross-sign.certificate                | input, req        | CA certificate to certify again  |
// | cross-sign.profile                    | string, opt       | default cross-ca                 |
// | cross-sign.validity.not-before        | UTC time, req     | as self-sign                     |
// | cross-sign.validity.not-after         | UTC time, req     | after not-before                 |
// | cross-sign.signature-algorithm        | string, opt       | as issue                         |
// | cross-sign.extensions                 | mapping, opt      | see extensions below             |
// | cross-sign.output                     | path, req         | as self-sign.output              |
// | cross-sign.format                     | pem or der, opt   | default pem                      |
// | make-csr.key                          | string, req       | as self-sign.key                 |
// | make-csr.subject                      | mapping, req      | as self-sign.subject             |
// | make-csr.signature-algorithm          | string, opt       | as self-sign                     |
// | make-csr.output                       | path, req         | as self-sign.output              |
// | make-csr.format                       | pem or der, opt   | default pem                      |
// | sign-crl.issuer.key                   | string, req       | as issue.issuer.key              |
// | sign-crl.issuer.certificate           | input, req        | as issue.issuer.certificate      |
// | sign-crl.profile                      | string, opt       | default crl                      |
// | sign-crl.this-update                  | UTC time, req     |                                  |
// | sign-crl.next-update                  | UTC time, req     | after this-update                |
// | sign-crl.state                        | path, req         | CRL-number state file; below     |
// | sign-crl.previous-crl                 | input, opt        | the issuer's previous CRL        |
// | sign-crl.revoked                      | list, opt         | may be empty; no serial twice    |
// | sign-crl.revoked[].serial             | hex, opt          | 1 to 40 hex digits               |
// | sign-crl.revoked[].certificate        | input, opt        | or serial, not both              |
// | sign-crl.revoked[].revocation-date    | UTC time, req     | not after this-update            |
// | sign-crl.revoked[].reason             | string, opt       | a reason below                   |
// | sign-crl.revoked[].invalidity-date    | UTC time, opt     | not after revocation-date        |
// | sign-crl.output                       | path, req         | as self-sign.output              |
// | sign-crl.format                       | pem or der, opt   | default pem                      |
// | sign-ocsp-response.issuer.key         | string, req       | the CA that issued certificate   |
// | sign-ocsp-response.issuer.certificate | input, req        | as issue.issuer.certificate      |
// | sign-ocsp-response.signer.key         | string, opt       | delegated responder; default CA  |
// | sign-ocsp-response.signer.certificate | input, opt        | req with signer                  |
// | sign-ocsp-response.certificate        | input, req        | whose status is given            |
// | sign-ocsp-response.status             | good/revoked, req |                                  |
// | sign-ocsp-response.revocation-time    | UTC time          | req iff revoked; <= this-update  |
// | sign-ocsp-response.reason             | string, opt       | revoked only; a reason below     |
// | sign-ocsp-response.this-update        | UTC time, req     |                                  |
// | sign-ocsp-response.next-update        | UTC time, req     | after this-update                |
// | sign-ocsp-response.output             | path, req         | as self-sign.output              |
// | sign-ocsp-response.format             | der, opt          | OCSP responses are DER           |
// | restore-key.backup                    | input, req        | a LABEL.key-backup.json          |
// | restore-key.label                     | string, req       | new label; free on the token     |
// | extensions.path-length                | integer, opt      | >= 0 (basicConstraints)          |
// | extensions.ca-issuers                 | URL list, opt     | http:// or https:// (AIA)        |
// | extensions.ocsp                       | URL list, opt     | http:// or https:// (AIA)        |
// | extensions.crl-distribution-points    | URL list, opt     | http:// or https://              |
// | extensions.policies                   | OID list, opt     | dotted: 2.23.140.1.2.1           |
// | extensions.dns-names                  | string list, opt  | DNS names; may start "*."        |
// | extensions.ip-addresses               | string list, opt  | IPv4 or IPv6 addresses           |
// | extensions.emails                     | string list, opt  | one '@' between name, domain     |
// | extensions.permanent-identifier       | string, opt       | code signing; 1 to 256 printable |
// | extensions.extended-key-usage         | string list, opt  | serverAuth, clientAuth.. or OIDs |
// | extensions.policy-qualifiers          | list, opt         | qualifiers of policies written   |
// | extensions.policy-qualifiers[].policy | OID, req          | one of the certificate's         |
// | extensions.policy-qualifiers[].cps    | URL list, opt     | id-qt-cps, http:// or https://   |
// | extensions.policy-qualifiers[].user-notice | string, opt  | explicitText, UTF8String, <= 200 |
// | extensions.name-constraints           | mapping, opt     | nameConstraints subtrees         |
// | extensions.name-constraints.permitted | mapping, opt     | permittedSubtrees; see below     |
// | extensions.name-constraints.excluded  | mapping, opt     | excludedSubtrees; see below      |
// | extensions.name-constraints.permitted.dns-names | string list, opt | no "*."; excluded: "" |
// | extensions.name-constraints.permitted.ip-addresses | string list, opt | CIDR: 192.0.2.0/24 |
// | extensions.name-constraints.permitted.directory-names | list, opt | as subject ({C, O}) |
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
