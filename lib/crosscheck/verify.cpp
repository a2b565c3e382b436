// Botan 2 path validation and signature checks. Botan reports problems by exception (parsing) and
// by status code (validation); both become a Result so callers have one thing to look at.
#include "crosscheck/verify.h"

#include <botan/certstor.h>
#include <botan/data_src.h>
#include <botan/pubkey.h>
#include <botan/x509_crl.h>
#include <botan/x509_key.h>
#include <botan/x509cert.h>
#include <botan/x509path.h>

#include <memory>

namespace kr::crosscheck {
namespace {

Botan::X509_Certificate parse_certificate(ByteView der) {
  Botan::DataSource_Memory src(der.data(), der.size());
  return Botan::X509_Certificate(src);
}

std::vector<uint8_t> to_vector(ByteView bytes) {
  return {bytes.begin(), bytes.end()};
}

std::chrono::system_clock::time_point to_time_point(UtcTime t) {
  return std::chrono::system_clock::time_point(t.time_since_epoch());
}

// The restrictions every keyrite check uses: Botan's defaults (110-bit minimum strength, SHA-2
// family only), no revocation requirement (an offline root has no CRL yet).
Botan::Path_Validation_Restrictions restrictions() {
  return Botan::Path_Validation_Restrictions(false, 110);
}

Result from_path_result(const Botan::Path_Validation_Result& r) {
  if (r.successful_validation()) return {true, "Botan: " + r.result_string()};
  return {false, "Botan path validation failed: " + r.result_string()};
}

}  // namespace

Result verify_certificate_signature(ByteView cert_der, ByteView issuer_spki_der) {
  try {
    Botan::X509_Certificate cert = parse_certificate(cert_der);
    std::unique_ptr<Botan::Public_Key> key(Botan::X509::load_key(to_vector(issuer_spki_der)));
    Botan::Certificate_Status_Code code = cert.verify_signature(*key);
    if (code == Botan::Certificate_Status_Code::VERIFIED)
      return {true, "Botan: signature verified"};
    return {false, std::string("Botan: signature not verified: ") + Botan::to_string(code)};
  } catch (const std::exception& e) {
    return {false, std::string("Botan could not check the signature: ") + e.what()};
  }
}

Result validate_self_signed_root(ByteView cert_der, UtcTime at) {
  try {
    Botan::X509_Certificate cert = parse_certificate(cert_der);
    if (cert.issuer_dn() != cert.subject_dn())
      return {false, "Botan: the certificate is not self-signed (issuer differs from subject)"};
    // Botan's is_self_signed() also requires the signature to verify under the certificate's own
    // key; say which signature check failed rather than calling the root "not self-signed".
    if (!cert.is_self_signed()) {
      std::unique_ptr<Botan::Public_Key> key(cert.subject_public_key());
      return {false, std::string("Botan: self-signature not verified: ") +
                         Botan::to_string(cert.verify_signature(*key))};
    }
    if (!cert.is_CA_cert()) return {false, "Botan: the certificate is not a CA certificate"};
    // x509_path_validate refuses a self-signed end entity ("Cannot establish trust") even when it
    // is in the trust store, so the root's own checks run through PKIX::check_chain on the
    // one-certificate path, the building block x509_path_validate uses.
    auto shared = std::make_shared<const Botan::X509_Certificate>(cert);
    std::vector<std::shared_ptr<const Botan::X509_Certificate>> path{shared};
    auto policy = restrictions();
    Botan::CertificatePathStatusCodes status =
        Botan::PKIX::check_chain(path, to_time_point(at), "", Botan::Usage_Type::UNSPECIFIED,
                                 policy.minimum_key_strength(), policy.trusted_hashes());
    Botan::Path_Validation_Result result(status, std::move(path));
    // check_chain exempts the last (self-signed) certificate from the hash policy, since a relying
    // party trusts an anchor by other means. keyrite is making the anchor, so it applies it.
    const std::string hash = cert.hash_used_for_signature();
    if (result.successful_validation() && !policy.trusted_hashes().count(hash))
      return {false, "Botan: the root is signed with " + hash +
                         ", which Botan's path validation policy does not trust"};
    return from_path_result(result);
  } catch (const std::exception& e) {
    return {false, std::string("Botan could not validate the root: ") + e.what()};
  }
}

Result validate_chain(ByteView leaf_der, const std::vector<Bytes>& intermediates_der,
                      const std::vector<Bytes>& trust_anchors_der,
                      const std::vector<Bytes>& crls_der, UtcTime at) {
  try {
    auto leaf = std::make_shared<const Botan::X509_Certificate>(parse_certificate(leaf_der));
    std::vector<std::shared_ptr<const Botan::X509_Certificate>> extra;
    for (const auto& der : intermediates_der)
      extra.push_back(std::make_shared<const Botan::X509_Certificate>(parse_certificate(der)));
    Botan::Certificate_Store_In_Memory anchors;
    for (const auto& der : trust_anchors_der) anchors.add_certificate(parse_certificate(der));
    std::vector<std::shared_ptr<const Botan::X509_CRL>> crls;
    for (const auto& der : crls_der) {
      Botan::DataSource_Memory src(der.data(), der.size());
      crls.push_back(std::make_shared<const Botan::X509_CRL>(src));
    }

    std::vector<std::shared_ptr<const Botan::X509_Certificate>> path;
    std::vector<Botan::Certificate_Store*> stores{&anchors};
    auto built = Botan::PKIX::build_certificate_path(path, stores, leaf, extra);
    if (built != Botan::Certificate_Status_Code::OK)
      return {false, std::string("Botan path validation failed: ") + Botan::to_string(built)};
    auto policy = restrictions();
    auto when = to_time_point(at);
    auto status = Botan::PKIX::check_chain(path, when, "", Botan::Usage_Type::UNSPECIFIED,
                                           policy.minimum_key_strength(), policy.trusted_hashes());
    if (!crls.empty()) {
      // For each certificate, the CRL of its issuer (PKIX::check_crl wants them index by index).
      std::vector<std::shared_ptr<const Botan::X509_CRL>> by_cert(path.size());
      for (std::size_t i = 0; i + 1 < path.size(); ++i)
        for (const auto& crl : crls)
          if (crl->issuer_dn() == path[i]->issuer_dn()) by_cert[i] = crl;
      auto crl_status = Botan::PKIX::check_crl(path, by_cert, when);
      // Botan 2 demands that a CRL's issuingDistributionPoint equal the certificate's CRL
      // distribution point. RFC 5280 requires no IDP on a complete CRL (and OpenSSL, GnuTLS and
      // NSS accept ours), so that one status is set aside; signature, validity, issuer key usage
      // and revocation are all still checked.
      for (auto& s : crl_status) s.erase(Botan::Certificate_Status_Code::NO_MATCHING_CRLDP);
      Botan::PKIX::merge_revocation_status(status, crl_status, {}, false, false);
    }
    Botan::Path_Validation_Result result(status, std::move(path));
    return from_path_result(result);
  } catch (const std::exception& e) {
    return {false, std::string("Botan could not validate the chain: ") + e.what()};
  }
}

}  // namespace kr::crosscheck
