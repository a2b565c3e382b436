// Telling PEM from DER and decoding PEM, once for every reader of certificates, CRLs, requests,
// keys and lint inputs, so that no reader hand-frees OpenSSL's PEM buffers.
#pragma once

#include <openssl/bio.h>

#include <optional>
#include <string>
#include <string_view>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::ossl {

// Whether the data holds a PEM BEGIN line ("-----BEGIN ") anywhere.
bool has_pem_begin(ByteView data);

// The first PEM block in `text` as OpenSSL decodes it (PEM_read_bio). nullopt when none decodes;
// OpenSSL's reason is then left on its error queue for the caller to report.
struct PemBlock {
  std::string label;
  Bytes body;
};
std::optional<PemBlock> decode_pem(ByteView text);

// PEM when the data holds a BEGIN line anywhere (the first block OpenSSL's `pem` reader accepts),
// else DER that must use every byte. Throws "<what>: not a PEM or DER <kind>" with OpenSSL's
// reason otherwise.
template <class Ptr, class PemRead, class D2i>
Ptr read_pem_or_der(ByteView data, const std::string& what, const char* kind, PemRead pem,
                    D2i d2i) {
  Ptr out;
  if (has_pem_begin(data)) {
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (bio) out.reset(pem(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const unsigned char* p = data.data();
    out.reset(d2i(nullptr, &p, static_cast<long>(data.size())));
    if (out && p != data.data() + data.size()) out.reset();
  }
  if (!out) throw_error(what + ": not a PEM or DER " + kind);
  return out;
}

}  // namespace kr::ossl
