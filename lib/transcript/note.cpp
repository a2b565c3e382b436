// Signed notes: signing through callbacks, parsing untrusted notes, verifying known keys.
#include "transcript/note.h"

#include <openssl/core_names.h>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "transcript/ecdsa_low_s.h"
#include "util/base64.h"
#include "util/error.h"
#include "util/utf8.h"

namespace kr::transcript {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH, space
constexpr std::size_t kMaxSignatures = 64;

const char* digest_for(std::uint8_t type) {
  return type == kSigEcdsa ? "SHA256" : nullptr;
}

bool valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c == '+' || c == 0x7f) return false;
  // Unicode spaces other than ASCII are excluded by requiring the rest to be valid UTF-8 with no
  // U+00A0, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000, U+1680, U+0085.
  for (std::string_view bad : {"\xC2\xA0", "\xC2\x85", "\xE1\x9A\x80", "\xE2\x80\xA8",
                               "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"})
    if (name.find(bad) != std::string_view::npos) return false;
  for (unsigned char c = 0x80; c <= 0x8A; ++c)
    if (name.find(std::string("\xE2\x80") + static_cast<char>(c)) != std::string_view::npos)
      return false;
  return true;
}

}  // namespace

KeyId key_id(const std::string& key_name, std::uint8_t type, ByteView public_key) {
  Bytes input;
  if (type == kSigEcdsa) {
    input.assign(public_key.begin(), public_key.end());
  } else {
    input.assign(key_name.begin(), key_name.end());
    input.push_back(0x0A);
    input.push_back(type);
    input.insert(input.end(), public_key.begin(), public_key.end());
  }
  auto digest = ossl::sha256(input);
  return {digest[0], digest[1], digest[2], digest[3]};
}

NoteSigner make_note_signer(std::string key_name, EVP_PKEY* key) {
  NoteSigner s;
  s.key_name = std::move(key_name);
  if (EVP_PKEY_is_a(key, "ED25519")) {
    s.type = kSigEd25519;
    std::size_t len = 32;
    s.public_key.resize(32);
    ossl::check(EVP_PKEY_get_raw_public_key(key, s.public_key.data(), &len),
                "EVP_PKEY_get_raw_public_key");
  } else if (EVP_PKEY_is_a(key, "EC")) {
    s.type = kSigEcdsa;
    s.public_key = ossl::spki_der(key);
  } else {
    throw Error(s.key_name + ": a note signing key must be EC P-256 or Ed25519");
  }
  EVP_PKEY_up_ref(key);
  std::shared_ptr<EVP_PKEY> held(key, EVP_PKEY_free);
  std::uint8_t type = s.type;
  s.sign = [held, type](const std::string& text) {
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    ossl::check(EVP_DigestSignInit_ex(ctx.get(), nullptr, digest_for(type), nullptr, nullptr,
                                      held.get(), nullptr),
                "EVP_DigestSignInit_ex");
    std::size_t len = 0;
    auto data = reinterpret_cast<const unsigned char*>(text.data());
    ossl::check(EVP_DigestSign(ctx.get(), nullptr, &len, data, text.size()), "EVP_DigestSign");
    Bytes sig(len);
    ossl::check(EVP_DigestSign(ctx.get(), sig.data(), &len, data, text.size()), "EVP_DigestSign");
    sig.resize(len);
    return sig;
  };
  return s;
}

std::string sign_note(const std::string& text, const std::vector<NoteSigner>& signers) {
  if (text.empty() || text.back() != '\n') throw Error("a note's text must end with a newline");
  if (signers.empty()) throw Error("a note needs at least one signer");
  std::string note = text + "\n";
  for (const auto& s : signers) {
    if (!valid_key_name(s.key_name))
      throw Error("note key name '" + s.key_name + "' is empty or contains a space or '+'");
    Bytes sig = s.sign(text);
    // Tokens return either of an ECDSA signature's two valid forms; only the low-S one is kept, so
    // a checkpoint has exactly one accepted encoding.
    if (s.type == kSigEcdsa) sig = ecdsa_p256_low_s(sig);
    auto key = make_verifier_key(s.key_name, s.type, s.public_key);
    if (!check_signature(key, text, sig))
      throw Error(s.key_name +
                      ": the signature returned for the checkpoint does not verify under "
                      "the signer's public key",
                  "check that the token key and the public key given for it belong together");
    Bytes blob(key.id.begin(), key.id.end());
    blob.insert(blob.end(), sig.begin(), sig.end());
    note += std::string(kDash) + s.key_name + " " + base64_encode(blob) + "\n";
  }
  return note;
}

ParsedNote parse_note(const std::string& note, const std::string& what) {
  if (!valid_utf8(note)) throw Error(what + ": the note is not valid UTF-8");
  for (unsigned char c : note)
    if (c < 0x20 && c != '\n') throw Error(what + ": the note contains a control character");
  auto split = note.rfind("\n\n");
  if (split == std::string::npos || note.empty() || note.back() != '\n')
    throw Error(what +
                ": the note has no blank line before its signatures or does not end in a newline");
  ParsedNote out;
  out.text = note.substr(0, split + 1);
  std::string_view rest(note);
  rest.remove_prefix(split + 2);
  if (rest.empty()) throw Error(what + ": the note has no signature lines");
  while (!rest.empty()) {
    auto eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    if (line.substr(0, kDash.size()) != kDash)
      throw Error(what + ": a signature line does not start with an em dash and a space");
    line.remove_prefix(kDash.size());
    auto space = line.rfind(' ');
    if (space == std::string_view::npos) throw Error(what + ": a signature line has no signature");
    NoteSignature sig;
    sig.key_name = std::string(line.substr(0, space));
    if (!valid_key_name(sig.key_name))
      throw Error(what + ": signature key name '" + sig.key_name +
                  "' is empty or contains a space or '+'");
    auto blob = base64_decode(line.substr(space + 1));
    if (!blob || blob->size() < 5)
      throw Error(what + ": the signature of '" + sig.key_name +
                  "' is not base64 of a key ID and a signature");
    std::copy(blob->begin(), blob->begin() + 4, sig.id.begin());
    sig.signature.assign(blob->begin() + 4, blob->end());
    out.signatures.push_back(std::move(sig));
    if (out.signatures.size() > kMaxSignatures)
      throw Error(what + ": more than " + std::to_string(kMaxSignatures) + " signatures");
  }
  return out;
}

namespace {

void require_p256(const EVP_PKEY* key, const std::string& name) {
  char group[64] = {};
  std::size_t glen = 0;
  if (!EVP_PKEY_is_a(key, "EC") ||
      !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                      &glen) ||
      std::string(group) != "prime256v1") {
    ossl::drain_errors();
    throw Error(name + ": the audit key must be an EC P-256 key");
  }
  // The key ID hashes the SPKI, and a point has two encodings (compressed, uncompressed): only the
  // uncompressed one, which tokens export and keyrite writes, gives the key its one ID.
  char form[32] = {};
  std::size_t flen = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, form,
                                     sizeof form, &flen) != 1 ||
      std::string(form) != "uncompressed") {
    ossl::drain_errors();
    throw Error(name +
                    ": the audit key's point is not in uncompressed form; keyrite's key ID "
                    "is over the uncompressed SubjectPublicKeyInfo",
                "convert it: openssl ec -pubin -in KEY -conv_form uncompressed -pubout");
  }
}

}  // namespace

NoteVerifierKey make_verifier_key(std::string key_name, std::uint8_t type, ByteView public_key) {
  NoteVerifierKey k;
  k.key_name = std::move(key_name);
  k.type = type;
  k.public_key.assign(public_key.begin(), public_key.end());
  if (type == kSigEd25519) {
    if (public_key.size() != 32) throw Error(k.key_name + ": an Ed25519 public key is 32 bytes");
    k.pkey.reset(
        EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, public_key.data(), 32));
    if (!k.pkey) ossl::throw_error(k.key_name + ": not an Ed25519 public key");
  } else if (type == kSigEcdsa) {
    const unsigned char* p = public_key.data();
    k.pkey.reset(d2i_PUBKEY(nullptr, &p, static_cast<long>(public_key.size())));
    if (!k.pkey || p != public_key.data() + public_key.size()) {
      ossl::drain_errors();
      throw Error(k.key_name + ": not a DER SubjectPublicKeyInfo");
    }
    require_p256(k.pkey.get(), k.key_name);
    if (ossl::spki_der(k.pkey.get()) != k.public_key)
      throw Error(k.key_name + ": the public key is not in canonical DER form");
  } else {
    throw Error(k.key_name + ": unsupported note signature type " + std::to_string(type));
  }
  k.id = key_id(k.key_name, type, public_key);
  return k;
}

NoteVerifierKey audit_verifier_key(const EVP_PKEY* key) {
  // Straight from the EVP_PKEY: a DER round trip through OpenSSL 3's decoders costs milliseconds.
  require_p256(key, kAuditKeyName);
  NoteVerifierKey k;
  k.key_name = kAuditKeyName;
  k.type = kSigEcdsa;
  k.public_key = ossl::spki_der(key);
  EVP_PKEY_up_ref(const_cast<EVP_PKEY*>(key));
  k.pkey.reset(const_cast<EVP_PKEY*>(key));
  k.id = key_id(k.key_name, k.type, k.public_key);
  return k;
}

bool check_signature(const NoteVerifierKey& key, const std::string& text, ByteView signature) {
  if (key.type == kSigEcdsa && ecdsa_p256_form_problem(signature)) return false;
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit_ex(ctx.get(), nullptr, digest_for(key.type), nullptr, nullptr,
                              key.pkey.get(), nullptr) != 1) {
    ossl::drain_errors();
    return false;
  }
  int ok = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                            reinterpret_cast<const unsigned char*>(text.data()), text.size());
  ossl::drain_errors();
  return ok == 1;
}

NoteCheck check_note(const ParsedNote& note, const std::vector<const NoteVerifierKey*>& keys) {
  NoteCheck out;
  for (const auto& sig : note.signatures) {
    const NoteVerifierKey* known = nullptr;
    for (const auto* k : keys)
      if (k->key_name == sig.key_name && k->id == sig.id) known = k;
    if (!known) {
      ++out.unknown;
      continue;
    }
    if (!check_signature(*known, note.text, sig.signature)) {
      if (!out.failed) out.failed = sig.key_name;
      continue;
    }
    out.verified.push_back(sig.key_name);
  }
  return out;
}

}  // namespace kr::transcript
