// PEM detection and decoding over OpenSSL's PEM_read_bio; DER detection over its generic
// SEQUENCE OF ANY decoder.
#include "ossl/pem_or_der.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <memory>

namespace kr::ossl {
namespace {

void free_sequence(ASN1_SEQUENCE_ANY* sequence) {
  sk_ASN1_TYPE_pop_free(sequence, ASN1_TYPE_free);
}

}  // namespace

// The first byte alone is not enough: '0' is 0x30, so a PEM file after a line starting with "0"
// would pass. Decoding the SEQUENCE's elements (each a tag and length that fit) tells them apart;
// only the first object is read, so DER objects one after another (kr-lint's input) still count.
bool looks_like_der(ByteView data) {
  if (data.empty() || data[0] != 0x30) return false;
  // A failed decode is the answer, not an error: keep it off the caller's error queue.
  ERR_set_mark();
  const unsigned char* p = data.data();
  Owned<ASN1_SEQUENCE_ANY, free_sequence> sequence(
      d2i_ASN1_SEQUENCE_ANY(nullptr, &p, static_cast<long>(data.size())));
  ERR_pop_to_mark();
  return sequence != nullptr;
}

bool is_pem(ByteView data) {
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  return !looks_like_der(data) && text.find("-----BEGIN ") != std::string_view::npos;
}

std::optional<PemBlock> decode_pem(ByteView text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  char *name = nullptr, *header = nullptr;
  unsigned char* body = nullptr;
  long length = 0;
  int ok = bio ? PEM_read_bio(bio.get(), &name, &header, &body, &length) : 0;
  OpensslPtr<char> name_owner(name), header_owner(header);
  OpensslPtr<unsigned char> body_owner(body);
  if (ok != 1) return std::nullopt;
  return PemBlock{name ? name : "", Bytes(body, body + (length > 0 ? length : 0))};
}

}  // namespace kr::ossl
