#include "ceremony/checkpoints.h"

#include "ossl/der.h"
#include "ossl/error.h"
#include "pkcs11/audit_key.h"
#include "provider/signing_context.h"
#include "transcript/note.h"
#include "transcript/roster.h"

namespace kr::ceremony {
namespace {

transcript::NoteSigner audit_signer(Context& ctx, const pkcs11::KeyPair& pair) {
  EVP_PKEY* key = ctx.signing_key(pair);
  transcript::NoteSigner s;
  s.key_name = transcript::kAuditKeyName;
  s.type = transcript::kSigEcdsa;
  s.public_key = ossl::spki_der(pair.public_key.get());
  s.sign = [key](const std::string& text) {
    auto md = provider::make_signing_context(key, "ecdsa-with-SHA256");
    auto data = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t length = 0;
    ossl::check(EVP_DigestSign(md.get(), nullptr, &length, data, text.size()), "EVP_DigestSign");
    Bytes signature(length);
    ossl::check(EVP_DigestSign(md.get(), signature.data(), &length, data, text.size()),
                "EVP_DigestSign");
    signature.resize(length);
    return signature;
  };
  return s;
}

transcript::NoteSigner custodian_signer(const quorum::UnlockedShare& share) {
  transcript::NoteSigner s;
  s.key_name = transcript::custodian_key_name(share.header.custodian);
  s.type = transcript::kSigEd25519;
  s.public_key = share.key.public_key();
  s.sign = [&share](const std::string& text) { return share.key.sign(as_bytes(text)); };
  return s;
}

}  // namespace

bool write_checkpoint(Context& ctx, const std::vector<const quorum::UnlockedShare*>& cosigners,
                      pkcs11::Session* session) {
  auto pair = pkcs11::find_key_pair(session ? *session : *ctx.session, pkcs11::kAuditKeyLabel);
  if (!pair) return false;
  std::vector<transcript::NoteSigner> signers{audit_signer(ctx, *pair)};
  for (const auto* share : cosigners) signers.push_back(custodian_signer(*share));
  ctx.log->append_checkpoint(signers);
  return true;
}

}  // namespace kr::ceremony
