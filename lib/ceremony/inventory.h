// The disclosure inventory: every CA certificate a ceremony issues, cross-certificates included,
// one JSON line each in OUTPUT_DIR/CEREMONY-ID.inventory.jsonl, written (and fsynced) the moment
// the certificate is, so no CA certificate goes undisclosed (the seed CA's past non-compliance).
//
// Fields, in order: file, subject, issuer, serial, not_before, not_after, certificate_sha256,
// spki_sha256, ca_issuers, ocsp, crl_urls.
#pragma once

#include <openssl/x509.h>

#include <filesystem>

#include "ceremony/context.h"

namespace kr::ceremony {

std::filesystem::path inventory_path(const script::Script& script, const RunOptions& options);

void record_in_inventory(Context& ctx, const X509* cert, const std::string& output);

}  // namespace kr::ceremony
