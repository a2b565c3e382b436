// The key purpose table. OIDs are written out rather than taken from OpenSSL NIDs because the
// Microsoft and RFC 9336 purposes have no NID in OpenSSL 3.0.
#include "x509/key_purposes.h"

#include <openssl/objects.h>

#include <array>
#include <utility>

#include "ossl/error.h"
#include "ossl/types.h"

namespace kr::x509 {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kPurposes{{
    {"serverAuth", "1.3.6.1.5.5.7.3.1"},
    {"clientAuth", "1.3.6.1.5.5.7.3.2"},
    {"codeSigning", "1.3.6.1.5.5.7.3.3"},
    {"emailProtection", "1.3.6.1.5.5.7.3.4"},
    {"timeStamping", "1.3.6.1.5.5.7.3.8"},
    {"OCSPSigning", "1.3.6.1.5.5.7.3.9"},
    {"documentSigning", "1.3.6.1.5.5.7.3.36"},
    {"msDocumentSigning", "1.3.6.1.4.1.311.10.3.12"},
    {"msEncryptingFileSystem", "1.3.6.1.4.1.311.10.3.4"},
    {"anyExtendedKeyUsage", "2.5.29.37.0"},
}};

}  // namespace

std::optional<std::string> key_purpose_oid(std::string_view name) {
  for (const auto& [n, oid] : kPurposes)
    if (n == name) return std::string(oid);
  return std::nullopt;
}

std::string key_purpose_name(std::string_view oid) {
  for (const auto& [n, o] : kPurposes)
    if (o == oid) return std::string(n);
  return std::string(oid);
}

bool is_dotted_oid(std::string_view text) {
  int arcs = 0;
  bool digit_seen = false;
  for (char c : text) {
    if (c == '.') {
      if (!digit_seen) return false;
      ++arcs;
      digit_seen = false;
    } else if (c >= '0' && c <= '9') {
      digit_seen = true;
    } else {
      return false;
    }
  }
  if (!digit_seen || arcs < 1) return false;
  // OpenSSL has the last word: first arc 0-2, second arc below 40 under 0 and 1.
  std::unique_ptr<ASN1_OBJECT, ossl::Deleter<ASN1_OBJECT_free>> obj(
      OBJ_txt2obj(std::string(text).c_str(), 1));
  ossl::drain_errors();
  return obj != nullptr && dotted_oid(obj.get()) == text;
}

std::string dotted_oid(const ASN1_OBJECT* obj) {
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  if (n <= 0 || n >= static_cast<int>(sizeof buf)) return "(unreadable OID)";
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace kr::x509
