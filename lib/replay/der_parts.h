// The exact bytes a signature covers, cut from an artifact as it was written: a certificate's
// TBSCertificate, a CRL's TBSCertList and a CSR's CertificationRequestInfo are each the first
// element of the outer SEQUENCE. Cutting (rather than re-encoding what OpenSSL parsed) means a
// non-DER artifact cannot compare equal to a re-derived DER object.
#pragma once

#include <string>

#include "util/bytes.h"

namespace kr::replay {

// The DER inside a PEM file with this label ("CERTIFICATE", "X509 CRL", "CERTIFICATE REQUEST"), or
// the data itself when it is not PEM (ossl::is_pem, the rule every reader uses). Throws kr::Error
// naming `what`.
Bytes der_of(ByteView data, const char* pem_label, const std::string& what);

// The first element (tag, length and content) of the outer SEQUENCE. Throws kr::Error naming
// `what` when the bytes are not a definite-length SEQUENCE filling the whole input.
Bytes first_element(ByteView der, const std::string& what);

}  // namespace kr::replay
