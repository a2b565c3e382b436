// The field tables of the script's top level and of the extensions mapping. Rows stay one per line
// (clang-format off): scripts/readme-fields reads them to print the field reference, the script
// table's rows as they are (they are the top level), the others under their table's name.
#include "script/section_fields.h"

namespace kr::script {
namespace {

// clang-format off
constexpr FieldSpec kScript[] = {
    {"keyrite", Presence::required, "integer, req", "format version; only 1"},
    {"ceremony", Presence::required, "", ""},
    {"ceremony.id", Presence::required, "string, req", "[a-z0-9][a-z0-9._-]*"},
    {"ceremony.description", Presence::optional, "string, opt", ""},
    {"ceremony.test", Presence::optional, "true/false, opt", "a rehearsal: M < 3 or no quorum allowed"},
    {"token", Presence::required, "", ""},
    {"token.module", Presence::required, "string, req", "softhsm2, nss-softokn or absolute path"},
    {"token.label", Presence::required, "string, req", "1 to 32 bytes"},
    {"token.module-params", Presence::optional, "string, opt", "passed to the module (NSS configdir)"},
    {"roles", Presence::required, "", ""},
    {"roles.administrator", Presence::required, "string, req", "the operator named in the event log"},
    {"roles.internal-auditor", Presence::required, "string, req", "holds no other role (CPS 5.2.4)"},
    {"roles.custodians", Presence::optional, "string list, opt", "distinct names; hold activation shares"},
    {"roles.recovery-custodians", Presence::optional, "string list, opt", "distinct; hold the key-backup shares"},
    {"quorum", Presence::optional, "mapping", "req unless ceremony.test (CPS 5.2.2)"},
    {"quorum.activation", Presence::required, "\"M-of-N\", req", "M >= 3 (2 if test), <= N; N = custodians"},
    {"quorum.share-set", Presence::required, "path, req", "descriptor from kr-token init --quorum"},
    {"quorum.key-backup", Presence::optional, "\"M-of-N\", opt", "as activation; N = recovery-custodians"},
    {"quorum.key-backup-share-set", Presence::optional, "path, req w/ above", "descriptor from kr-quorum new-set"},
    {"quorum.unlock", Presence::optional, "string, opt", "once (default) or every-step; see below"},
    {"steps", Presence::required, "list, req", "non-empty; one kind key per step"},
    {"steps[].id", Presence::required, "string, req", "[a-z0-9][a-z0-9._-]*, unique"},
    {"steps[].description", Presence::optional, "string, opt", ""},
};
constexpr FieldSpec kExtensions[] = {
    {"path-length", Presence::optional, "integer, opt", ">= 0 (basicConstraints)"},
    {"ca-issuers", Presence::optional, "URL list, opt", "http:// or https:// (AIA)"},
    {"ocsp", Presence::optional, "URL list, opt", "http:// or https:// (AIA)"},
    {"crl-distribution-points", Presence::optional, "URL list, opt", "http:// or https://"},
    {"policies", Presence::optional, "OID list, opt", "dotted: 2.23.140.1.2.1"},
    {"dns-names", Presence::optional, "string list, opt", "DNS names; may start \"*.\""},
    {"ip-addresses", Presence::optional, "string list, opt", "IPv4 or IPv6 addresses"},
    {"emails", Presence::optional, "string list, opt", "one '@' between name, domain"},
    {"permanent-identifier", Presence::optional, "string, opt", "code signing; 1 to 256 printable"},
    {"extended-key-usage", Presence::optional, "string list, opt", "serverAuth, clientAuth.. or OIDs"},
    {"policy-qualifiers", Presence::optional, "list, opt", "qualifiers of policies written"},
    {"policy-qualifiers[].policy", Presence::required, "OID, req", "one of the certificate's"},
    {"policy-qualifiers[].cps", Presence::optional, "URL list, opt", "id-qt-cps, http:// or https://"},
    {"policy-qualifiers[].user-notice", Presence::optional, "string, opt", "explicitText, UTF8String, <= 200"},
    {"name-constraints", Presence::optional, "mapping, opt", "nameConstraints subtrees"},
    {"name-constraints.permitted", Presence::optional, "mapping, opt", "permittedSubtrees; see below"},
    {"name-constraints.excluded", Presence::optional, "mapping, opt", "excludedSubtrees; see below"},
    {"name-constraints.permitted.dns-names", Presence::optional, "string list, opt", "no \"*.\"; excluded: \"\""},
    {"name-constraints.permitted.ip-addresses", Presence::optional, "string list, opt", "CIDR: 192.0.2.0/24"},
    {"name-constraints.permitted.directory-names", Presence::optional, "list, opt", "as subject ({C, O})"},
};
// clang-format on

constexpr FieldTable kScriptTable{"script", kScript};
constexpr FieldTable kExtensionsTable{"extensions", kExtensions};

}  // namespace

const FieldTable& script_table() {
  return kScriptTable;
}

const FieldTable& extensions_table() {
  return kExtensionsTable;
}

}  // namespace kr::script
