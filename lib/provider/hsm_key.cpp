// Loading an HSM key: pkcs11-helper access, a uniqueness check of its CKA_ID, a proof signature,
// and the hand-over of the key state to keyrite's keymgmt as an EVP_PKEY.
#include "provider/hsm_key.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include "ossl/error.h"
#include "pkcs11/attributes.h"
#include "pkcs11/rv.h"
#include "pkcs11/session.h"
#include "provider/errors.h"
#include "provider/key_data.h"
#include "provider/provider.h"
#include "util/error.h"

namespace kr::provider {
namespace {

// pkcs11-helper uses the first private key it finds with the CKA_ID; a second one would make
// which key signs a matter of object order. Runs after pkcs11-helper logged in, so private
// objects are visible to this short-lived session too (and closing it logs no one out).
void require_unique_id(const HsmKeyState& key, const std::shared_ptr<pkcs11::Module>& module) {
  // Through pkcs11's session and search, so every call is checked and named by one checker; at
  // most two objects, in one C_FindObjects call: enough to tell one key from two.
  pkcs11::Session session(module, key.token().slot, pkcs11::Access::read_only);
  CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
  Bytes id = key.cka_id();
  auto found = pkcs11::find_objects(
      session,
      {{CKA_CLASS, &cls, sizeof cls}, {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())}}, 2);
  if (found.size() > 1)
    throw Error(key.name() + ": more than one private key has this CKA_ID",
                "pkcs11-helper would pick one of them arbitrarily; give each key a unique CKA_ID");
}

// A signature over a random digest, checked against the expected public key: the token holds
// the private half of exactly the key the caller expects.
void prove(HsmKeyState& key) {
  Scheme scheme{key.type(), Digest::sha256,
                key.type() == KeyType::ec ? Padding::none : Padding::pkcs1};
  unsigned char digest[32];
  if (RAND_bytes(digest, sizeof digest) != 1) ossl::throw_error("random challenge");
  Bytes sig(key.max_signature_size());
  key.sign_digest(scheme, digest, sig.data(), sig.size());
}

std::string key_type_name(KeyType t) {
  return t == KeyType::ec ? "EC" : "RSA";
}

}  // namespace

ossl::EvpPkeyPtr load_hsm_key(const HsmKeySpec& spec, const Secret& user_pin) {
  if (!spec.module) throw Error("load_hsm_key: no PKCS#11 module");
  if (!spec.public_key) throw Error("load_hsm_key: no expected public key");
  ossl::EvpPkeyPtr expected(EVP_PKEY_dup(const_cast<EVP_PKEY*>(spec.public_key)));
  if (!expected) ossl::throw_error("copying the expected public key");
  // Errors OpenSSL queues on the way become part of the exception or are dropped; nothing of
  // this call is left on the caller's queue.
  ERR_set_mark();
  try {
    OSSL_LIB_CTX* libctx = hsm_libctx();
    HelperLease lease = HelperLease::acquire();
    HelperToken& token = lease.token(spec.module, spec.token);
    auto state = std::make_shared<HsmKeyState>(std::move(lease), token, spec.cka_id, spec.label,
                                               std::move(expected), user_pin.clone());
    require_unique_id(*state, spec.module);
    prove(*state);

    ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(libctx, key_type_name(state->type()).c_str(),
                                                       kKeyriteProperties));
    std::uint64_t ticket = issue_ticket(state);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_uint64(kTicketParam, &ticket),
                           OSSL_PARAM_construct_end()};
    EVP_PKEY* pkey = nullptr;
    bool ok = ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
              EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_KEYPAIR, params) == 1;
    redeem_ticket(ticket);  // drops the state if the keymgmt never took it
    if (!ok) ossl::throw_error("creating the EVP_PKEY for " + state->name());
    ERR_clear_last_mark();
    return ossl::EvpPkeyPtr(pkey);
  } catch (const ProviderError& e) {
    // The provider's message is complete; what OpenSSL queued underneath is detail.
    ERR_pop_to_mark();
    throw Error(e.what());
  } catch (...) {
    ERR_pop_to_mark();
    throw;
  }
}

ossl::EvpPkeyPtr load_hsm_key(const std::shared_ptr<pkcs11::Module>& module,
                              const pkcs11::TokenInfo& token, const pkcs11::KeyPair& pair,
                              const Secret& user_pin) {
  return load_hsm_key({module, token, pair.id, pair.label, pair.public_key.get()}, user_pin);
}

std::optional<std::string> hsm_key_description(const EVP_PKEY* key) {
  if (!key) return std::nullopt;
  char buf[2048];  // labels are short in practice; a longer one just reads as "not an HSM key"
  size_t len = 0;
  ERR_set_mark();
  int ok = EVP_PKEY_get_utf8_string_param(key, kDescriptionParam, buf, sizeof buf, &len);
  ERR_pop_to_mark();
  if (ok != 1) return std::nullopt;
  return std::string(buf, len);
}

}  // namespace kr::provider
