// What each step kind refers to and writes, so the cross-step checks (check_steps.h) handle every
// kind alike: the keys it uses, the files it reads and the file it writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "script/model.h"

namespace kr::script {

// What a step writes, and so what a later step may read from it.
enum class FileKind { certificate, public_key, csr, crl, ocsp_response, key_backup };
// "a certificate", "a public key", ... for messages.
const char* file_kind_name(FileKind kind);

struct KeyUse {
  const std::string* label;  // never empty
  std::string field;         // "key", "issuer.key" or "signer.key"
  // The step's signature algorithm when this key signs with it and the script names one.
  const std::string* signature_algorithm = nullptr;
};
std::vector<KeyUse> key_uses(const StepBody& body);

struct InputUse {
  InputFile* file;  // path never empty
  FileKind expects;
  // For an issuer's or signer's certificate: the key it must certify.
  const std::string* certified_key = nullptr;
};
// The files a step reads; sign-crl's state file is not among them (it is appended to).
std::vector<InputUse> input_uses(StepBody& body);

struct OutputUse {
  const std::string* path;  // never empty
  FileKind kind;
  // A self-signed certificate's key: the only certificate whose key the script names.
  const std::string* certified_key = nullptr;
};
std::optional<OutputUse> output_of(const StepBody& body);

}  // namespace kr::script
