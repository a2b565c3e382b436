// Value syntax. Deliberately strict and ASCII only: subjectAltName and URI values are IA5String,
// and a ceremony is the wrong place to discover that a name needed IDNA conversion.
#include "profile/rules_values.h"

#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>

#include "ossl/error.h"
#include "ossl/types.h"
#include "x509/key_purposes.h"

namespace kr::profile {
namespace {

bool printable_ascii_no_space(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ldh_label(const std::string& label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string url_problem(const std::string& url) {
  std::string l = lower(url);
  std::size_t scheme = l.rfind("http://", 0) == 0 ? 7 : l.rfind("https://", 0) == 0 ? 8 : 0;
  if (scheme == 0) return "is not an http or https URL";
  if (!printable_ascii_no_space(url)) return "is not printable ASCII without spaces";
  std::size_t host_end = url.find_first_of("/:?#", scheme);
  if (host_end == scheme || scheme == url.size()) return "has no host name";
  return {};
}

bool has_wildcard(const std::string& name) {
  return name.find('*') != std::string::npos;
}

std::string dns_name_problem(const std::string& name, bool single_label) {
  if (name.empty()) return "is empty";
  if (name.size() > 253) return "is longer than 253 characters";
  std::string rest = name.rfind("*.", 0) == 0 ? name.substr(2) : name;
  int labels = 0;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = rest.find('.', start);
    std::string label = rest.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!ldh_label(label))
      return "is not a DNS name (labels of letters, digits and '-', separated by dots)";
    ++labels;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (labels < 2 && !single_label) return "is not a fully qualified domain name";
  return {};
}

std::string ip_address_problem(const std::string& text) {
  ossl::Asn1OctetStringPtr ip(a2i_IPADDRESS(text.c_str()));
  ossl::drain_errors();
  if (!ip) return "is not an IPv4 or IPv6 address";
  return {};
}

std::string email_problem(const std::string& email) {
  std::size_t at = email.rfind('@');
  if (at == std::string::npos || at == 0) return "is not an email address (local-part@domain)";
  std::string local = email.substr(0, at);
  if (!printable_ascii_no_space(local) || local.find('@') != std::string::npos)
    return "is not an email address (local-part@domain)";
  std::string domain = email.substr(at + 1);
  if (!dns_name_problem(domain).empty() || has_wildcard(domain))
    return "does not end in a valid domain name";
  return {};
}

std::string oid_problem(const std::string& oid) {
  return x509::is_dotted_oid(oid) ? std::string() : "is not a dotted OID";
}

std::string user_notice_problem(const std::string& text) {
  if (text.empty()) return "the user notice text is empty";
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++characters) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > text.size()) return "the user notice text is not UTF-8";
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
        return "the user notice text is not UTF-8";
    if (c < 0x20 || c == 0x7F) return "the user notice text holds a control character";
    i += n;
  }
  if (characters > 200)
    return "the user notice text has " + std::to_string(characters) +
           " characters; RFC 5280 4.2.1.4 allows at most 200";
  return {};
}

}  // namespace kr::profile
