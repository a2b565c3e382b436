// Botan's view of CRLs, CSRs and OCSP responses.
#include "crosscheck/verify_artifacts.h"

#include <botan/ocsp.h>
#include <botan/pkcs10.h>
#include <botan/x509_crl.h>
#include <botan/x509_key.h>
#include <botan/x509cert.h>

#include <memory>

namespace kr::crosscheck {
namespace {

std::vector<uint8_t> vec(ByteView v) {
  return {v.begin(), v.end()};
}

Result failed(const std::string& what, const std::exception& e) {
  return {false, what + ": " + e.what()};
}

}  // namespace

Result verify_crl_signature(ByteView crl_der, ByteView issuer_spki_der) {
  try {
    Botan::X509_CRL crl(vec(crl_der));
    std::unique_ptr<Botan::Public_Key> key(Botan::X509::load_key(vec(issuer_spki_der)));
    if (!crl.check_signature(*key)) return {false, "Botan: the CRL signature does not verify"};
    return {true, "Botan: CRL signature verified"};
  } catch (const std::exception& e) {
    return failed("Botan cannot check the CRL", e);
  }
}

Result verify_csr_signature(ByteView csr_der) {
  try {
    Botan::PKCS10_Request csr(vec(csr_der));
    // Botan 2 returns an owning raw pointer here (LeakSanitizer found it leaking).
    std::unique_ptr<Botan::Public_Key> key(csr.subject_public_key());
    if (!csr.check_signature(*key)) return {false, "Botan: the CSR signature does not verify"};
    return {true, "Botan: CSR signature verified"};
  } catch (const std::exception& e) {
    return failed("Botan cannot check the CSR", e);
  }
}

Result verify_ocsp_response(ByteView response_der, ByteView issuer_der, ByteView subject_der,
                            UtcTime at) {
  try {
    Botan::OCSP::Response response(vec(response_der));
    Botan::X509_Certificate issuer(vec(issuer_der));
    Botan::X509_Certificate subject(vec(subject_der));
    auto sig = response.verify_signature(issuer);
    if (sig != Botan::Certificate_Status_Code::OCSP_SIGNATURE_OK) {
      // A delegated responder's certificate travels in the response; Botan checks it is issued
      // by the CA and carries id-kp-OCSPSigning before trusting its signature.
      bool delegated_ok = false;
      for (const auto& cert : response.certificates()) {
        if (cert.issuer_dn() != issuer.subject_dn() ||
            !cert.check_signature(*issuer.load_subject_public_key()))
          continue;
        if (!cert.allowed_extended_usage("PKIX.OCSPSigning")) continue;
        delegated_ok =
            response.verify_signature(cert) == Botan::Certificate_Status_Code::OCSP_SIGNATURE_OK;
      }
      if (!delegated_ok) return {false, std::string("Botan: ") + Botan::to_string(sig)};
    }
    auto status = response.status_for(issuer, subject, at, std::chrono::seconds(0));
    switch (status) {
      case Botan::Certificate_Status_Code::OCSP_RESPONSE_GOOD:
        return {true, "good"};
      case Botan::Certificate_Status_Code::CERT_IS_REVOKED:
        return {true, "revoked"};
      default:
        return {false, std::string("Botan: ") + Botan::to_string(status)};
    }
  } catch (const std::exception& e) {
    return failed("Botan cannot check the OCSP response", e);
  }
}

}  // namespace kr::crosscheck
