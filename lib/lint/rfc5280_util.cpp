// Small readers the RFC 5280 lints share. All of them tolerate anything a parser let through.
#include <openssl/err.h>

#include <algorithm>
#include <map>

#include "lint/rfc5280_internal.h"
#include "ossl/der.h"
#include "x509/asn1_time.h"
#include "x509/serial.h"

namespace kr::lint::rfc {

std::string extension_name(const X509_EXTENSION* ext) {
  const ASN1_OBJECT* obj = X509_EXTENSION_get_object(const_cast<X509_EXTENSION*>(ext));
  int nid = OBJ_obj2nid(obj);
  if (nid != NID_undef) return OBJ_nid2sn(nid);
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  return n > 0 && n < static_cast<int>(sizeof buf) ? std::string(buf) : "(unreadable OID)";
}

std::string octets_hex(const ASN1_STRING* s) {
  if (!s) return "";
  return to_hex(
      ByteView(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s))));
}

std::string integer_hex(const ASN1_INTEGER* i) {
  return i ? x509::serial_hex(i) : "(none)";
}

int integer_content_octets(const ASN1_INTEGER* i) {
  if (!i) return 0;
  Bytes der = ossl::to_der(i, i2d_ASN1_INTEGER, "an INTEGER");
  int total = static_cast<int>(der.size());
  if (total < 2) return 0;
  int header = (der[1] & 0x80) ? 2 + (der[1] & 0x7f) : 2;
  return total - header;
}

std::optional<UtcTime> read_time(const ASN1_TIME* t) {
  return x509::from_asn1_time(t);
}

std::string time_text(const ASN1_TIME* t) {
  if (!t) return "(none)";
  if (auto v = read_time(t)) return format_utc(*v);
  return "\"" +
         std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                     static_cast<std::size_t>(std::max(0, ASN1_STRING_length(t)))) +
         "\"";
}

X509_EXTENSION* find_extension(const STACK_OF(X509_EXTENSION) * exts, int nid) {
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, i);
    if (ext && OBJ_obj2nid(X509_EXTENSION_get_object(ext)) == nid) return ext;
  }
  return nullptr;
}

void duplicate_extensions(const STACK_OF(X509_EXTENSION) * exts, Sink& out, const std::string& id,
                          const std::string& where, std::string_view same_as) {
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (int i = 0; i < sk_X509_EXTENSION_num(exts); ++i) {
    const X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, i);
    if (!ext) continue;
    std::string name = extension_name(ext);
    if (count[name]++ == 0) order.push_back(name);
  }
  for (const auto& name : order)
    if (count[name] > 1)
      out.error(id,
                where + name + " appears " + std::to_string(count[name]) +
                    " times; RFC 5280 4.2 allows each extension once",
                same_as);
}

std::string subject_key_id(const X509* cert) {
  X509_EXTENSION* ext = find_extension(X509_get0_extensions(cert), NID_subject_key_identifier);
  if (!ext) return "";
  Owned<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free> ski(
      static_cast<ASN1_OCTET_STRING*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  return ski ? octets_hex(ski.get()) : "";
}

bool is_ca(const X509* cert) {
  X509_EXTENSION* ext = find_extension(X509_get0_extensions(cert), NID_basic_constraints);
  if (!ext) return false;
  Owned<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> bc(
      static_cast<BASIC_CONSTRAINTS*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  return bc && bc->ca;
}

namespace {

using SequencePtr = std::unique_ptr<ASN1_SEQUENCE_ANY, void (*)(ASN1_SEQUENCE_ANY*)>;

SequencePtr decode_sequence(ByteView der) {
  const unsigned char* p = der.data();
  return SequencePtr(d2i_ASN1_SEQUENCE_ANY(nullptr, &p, static_cast<long>(der.size())),
                     [](ASN1_SEQUENCE_ANY* s) { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); });
}

// The complete encoding of a SEQUENCE element (ANY keeps constructed values as their encoding).
std::optional<ByteView> sequence_element(const ASN1_SEQUENCE_ANY* seq, int index) {
  const ASN1_TYPE* t = sk_ASN1_TYPE_value(seq, index);
  if (!t || t->type != V_ASN1_SEQUENCE || !t->value.sequence) return std::nullopt;
  const ASN1_STRING* s = t->value.sequence;
  return ByteView(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s)));
}

}  // namespace

bool signature_algorithms_match(ByteView der, bool& match) {
  auto outer = decode_sequence(der);
  ERR_clear_error();
  if (!outer || sk_ASN1_TYPE_num(outer.get()) != 3) return false;
  auto tbs_der = sequence_element(outer.get(), 0);
  auto outer_alg = sequence_element(outer.get(), 1);
  if (!tbs_der || !outer_alg) return false;
  auto tbs = decode_sequence(*tbs_der);
  ERR_clear_error();
  if (!tbs) return false;
  // TBSCertificate: [0] version, serial, signature; TBSCertList: version?, signature. The inner
  // AlgorithmIdentifier is the first SEQUENCE either way.
  for (int i = 0; i < std::min(3, sk_ASN1_TYPE_num(tbs.get())); ++i) {
    if (auto inner = sequence_element(tbs.get(), i)) {
      match = std::equal(inner->begin(), inner->end(), outer_alg->begin(), outer_alg->end());
      return true;
    }
  }
  return false;
}

}  // namespace kr::lint::rfc
