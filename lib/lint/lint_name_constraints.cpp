// The nameConstraints content lint: the subtrees decoded by OpenSSL, judged by the same rules as a
// script's (rules_name_constraints.h). An iPAddress base that is not address and mask (8 or 32
// octets) does not decode as a range and is reported as malformed.
#include <openssl/x509v3.h>

#include "lint/lint_internal.h"
#include "profile/rules_name_constraints.h"

namespace kr::lint::cert_lints {
namespace {

const char* type_name(int type) {
  switch (type) {
    case GEN_OTHERNAME:
      return "otherName";
    case GEN_EMAIL:
      return "rfc822Name";
    case GEN_X400:
      return "x400Address";
    case GEN_EDIPARTY:
      return "ediPartyName";
    case GEN_URI:
      return "uniformResourceIdentifier";
    case GEN_RID:
      return "registeredID";
    default:
      return "unknown";
  }
}

// False when an iPAddress base is not a range.
bool read_side(const STACK_OF(GENERAL_SUBTREE) * trees, profile::SubtreeContent& out) {
  for (int i = 0; i < sk_GENERAL_SUBTREE_num(trees); ++i) {
    const GENERAL_SUBTREE* tree = sk_GENERAL_SUBTREE_value(trees, i);
    const GENERAL_NAME* base = tree ? tree->base : nullptr;
    if (!base) return false;
    if (base->type == GEN_DNS) {
      const ASN1_STRING* s = base->d.dNSName;
      out.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                 static_cast<std::size_t>(ASN1_STRING_length(s)));
    } else if (base->type == GEN_IPADD) {
      const ASN1_STRING* s = base->d.iPAddress;
      int n = ASN1_STRING_length(s);
      if (n != 8 && n != 32) return false;
      out.ip_ranges.emplace_back(ASN1_STRING_get0_data(s), ASN1_STRING_get0_data(s) + n);
    } else if (base->type == GEN_DIRNAME) {
      ++out.directory_names;
    } else {
      out.other_types.emplace_back(type_name(base->type));
    }
  }
  return true;
}

}  // namespace

void check_name_constraints(const Context& c, const x509::NameConstraints& want,
                            X509_EXTENSION* ext) {
  std::unique_ptr<NAME_CONSTRAINTS, ossl::Deleter<NAME_CONSTRAINTS_free>> nc(
      static_cast<NAME_CONSTRAINTS*>(X509V3_EXT_d2i(ext)));
  if (!nc) return c.error("e_extension_malformed", "nameConstraints does not decode");
  profile::SubtreeContent permitted, excluded;
  if (!read_side(nc->permittedSubtrees, permitted) || !read_side(nc->excludedSubtrees, excluded))
    return c.error("e_extension_malformed",
                   "nameConstraints has an iPAddress subtree that is not an address and mask "
                   "(8 or 32 octets)");
  for (const auto& problem : profile::check_name_constraints(c.profile, want, permitted, excluded))
    c.problem(problem);
}

}  // namespace kr::lint::cert_lints
