// Independent Botan 2 verification of the other artifacts a ceremony signs: CRLs, CSRs and OCSP
// responses. DER in, a verdict out; nothing here shares code with the OpenSSL side.
#pragma once

#include "crosscheck/verify.h"
#include "util/bytes.h"
#include "util/time.h"

namespace kr::crosscheck {

// The CRL's signature under the issuer's SubjectPublicKeyInfo (DER).
Result verify_crl_signature(ByteView crl_der, ByteView issuer_spki_der);

// The CSR's self-signature under its own key (proof of possession).
Result verify_csr_signature(ByteView csr_der);

// An OCSP response: its signature by the issuer or by a delegated responder the issuer certified,
// and the status Botan reads for `subject_der` at time `at` ("good" or "revoked" in message).
Result verify_ocsp_response(ByteView response_der, ByteView issuer_der, ByteView subject_der,
                            UtcTime at);

}  // namespace kr::crosscheck
