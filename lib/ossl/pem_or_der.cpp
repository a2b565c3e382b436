// PEM detection and decoding over OpenSSL's PEM_read_bio.
#include "ossl/pem_or_der.h"

#include <openssl/pem.h>

#include <memory>

namespace kr::ossl {
bool has_pem_begin(ByteView data) {
  std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  return text.find("-----BEGIN ") != std::string_view::npos;
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
