// The files of one certificate (NAME.crt, .der, .key, .chain.pem, .fullchain.pem, .p12, and its
// OCSP response) and its manifest entry. Called from the worker threads: everything here is
// per-certificate and touches no shared state but the file writer's queue.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "testpki/file_writer.h"
#include "testpki/issue.h"

namespace kr::testpki {

struct ArtifactContext {
  const SeededLibrary& library;
  FileWriter& files;
  UtcTime reference;
};

// Queues the files the node's outputs ask for and returns the manifest entry. `chain_pem` is the
// issuers' certificates up to, not including, the root; `root_pem` the root's.
nlohmann::json write_artifacts(const ArtifactContext& c, const Made& made,
                               const std::string& chain_pem, const std::string& root_pem,
                               const std::string& profile, bool revoked);

std::string certificate_pem(const X509* cert);
std::string private_key_pem(EVP_PKEY* key);

}  // namespace kr::testpki
