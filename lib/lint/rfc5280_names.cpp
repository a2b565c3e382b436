// Name encodings: RFC 5280 4.1.2.4 / 4.1.2.6 and Appendix A for distinguished names (string types,
// the PrintableString and IA5String alphabets, empty values, country codes), and 4.2.1.6 for the
// names in subjectAltName and issuerAltName.
#include <openssl/err.h>

#include "lint/rfc5280_internal.h"
#include "util/utf8.h"

namespace kr::lint::rfc {
namespace {

// X.680 41.4: A-Z a-z 0-9 space ' ( ) + , - . / : = ?
bool printable_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string char_text(unsigned char c) {
  static const char* hex = "0123456789ABCDEF";
  if (c > 0x20 && c < 0x7f) return std::string("\"") + static_cast<char>(c) + "\"";
  return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

ByteView bytes_of(const ASN1_STRING* s) {
  return {ASN1_STRING_get0_data(s), static_cast<std::size_t>(std::max(0, ASN1_STRING_length(s)))};
}

bool is_directory_string_attribute(int nid) {
  switch (nid) {
    case NID_commonName:
    case NID_organizationName:
    case NID_organizationalUnitName:
    case NID_localityName:
    case NID_stateOrProvinceName:
    case NID_title:
    case NID_name:
    case NID_givenName:
    case NID_surname:
    case NID_initials:
    case NID_generationQualifier:
    case NID_pseudonym:
      return true;
    default:
      return false;
  }
}

bool is_directory_string_type(int type) {
  return type == V_ASN1_TELETEXSTRING || type == V_ASN1_PRINTABLESTRING ||
         type == V_ASN1_UNIVERSALSTRING || type == V_ASN1_UTF8STRING || type == V_ASN1_BMPSTRING;
}

// The type RFC 5280 Appendix A requires, or nullptr when the attribute is free (DirectoryString
// attributes are checked separately; unknown attributes are not checked).
const char* required_type(int nid, int& type) {
  switch (nid) {
    case NID_countryName:
    case NID_serialNumber:
    case NID_dnQualifier:
      type = V_ASN1_PRINTABLESTRING;
      return "PrintableString";
    case NID_pkcs9_emailAddress:
    case NID_domainComponent:
      type = V_ASN1_IA5STRING;
      return "IA5String";
    default:
      return nullptr;
  }
}

std::string attribute_name(int nid, const ASN1_OBJECT* obj) {
  if (nid != NID_undef) return OBJ_nid2sn(nid);
  char buf[96];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  return n > 0 && n < static_cast<int>(sizeof buf) ? buf : "(unreadable attribute type)";
}

// The alphabet checks both names and GeneralNames need.
void check_alphabet(const ASN1_STRING* value, const std::string& what, Sink& out,
                    std::string_view same_as) {
  ByteView bytes = bytes_of(value);
  int type = ASN1_STRING_type(value);
  if (type == V_ASN1_PRINTABLESTRING) {
    for (unsigned char c : bytes)
      if (!printable_char(c))
        return out.error("e_name_printable_charset",
                         what + " is a PrintableString holding " + char_text(c) +
                             ", which is outside the PrintableString alphabet (RFC 5280 "
                             "Appendix A, X.680 41.4)",
                         same_as);
  } else if (type == V_ASN1_IA5STRING) {
    for (unsigned char c : bytes)
      if (c > 0x7f)
        return out.error("e_ia5_string_charset",
                         what + " is an IA5String holding the non-ASCII octet " + char_text(c) +
                             "; IA5String is 7-bit ASCII (RFC 5280 4.2.1.6, Appendix A)");
  } else if (type == V_ASN1_UTF8STRING && !valid_utf8(bytes.data(), bytes.size())) {
    out.error("e_name_utf8_invalid", what + " is a UTF8String that is not valid UTF-8", same_as);
  }
}

void check_entry(const X509_NAME_ENTRY* e, const std::string& which, Sink& out,
                 const NameIds& ids) {
  const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(e);
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(e);
  if (!obj || !value) return;
  int nid = OBJ_obj2nid(obj);
  std::string what = which + " " + attribute_name(nid, obj);
  int type = ASN1_STRING_type(value);
  ByteView bytes = bytes_of(value);
  if (bytes.empty())
    out.error("e_name_value_empty",
              what + " is empty; RFC 5280 Appendix A requires at least one character",
              ids.empty_value);
  int want = 0;
  if (const char* want_name = required_type(nid, want); want_name && type != want)
    out.error("e_name_string_type",
              what + " is a " + ASN1_tag2str(type) + "; RFC 5280 Appendix A requires " + want_name,
              ids.string_type);
  else if (is_directory_string_attribute(nid) && !is_directory_string_type(type))
    out.error("e_name_string_type",
              what + " is a " + ASN1_tag2str(type) +
                  "; RFC 5280 Appendix A requires a DirectoryString (PrintableString, "
                  "UTF8String, TeletexString, UniversalString or BMPString)",
              ids.string_type);
  if (nid == NID_countryName && type == V_ASN1_PRINTABLESTRING && bytes.size() != 2 &&
      !bytes.empty())
    out.error("e_country_not_two_letters",
              what + " has " + std::to_string(bytes.size()) +
                  " characters; RFC 5280 Appendix A requires a two-letter ISO 3166 code",
              ids.country);
  std::string_view alphabet_same_as = type == V_ASN1_UTF8STRING        ? ids.utf8
                                      : type == V_ASN1_PRINTABLESTRING ? ids.string_type
                                                                       : "";
  check_alphabet(value, what, out, alphabet_same_as);
}

// The profile lint's id for an invalid name of this kind in subjectAltName.
std::string_view san_same_as(int nid, int type) {
  if (nid != NID_subject_alt_name) return "";
  return type == GEN_DNS ? "e_san_dns_invalid" : type == GEN_EMAIL ? "e_san_email_invalid" : "";
}

const char* general_name_kind(int type) {
  switch (type) {
    case GEN_EMAIL:
      return "rfc822Name";
    case GEN_DNS:
      return "dNSName";
    case GEN_URI:
      return "uniformResourceIdentifier";
    default:
      return nullptr;
  }
}

void check_alt_name(const X509* cert, int nid, Sink& out) {
  X509_EXTENSION* ext = find_extension(X509_get0_extensions(cert), nid);
  if (!ext) return;
  std::string name = extension_name(ext);
  Owned<GENERAL_NAMES, GENERAL_NAMES_free> names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  if (!names) return out.error("e_extension_malformed", name + " does not decode");
  if (sk_GENERAL_NAME_num(names.get()) == 0)
    out.error("e_alt_name_empty", name + " holds no names; RFC 5280 4.2.1.6 requires at least one",
              nid == NID_subject_alt_name ? "e_san_too_few_names" : "");
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
    if (!gn) continue;
    if (gn->type == GEN_DIRNAME) {
      check_name(gn->d.directoryName, name + " directoryName", out, NameIds{});
      continue;
    }
    const char* kind = general_name_kind(gn->type);
    const ASN1_IA5STRING* value = kind ? gn->d.ia5 : nullptr;
    if (!value) continue;
    ByteView bytes = bytes_of(value);
    bool blank = true;
    for (unsigned char c : bytes) blank &= c == ' ';
    if (blank)
      out.error("e_general_name_empty",
                name + " has an empty " + kind + "; RFC 5280 4.2.1.6 forbids empty names",
                san_same_as(nid, gn->type));
    else
      check_alphabet(value, name + " " + kind, out, san_same_as(nid, gn->type));
  }
}

}  // namespace

void check_name(const X509_NAME* name, const std::string& which, Sink& out, const NameIds& ids) {
  if (!name) return;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i)
    if (const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i)) check_entry(e, which, out, ids);
}

void cert_names(const CertContext& c) {
  const X509_NAME* issuer = X509_get_issuer_name(c.cert);
  const X509_NAME* subject = X509_get_subject_name(c.cert);
  if (!issuer || X509_NAME_entry_count(issuer) == 0)
    c.out.error("e_issuer_name_empty",
                "the issuer name is empty; RFC 5280 4.1.2.4 requires a non-empty distinguished "
                "name");
  if (!subject || X509_NAME_entry_count(subject) == 0) {
    X509_EXTENSION* san = find_extension(X509_get0_extensions(c.cert), NID_subject_alt_name);
    if (is_ca(c.cert))
      c.out.error("e_ca_subject_empty",
                  "the subject name of a CA certificate is empty; RFC 5280 4.1.2.6 requires a "
                  "non-empty distinguished name",
                  "e_subject_empty");
    else if (!san)
      c.out.error("e_subject_empty_without_san",
                  "the subject name is empty and there is no subjectAltName; RFC 5280 4.1.2.6 "
                  "requires one or the other",
                  "e_subject_empty");
    else if (!X509_EXTENSION_get_critical(san))
      c.out.error("e_subject_empty_without_san",
                  "the subject name is empty and subjectAltName is not critical; RFC 5280 "
                  "4.2.1.6 requires it critical then",
                  "e_subject_empty");
  }
  // A self-issued certificate's issuer is its subject: its encodings are reported once.
  if (!subject || !issuer || X509_NAME_cmp(issuer, subject) != 0)
    check_name(issuer, "issuer", c.out, NameIds{});
  check_name(subject, "subject", c.out, kCertificateSubjectIds);
}

void alt_names(const CertContext& c) {
  check_alt_name(c.cert, NID_subject_alt_name, c.out);
  check_alt_name(c.cert, NID_issuer_alt_name, c.out);
}

}  // namespace kr::lint::rfc
