// The lints of the issued-certificate extensions, each on a certificate broken in one way after
// it was built from a good request: exactly the ids the break explains, with their messages.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "x509/key_purposes.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

using Ids = std::vector<std::string>;

void set_ext(X509* x, int nid, void* value, bool critical) {
  REQUIRE(X509_add1_ext_i2d(x, nid, value, critical, X509V3_ADD_REPLACE) == 1);
}

void delete_ext(X509* x, int nid) {
  int at = X509_get_ext_by_NID(x, nid, -1);
  REQUIRE(at >= 0);
  X509_EXTENSION_free(X509_delete_ext(x, at));
}

// The raw extension value (DER of the extnValue contents), for shapes no OpenSSL setter makes.
void set_raw(X509* x, int nid, const Bytes& der, bool critical) {
  int at = X509_get_ext_by_NID(x, nid, -1);
  if (at >= 0) X509_EXTENSION_free(X509_delete_ext(x, at));
  ossl::Asn1OctetStringPtr data(ASN1_OCTET_STRING_new());
  ASN1_OCTET_STRING_set(data.get(), der.data(), static_cast<int>(der.size()));
  ossl::X509ExtensionPtr ext(X509_EXTENSION_create_by_NID(nullptr, nid, critical, data.get()));
  REQUIRE(X509_add_ext(x, ext.get(), -1) == 1);
}

void set_eku(X509* x, std::initializer_list<const char*> names, bool critical = false) {
  EXTENDED_KEY_USAGE* eku = EXTENDED_KEY_USAGE_new();
  for (const char* n : names)
    sk_ASN1_OBJECT_push(eku, OBJ_txt2obj(x509::key_purpose_oid(n)->c_str(), 1));
  set_ext(x, NID_ext_key_usage, eku, critical);
  sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
}

void set_policies(X509* x, std::initializer_list<const char*> oids) {
  CERTIFICATEPOLICIES* cp = CERTIFICATEPOLICIES_new();
  for (const char* oid : oids) {
    POLICYINFO* info = POLICYINFO_new();
    ASN1_OBJECT_free(info->policyid);
    info->policyid = OBJ_txt2obj(oid, 1);
    sk_POLICYINFO_push(cp, info);
  }
  set_ext(x, NID_certificate_policies, cp, false);
  CERTIFICATEPOLICIES_free(cp);
}

// Any extension given in OpenSSL's configuration syntax ("caIssuers;URI:ldap://x").
void set_conf(X509* x, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, nullptr, x, nullptr, nullptr, 0);
  ossl::X509ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
  REQUIRE(ext);
  int at = X509_get_ext_by_NID(x, nid, -1);
  if (at >= 0) X509_EXTENSION_free(X509_delete_ext(x, at));
  REQUIRE(X509_add_ext(x, ext.get(), -1) == 1);
}

std::vector<lint::Finding> lint_broken(const std::string& name, std::function<void(X509*)> tweak,
                                       profile::CertificateRequest r = {}) {
  bool ca = pki::issued_ca_profile(name);
  const pki::Ca& issuer = ca ? pki::root() : pki::issuing_ca();
  if (!r.issuer) r = pki::good_request(name, issuer);
  auto cert = pki::issue(name, r, issuer, std::move(tweak));
  return lint::lint_certificate(cert.get(), pki::profile_named(name), issuer.cert.get());
}

}  // namespace

TEST_SUITE("lint::values") {
  TEST_CASE("authorityKeyIdentifier must be the issuer's subjectKeyIdentifier") {
    auto f = lint_broken("tls-server", [](X509* x) {
      AUTHORITY_KEYID* aki = AUTHORITY_KEYID_new();
      aki->keyid = ASN1_OCTET_STRING_new();
      ASN1_OCTET_STRING_set(aki->keyid, reinterpret_cast<const unsigned char*>("0123456789"), 10);
      set_ext(x, NID_authority_key_identifier, aki, false);
      AUTHORITY_KEYID_free(aki);
    });
    CHECK(test::ids(f) == Ids{"e_aki_mismatch"});
    CHECK(test::message_of(f, "e_aki_mismatch") ==
          "authorityKeyIdentifier is 30313233343536373839; the issuer's subjectKeyIdentifier is " +
              to_hex(profile::subject_key_id_of(pki::issuing_ca().cert.get())));
    CHECK(test::ids(lint_broken("client", [](X509* x) {
            delete_ext(x, NID_authority_key_identifier);
          })) == Ids{"e_aki_missing"});
  }

  TEST_CASE("extendedKeyUsage: required purposes present, nothing outside the profile") {
    auto f = lint_broken("tls-server", [](X509* x) { set_eku(x, {"clientAuth"}); });
    CHECK(test::ids(f) == Ids{"e_eku_missing_purpose"});
    CHECK(test::message_of(f, "e_eku_missing_purpose") ==
          "extendedKeyUsage lacks serverAuth; the tls-server profile requires it");
    f = lint_broken("tls-server", [](X509* x) { set_eku(x, {"serverAuth", "codeSigning"}); });
    CHECK(test::ids(f) == Ids{"e_eku_purpose_not_allowed"});
    CHECK(test::message_of(f, "e_eku_purpose_not_allowed") ==
          "extendedKeyUsage has codeSigning; the tls-server profile allows only serverAuth and "
          "clientAuth");
    CHECK(
        test::ids(lint_broken("tls-server", [](X509* x) { set_eku(x, {"serverAuth"}); })).empty());
    // Client: "at least one of clientAuth, emailProtection, Document Signing, or Encrypting
    // Filesystem".
    CHECK(test::ids(lint_broken("client", [](X509* x) {
            set_eku(x, {"emailProtection", "msEncryptingFileSystem"});
          })).empty());
    CHECK(test::ids(lint_broken("client", [](X509* x) { set_eku(x, {"serverAuth"}); })) ==
          Ids{"e_eku_purpose_not_allowed"});
    // Time stamping: RFC 3161 wants it critical.
    f = lint_broken("time-stamping", [](X509* x) { set_eku(x, {"timeStamping"}, false); });
    CHECK(test::ids(f) == Ids{"e_eku_not_critical"});
    CHECK(test::message_of(f, "e_eku_not_critical") ==
          "extendedKeyUsage is not critical; the time-stamping profile requires it critical");
  }

  TEST_CASE("certificatePolicies: present, with the required policies") {
    auto f = lint_broken("tls-server", [](X509* x) { set_policies(x, {"2.23.140.1.2.1"}); });
    CHECK(test::ids(f) == Ids{"e_policies_missing_required"});
    CHECK(test::message_of(f, "e_policies_missing_required") ==
          "certificatePolicies lacks 1.3.187.1; the tls-server profile requires it (CPS Appendix "
          "B)");
    f = lint_broken("subordinate-ca", [](X509* x) { delete_ext(x, NID_certificate_policies); });
    CHECK(test::ids(f) == Ids{"e_policies_missing"});
    CHECK(test::message_of(f, "e_policies_missing") ==
          "certificatePolicies is missing; the subordinate-ca profile requires it");
    f = lint_broken("code-signing-ev", [](X509* x) { set_policies(x, {"1.3.187.1.1"}); });
    CHECK(test::message_of(f, "e_policies_missing_required") ==
          "certificatePolicies lacks 2.23.140.1.3; the code-signing-ev profile requires it (CPS "
          "Appendix B)");
  }

  TEST_CASE("authorityInfoAccess: a caIssuers and an OCSP http URL") {
    auto f = lint_broken("subordinate-ca", [](X509* x) {
      set_conf(x, NID_info_access, "caIssuers;URI:ldap://dir.example.com/cn=root");
    });
    CHECK(test::ids(f) ==
          Ids{"e_aia_uri_not_http", "e_aia_ca_issuers_missing", "e_aia_ocsp_missing"});
    CHECK(test::message_of(f, "e_aia_uri_not_http") ==
          "authorityInfoAccess caIssuers location \"ldap://dir.example.com/cn=root\" is not an "
          "http or https URL");
    CHECK(test::message_of(f, "e_aia_ocsp_missing") ==
          "authorityInfoAccess has no OCSP http URL; the subordinate-ca profile requires one");
    f = lint_broken("time-stamping", [](X509* x) {
      set_conf(x, NID_info_access,
               "OCSP;URI:http://ocsp.example.com,caIssuers;email:ca@example.com");
    });
    CHECK(test::ids(f) == Ids{"e_aia_not_uri", "e_aia_ca_issuers_missing"});
    CHECK(test::message_of(f, "e_aia_not_uri") ==
          "authorityInfoAccess caIssuers location is an rfc822Name, not a URI");
    CHECK(test::ids(lint_broken("tls-server", [](X509* x) { delete_ext(x, NID_info_access); })) ==
          Ids{"e_aia_missing"});
  }

  TEST_CASE("cRLDistributionPoints: a fullName http URL") {
    auto f = lint_broken("subordinate-ca", [](X509* x) {
      set_conf(x, NID_crl_distribution_points, "URI:ldap://dir.example.com/cn=crl");
    });
    CHECK(test::ids(f) == Ids{"e_crldp_uri_not_http", "e_crldp_no_uri"});
    CHECK(test::message_of(f, "e_crldp_no_uri") ==
          "cRLDistributionPoints has no fullName http URL; CPS Appendix B requires one");
    CHECK(test::ids(lint_broken("client", [](X509* x) {
            delete_ext(x, NID_crl_distribution_points);
          })) == Ids{"e_crldp_missing"});
  }

  TEST_CASE("subjectAltName: name types, criticality, CN among the names") {
    auto f = lint_broken("tls-server", [](X509* x) {
      set_conf(x, NID_subject_alt_name, "DNS:www.example.com,email:admin@example.com");
    });
    CHECK(test::ids(f) == Ids{"e_san_type_not_allowed"});
    CHECK(test::message_of(f, "e_san_type_not_allowed") ==
          "subjectAltName has an rfc822Name; the tls-server profile allows only dNSName and "
          "iPAddress");
    f = lint_broken("tls-server", [](X509* x) {
      set_conf(x, NID_subject_alt_name, "critical,DNS:www.example.com");
    });
    CHECK(test::ids(f) == Ids{"e_san_critical"});
    f = lint_broken("tls-server", [](X509* x) {
      set_conf(x, NID_subject_alt_name, "DNS:example.com,URI:https://example.com/");
    });
    CHECK(test::ids(f) == Ids{"e_san_type_not_allowed", "e_cn_not_in_san"});
    CHECK(test::message_of(f, "e_san_type_not_allowed") ==
          "subjectAltName has a uniformResourceIdentifier; the tls-server profile allows only "
          "dNSName and iPAddress");
    f = lint_broken("tls-server-ev", [](X509* x) {
      set_conf(x, NID_subject_alt_name, "DNS:www.example.com,DNS:*.example.com");
    });
    CHECK(test::ids(f) == Ids{"e_san_dns_wildcard"});
    CHECK(test::ids(lint_broken("tls-server", [](X509* x) {
            delete_ext(x, NID_subject_alt_name);
          })) == Ids{"e_san_missing", "e_cn_not_in_san"});
  }

  TEST_CASE("code signing permanentIdentifier: a value and no assigner") {
    // otherName { id-on-permanentIdentifier, [0] { SEQUENCE { UTF8String "X-1", OID 1.2.3.4 } } }
    const Bytes with_assigner = {0x30, 0x19, 0xA0, 0x17, 0x06, 0x08, 0x2B, 0x06, 0x01,
                                 0x05, 0x05, 0x07, 0x08, 0x03, 0xA0, 0x0B, 0x30, 0x09,
                                 0x0C, 0x03, 'X',  '-',  '1',  0x06, 0x02, 0x2A, 0x03};
    auto f = lint_broken("code-signing",
                         [&](X509* x) { set_raw(x, NID_subject_alt_name, with_assigner, false); });
    CHECK(test::ids(f) == Ids{"e_san_permanent_id_assigner"});
    CHECK(test::message_of(f, "e_san_permanent_id_assigner") ==
          "permanentIdentifier has an assigner; CPS Appendix B requires none");
    f = lint_broken("code-signing",
                    [](X509* x) { set_conf(x, NID_subject_alt_name, "DNS:example.com"); });
    CHECK(test::ids(f) == Ids{"e_san_type_not_allowed", "e_san_permanent_id_missing"});
  }

  TEST_CASE("ocsp-nocheck present and NULL in responder certificates") {
    auto f = lint_broken("ocsp-signing", [](X509* x) { delete_ext(x, NID_id_pkix_OCSP_noCheck); });
    CHECK(test::ids(f) == Ids{"e_ocsp_nocheck_missing"});
    CHECK(test::message_of(f, "e_ocsp_nocheck_missing") ==
          "ocspNoCheck is missing; the ocsp-signing profile requires it");
    f = lint_broken("ocsp-signing", [](X509* x) {
      set_raw(x, NID_id_pkix_OCSP_noCheck, {0x04, 0x00}, false);
    });
    CHECK(test::ids(f) == Ids{"e_extension_malformed"});
    CHECK(test::message_of(f, "e_extension_malformed") ==
          "ocspNoCheck is not NULL (RFC 6960 4.2.2.2.1)");
    f = lint_broken("tls-server", [](X509* x) {
      set_raw(x, NID_id_pkix_OCSP_noCheck, {0x05, 0x00}, false);
    });
    CHECK(test::ids(f) == Ids{"e_extension_not_in_profile"});
    CHECK(test::message_of(f, "e_extension_not_in_profile") ==
          "ocspNoCheck is not in the tls-server profile");
  }

  TEST_CASE("end-entity basicConstraints: absent or empty; keyUsage within what is allowed") {
    CHECK(test::ids(lint_broken("tls-server", [](X509* x) {
            delete_ext(x, NID_basic_constraints);
          })).empty());
    CHECK(test::ids(lint_broken("client", [](X509* x) {
            set_conf(x, NID_basic_constraints, "critical,CA:TRUE");
          })) == Ids{"e_bc_ca"});
    CHECK(test::ids(lint_broken("tls-server", [](X509* x) {
            set_conf(x, NID_key_usage, "critical,digitalSignature,keyEncipherment");
          })).empty());
    auto f = lint_broken("tls-server", [](X509* x) {
      set_conf(x, NID_key_usage, "critical,digitalSignature,keyCertSign");
    });
    CHECK(test::message_of(f, "e_ku_bits_mismatch") ==
          "keyUsage is digitalSignature and keyCertSign; the tls-server profile requires "
          "digitalSignature and allows also keyEncipherment");
    f = lint_broken("subordinate-ca", [](X509* x) {
      set_conf(x, NID_basic_constraints, "critical,CA:TRUE,pathlen:3");
    });
    CHECK(test::ids(f) == Ids{"e_bc_pathlen_mismatch"});
    CHECK(test::message_of(f, "e_bc_pathlen_mismatch") ==
          "basicConstraints has pathLenConstraint 3; the subordinate-ca profile allows 0 to 2");
    f = lint_broken("external-subordinate-ca",
                    [](X509* x) { set_conf(x, NID_basic_constraints, "critical,CA:TRUE"); });
    CHECK(test::message_of(f, "e_bc_pathlen_mismatch") ==
          "basicConstraints has no pathLenConstraint; the external-subordinate-ca profile "
          "requires 0");
  }

  TEST_CASE("a repeated extension is reported once per name") {
    auto f = lint_broken("tls-server", [](X509* x) {
      X509V3_CTX ctx;
      X509V3_set_ctx(&ctx, nullptr, x, nullptr, nullptr, 0);
      ossl::X509ExtensionPtr again(
          X509V3_EXT_nconf_nid(nullptr, &ctx, NID_ext_key_usage, "serverAuth"));
      REQUIRE(X509_add_ext(x, again.get(), -1) == 1);
    });
    CHECK(test::has_id(f, "e_duplicate_extension"));
    CHECK(test::message_of(f, "e_duplicate_extension") ==
          "extendedKeyUsage appears 2 times; RFC 5280 4.2 allows it once");
  }

  TEST_CASE("subject rules that need subjectAltName: a CN among the names, never empty") {
    auto r = pki::good_request("tls-server", pki::issuing_ca());
    r.subject = {{"CN", "other.example.com"}};
    auto f = lint_broken("tls-server", {}, r);
    CHECK(test::ids(f) == Ids{"e_cn_not_in_san"});
    r = pki::good_request("ocsp-signing", pki::issuing_ca());
    r.subject = {};
    f = lint_broken("ocsp-signing", {}, r);
    CHECK(test::ids(f) == Ids{"e_subject_empty"});
  }
}
