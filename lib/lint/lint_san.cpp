// Lints of subjectAltName and of the subject rules that depend on it. Names are read into the
// same SanContent the request check builds from a script, so both apply rules_san.h identically.
#include <arpa/inet.h>
#include <openssl/x509v3.h>

#include "lint/lint_internal.h"
#include "profile/rules_san.h"
#include "x509/key_purposes.h"
#include "x509/name.h"
#include "x509/permanent_identifier.h"

namespace kr::lint::cert_lints {
namespace {

using NamesPtr = ossl::Owned<GENERAL_NAMES, GENERAL_NAMES_free>;

std::string text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

// 4 or 16 octets as text; anything else as a description that fails ip_address_problem.
std::string ip_text(const ASN1_OCTET_STRING* ip) {
  int len = ASN1_STRING_length(ip);
  char buf[INET6_ADDRSTRLEN] = {};
  int family = len == 4 ? AF_INET : len == 16 ? AF_INET6 : 0;
  if (!family || !inet_ntop(family, ASN1_STRING_get0_data(ip), buf, sizeof buf))
    return "(" + std::to_string(len) + " octets)";
  return buf;
}

// RFC 4043's PermanentIdentifier, decoded strictly (x509/permanent_identifier.h).
void read_permanent_identifier(const Context& c, const OTHERNAME* other, profile::SanContent& out) {
  const ASN1_TYPE* value = other->value;
  std::optional<x509::PermanentIdentifier> pi;
  if (value && value->type == V_ASN1_SEQUENCE)
    pi = x509::decode_permanent_identifier(
        ByteView(ASN1_STRING_get0_data(value->value.sequence),
                 static_cast<std::size_t>(ASN1_STRING_length(value->value.sequence))));
  if (!pi) return c.error("e_extension_malformed", "permanentIdentifier does not decode");
  std::string identifier = pi->value.value_or("");
  bool assigner = pi->assigner.has_value();
  if (identifier.empty())
    c.error("e_san_permanent_id_no_value",
            "permanentIdentifier has no identifierValue; CPS Appendix B requires one");
  if (assigner)
    c.error("e_san_permanent_id_assigner",
            "permanentIdentifier has an assigner; CPS Appendix B requires none");
  out.permanent_identifiers.push_back(identifier);
}

profile::SanContent read_names(const Context& c, const GENERAL_NAMES* names) {
  profile::SanContent out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    switch (n->type) {
      case GEN_DNS:
        out.dns_names.push_back(text(n->d.dNSName));
        break;
      case GEN_IPADD:
        out.ip_addresses.push_back(ip_text(n->d.iPAddress));
        break;
      case GEN_EMAIL:
        out.emails.push_back(text(n->d.rfc822Name));
        break;
      case GEN_OTHERNAME:
        if (x509::dotted_oid(n->d.otherName->type_id) == x509::kPermanentIdentifierOid) {
          read_permanent_identifier(c, n->d.otherName, out);
          break;
        }
        out.other_types.push_back("otherName " + x509::dotted_oid(n->d.otherName->type_id));
        break;
      case GEN_URI:
        out.other_types.push_back("uniformResourceIdentifier");
        break;
      case GEN_DIRNAME:
        out.other_types.push_back("directoryName");
        break;
      default:
        out.other_types.push_back("name of type " + std::to_string(n->type));
    }
  }
  return out;
}

}  // namespace

void check_san_extension(const Context& c, const x509::SubjectAltName& want, X509_EXTENSION* ext) {
  NamesPtr names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(ext)));
  if (!names) return c.error("e_extension_malformed", "subjectAltName does not decode");
  for (const auto& p : profile::check_san(c.profile, want, read_names(c, names.get())))
    c.problem(p);
}

void subject_and_san(const Context& c) {
  profile::SanContent san;
  int index = X509_get_ext_by_NID(c.cert, NID_subject_alt_name, -1);
  if (index >= 0) {
    NamesPtr names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(X509_get_ext(c.cert, index))));
    // Findings about the names themselves belong to check_san_extension; collect quietly here.
    std::vector<Finding> ignored;
    Context quiet{c.cert, c.profile, c.issuer, ignored};
    if (names) san = read_names(quiet, names.get());
  }
  auto subject = x509::read_name(X509_get_subject_name(c.cert));
  for (const auto& p : profile::check_subject_with_san(c.profile, subject, san)) c.problem(p);
}

}  // namespace kr::lint::cert_lints
