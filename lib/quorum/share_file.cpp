// Share file text: formatting, strict parsing, sealing and opening.
#include "quorum/share_file.h"

#include <openssl/rand.h>

#include <charconv>

#include "ossl/error.h"
#include "quorum/aead.h"
#include "quorum/errors.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/display_name.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace kr::quorum {
namespace {

constexpr const char* kFormat = "keyrite-share 1";
constexpr std::size_t kMaxShareSize = 1024;
constexpr std::size_t kBase64LineWidth = 64;

bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

Bytes random_bytes(std::size_t n, const char* what) {
  Bytes out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) ossl::throw_error(what);
  return out;
}

// Reads the file line by line and turns every problem into "<what>:<line>: <field>: ...".
class Reader {
 public:
  Reader(std::string_view text, const std::string& what) : text_(text), what_(what) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw Error(what_ + ":" + std::to_string(line_) + ": " + field + ": " + problem,
                "a share file is written by keyrite and must not be edited");
  }
  bool at_end() const { return pos_ >= text_.size(); }

  std::string_view next_line(const std::string& field) {
    if (at_end()) {
      ++line_;
      fail(field, "missing (the file ends here)");
    }
    auto nl = text_.find('\n', pos_);
    ++line_;
    if (nl == std::string_view::npos) fail(field, "the line does not end with a newline");
    auto line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return line;
  }

  std::string field(const char* name) {
    auto line = next_line(name);
    std::string prefix = std::string(name) + ": ";
    if (line.substr(0, prefix.size()) != prefix) {
      auto colon = line.find(':');
      fail(name, colon == std::string_view::npos
                     ? "expected \"" + prefix + "...\""
                     : "expected here, found \"" + std::string(line.substr(0, colon)) + "\"");
    }
    auto value = line.substr(prefix.size());
    if (value.empty()) fail(name, "empty value");
    if (has_control(value)) fail(name, "contains a control character");
    return std::string(value);
  }

  long number(const char* name, long min, long max) {
    auto text = field(name);
    long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() ||
        (text.size() > 1 && text[0] == '0'))
      fail(name, "\"" + text + "\" is not a decimal number");
    if (value < min || value > max)
      fail(name, text + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return value;
  }

  Bytes hex(const char* name, std::size_t size) {
    auto text = field(name);
    auto bytes = from_hex(text);
    if (!bytes || text.size() != 2 * size)
      fail(name, "expected " + std::to_string(2 * size) + " hex digits");
    for (char c : text)
      if (c >= 'A' && c <= 'F') fail(name, "hex digits must be lower case");
    return *bytes;
  }

  std::size_t line() const { return line_; }

 private:
  std::string_view text_;
  const std::string& what_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

std::string wrap_base64(ByteView bytes) {
  std::string b64 = base64_encode(bytes), out;
  for (std::size_t pos = 0; pos < b64.size(); pos += kBase64LineWidth)
    out += b64.substr(pos, kBase64LineWidth) + "\n";
  return out;
}

Purpose parse_purpose(Reader& r) {
  auto text = r.field("purpose");
  if (text == "activation") return Purpose::activation;
  if (text == "key-backup") return Purpose::key_backup;
  r.fail("purpose", "\"" + text + "\" is not activation or key-backup");
}

}  // namespace

std::string to_string(Purpose purpose) {
  return purpose == Purpose::activation ? "activation" : "key-backup";
}

std::optional<std::string> custodian_name_problem(const std::string& name) {
  if (auto problem = display_name_problem(name, "custodian name")) return problem;
  if (name.size() > 64) return "custodian name \"" + name + "\" is longer than 64 bytes";
  // NAME=PATH on the command line (--custodian, --share) splits at the first '='.
  if (name.find('=') != std::string::npos)
    return "custodian name \"" + name + "\" may not contain '='";
  return std::nullopt;
}

std::string format_header(const ShareHeader& h) {
  std::string out;
  auto line = [&](const char* key, const std::string& value) {
    out += key;
    out += ": ";
    out += value;
    out += '\n';
  };
  line("format", kFormat);
  line("set-id", h.set_id);
  line("purpose", to_string(h.purpose));
  line("token-label", h.token_label);
  line("token-serial", h.token_serial);
  line("threshold", std::to_string(h.threshold));
  line("shares", std::to_string(h.shares));
  line("index", std::to_string(h.index));
  line("custodian", h.custodian);
  line("custodian-public-key", base64_encode(h.custodian_public_key));
  line("kdf", "argon2id");
  line("kdf-memory-kib", std::to_string(h.kdf.memory_kib));
  line("kdf-iterations", std::to_string(h.kdf.iterations));
  line("kdf-parallelism", std::to_string(h.kdf.parallelism));
  line("kdf-salt", to_hex(h.kdf_salt));
  line("cipher", "aes-256-gcm");
  line("nonce", to_hex(h.nonce));
  return out;
}

ShareFile parse_share_file(std::string_view text, const std::string& what) {
  Reader r(text, what);
  ShareFile f;
  ShareHeader& h = f.header;
  if (auto v = r.field("format"); v != kFormat)
    r.fail("format", "\"" + v + "\" is not \"" + kFormat +
                         "\" (not a keyrite share file, or a "
                         "newer format)");
  h.set_id = to_hex(r.hex("set-id", 16));
  h.purpose = parse_purpose(r);
  h.token_label = r.field("token-label");
  if (h.token_label.size() > 32) r.fail("token-label", "longer than 32 bytes");
  h.token_serial = r.field("token-serial");
  if (h.token_serial.size() > 16) r.fail("token-serial", "longer than 16 bytes");
  h.threshold = static_cast<int>(r.number("threshold", 2, 255));
  h.shares = static_cast<int>(r.number("shares", h.threshold, 255));
  h.index = static_cast<int>(r.number("index", 1, 255));
  h.custodian = r.field("custodian");
  if (auto problem = custodian_name_problem(h.custodian)) r.fail("custodian", *problem);
  auto key = base64_decode(r.field("custodian-public-key"));
  if (!key || key->size() != kEd25519KeySize)
    r.fail("custodian-public-key", "expected the base64 of a 32-byte Ed25519 public key");
  h.custodian_public_key = *key;
  if (auto v = r.field("kdf"); v != "argon2id") r.fail("kdf", "\"" + v + "\" is not argon2id");
  h.kdf.memory_kib =
      static_cast<std::uint32_t>(r.number("kdf-memory-kib", kMinKdfMemoryKib, kMaxKdfMemoryKib));
  h.kdf.iterations = static_cast<std::uint32_t>(r.number("kdf-iterations", 1, kMaxKdfIterations));
  // Each within its range, memory and passes together may still cost too much.
  if (auto problem = kdf_params_problem(h.kdf)) r.fail("kdf-iterations", *problem);
  h.kdf.parallelism =
      static_cast<std::uint32_t>(r.number("kdf-parallelism", 1, kMaxKdfParallelism));
  h.kdf_salt = r.hex("kdf-salt", kKdfSaltSize);
  if (auto v = r.field("cipher"); v != "aes-256-gcm")
    r.fail("cipher", "\"" + v + "\" is not aes-256-gcm");
  h.nonce = r.hex("nonce", kGcmNonceSize);
  f.header_text = format_header(h);
  // The header must be byte for byte what keyrite writes (it is the AAD).
  if (text.substr(0, f.header_text.size()) != f.header_text)
    r.fail("header", "not in keyrite's canonical form");
  if (!r.next_line("blank line").empty())
    r.fail("blank line", "expected an empty line after nonce");

  std::string payload;
  std::size_t first_payload_line = r.line() + 1;
  while (!r.at_end()) {
    auto line = r.next_line("payload");
    if (line.empty() || line.size() > kBase64LineWidth)
      r.fail("payload", "base64 lines must hold 1 to 64 characters");
    payload += line;
  }
  if (payload.empty()) {
    r.next_line("payload");  // throws "missing"
  }
  auto sealed = base64_decode(payload);
  if (!sealed)
    throw Error(what + ":" + std::to_string(first_payload_line) + ": payload: not valid base64");
  const std::size_t min = 2 + 1 + 2 + kEd25519KeySize + kGcmTagSize;
  const std::size_t max = 2 + kMaxShareSize + 2 + kEd25519KeySize + kGcmTagSize;
  if (sealed->size() < min || sealed->size() > max)
    throw Error(what + ":" + std::to_string(first_payload_line) + ": payload: " +
                std::to_string(sealed->size()) + " bytes is not a possible sealed share size");
  f.sealed = std::move(*sealed);
  return f;
}

ShareFile read_share_file(const std::filesystem::path& path) {
  auto bytes = read_regular_file(path, kMaxShareFileBytes, "the share file");
  return parse_share_file(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path.string());
}

std::string seal_share_file(ShareHeader& header, const Share& share, const CustodianKey& key,
                            const Secret& passphrase) {
  if (share.value.empty() || share.value.size() > kMaxShareSize)
    throw Error("a share must hold 1 to 1024 bytes");
  if (passphrase.empty()) throw Error("custodian " + header.custodian + " has an empty passphrase");
  header.index = share.index;
  header.custodian_public_key = key.public_key();
  header.kdf_salt = random_bytes(kKdfSaltSize, "random KDF salt");
  header.nonce = random_bytes(kGcmNonceSize, "random GCM nonce");
  std::string head = format_header(header);
  // Check the header the way a reader will, before spending a KDF run on it.
  parse_share_file(head + "\n" + wrap_base64(Bytes(2 + share.value.size() + 2 + 32 + 16)),
                   "new share file for " + header.custodian);

  Secret plain;
  auto put = [&](const Secret& s) {
    plain.push_back(static_cast<std::uint8_t>(s.size() >> 8));
    plain.push_back(static_cast<std::uint8_t>(s.size() & 0xff));
    for (std::size_t i = 0; i < s.size(); ++i) plain.push_back(s.data()[i]);
  };
  put(share.value);
  put(key.seed());
  auto file_key = derive_passphrase_key(passphrase, header.kdf_salt, header.kdf);
  Bytes sealed = seal_aes_256_gcm(file_key, header.nonce, as_bytes(head), plain);

  return head + "\n" + wrap_base64(sealed);
}

OpenedShare open_share_file(const ShareFile& file, const Secret& passphrase,
                            const std::string& what) {
  const auto& h = file.header;
  auto file_key = derive_passphrase_key(passphrase, h.kdf_salt, h.kdf);
  auto plain = open_aes_256_gcm(file_key, h.nonce, as_bytes(file.header_text), file.sealed);
  if (!plain)
    throw WrongPassphrase(
        "wrong passphrase for custodian " + h.custodian + " (" + what + ")",
        "the passphrase is the one " + h.custodian + " chose when the share set was made");
  std::size_t pos = 0;
  auto take = [&](const char* part) {
    if (plain->size() - pos < 2) throw Error(what + ": payload: truncated " + part);
    std::size_t len = (std::size_t{plain->data()[pos]} << 8) | plain->data()[pos + 1];
    pos += 2;
    if (plain->size() - pos < len) throw Error(what + ": payload: truncated " + part);
    Secret s;
    for (std::size_t i = 0; i < len; ++i) s.push_back(plain->data()[pos + i]);
    pos += len;
    return s;
  };
  Share share;
  share.index = static_cast<std::uint8_t>(h.index);
  share.value = take("share");
  Secret seed = take("custodian key");
  if (pos != plain->size())
    throw Error(what + ": payload: unexpected bytes after the custodian key");
  if (share.value.empty()) throw Error(what + ": payload: empty share");
  auto key = CustodianKey::from_seed(seed);
  if (key.public_key() != h.custodian_public_key)
    throw ShareRejected(what +
                        ": custodian-public-key does not belong to the sealed custodian key");
  return OpenedShare{std::move(share), std::move(key)};
}

}  // namespace kr::quorum
