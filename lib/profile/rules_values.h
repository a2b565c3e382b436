// Checks of the values a script may put into extensions (URLs, DNS names, IP addresses, email
// addresses, OIDs), shared by the request check and the lint so both say the same thing. Each
// returns an empty string when the value is fine, else what is wrong with it, as a phrase that
// follows the quoted value: "\"ftp://x\" " + "is not an http or https URL".
#pragma once

#include <string>

namespace kr::profile {

// http:// or https:// (any case), a host, printable ASCII without spaces.
std::string url_problem(const std::string& url);
// Preferred name syntax (RFC 1034 3.5 / RFC 5280 4.2.1.6): two or more labels of letters, digits
// and '-', each 1-63 characters not starting or ending with '-', at most 253 in all. A leading
// "*." wildcard label is accepted here; profiles that refuse wildcards check has_wildcard.
// single_label: a name of one label ("localhost") is accepted (test profiles only).
std::string dns_name_problem(const std::string& name, bool single_label = false);
bool has_wildcard(const std::string& name);
// IPv4 dotted quad or IPv6 text, as OpenSSL's a2i_IPADDRESS reads them.
std::string ip_address_problem(const std::string& text);
// local-part@domain: a printable ASCII local part without spaces or '@', a valid DNS domain.
std::string email_problem(const std::string& email);
// A dotted OID OpenSSL accepts.
std::string oid_problem(const std::string& oid);
// A policy user notice's explicitText (RFC 5280 4.2.1.4, RFC 6818 3): 1 to 200 characters of
// UTF-8 without control characters. Empty when acceptable, else a sentence.
std::string user_notice_problem(const std::string& text);

}  // namespace kr::profile
