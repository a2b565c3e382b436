// Lints of the subject and issuer names: one attribute per RDN (CPS Appendix B), the profile's
// subject rules (rules.cpp), RFC 5280 string types, and the issuer/subject relation.
#include <openssl/objects.h>

#include <map>

#include "lint/lint_internal.h"
#include "x509/name.h"

namespace kr::lint::cert_lints {
namespace {

void check_rdns(const Context& c, const X509_NAME* name, const char* which) {
  if (!name) return;
  std::map<int, std::vector<std::string>> sets;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    if (!e) continue;
    int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
    sets[X509_NAME_ENTRY_set(e)].push_back(sn ? sn : "unknown");
  }
  for (const auto& [index, types] : sets) {
    if (types.size() < 2) continue;
    c.error("e_multi_attr_rdn", std::string(which) + " RDN " + std::to_string(index + 1) + " has " +
                                    std::to_string(types.size()) + " attributes (" +
                                    profile::join_list(types, "and") +
                                    "); CPS Appendix B allows one attribute per RDN");
  }
}

bool is_directory_string(int nid) {
  return nid == NID_stateOrProvinceName || nid == NID_localityName || nid == NID_organizationName ||
         nid == NID_organizationalUnitName || nid == NID_commonName ||
         nid == NID_businessCategory || nid == NID_jurisdictionStateOrProvinceName ||
         nid == NID_jurisdictionLocalityName;
}

// X.520 and the EV Guidelines define these as PrintableString only.
bool is_printable_only(int nid) {
  return nid == NID_countryName || nid == NID_jurisdictionCountryName || nid == NID_serialNumber;
}

void check_string_types(const Context& c, const X509_NAME* name) {
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const ASN1_STRING* value = e ? X509_NAME_ENTRY_get_data(e) : nullptr;
    if (!value) continue;
    int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    int type = ASN1_STRING_type(value);
    std::string sn = nid != NID_undef ? OBJ_nid2sn(nid) : "unknown";
    if (is_printable_only(nid) && type != V_ASN1_PRINTABLESTRING)
      c.error("e_subject_string_type", sn + " is a " + std::string(ASN1_tag2str(type)) +
                                           "; RFC 5280 Appendix A requires PrintableString");
    else if (is_directory_string(nid) && type != V_ASN1_PRINTABLESTRING &&
             type != V_ASN1_UTF8STRING)
      c.error("e_subject_string_type", sn + " is a " + ASN1_tag2str(type) +
                                           "; RFC 5280 4.1.2.4 requires PrintableString or "
                                           "UTF8String");
    // OpenSSL does not check the PrintableString alphabet when it parses.
    if (type == V_ASN1_PRINTABLESTRING &&
        ASN1_PRINTABLE_type(ASN1_STRING_get0_data(value), ASN1_STRING_length(value)) !=
            V_ASN1_PRINTABLESTRING)
      c.error("e_subject_string_type",
              sn + " is a PrintableString holding characters outside its alphabet");
  }
}

}  // namespace

void rdn_shape(const Context& c) {
  check_rdns(c, X509_get_subject_name(c.cert), "subject");
  check_rdns(c, X509_get_issuer_name(c.cert), "issuer");
}

void subject(const Context& c) {
  const X509_NAME* name = X509_get_subject_name(c.cert);
  for (const auto& p : profile::check_subject(c.profile, x509::read_name(name))) c.problem(p);
  if (name) check_string_types(c, name);
}

void issuer_name(const Context& c) {
  const X509_NAME* issuer = X509_get_issuer_name(c.cert);
  const X509_NAME* expected = nullptr;
  std::string what;
  if (c.profile.issuer == profile::IssuerRule::self) {
    expected = X509_get_subject_name(c.cert);
    what = "its subject";
  } else if (c.issuer) {
    expected = X509_get_subject_name(c.issuer);
    what = "the issuing CA's subject";
  } else {
    c.notice("n_issuer_not_checked",
             "no issuing CA certificate was given, so the issuer name, "
             "authorityKeyIdentifier and signing key were not checked");
    return;
  }
  if (!issuer || !expected || X509_NAME_cmp(issuer, expected) != 0)
    c.error("e_issuer_subject_mismatch", "issuer \"" + x509::name_text(issuer) +
                                             "\" does not match " + what + " \"" +
                                             x509::name_text(expected) + "\"");
}

}  // namespace kr::lint::cert_lints
