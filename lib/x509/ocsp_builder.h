// Pre-signed OCSP responses (RFC 6960, in the RFC 5019 shape: one SingleResponse, responder id
// byKey, no nonce) for the status of one certificate, made at a ceremony and published later.
//
// CertID hash: SHA-1 by default. RFC 5019 2.1.1 has clients send SHA-1 CertIDs and a responder
// serving pre-signed responses can only answer requests whose CertID matches byte for byte, so a
// SHA-256 CertID would go unused by most clients. SHA-1 there is an identifier, not a signature:
// the response itself is still signed with a CPS Appendix A algorithm (never SHA-1).
//
// Signing: OCSP_basic_sign_ctx stamps producedAt with the clock and refuses a key that does not
// match the signer certificate, which rules out both a reproducible response and the trial
// signature with a throwaway key. build_and_sign_ocsp therefore fills every field from the
// template and signs the ResponseData with ASN1_item_sign_ctx, the call OCSP_basic_sign_ctx ends
// in, so a throwaway-key signature and the HSM signature cover identical bytes (ocsp_tbs_der).
#pragma once

#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <optional>
#include <string>

#include "ossl/types.h"
#include "util/bytes.h"
#include "util/time.h"
#include "x509/crl_reason.h"

namespace kr::x509 {

enum class OcspStatus { good, revoked };
enum class CertIdHash { sha1, sha256 };

struct OcspTemplate {
  const X509* issuer = nullptr;       // the CA that issued the certificate
  const X509* certificate = nullptr;  // the certificate whose status this is; or, when absent,
  Bytes serial;                       // its serial (big-endian, as for serial_to_asn1)
  OcspStatus status = OcspStatus::good;
  UtcTime revocation_time{};  // revoked only
  // revoked only; nullopt or unspecified: no revocationReason. certificateHold and removeFromCRL
  // are refused, as in CRLs (CPS 4.9.13: no suspension).
  std::optional<CrlReason> reason;
  UtcTime this_update{};
  UtcTime next_update{};
  UtcTime produced_at{};
  // nullptr: the CA signs with its own key. Otherwise a delegated responder certificate issued by
  // the CA (id-kp-OCSPSigning, id-pkix-ocsp-nocheck); it is included in the response.
  const X509* signer = nullptr;
  CertIdHash cert_id_hash = CertIdHash::sha1;
};

// A successful OCSP_RESPONSE holding a BasicOCSPResponse signed with signing_ctx (from
// provider::make_signing_context: the signer's HSM key, or a throwaway key of the same type for a
// trial). Throws kr::Error for an incomplete or contradictory template (no issuer, neither
// certificate nor serial, a certificate or signer not issued by the issuer, next_update not after
// this_update, a refused reason) or when signing fails.
ossl::OcspResponsePtr build_and_sign_ocsp(const OcspTemplate& t, EVP_MD_CTX* signing_ctx);

// The DER ResponseData (tbsResponseData): the bytes the signature covers.
Bytes ocsp_tbs_der(const OCSP_BASICRESP* basic);

// The BasicOCSPResponse inside a response; nullptr when the response is not successful or not
// of type id-pkix-ocsp-basic. Leaves OpenSSL's error queue empty.
ossl::OcspBasicRespPtr ocsp_basic(const OCSP_RESPONSE* response);

// DER (OCSP responses travel as application/ocsp-response, DER only) that must use every byte;
// throws kr::Error "<what>: not a DER OCSP response: ...".
ossl::OcspResponsePtr read_ocsp_response(ByteView der, const std::string& what);
Bytes ocsp_response_der(const OCSP_RESPONSE* response);

}  // namespace kr::x509
