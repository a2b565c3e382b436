// C2SP signed notes (c2sp.org/signed-note): text, a blank line, then signature lines
// "— <key name> <base64(4-byte key ID || signature)>". keyrite signs with two types: 0x01 plain
// Ed25519 (custodians) and 0x02 ECDSA over SHA-256 with the key ID taken from the DER SPKI (the
// audit key in the token). Signing is a callback, so this library never depends on PKCS#11.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::transcript {

constexpr std::uint8_t kSigEd25519 = 0x01;
constexpr std::uint8_t kSigEcdsa = 0x02;
constexpr const char* kAuditKeyName = "keyrite-audit";
constexpr const char* kCustodianKeyPrefix = "custodian/";

using KeyId = std::array<std::uint8_t, 4>;

struct NoteSigner {
  std::string key_name;
  std::uint8_t type = kSigEcdsa;
  Bytes public_key;  // DER SubjectPublicKeyInfo for 0x02, the raw 32 bytes for 0x01
  // Returns the signature over exactly `text`: for 0x02 a DER ECDSA signature over SHA-256(text),
  // for 0x01 the 64-byte Ed25519 signature of text.
  std::function<Bytes(const std::string& text)> sign;
};

// C2SP key IDs: 0x01 = SHA-256(name || 0x0A || 0x01 || raw key)[:4]; 0x02 = SHA-256(SPKI DER)[:4].
KeyId key_id(const std::string& key_name, std::uint8_t type, ByteView public_key);

// A signer over any EVP_PKEY that can sign: P-256 (type 0x02) or Ed25519 (type 0x01). The key is
// kept alive by the returned signer. Used for software keys in tests and tools, and for token keys
// made EVP_PKEYs by the provider.
NoteSigner make_note_signer(std::string key_name, EVP_PKEY* key);

// Signs `text` (which must end in a newline) with every signer, in order, and returns the whole
// note. Each signature is verified against the signer's public key before it is used.
std::string sign_note(const std::string& text, const std::vector<NoteSigner>& signers);

struct NoteSignature {
  std::string key_name;
  KeyId id{};
  Bytes signature;  // without the key ID
};

struct ParsedNote {
  std::string text;  // including its final newline
  std::vector<NoteSignature> signatures;
};

// Splits a note into text and signature lines; throws kr::Error naming the problem (`what` names
// the note in messages). Enforces UTF-8, no control characters but newline, at most 64 signatures.
ParsedNote parse_note(const std::string& note, const std::string& what);

// A key a verifier trusts.
struct NoteVerifierKey {
  std::string key_name;
  std::uint8_t type = kSigEcdsa;
  Bytes public_key;  // as in NoteSigner
  KeyId id{};
  ossl::EvpPkeyPtr pkey;
};

NoteVerifierKey make_verifier_key(std::string key_name, std::uint8_t type, ByteView public_key);
// The audit key from its public key (PEM or DER SPKI); must be an EC P-256 key.
NoteVerifierKey audit_verifier_key(const EVP_PKEY* key);

// True when `signature` is a valid signature of `text` under `key`.
bool check_signature(const NoteVerifierKey& key, const std::string& text, ByteView signature);

struct NoteCheck {
  std::vector<std::string> verified;  // key names whose signatures verified, in note order
  std::optional<std::string> failed;  // the first known key whose signature did not verify
  std::size_t unknown = 0;            // signatures from keys not in the list (ignored, per C2SP)
};

// Checks every signature from a known key (name and key ID both match); ignores the others.
NoteCheck check_note(const ParsedNote& note, const std::vector<const NoteVerifierKey*>& keys);

}  // namespace kr::transcript
