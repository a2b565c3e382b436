// Reading what kr-lint is given: certificates, CRLs, CSRs and OCSP responses, PEM or DER, one or
// many to a file. Every part of an input becomes an Artifact, parsed or with the reason it could
// not be read, so one bad block in a bundle never hides the others. Reading is bounded by a size
// limit and never throws on odd content.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::lint {

enum class ArtifactType { certificate, crl, csr, ocsp_response };

// "certificate", "crl", "csr", "ocsp-response": the JSON "type" values.
std::string_view type_name(ArtifactType type);
// "certificate", "CRL", "CSR", "OCSP response": for sentences.
std::string_view type_text(ArtifactType type);

// One object of an input, or one part of it that could not be read (error is then set).
struct Artifact {
  std::size_t index = 0;             // position in the input (PEM block or DER object), from 0
  std::optional<ArtifactType> type;  // known from the PEM label even when the block is unreadable
  std::string error;                 // why this part could not be read; empty when parsed
  Bytes der;                         // the object's DER as read
  ossl::X509Ptr cert;
  ossl::X509CrlPtr crl;
  ossl::X509ReqPtr csr;
  ossl::OcspResponsePtr ocsp;
};

// The largest input read: far above any real artifact (a 20,685-entry CRL is about 1 MB) and low
// enough that a wrong file (an image, /dev/zero) is refused instead of exhausting memory.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

// Splits PEM blocks (by label) or consecutive DER objects (certificate, CRL, CSR, OCSP response
// tried in turn) and parses each. An empty input or one with nothing readable gives one Artifact
// with an error.
std::vector<Artifact> read_artifacts(ByteView data);

// Reads a whole file, "-" meaning standard input, refusing more than `limit` bytes, directories
// and unreadable paths. Throws kr::Error with the reason (without the path: callers name it).
Bytes read_input(const std::string& path, std::size_t limit = kMaxInputBytes);

}  // namespace kr::lint
