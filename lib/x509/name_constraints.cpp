// The nameConstraints encoder: GeneralSubtrees of dNSName, iPAddress (address and mask) and
// directoryName, without minimum or maximum (RFC 5280 4.2.1.10; BRs 7.1.2.5.2), encoded by
// OpenSSL's NAME_CONSTRAINTS type. Whatever a spec holds is written or refused, never dropped.
#include <openssl/x509v3.h>

#include "ossl/error.h"
#include "util/error.h"
#include "x509/extension_encoders.h"
#include "x509/ip_range.h"
#include "x509/name.h"

namespace kr::x509::detail {
namespace {

using ossl::Owned;
using GeneralNamePtr = Owned<GENERAL_NAME, GENERAL_NAME_free>;

// dNSName (IA5String) or iPAddress (the address and mask octets).
GeneralNamePtr string_name(int type, ByteView value) {
  GeneralNamePtr name(GENERAL_NAME_new());
  Owned<ASN1_STRING, ASN1_STRING_free> s(type == GEN_IPADD ? ASN1_OCTET_STRING_new()
                                                           : ASN1_IA5STRING_new());
  if (!name || !s || ASN1_STRING_set(s.get(), value.data(), static_cast<int>(value.size())) != 1)
    ossl::throw_error("GENERAL_NAME");
  GENERAL_NAME_set0_value(name.get(), type, s.release());
  return name;
}

void push(STACK_OF(GENERAL_SUBTREE) * trees, GeneralNamePtr base) {
  Owned<GENERAL_SUBTREE, GENERAL_SUBTREE_free> tree(GENERAL_SUBTREE_new());
  if (!tree) ossl::throw_error("GENERAL_SUBTREE_new");
  GENERAL_NAME_free(tree->base);
  tree->base = base.release();
  if (!sk_GENERAL_SUBTREE_push(trees, tree.get())) ossl::throw_error("sk_GENERAL_SUBTREE_push");
  tree.release();
}

STACK_OF(GENERAL_SUBTREE) * subtrees(const NameSubtrees& side) {
  if (side.empty()) return nullptr;
  std::unique_ptr<STACK_OF(GENERAL_SUBTREE), void (*)(STACK_OF(GENERAL_SUBTREE)*)> trees(
      sk_GENERAL_SUBTREE_new_null(),
      [](STACK_OF(GENERAL_SUBTREE) * t) { sk_GENERAL_SUBTREE_pop_free(t, GENERAL_SUBTREE_free); });
  if (!trees) ossl::throw_error("sk_GENERAL_SUBTREE_new_null");
  for (const auto& dns : side.dns_names) {
    for (char c : dns)
      if (static_cast<unsigned char>(c) > 0x7F || c == 0)
        throw Error("nameConstraints: dNSName \"" + dns + "\" is not ASCII text");
    push(trees.get(), string_name(GEN_DNS, as_bytes(dns)));
  }
  for (const auto& range : side.ip_ranges) {
    auto octets = ip_range_octets(range);
    if (!octets)
      throw Error("nameConstraints: iPAddress \"" + range + "\" " + ip_range_problem(range));
    push(trees.get(), string_name(GEN_IPADD, *octets));
  }
  for (const auto& dn : side.directory_names) {
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!name) ossl::throw_error("GENERAL_NAME_new");
    GENERAL_NAME_set0_value(name.get(), GEN_DIRNAME, build_name(dn).release());
    push(trees.get(), std::move(name));
  }
  return trees.release();
}

}  // namespace

ossl::X509ExtensionPtr name_constraints(const NameConstraints& v, bool critical) {
  if (v.permitted.empty() && v.excluded.empty())
    throw Error("nameConstraints: neither permitted nor excluded subtrees to write");
  Owned<NAME_CONSTRAINTS, NAME_CONSTRAINTS_free> nc(NAME_CONSTRAINTS_new());
  if (!nc) ossl::throw_error("NAME_CONSTRAINTS_new");
  nc->permittedSubtrees = subtrees(v.permitted);
  nc->excludedSubtrees = subtrees(v.excluded);
  ossl::X509ExtensionPtr ext(X509V3_EXT_i2d(NID_name_constraints, critical ? 1 : 0, nc.get()));
  if (!ext) ossl::throw_error("encoding nameConstraints");
  return ext;
}

}  // namespace kr::x509::detail
