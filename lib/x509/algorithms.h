// The signature algorithms of CPS Appendix A, Table 1, by the names the CPS gives them, and the
// recognition of an AlgorithmIdentifier found in a certificate as one of them.
#pragma once

#include <openssl/x509.h>

#include <span>
#include <string>
#include <string_view>

namespace kr::x509 {

enum class KeyFamily { rsa, ec, dsa, other };

struct SignatureAlgorithm {
  std::string_view name;  // the CPS Appendix A name; rsassaPss gets a "-shaNNN" suffix (see below)
  std::string_view oid;   // dotted form
  std::string_view digest;  // OpenSSL digest name ("SHA256"); also the PSS and MGF1 hash
  KeyFamily family;         // the kind of key that makes this signature
  bool pss = false;         // RSASSA-PSS: salt length = digest length, MGF1 with the same hash
  bool forbidden = false;   // MD2/MD4/MD5/SHA-1: never issued (CPS Appendix A), never in a profile
};

// Appendix A lists one rsassaPss OID whose hash lives in its parameters; keyrite names the three
// parameter sets it accepts rsassaPss-sha256/-sha384/-sha512 (RFC 4055 section 3.1 shapes with
// saltLength equal to the hash length and trailerField 1).
std::span<const SignatureAlgorithm> signature_algorithms();

// nullptr when the name is not in the table.
const SignatureAlgorithm* find_signature_algorithm(std::string_view name);

// What a certificate's AlgorithmIdentifier is.
struct AlgorithmMatch {
  const SignatureAlgorithm* algorithm = nullptr;  // nullptr: not an Appendix A algorithm
  std::string text;     // the Appendix A name, or e.g. "1.2.840.10045.4.3.1 (ecdsa-with-SHA224)"
  std::string problem;  // non-empty when the parameters are wrong for the algorithm
};
AlgorithmMatch identify_signature_algorithm(const X509_ALGOR* alg);

std::string_view key_family_name(KeyFamily family);

}  // namespace kr::x509
