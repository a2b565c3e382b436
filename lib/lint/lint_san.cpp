// Lints of subjectAltName and of the subject rules that depend on it. Names are read into the
// same SanContent the request check builds from a script, so both apply rules_san.h identically.
#include <arpa/inet.h>
#include <openssl/x509v3.h>

#include "lint/lint_internal.h"
#include "profile/rules_san.h"
#include "x509/key_purposes.h"
#include "x509/name.h"

namespace kr::lint::cert_lints {
namespace {

constexpr const char* kPermanentIdentifier = "1.3.6.1.5.5.7.8.3";

void names_free(GENERAL_NAMES* n) {
  sk_GENERAL_NAME_pop_free(n, GENERAL_NAME_free);
}
using NamesPtr = std::unique_ptr<GENERAL_NAMES, ossl::Deleter<names_free>>;
using SequencePtr = std::unique_ptr<ASN1_SEQUENCE_ANY, void (*)(ASN1_SEQUENCE_ANY*)>;

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

// PermanentIdentifier ::= SEQUENCE { identifierValue UTF8String OPTIONAL,
//                                    assigner OBJECT IDENTIFIER OPTIONAL } (RFC 4043).
void read_permanent_identifier(const Context& c, const OTHERNAME* other, profile::SanContent& out) {
  const ASN1_TYPE* value = other->value;
  SequencePtr seq(nullptr, [](ASN1_SEQUENCE_ANY* s) { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); });
  if (value && value->type == V_ASN1_SEQUENCE) {
    const unsigned char* p = ASN1_STRING_get0_data(value->value.sequence);
    seq.reset(d2i_ASN1_SEQUENCE_ANY(nullptr, &p, ASN1_STRING_length(value->value.sequence)));
  }
  if (!seq) return c.error("e_extension_malformed", "permanentIdentifier does not decode");
  std::string identifier;
  bool assigner = false;
  for (int i = 0; i < sk_ASN1_TYPE_num(seq.get()); ++i) {
    const ASN1_TYPE* t = sk_ASN1_TYPE_value(seq.get(), i);
    if (t->type == V_ASN1_UTF8STRING) identifier = text(t->value.utf8string);
    if (t->type == V_ASN1_OBJECT) assigner = true;
  }
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
        if (x509::dotted_oid(n->d.otherName->type_id) == kPermanentIdentifier) {
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
