// Key-encryption key import, RFC 5649 mechanism discovery, wrap, unwrap and destroy.
#include "pkcs11/wrap.h"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "ossl/error.h"
#include "ossl/types.h"
#include "pkcs11/attributes.h"
#include "pkcs11/rv.h"

namespace kr::pkcs11 {
namespace {

// NSS's vendor code for its own name of the same padded wrap (pkcs11n.h: CKM_NSS + 2).
constexpr CK_MECHANISM_TYPE kNssAesKeyWrapPad = 0xCE534352UL;
// NSS's vendor attribute holding a private key's public value (pkcs11n.h: CKA_NSS + 0xDB00).
constexpr CK_ATTRIBUTE_TYPE kNssDb = 0xD5A0DB00UL;
// PKCS#11 v3.0; pkcs11-helper's v2.20 header does not have it.
constexpr CK_MECHANISM_TYPE kAesKeyWrapKwp = 0x0000210BUL;

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, ossl::Deleter<EVP_CIPHER_CTX_free>>;

// A session object destroyed when the scope ends, for the known-answer test's throwaway keys.
class ScopedObject {
 public:
  ScopedObject(Session& session, CK_OBJECT_HANDLE handle) : session_(session), handle_(handle) {}
  ScopedObject(const ScopedObject&) = delete;
  ScopedObject& operator=(const ScopedObject&) = delete;
  ~ScopedObject() { release_session_object(session_, handle_); }
  CK_OBJECT_HANDLE get() const { return handle_; }

 private:
  Session& session_;
  CK_OBJECT_HANDLE handle_;
};

// RFC 5649 computed by OpenSSL, the reference the token's mechanisms are measured against.
Bytes openssl_rfc5649(const Secret& kek, const Secret& plaintext) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) ossl::throw_error("EVP_CIPHER_CTX_new");
  EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  Bytes out(plaintext.size() + 16);
  int len = 0, final_len = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_wrap_pad(), nullptr, kek.data(), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out.data(), &len, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &final_len) != 1)
    ossl::throw_error("AES key wrap with padding (OpenSSL reference)");
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

std::vector<CK_MECHANISM_TYPE> mechanisms(Session& session) {
  CK_ULONG count = 0;
  check_rv(session.fn()->C_GetMechanismList(session.slot(), nullptr, &count), "C_GetMechanismList");
  std::vector<CK_MECHANISM_TYPE> list(count);
  check_rv(session.fn()->C_GetMechanismList(session.slot(), list.data(), &count),
           "C_GetMechanismList");
  list.resize(count);
  return list;
}

bool offers(const std::vector<CK_MECHANISM_TYPE>& list, CK_MECHANISM_TYPE m) {
  for (auto x : list)
    if (x == m) return true;
  return false;
}

Bytes wrap_key(Session& session, CK_OBJECT_HANDLE kek, CK_OBJECT_HANDLE key,
               CK_MECHANISM_TYPE mechanism) {
  CK_MECHANISM mech{mechanism, nullptr, 0};
  CK_ULONG size = 0;
  check_rv(session.fn()->C_WrapKey(session.handle(), &mech, kek, key, nullptr, &size), "C_WrapKey");
  // NSS 3.87 under-reports the length for CKM_AES_KEY_WRAP_KWP (1218 for a 1232-byte result) and
  // repeats the same figure with CKR_BUFFER_TOO_SMALL, so grow the buffer ourselves.
  Bytes out(size + 16);
  for (;;) {
    CK_ULONG len = out.size();
    CK_RV rv = session.fn()->C_WrapKey(session.handle(), &mech, kek, key, out.data(), &len);
    if (rv == CKR_BUFFER_TOO_SMALL && out.size() < 1u << 20) {
      out.resize(out.size() * 2);
      continue;
    }
    check_rv(rv, "C_WrapKey");
    out.resize(len);
    return out;
  }
}

// The codes that say the token or session failed, rather than that it refused this mechanism.
bool device_failure(CK_RV rv) {
  switch (rv) {
    case CKR_HOST_MEMORY:
    case CKR_GENERAL_ERROR:
    case CKR_FUNCTION_FAILED:
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_DEVICE_REMOVED:
    case CKR_SESSION_CLOSED:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_USER_NOT_LOGGED_IN:
      return true;
    default:
      return false;
  }
}

}  // namespace

CK_OBJECT_HANDLE import_aes_kek(Session& session, const Secret& key_bytes, KekUse use,
                                KekTrust trust) {
  if (key_bytes.size() != 32)
    throw Error("a key-encryption key must be 32 bytes (AES-256), not " +
                std::to_string(key_bytes.size()));
  CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
  CK_KEY_TYPE type = CKK_AES;
  const bool trusted = trust == KekTrust::trusted;
  std::vector<CK_ATTRIBUTE> t = {attr(CKA_CLASS, &cls, sizeof cls),
                                 attr(CKA_KEY_TYPE, &type, sizeof type),
                                 flag(CKA_TOKEN, false),
                                 flag(CKA_PRIVATE, !trusted),
                                 flag(CKA_SENSITIVE, true),
                                 flag(CKA_EXTRACTABLE, false),
                                 flag(CKA_WRAP, use == KekUse::wrap),
                                 flag(CKA_UNWRAP, use == KekUse::unwrap),
                                 flag(CKA_ENCRYPT, false),
                                 flag(CKA_DECRYPT, false),
                                 flag(CKA_SIGN, false),
                                 flag(CKA_VERIFY, false),
                                 flag(CKA_DERIVE, false),
                                 attr(CKA_VALUE, key_bytes.data(), key_bytes.size())};
  if (trusted) t.push_back(flag(CKA_TRUSTED, true));
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  CK_RV rv = session.fn()->C_CreateObject(session.handle(), t.data(), t.size(), &handle);
  ERR_clear_error();
  if (rv == CKR_ATTRIBUTE_READ_ONLY && trusted)
    throw Pkcs11Error("C_CreateObject (trusted key-encryption key)", rv,
                      "only the security officer may set CKA_TRUSTED: import a trusted KEK while "
                      "the SO, and not the user, is logged in");
  if (rv == CKR_USER_NOT_LOGGED_IN)
    throw Pkcs11Error("C_CreateObject (key-encryption key)", rv,
                      trusted ? "log in as the security officer to import a trusted KEK"
                              : "log in as the user to import an untrusted KEK");
  check_rv(rv, "C_CreateObject (key-encryption key)");
  return handle;
}

std::string mechanism_name(CK_MECHANISM_TYPE mechanism) {
  switch (mechanism) {
    case CKM_AES_KEY_WRAP:
      return "CKM_AES_KEY_WRAP";
    case CKM_AES_KEY_WRAP_PAD:
      return "CKM_AES_KEY_WRAP_PAD";
    case kAesKeyWrapKwp:
      return "CKM_AES_KEY_WRAP_KWP";
    case kNssAesKeyWrapPad:
      return "CKM_NSS_AES_KEY_WRAP_PAD";
    default:
      break;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "CKM_0x%lx", static_cast<unsigned long>(mechanism));
  return buf;
}

CK_MECHANISM_TYPE rfc5649_mechanism(Session& session) {
  auto offered = mechanisms(session);
  Secret kek_bytes = Secret(32, Secret::Fill::random);
  // 32 bytes: RFC 5649 gives 40 bytes, RFC 3394 over PKCS#7 padding 48, so the two are told
  // apart. A length that is not a multiple of 8 would fail SoftHSM 2.6.1, which zero-pads the key
  // data to a multiple of 8 before its RFC 5649 wrap (see lib/backup/README.md).
  Secret data_bytes = Secret(32, Secret::Fill::random);
  ScopedObject kek(session, import_aes_kek(session, kek_bytes, KekUse::wrap, KekTrust::untrusted));
  CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
  CK_KEY_TYPE type = CKK_GENERIC_SECRET;
  std::vector<CK_ATTRIBUTE> t = {attr(CKA_CLASS, &cls, sizeof cls),
                                 attr(CKA_KEY_TYPE, &type, sizeof type),
                                 flag(CKA_TOKEN, false),
                                 flag(CKA_PRIVATE, true),
                                 flag(CKA_SENSITIVE, false),
                                 flag(CKA_EXTRACTABLE, true),
                                 attr(CKA_VALUE, data_bytes.data(), data_bytes.size())};
  CK_OBJECT_HANDLE data_handle = CK_INVALID_HANDLE;
  check_rv(session.fn()->C_CreateObject(session.handle(), t.data(), t.size(), &data_handle),
           "C_CreateObject (known-answer test key)");
  ScopedObject data(session, data_handle);
  const Bytes expected = openssl_rfc5649(kek_bytes, data_bytes);

  std::string tried;
  for (CK_MECHANISM_TYPE m : {kAesKeyWrapKwp, CKM_AES_KEY_WRAP_PAD, kNssAesKeyWrapPad}) {
    if (!offers(offered, m)) continue;
    tried += (tried.empty() ? "" : ", ") + mechanism_name(m);
    try {
      if (wrap_key(session, kek.get(), data.get(), m) == expected) return m;
      tried += ": a different result";
    } catch (const Pkcs11Error& err) {
      // A mechanism the module lists but refuses here is simply not the one we want; a token
      // that fails is not a token without the mechanism, and is named as what it is.
      if (device_failure(err.rv())) throw;
      tried += std::string(": ") + err.what();
    }
  }
  throw Error("the token offers no mechanism that computes RFC 5649 AES key wrap with padding" +
                  (tried.empty() ? std::string(" (it offers none of the candidates)")
                                 : " (tried " + tried + ")"),
              "keyrite backups are RFC 5649 blobs; use a token that implements it");
}

Bytes wrap_private_key(Session& session, CK_OBJECT_HANDLE kek, CK_OBJECT_HANDLE private_key,
                       CK_MECHANISM_TYPE mechanism) {
  return wrap_key(session, kek, private_key, mechanism);
}

CK_OBJECT_HANDLE unwrap_private_key(Session& session, CK_OBJECT_HANDLE kek, ByteView wrapped,
                                    CK_MECHANISM_TYPE mechanism, const UnwrapTarget& target) {
  CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
  CK_KEY_TYPE type = target.key_type;
  std::vector<CK_ATTRIBUTE> t = {attr(CKA_CLASS, &cls, sizeof cls),
                                 attr(CKA_KEY_TYPE, &type, sizeof type),
                                 flag(CKA_TOKEN, true),
                                 flag(CKA_PRIVATE, true),
                                 flag(CKA_SENSITIVE, true),
                                 flag(CKA_EXTRACTABLE, false),
                                 flag(CKA_SIGN, true),
                                 flag(CKA_DECRYPT, false),
                                 flag(CKA_UNWRAP, false),
                                 flag(CKA_DERIVE, false),
                                 attr(CKA_LABEL, target.label.data(), target.label.size()),
                                 attr(CKA_ID, target.id.data(), target.id.size())};
  if (!target.nss_db_public_value.empty())
    t.push_back(attr(kNssDb, target.nss_db_public_value.data(), target.nss_db_public_value.size()));
  CK_MECHANISM mech{mechanism, nullptr, 0};
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  check_rv(session.fn()->C_UnwrapKey(session.handle(), &mech, kek,
                                     const_cast<CK_BYTE_PTR>(wrapped.data()), wrapped.size(),
                                     t.data(), t.size(), &handle),
           "C_UnwrapKey");
  return handle;
}

void destroy_object(Session& session, CK_OBJECT_HANDLE object) {
  check_rv(session.fn()->C_DestroyObject(session.handle(), object), "C_DestroyObject");
}

void release_session_object(Session& session, CK_OBJECT_HANDLE object) noexcept {
  session.fn()->C_DestroyObject(session.handle(), object);
}

}  // namespace kr::pkcs11
