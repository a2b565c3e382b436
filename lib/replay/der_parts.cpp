// PEM decoding (ossl/pem_or_der.h) and DER element boundaries with ASN1_get_object.
#include "replay/der_parts.h"

#include <openssl/asn1.h>

#include "ossl/pem_or_der.h"
#include "util/error.h"

namespace kr::replay {

Bytes der_of(ByteView data, const char* pem_label, const std::string& what) {
  if (!ossl::is_pem(data)) return Bytes(data.begin(), data.end());
  auto block = ossl::decode_pem(data);
  if (!block) throw Error(what + ": not readable PEM");
  if (block->label != pem_label) throw Error(what + ": PEM is not a " + pem_label);
  return std::move(block->body);
}

Bytes first_element(ByteView der, const std::string& what) {
  const unsigned char* p = der.data();
  long length = 0;
  int tag = 0, cls = 0;
  int ret = ASN1_get_object(&p, &length, &tag, &cls, static_cast<long>(der.size()));
  if ((ret & 0x80) || ret != V_ASN1_CONSTRUCTED || tag != V_ASN1_SEQUENCE ||
      p + length != der.data() + der.size())
    throw Error(what + ": not a DER SEQUENCE");
  const unsigned char* inner = p;
  ret = ASN1_get_object(&p, &length, &tag, &cls, length);
  if ((ret & 0x80) || ret == 0x21)  // an error or an indefinite length
    throw Error(what + ": the first element of the SEQUENCE does not decode");
  return Bytes(inner, p + length);
}

}  // namespace kr::replay
