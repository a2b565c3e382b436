// The strict ceremony-script parser: YAML text in, a checked Script out, or one ScriptError
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
// | token.module                  | string, req        | softhsm2, nss-softokn or absolute path   |
// | token.label                   | string, req        | 1 to 32 bytes                            |
// | token.module-params           | string, opt        | passed to the module (NSS configdir)     |
// | roles.administrator           | string, req        | the operator named in the event log      |
// | roles.internal-auditor        | string, req        | holds no other role (CPS 5.2.4)          |
// | roles.custodians              | string list, opt   | distinct names                           |
// | quorum.activation             | "M-of-N", opt      | 1 <= M <= N <= 255; N = custodians       |
// | steps                         | list, req          | non-empty; one kind key per step         |
// | steps[].id                    | string, req        | [a-z0-9][a-z0-9._-]*, unique             |
// | steps[].description           | string, opt        |                                          |
// | generate-key.label            | string, req        | unique among generate-key steps          |
// | generate-key.type             | rsa or ec, req     |                                          |
// | generate-key.bits             | integer, RSA only  | req for RSA: 2048, 3072, 4096 (CPS 6.1.5)|
// | generate-key.curve            | string, EC only    | req for EC: P-256, P-384, P-521          |
// | self-sign.key                 | string, req        | label: generated earlier, or on the token|
// | self-sign.profile             | string, req        | [a-z0-9-]+ (templates/profiles/NAME)     |
// | self-sign.subject             | mapping, req       | ordered; C, ST, L, O, OU, CN; see below  |
// | self-sign.validity.not-before | UTC time, req      | YYYY-MM-DDTHH:MM:SSZ                     |
// | self-sign.validity.not-after  | UTC time, req      | after not-before                         |
// | self-sign.signature-algorithm | string, opt        | see below; default: the profile's        |
// | self-sign.output              | path, req          | see below                                |
// | self-sign.format              | pem or der, opt    | default pem                              |
// | export-public-key.key         | string, req        | as self-sign.key                         |
// | export-public-key.output      | path, req          | see below                                |
// | export-public-key.format      | pem or der, opt    | default pem                              |
//
// Subject values are strings of 1 to 64 characters; C is two upper-case letters.
// Signature algorithms: sha256WithRSAEncryption, sha384WithRSAEncryption, sha512WithRSAEncryption,
// rsassaPss-sha256, rsassaPss-sha384, rsassaPss-sha512 (RSA keys); ecdsa-with-SHA256,
// ecdsa-with-SHA384, ecdsa-with-SHA512 (EC keys). When the key is generated in the script the
// algorithm must fit its type; for a key already on the token the executor checks.
// Outputs: relative to ParseOptions::output_dir, without "..", naming a file; no two steps may
// write the same file, and the file must not exist yet (keyrite never overwrites a file).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "script/diagnostics.h"
#include "script/model.h"

namespace kr::script {

struct ParseOptions {
  // Where outputs are written; output paths are relative to it. Empty: the current directory.
  std::filesystem::path output_dir;
};

// Scripts larger than this are refused unread: a real one is a few kilobytes.
inline constexpr std::size_t kMaxScriptBytes = 1 << 20;

// Throws ScriptError listing every problem; kr::Error when the file cannot be read. Diagnostics
// name the file as given.
Script parse_script_file(const std::filesystem::path& file, const ParseOptions& options);
// `file_name` is used in diagnostics and as Script::file.
Script parse_script_text(std::string_view text, const std::string& file_name,
                         const ParseOptions& options);

}  // namespace kr::script
