// RFC 5280 lints that read extensions more closely than their decoders: every extension value as
// strict DER with nothing left over (der_strict.h) plus the DER rules only a known structure
// shows (keyUsage's named-bit list, basicConstraints' DEFAULT FALSE), certificate policy
// qualifiers (4.2.1.4, RFC 6818), cRLDistributionPoints (4.2.1.13), and what 4.2 asks of
// end-entity certificates whatever their profile.
#include <openssl/x509v3.h>

#include "lint/der_strict.h"
#include "lint/rfc5280_internal.h"
#include "x509/key_purposes.h"

namespace kr::lint::rfc {
namespace {

ByteView value_of(const X509_EXTENSION* ext) {
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(const_cast<X509_EXTENSION*>(ext));
  return ByteView(ASN1_STRING_get0_data(data), static_cast<std::size_t>(ASN1_STRING_length(data)));
}

// X.690 11.2.2: a BIT STRING with named bits has no trailing zero bits; 11.5: a DEFAULT value is
// not encoded. Both need the structure, so they are checked for the extensions that have one.
void structure_rules(const std::string& name, int nid, ByteView v, Sink& out) {
  if (nid == NID_key_usage && v.size() >= 3 && v[0] == 0x03 && v[1] == v.size() - 2) {
    unsigned unused = v[2];
    unsigned char last = v.size() > 3 ? v.back() : 0;
    if (v.size() > 3 && unused < 8 && (last & (1u << unused)) == 0)
      out.error("e_extension_not_der",
                name + ": the named-bit BIT STRING has trailing zero bits (X.690 11.2.2)");
  }
  // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, ... }: 30 L 01 01 00 encodes the
  // default.
  if (nid == NID_basic_constraints && v.size() >= 5 && v[0] == 0x30 && v[2] == 0x01 &&
      v[3] == 0x01 && v[4] == 0x00)
    out.error("e_extension_not_der",
              name + ": cA FALSE is encoded; DER leaves a DEFAULT value out (X.690 11.5)");
}

std::string text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

// Characters of a UTF-8 string; control characters (C0, DEL, C1) counted separately.
std::size_t characters(const std::string& s, bool& control) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) control = true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
      control = true;  // U+0080 to U+009F
    i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  }
  return n;
}

void user_notice(const CertContext& c, const std::string& policy, const USERNOTICE* notice) {
  if (notice->noticeref)
    c.out.warning("w_policy_notice_ref", "certificatePolicies " + policy +
                                             ": the user notice has a noticeRef; RFC 5280 "
                                             "4.2.1.4 says conforming CAs SHOULD NOT use it");
  const ASN1_STRING* t = notice->exptext;
  if (!t) return;
  int type = ASN1_STRING_type(t);
  std::string where = "certificatePolicies " + policy + ": explicitText";
  if (type == V_ASN1_IA5STRING)
    c.out.error("e_policy_notice_ia5string",
                where + " is an IA5String; RFC 6818 3 says it MUST NOT be");
  else if (type != V_ASN1_UTF8STRING)
    c.out.warning("w_policy_notice_not_utf8", where + " is a " + ASN1_tag2str(type) +
                                                  "; RFC 6818 3 says it SHOULD be a UTF8String");
  bool control = false;
  std::size_t n = type == V_ASN1_UTF8STRING ? characters(text(t), control)
                                            : static_cast<std::size_t>(ASN1_STRING_length(t));
  if (n > 200)
    c.out.error("e_policy_notice_too_long",
                where + " has " + std::to_string(n) + " characters; RFC 5280 4.2.1.4 allows 200");
  if (control)
    c.out.warning("w_policy_notice_control_characters",
                  where + " holds a control character; RFC 6818 3 says it SHOULD NOT");
}

bool is_general_name(const GENERAL_NAMES* names, int type) {
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i)
    if (sk_GENERAL_NAME_value(names, i)->type == type) return true;
  return false;
}

}  // namespace

void extension_der(const CertContext& c) {
  for (int i = 0; i < X509_get_ext_count(c.cert); ++i) {
    const X509_EXTENSION* ext = X509_get_ext(c.cert, i);
    if (!ext) continue;
    std::string name = extension_name(ext);
    ByteView v = value_of(ext);
    auto problems = strict_der_problems(v);
    for (const auto& p : problems)
      c.out.error(
          p.kind == DerProblem::Kind::malformed ? "e_extension_malformed" : "e_extension_not_der",
          name + ": " + p.message);
    if (problems.empty())
      structure_rules(
          name, OBJ_obj2nid(X509_EXTENSION_get_object(const_cast<X509_EXTENSION*>(ext))), v, c.out);
  }
}

void policy_qualifiers(const CertContext& c) {
  Owned<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free> cp(static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(c.cert, NID_certificate_policies, nullptr, nullptr)));
  if (!cp) return;  // absent, or undecodable: reported by extension_der and the profile lint
  for (int i = 0; i < sk_POLICYINFO_num(cp.get()); ++i) {
    const POLICYINFO* info = sk_POLICYINFO_value(cp.get(), i);
    std::string policy = x509::dotted_oid(info->policyid);
    for (int j = 0; j < sk_POLICYQUALINFO_num(info->qualifiers); ++j) {
      const POLICYQUALINFO* q = sk_POLICYQUALINFO_value(info->qualifiers, j);
      int nid = OBJ_obj2nid(q->pqualid);
      if (nid == NID_id_qt_cps) {
        std::string uri = q->d.cpsuri ? text(q->d.cpsuri) : "";
        if (uri.rfind("http://", 0) != 0 && uri.rfind("https://", 0) != 0)
          c.out.warning("w_policy_cps_not_http", "certificatePolicies " + policy + ": CPS URI \"" +
                                                     uri + "\" is not an http or https URL");
      } else if (nid == NID_id_qt_unotice) {
        if (q->d.usernotice) user_notice(c, policy, q->d.usernotice);
      } else {
        c.out.error("e_policy_qualifier_unknown",
                    "certificatePolicies " + policy + ": qualifier " +
                        x509::dotted_oid(q->pqualid) +
                        " is neither id-qt-cps nor id-qt-unotice (RFC 5280 4.2.1.4)");
      }
    }
  }
}

void crl_distribution_points(const CertContext& c) {
  int critical = 0;
  Owned<CRL_DIST_POINTS, CRL_DIST_POINTS_free> points(static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(c.cert, NID_crl_distribution_points, &critical, nullptr)));
  if (!points) return;
  for (int i = 0; i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(points.get(), i);
    std::string where = "cRLDistributionPoints[" + std::to_string(i) + "]";
    if (!dp->distpoint && !dp->CRLissuer)
      c.out.error("e_crldp_point_without_name",
                  where +
                      " has neither distributionPoint nor cRLIssuer; RFC 5280 4.2.1.13 "
                      "requires one of them");
    if (dp->reasons)
      c.out.warning("w_crldp_reasons",
                    where +
                        " has reasons; RFC 5280 4.2.1.13: CAs SHOULD NOT segment CRLs by "
                        "reason code",
                    "e_crldp_reasons_or_issuer");
    if (dp->CRLissuer && !is_general_name(dp->CRLissuer, GEN_DIRNAME))
      c.out.error("e_crldp_crl_issuer_not_dn",
                  where +
                      " cRLIssuer has no directoryName; RFC 5280 4.2.1.13 requires the CRL "
                      "issuer's distinguished name");
    if (dp->distpoint && dp->distpoint->type == 1)
      c.out.warning("w_crldp_name_relative",
                    where + " uses nameRelativeToCRLIssuer; RFC 5280 4.2.1.13 says CAs SHOULD NOT");
    if (dp->distpoint && dp->distpoint->type == 0 &&
        sk_GENERAL_NAME_num(dp->distpoint->name.fullname) == 0)
      c.out.error("e_crldp_full_name_empty", where + " has an empty fullName");
  }
}

void end_entity(const CertContext& c) {
  if (is_ca(c.cert)) return;
  int critical = 0;
  Owned<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> bc(static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(c.cert, NID_basic_constraints, &critical, nullptr)));
  if (bc && bc->pathlen)
    c.out.error("e_bc_pathlen_without_ca",
                "basicConstraints has a pathLenConstraint but cA FALSE; RFC 5280 4.2.1.9 allows "
                "it only with cA TRUE");
  critical = 0;
  Owned<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free> eku(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(c.cert, NID_ext_key_usage, &critical, nullptr)));
  if (eku && sk_ASN1_OBJECT_num(eku.get()) == 0)
    c.out.error("e_eku_empty", "extendedKeyUsage holds no purpose; RFC 5280 4.2.1.12 requires one");
  for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku.get()); ++i)
    if (critical && OBJ_obj2nid(sk_ASN1_OBJECT_value(eku.get(), i)) == NID_anyExtendedKeyUsage)
      c.out.warning("w_eku_any_critical",
                    "extendedKeyUsage is critical and holds anyExtendedKeyUsage; RFC 5280 "
                    "4.2.1.12 says it SHOULD NOT be critical then");
  if (X509_get_ext_by_NID(c.cert, NID_subject_key_identifier, -1) < 0)
    c.out.notice("n_ee_ski_missing",
                 "an end-entity certificate without subjectKeyIdentifier; RFC 5280 4.2.1.2 says "
                 "it SHOULD have one (the CA/B Forum BRs 7.1.2.7.6 say NOT RECOMMENDED)");
}

}  // namespace kr::lint::rfc
