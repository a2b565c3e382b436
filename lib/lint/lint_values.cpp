// Lints of the extensions that carry OIDs and URLs: certificatePolicies, authorityInfoAccess,
// cRLDistributionPoints, extendedKeyUsage and id-pkix-ocsp-nocheck. The URL and OID rules are the
// request check's (rules_values.h), so a script value that passed there passes here.
#include <openssl/x509v3.h>

#include <algorithm>

#include "lint/lint_internal.h"
#include "profile/rules_values.h"
#include "x509/key_purposes.h"

namespace kr::lint::cert_lints {
namespace {

using ossl::Owned;

const char* name_type(int type) {
  switch (type) {
    case GEN_OTHERNAME:
      return "otherName";
    case GEN_EMAIL:
      return "rfc822Name";
    case GEN_DNS:
      return "dNSName";
    case GEN_X400:
      return "x400Address";
    case GEN_DIRNAME:
      return "directoryName";
    case GEN_EDIPARTY:
      return "ediPartyName";
    case GEN_URI:
      return "uniformResourceIdentifier";
    case GEN_IPADD:
      return "iPAddress";
    case GEN_RID:
      return "registeredID";
  }
  return "unknown name";
}

std::string ia5_text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

// Reports a location that is not an http(s) URI; returns true when it is one.
bool check_location(const Context& c, const GENERAL_NAME* name, const std::string& what,
                    const char* not_uri_id, const char* not_http_id) {
  if (name->type != GEN_URI) {
    std::string type = name_type(name->type);
    bool an = std::string("aeiorx").find(type[0]) != std::string::npos;
    c.error(not_uri_id, what + (an ? " is an " : " is a ") + type + ", not a URI");
    return false;
  }
  std::string url = ia5_text(name->d.uniformResourceIdentifier);
  if (auto why = profile::url_problem(url); !why.empty()) {
    c.error(not_http_id, what + " \"" + url + "\" " + why);
    return false;
  }
  return true;
}

}  // namespace

void check_policies(const Context& c, const x509::CertificatePolicies& want, X509_EXTENSION* ext) {
  Owned<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free> cp(
      static_cast<CERTIFICATEPOLICIES*>(X509V3_EXT_d2i(ext)));
  if (!cp) return c.error("e_extension_malformed", "certificatePolicies does not decode");
  std::vector<std::string> oids;
  for (int i = 0; i < sk_POLICYINFO_num(cp.get()); ++i) {
    const POLICYINFO* info = sk_POLICYINFO_value(cp.get(), i);
    oids.push_back(x509::dotted_oid(info->policyid));
    for (int j = 0; !want.user_notice_allowed && j < sk_POLICYQUALINFO_num(info->qualifiers); ++j)
      if (OBJ_obj2nid(sk_POLICYQUALINFO_value(info->qualifiers, j)->pqualid) == NID_id_qt_unotice)
        c.error("e_policy_user_notice_not_allowed", "certificatePolicies has a user notice for " +
                                                        oids.back() + "; the " + c.profile.name +
                                                        " profile allows only CPS URI qualifiers");
  }
  if (oids.empty())
    return c.error("e_policies_missing",
                   "certificatePolicies has no policyInformation; CPS Appendix B requires one");
  for (const auto& p : profile::check_policy_list(c.profile, want, oids)) c.problem(p);
}

void check_aia(const Context& c, const x509::AuthorityInfoAccess& want, X509_EXTENSION* ext) {
  Owned<AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free> aia(
      static_cast<AUTHORITY_INFO_ACCESS*>(X509V3_EXT_d2i(ext)));
  if (!aia) return c.error("e_extension_malformed", "authorityInfoAccess does not decode");
  bool ca_issuers = false, ocsp = false;
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia.get()); ++i) {
    const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia.get(), i);
    int method = OBJ_obj2nid(ad->method);
    if (method != NID_ad_ca_issuers && method != NID_ad_OCSP) continue;
    std::string what = std::string("authorityInfoAccess ") +
                       (method == NID_ad_OCSP ? "OCSP" : "caIssuers") + " location";
    bool ok = check_location(c, ad->location, what, "e_aia_not_uri", "e_aia_uri_not_http");
    (method == NID_ad_OCSP ? ocsp : ca_issuers) |= ok;
  }
  if (!ca_issuers && want.require_ca_issuers)
    c.error("e_aia_ca_issuers_missing", "authorityInfoAccess has no caIssuers http URL; the " +
                                            c.profile.name + " profile requires one");
  if (!ocsp && want.require_ocsp)
    c.error("e_aia_ocsp_missing", "authorityInfoAccess has no OCSP http URL; the " +
                                      c.profile.name + " profile requires one");
}

void check_crldp(const Context& c, X509_EXTENSION* ext) {
  Owned<CRL_DIST_POINTS, CRL_DIST_POINTS_free> points(
      static_cast<CRL_DIST_POINTS*>(X509V3_EXT_d2i(ext)));
  if (!points) return c.error("e_extension_malformed", "cRLDistributionPoints does not decode");
  bool uri = false;
  for (int i = 0; i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(points.get(), i);
    if (dp->reasons || dp->CRLissuer)
      c.error("e_crldp_reasons_or_issuer",
              "cRLDistributionPoints has reasons or cRLIssuer; keyrite's CRLs are complete CRLs "
              "issued by the CA itself (RFC 5280 4.2.1.13)");
    if (!dp->distpoint || dp->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = dp->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j)
      uri |= check_location(c, sk_GENERAL_NAME_value(names, j), "cRLDistributionPoints fullName",
                            "e_crldp_not_uri", "e_crldp_uri_not_http");
  }
  if (!uri)
    c.error("e_crldp_no_uri",
            "cRLDistributionPoints has no fullName http URL; CPS Appendix B requires one");
}

void check_eku(const Context& c, const x509::ExtendedKeyUsage& want, X509_EXTENSION* ext) {
  Owned<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free> eku(
      static_cast<EXTENDED_KEY_USAGE*>(X509V3_EXT_d2i(ext)));
  if (!eku) return c.error("e_extension_malformed", "extendedKeyUsage does not decode");
  std::vector<std::string> got;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i)
    got.push_back(x509::dotted_oid(sk_ASN1_OBJECT_value(eku.get(), i)));
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (const auto& oid : want.required)
    if (!has(got, oid))
      c.error("e_eku_missing_purpose", "extendedKeyUsage lacks " + x509::key_purpose_name(oid) +
                                           "; the " + c.profile.name + " profile requires it");
  std::vector<std::string> allowed;
  for (const auto& oid : want.purposes) allowed.push_back(x509::key_purpose_name(oid));
  for (const auto& oid : want.may_also) allowed.push_back(x509::key_purpose_name(oid));
  for (const auto& oid : got)
    if (!has(want.purposes, oid) && !has(want.may_also, oid))
      c.error("e_eku_purpose_not_allowed", "extendedKeyUsage has " + x509::key_purpose_name(oid) +
                                               "; the " + c.profile.name + " profile allows only " +
                                               profile::join_list(allowed, "and"));
}

void check_nocheck(const Context& c, X509_EXTENSION* ext) {
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(ext);
  const unsigned char null_der[] = {0x05, 0x00};
  if (ASN1_STRING_length(data) != 2 ||
      !std::equal(null_der, null_der + 2, ASN1_STRING_get0_data(data)))
    c.error("e_extension_malformed", "ocspNoCheck is not NULL (RFC 6960 4.2.2.2.1)");
}

}  // namespace kr::lint::cert_lints
