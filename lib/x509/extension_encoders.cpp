// Encoders for certificatePolicies, authorityInfoAccess, cRLDistributionPoints, extKeyUsage,
// id-pkix-ocsp-nocheck and subjectAltName. Only OpenSSL's structures and i2d functions are used;
// the one value OpenSSL has no type for (RFC 4043 PermanentIdentifier) has our own ASN.1 template
// (permanent_identifier.h).
#include "x509/extension_encoders.h"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "ossl/error.h"
#include "util/error.h"
#include "x509/permanent_identifier.h"

namespace kr::x509::detail {
namespace {

using ossl::Owned;
using ObjectPtr = Owned<ASN1_OBJECT, ASN1_OBJECT_free>;
using GeneralNamePtr = Owned<GENERAL_NAME, GENERAL_NAME_free>;

using GeneralNamesPtr = Owned<GENERAL_NAMES, GENERAL_NAMES_free>;

ObjectPtr oid(const std::string& dotted, const std::string& what) {
  ObjectPtr obj(OBJ_txt2obj(dotted.c_str(), 1));
  if (!obj) {
    ossl::drain_errors();
    throw Error(what + " \"" + dotted + "\" is not a dotted OID");
  }
  return obj;
}

ossl::X509ExtensionPtr encode(int nid, bool critical, void* value, const char* name) {
  ossl::X509ExtensionPtr ext(X509V3_EXT_i2d(nid, critical ? 1 : 0, value));
  if (!ext) ossl::throw_error(std::string("encoding ") + name);
  return ext;
}

GeneralNamePtr ia5_name(int type, const std::string& text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) > 0x7F || c == 0)
      throw Error("\"" + text + "\" is not ASCII text (an IA5String)");
  GeneralNamePtr name(GENERAL_NAME_new());
  Owned<ASN1_IA5STRING, ASN1_IA5STRING_free> s(ASN1_IA5STRING_new());
  if (!name || !s || ASN1_STRING_set(s.get(), text.data(), static_cast<int>(text.size())) != 1)
    ossl::throw_error("GENERAL_NAME");
  GENERAL_NAME_set0_value(name.get(), type, s.release());
  return name;
}

GeneralNamePtr ip_name(const std::string& text) {
  ossl::Asn1OctetStringPtr ip(a2i_IPADDRESS(text.c_str()));
  if (!ip) {
    ossl::drain_errors();
    throw Error("iPAddress \"" + text + "\" is not an IPv4 or IPv6 address");
  }
  GeneralNamePtr name(GENERAL_NAME_new());
  if (!name) ossl::throw_error("GENERAL_NAME_new");
  GENERAL_NAME_set0_value(name.get(), GEN_IPADD, ip.release());
  return name;
}

// otherName { id-on-permanentIdentifier, PermanentIdentifier { identifierValue UTF8String } }.
GeneralNamePtr permanent_identifier(const std::string& value) {
  Owned<ASN1_TYPE, ASN1_TYPE_free> other_value(permanent_identifier_value(value));
  GeneralNamePtr name(GENERAL_NAME_new());
  ObjectPtr type = oid(kPermanentIdentifierOid, "permanentIdentifier");
  if (!name || GENERAL_NAME_set0_othername(name.get(), type.get(), other_value.get()) != 1)
    ossl::throw_error("permanentIdentifier otherName");
  type.release();
  other_value.release();
  return name;
}

void push(GENERAL_NAMES* names, GeneralNamePtr name) {
  if (!sk_GENERAL_NAME_push(names, name.get())) ossl::throw_error("sk_GENERAL_NAME_push");
  name.release();
}

void push_qualifier(POLICYINFO* info, Owned<POLICYQUALINFO, POLICYQUALINFO_free> q) {
  if (!info->qualifiers) info->qualifiers = sk_POLICYQUALINFO_new_null();
  if (!info->qualifiers || !sk_POLICYQUALINFO_push(info->qualifiers, q.get()))
    ossl::throw_error("policyQualifiers");
  q.release();
}

// CPS pointers as IA5Strings, then one user notice whose explicitText is a UTF8String (RFC 6818
// 3: "conforming CAs SHOULD use the UTF8String encoding for explicitText").
void add_qualifiers(POLICYINFO* info, const PolicyQualifiers& v) {
  for (const auto& uri : v.cps_uris) {
    for (char c : uri)
      if (static_cast<unsigned char>(c) > 0x7F || c == 0)
        throw Error("certificatePolicies: CPS URI \"" + uri + "\" is not ASCII (an IA5String)");
    Owned<POLICYQUALINFO, POLICYQUALINFO_free> q(POLICYQUALINFO_new());
    if (!q) ossl::throw_error("POLICYQUALINFO_new");
    q->pqualid = OBJ_nid2obj(NID_id_qt_cps);
    q->d.cpsuri = ASN1_IA5STRING_new();
    if (!q->d.cpsuri || ASN1_STRING_set(q->d.cpsuri, uri.data(), static_cast<int>(uri.size())) != 1)
      ossl::throw_error("CPS URI");
    push_qualifier(info, std::move(q));
  }
  if (v.user_notice.empty()) return;
  Owned<POLICYQUALINFO, POLICYQUALINFO_free> q(POLICYQUALINFO_new());
  if (!q) ossl::throw_error("POLICYQUALINFO_new");
  q->pqualid = OBJ_nid2obj(NID_id_qt_unotice);
  q->d.usernotice = USERNOTICE_new();
  if (!q->d.usernotice) ossl::throw_error("USERNOTICE_new");
  q->d.usernotice->exptext = ASN1_UTF8STRING_new();
  if (!q->d.usernotice->exptext || ASN1_STRING_set(q->d.usernotice->exptext, v.user_notice.data(),
                                                   static_cast<int>(v.user_notice.size())) != 1)
    ossl::throw_error("user notice explicitText");
  push_qualifier(info, std::move(q));
}

}  // namespace

ossl::X509ExtensionPtr certificate_policies(const CertificatePolicies& v, bool critical) {
  if (v.policies.empty()) throw Error("certificatePolicies: no policy OID to write");
  for (const auto& q : v.qualifiers)
    if (std::find(v.policies.begin(), v.policies.end(), q.policy) == v.policies.end())
      throw Error("certificatePolicies: qualifiers for policy " + q.policy +
                  ", which is not written; they would be dropped");
  Owned<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free> policies(CERTIFICATEPOLICIES_new());
  if (!policies) ossl::throw_error("CERTIFICATEPOLICIES_new");
  for (const auto& text : v.policies) {
    Owned<POLICYINFO, POLICYINFO_free> info(POLICYINFO_new());
    if (!info) ossl::throw_error("POLICYINFO_new");
    ASN1_OBJECT_free(info->policyid);
    info->policyid = oid(text, "certificatePolicies: policy").release();
    for (const auto& q : v.qualifiers)
      if (q.policy == text) add_qualifiers(info.get(), q);
    if (!sk_POLICYINFO_push(policies.get(), info.get())) ossl::throw_error("sk_POLICYINFO_push");
    info.release();
  }
  return encode(NID_certificate_policies, critical, policies.get(), "certificatePolicies");
}

ossl::X509ExtensionPtr authority_info_access(const AuthorityInfoAccess& v, bool critical) {
  if (v.ca_issuers.empty() && v.ocsp.empty()) throw Error("authorityInfoAccess: no URL to write");
  Owned<AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free> aia(sk_ACCESS_DESCRIPTION_new_null());
  if (!aia) ossl::throw_error("AUTHORITY_INFO_ACCESS");
  auto add = [&](int method, const std::vector<std::string>& urls) {
    for (const auto& url : urls) {
      Owned<ACCESS_DESCRIPTION, ACCESS_DESCRIPTION_free> ad(ACCESS_DESCRIPTION_new());
      if (!ad) ossl::throw_error("ACCESS_DESCRIPTION_new");
      ASN1_OBJECT_free(ad->method);
      ad->method = OBJ_nid2obj(method);
      GENERAL_NAME_free(ad->location);
      ad->location = ia5_name(GEN_URI, url).release();
      if (!sk_ACCESS_DESCRIPTION_push(aia.get(), ad.get()))
        ossl::throw_error("sk_ACCESS_DESCRIPTION_push");
      ad.release();
    }
  };
  add(NID_ad_OCSP, v.ocsp);
  add(NID_ad_ca_issuers, v.ca_issuers);
  return encode(NID_info_access, critical, aia.get(), "authorityInfoAccess");
}

ossl::X509ExtensionPtr crl_distribution_points(const CrlDistributionPoints& v, bool critical) {
  if (v.uris.empty()) throw Error("cRLDistributionPoints: no URL to write");
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) ossl::throw_error("GENERAL_NAMES");
  for (const auto& url : v.uris) push(names.get(), ia5_name(GEN_URI, url));
  Owned<DIST_POINT, DIST_POINT_free> point(DIST_POINT_new());
  Owned<DIST_POINT_NAME, DIST_POINT_NAME_free> dpn(DIST_POINT_NAME_new());
  if (!point || !dpn) ossl::throw_error("DIST_POINT_new");
  dpn->type = 0;  // fullName
  dpn->name.fullname = names.release();
  point->distpoint = dpn.release();
  Owned<CRL_DIST_POINTS, CRL_DIST_POINTS_free> points(CRL_DIST_POINTS_new());
  if (!points || !sk_DIST_POINT_push(points.get(), point.get()))
    ossl::throw_error("CRL_DIST_POINTS");
  point.release();
  return encode(NID_crl_distribution_points, critical, points.get(), "cRLDistributionPoints");
}

ossl::X509ExtensionPtr extended_key_usage(const ExtendedKeyUsage& v, bool critical) {
  if (v.purposes.empty()) throw Error("extendedKeyUsage: no purpose to write");
  Owned<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free> eku(EXTENDED_KEY_USAGE_new());
  if (!eku) ossl::throw_error("EXTENDED_KEY_USAGE_new");
  for (const auto& text : v.purposes) {
    ObjectPtr obj = oid(text, "extendedKeyUsage: purpose");
    if (!sk_ASN1_OBJECT_push(eku.get(), obj.get())) ossl::throw_error("sk_ASN1_OBJECT_push");
    obj.release();
  }
  return encode(NID_ext_key_usage, critical, eku.get(), "extendedKeyUsage");
}

ossl::X509ExtensionPtr ocsp_no_check(bool critical) {
  Owned<ASN1_NULL, ASN1_NULL_free> null(ASN1_NULL_new());
  if (!null) ossl::throw_error("ASN1_NULL_new");
  return encode(NID_id_pkix_OCSP_noCheck, critical, null.get(), "ocspNoCheck");
}

ossl::X509ExtensionPtr subject_alt_name(const SubjectAltName& v, bool critical) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) ossl::throw_error("GENERAL_NAMES");
  for (const auto& dns : v.dns_names) push(names.get(), ia5_name(GEN_DNS, dns));
  for (const auto& ip : v.ip_addresses) push(names.get(), ip_name(ip));
  for (const auto& email : v.emails) push(names.get(), ia5_name(GEN_EMAIL, email));
  for (const auto& id : v.permanent_identifiers) push(names.get(), permanent_identifier(id));
  if (sk_GENERAL_NAME_num(names.get()) == 0) return nullptr;
  return encode(NID_subject_alt_name, critical, names.get(), "subjectAltName");
}

}  // namespace kr::x509::detail
