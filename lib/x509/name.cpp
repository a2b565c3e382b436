// Name encoding through ASN1_mbstring_ncopy, which checks UTF-8 and the PrintableString alphabet
// and length bounds for us, so no string type or length rule is re-implemented here.
#include "x509/name.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <algorithm>
#include <array>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/error.h"

namespace kr::x509 {
namespace {

// Upper bounds from RFC 5280 Appendix A and X.520 (serialNumber 64, businessCategory 128); the
// jurisdiction attributes take the bounds of the attributes they mirror (EV Guidelines 9.2.4).
constexpr std::array<AttributeType, 11> kTypes{{
    {"C", "countryName", NID_countryName, 2, true},
    {"ST", "stateOrProvinceName", NID_stateOrProvinceName, 128, false},
    {"L", "localityName", NID_localityName, 128, false},
    {"O", "organizationName", NID_organizationName, 64, false},
    {"OU", "organizationalUnitName", NID_organizationalUnitName, 64, false},
    {"CN", "commonName", NID_commonName, 64, false},
    {"serialNumber", "serialNumber", NID_serialNumber, 64, true},
    {"businessCategory", "businessCategory", NID_businessCategory, 128, false},
    {"jurisdictionC", "jurisdictionCountryName", NID_jurisdictionCountryName, 2, true},
    {"jurisdictionST", "jurisdictionStateOrProvinceName", NID_jurisdictionStateOrProvinceName, 128,
     false},
    {"jurisdictionL", "jurisdictionLocalityName", NID_jurisdictionLocalityName, 128, false},
}};

struct Asn1StringFree {
  void operator()(ASN1_STRING* s) const { ASN1_STRING_free(s); }
};

}  // namespace

const AttributeType* find_attribute_type(std::string_view short_name) {
  for (const auto& t : kTypes)
    if (t.short_name == short_name) return &t;
  return nullptr;
}

std::string attribute_type_names() {
  std::string out;
  for (const auto& t : kTypes) out += (out.empty() ? "" : ", ") + std::string(t.short_name);
  return out;
}

ossl::X509NamePtr build_name(const DistinguishedName& dn,
                             const std::vector<std::string>& printable) {
  ossl::X509NamePtr name(X509_NAME_new());
  if (!name) ossl::throw_error("X509_NAME_new");
  for (const auto& [type_name, value] : dn) {
    const AttributeType* type = find_attribute_type(type_name);
    if (!type)
      throw Error("name attribute " + type_name + " is not one of " + attribute_type_names());
    if (value.empty()) throw Error("name attribute " + type_name + " is empty");
    bool country = type->max_length == 2;
    bool as_printable = type->printable ||
                        std::find(printable.begin(), printable.end(), type_name) != printable.end();
    ASN1_STRING* raw = nullptr;
    int ok = ASN1_mbstring_ncopy(&raw, reinterpret_cast<const unsigned char*>(value.data()),
                                 static_cast<int>(value.size()), MBSTRING_UTF8,
                                 as_printable ? B_ASN1_PRINTABLESTRING : B_ASN1_UTF8STRING, 1,
                                 type->max_length);
    std::unique_ptr<ASN1_STRING, Asn1StringFree> str(raw);
    if (ok <= 0) {
      ossl::drain_errors();  // the reason below is the one the user needs
      const std::string bound = " of 1 to " + std::to_string(type->max_length) + " characters";
      throw Error("name attribute " + type_name + " \"" + value + "\" is not " +
                  (country        ? std::string("a two-character PrintableString")
                   : as_printable ? "a PrintableString" + bound
                                  : "UTF-8" + bound));
    }
    // loc -1 appends, set 0 starts a new RDN: one attribute per RDN.
    if (X509_NAME_add_entry_by_NID(name.get(), type->nid, str->type, str->data, str->length, -1,
                                   0) != 1)
      ossl::throw_error("adding name attribute " + type_name);
  }
  return name;
}

DistinguishedName read_name(const X509_NAME* name) {
  DistinguishedName out;
  if (!name) return out;
  int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    if (!entry) continue;
    const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(entry);
    std::string type;
    int nid = OBJ_obj2nid(obj);
    const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
    if (sn) {
      type = sn;
    } else {
      char buf[128];
      int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
      type = n > 0 ? std::string(buf) : "(unreadable OID)";
    }
    std::string value;
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
    ossl::OpensslPtr<unsigned char> utf8_owner(utf8);
    if (len >= 0 && utf8)
      value.assign(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
    if (len < 0) ossl::drain_errors();
    out.emplace_back(std::move(type), std::move(value));
  }
  return out;
}

std::string name_text(const X509_NAME* name) {
  if (!name) return "(no name)";
  ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  // ONELINE escapes non-ASCII as \XX; keep UTF-8 readable instead.
  unsigned long flags = (XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT;
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
    ossl::drain_errors();
    return "(unprintable name)";
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace kr::x509
