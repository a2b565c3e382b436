// Verdict lines shared by the artifact replays.
#include "replay/signature_checks.h"

#include "ossl/digest.h"

namespace kr::replay {

void compare_tbs(StepVerdict& verdict, const std::string& what, const std::string& output,
                 const Bytes& rederived, const Bytes& artifact) {
  if (rederived != artifact)
    verdict.fail("re-derived to-be-signed " + what + " (" + std::to_string(rederived.size()) +
                 " bytes, SHA-256 " + ossl::sha256_hex(rederived) + ") differs from " + output +
                 "'s (" + std::to_string(artifact.size()) + " bytes, SHA-256 " +
                 ossl::sha256_hex(artifact) + ")");
  else
    verdict.checked.push_back("to-be-signed " + what + " re-derived byte for byte (" +
                              std::to_string(artifact.size()) + " bytes)");
}

void record_signature(StepVerdict& verdict, bool openssl_ok, const crosscheck::Result& botan,
                      const std::string& output, const std::string& signer) {
  if (openssl_ok)
    verdict.checked.push_back("signature verified by OpenSSL");
  else
    verdict.fail("OpenSSL does not verify the signature of " + output + " under " + signer);
  if (botan.ok)
    verdict.checked.push_back("signature verified by Botan");
  else
    verdict.fail("Botan does not verify " + output + ": " + botan.message);
}

void record_lint(StepVerdict& verdict, const std::vector<lint::Finding>& findings,
                 const std::string& against) {
  bool clean = true;
  for (const auto& f : findings)
    if (f.severity == lint::Severity::error) {
      clean = false;
      verdict.fail("lint (" + against + "): " + f.id + ": " + f.message);
    }
  if (clean) verdict.checked.push_back("lint against " + against + ": no errors");
}

void compare_detail(StepVerdict& verdict, const std::string& what, const std::string& recorded,
                    const std::string& derived) {
  if (recorded != derived)
    verdict.fail(what + ": the transcript records \"" + recorded + "\", replay derives \"" +
                 derived + "\"");
}

std::optional<Bytes> hex_detail(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return from_hex(text.size() % 2 ? "0" + text : text);
}

}  // namespace kr::replay
