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

// The one rule for telling DER from PEM, which every reader asks (read_pem_or_der below, kr-lint's
// input, the replay's artifact files). DER when the data starts with a DER SEQUENCE (0x30, a
// length that fits and elements that decode), whatever text it holds: a certificate whose name
// contains "-----BEGIN " is DER. PEM when it is not DER and holds a BEGIN line ("-----BEGIN ")
// anywhere: text or blank lines before the block are allowed, as OpenSSL's PEM reader skips them.
// Anything else (empty input included) is neither; readers then try DER and report its failure.
bool looks_like_der(ByteView data);
bool is_pem(ByteView data);

// The first PEM block in `text` as OpenSSL decodes it (PEM_read_bio). nullopt when none decodes;
// OpenSSL's reason is then left on its error queue for the caller to report.
struct PemBlock {
  std::string label;
  Bytes body;
};
std::optional<PemBlock> decode_pem(ByteView text);

// PEM when is_pem (the first block OpenSSL's `pem` reader accepts), else DER that must use every
// byte. Throws "<what>: not a PEM or DER <kind>" with OpenSSL's
// reason otherwise.
template <class Ptr, class PemRead, class D2i>
Ptr read_pem_or_der(ByteView data, const std::string& what, const char* kind, PemRead pem,
                    D2i d2i) {
  Ptr out;
  if (is_pem(data)) {
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
