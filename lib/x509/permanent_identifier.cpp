// PermanentIdentifier through OpenSSL's ASN1_SEQUENCE template: the library writes and checks the
// tags and lengths, so neither side depends on hand-counted bytes.
#include "x509/permanent_identifier.h"

#include <openssl/asn1t.h>
#include <openssl/objects.h>

#include <algorithm>

#include "ossl/error.h"
#include "x509/key_purposes.h"

namespace kr::x509 {
namespace {

struct PermanentIdentifierAsn1 {
  ASN1_UTF8STRING* identifier_value;
  ASN1_OBJECT* assigner;
};

ASN1_SEQUENCE(PermanentIdentifierAsn1) =
    {
        ASN1_OPT(PermanentIdentifierAsn1, identifier_value, ASN1_UTF8STRING),
        ASN1_OPT(PermanentIdentifierAsn1, assigner, ASN1_OBJECT),
} ASN1_SEQUENCE_END(PermanentIdentifierAsn1)

        DECLARE_ASN1_FUNCTIONS(PermanentIdentifierAsn1)
            IMPLEMENT_ASN1_FUNCTIONS(PermanentIdentifierAsn1)

                using PermanentIdentifierPtr =
                    ossl::Owned<PermanentIdentifierAsn1, PermanentIdentifierAsn1_free>;

}  // namespace

ASN1_TYPE* permanent_identifier_value(const std::string& value) {
  PermanentIdentifierPtr pi(PermanentIdentifierAsn1_new());
  if (!pi) ossl::throw_error("permanentIdentifier");
  pi->identifier_value = ASN1_UTF8STRING_new();
  if (!pi->identifier_value ||
      ASN1_STRING_set(pi->identifier_value, value.data(), static_cast<int>(value.size())) != 1)
    ossl::throw_error("permanentIdentifier value");
  ASN1_TYPE* out = nullptr;
  if (!ASN1_TYPE_pack_sequence(ASN1_ITEM_rptr(PermanentIdentifierAsn1), pi.get(), &out))
    ossl::throw_error("encoding permanentIdentifier");
  return out;
}

std::optional<PermanentIdentifier> decode_permanent_identifier(ByteView der) {
  const unsigned char* p = der.data();
  PermanentIdentifierPtr pi(
      d2i_PermanentIdentifierAsn1(nullptr, &p, static_cast<long>(der.size())));
  ossl::drain_errors();
  if (!pi || p != der.data() + der.size()) return std::nullopt;
  // DER, not merely BER: the value must re-encode to exactly the bytes it came from.
  int len = i2d_PermanentIdentifierAsn1(pi.get(), nullptr);
  Bytes again(len > 0 ? static_cast<std::size_t>(len) : 0);
  unsigned char* out = again.data();
  if (len <= 0 || i2d_PermanentIdentifierAsn1(pi.get(), &out) != len ||
      !std::equal(der.begin(), der.end(), again.begin(), again.end())) {
    ossl::drain_errors();
    return std::nullopt;
  }
  PermanentIdentifier result;
  if (pi->identifier_value)
    result.value.emplace(reinterpret_cast<const char*>(ASN1_STRING_get0_data(pi->identifier_value)),
                         static_cast<std::size_t>(ASN1_STRING_length(pi->identifier_value)));
  if (pi->assigner) result.assigner = dotted_oid(pi->assigner);
  return result;
}

}  // namespace kr::x509
