// Key wrapping: AES-256 key-encryption keys imported as session objects, RFC 5649 wrap and unwrap
// of private keys (PKCS#8 inside), and object destruction.
#pragma once

#include <string>

#include "pkcs11/session.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::pkcs11 {

// What an imported key-encryption key may do: wrap (backup) or unwrap (restore), never both.
enum class KekUse { wrap, unwrap };

// Whether the KEK is marked CKA_TRUSTED=true, the mark that lets it wrap keys created with
// CKA_WRAP_WITH_TRUSTED. PKCS#11 lets only the security officer set it: SoftHSM 2.6.1 answers
// CKR_ATTRIBUTE_READ_ONLY to the user and CKR_USER_NOT_LOGGED_IN to an SO creating a private
// object. So a trusted KEK must be imported while the SO is logged in (no user), and it is made
// CKA_PRIVATE=false; SoftHSM keeps such a session object across C_Logout, so the user who logs in
// next can wrap with it. It is still sensitive, never extractable, and gone when the session
// closes.
enum class KekTrust { untrusted, trusted };

// Imports 32 key bytes as a CKK_AES session object (CKA_TOKEN=false, CKA_SENSITIVE=true,
// CKA_EXTRACTABLE=false) allowed only `use`. An untrusted KEK is CKA_PRIVATE=true (needs the user
// logged in). Throws Pkcs11Error naming C_CreateObject, with a hint for the trust rules above.
CK_OBJECT_HANDLE import_aes_kek(Session& session, const Secret& key_bytes, KekUse use,
                                KekTrust trust);

// The module's mechanism that computes RFC 5649 (AES key wrap with padding), proved by a
// known-answer test against OpenSSL with throwaway session keys. Modules disagree on what
// CKM_AES_KEY_WRAP_PAD means: SoftHSM 2.6.1 computes RFC 5649 with it, NSS 3.87 computes RFC 3394
// over PKCS#7 padding and offers RFC 5649 as CKM_AES_KEY_WRAP_KWP. Throws when no mechanism passes.
// The test uses 32 bytes of key data: SoftHSM zero-pads data whose length is not a multiple of 8
// before wrapping, so its blobs are RFC 5649 of the PKCS#8 followed by up to 7 zero bytes.
CK_MECHANISM_TYPE rfc5649_mechanism(Session& session);

// "CKM_AES_KEY_WRAP_PAD", "CKM_AES_KEY_WRAP_KWP", or "CKM_0x..." for other codes.
std::string mechanism_name(CK_MECHANISM_TYPE mechanism);

// C_WrapKey of a private key: the module's PKCS#8 encoding of it, wrapped under `kek`.
Bytes wrap_private_key(Session& session, CK_OBJECT_HANDLE kek, CK_OBJECT_HANDLE private_key,
                       CK_MECHANISM_TYPE mechanism);

// Where an unwrapped private key goes: always CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE=true,
// CKA_EXTRACTABLE=false, CKA_SIGN=true and nothing else allowed (no decrypt, unwrap or derive).
struct UnwrapTarget {
  std::string label;
  Bytes id;
  CK_KEY_TYPE key_type = CKK_RSA;  // CKK_RSA or CKK_EC
  // NSS softokn refuses to unwrap an EC private key (CKR_TEMPLATE_INCOMPLETE) unless the template
  // carries its vendor attribute CKA_NSS_DB (0xD5A0DB00) with the public point, as NSS's own
  // PK11_UnwrapPrivKey passes it. Set only for NSS: other modules reject the unknown attribute.
  Bytes nss_db_public_value;
};

// C_UnwrapKey of a wrapped PKCS#8 private key into the token with the attributes above.
CK_OBJECT_HANDLE unwrap_private_key(Session& session, CK_OBJECT_HANDLE kek, ByteView wrapped,
                                    CK_MECHANISM_TYPE mechanism, const UnwrapTarget& target);

// C_DestroyObject.
void destroy_object(Session& session, CK_OBJECT_HANDLE object);
// C_DestroyObject of a session object from a destructor: never throws, and its result is not
// checked because the object ends with its session anyway (fault_sweep_test tolerates it).
void release_session_object(Session& session, CK_OBJECT_HANDLE object) noexcept;

}  // namespace kr::pkcs11
