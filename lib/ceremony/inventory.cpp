// Appending to the disclosure inventory.
#include "ceremony/inventory.h"

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "x509/inventory.h"

namespace kr::ceremony {

std::filesystem::path inventory_path(const script::Script& script, const RunOptions& options) {
  return options.output_dir / (script.ceremony_id + ".inventory.jsonl");
}

void record_in_inventory(Context& ctx, const X509* cert, const std::string& output) {
  auto entry = x509::inventory_entry(cert);
  nlohmann::ordered_json j;
  j["file"] = output;
  j["subject"] = entry.subject;
  j["issuer"] = entry.issuer;
  j["serial"] = entry.serial;
  j["not_before"] = entry.not_before;
  j["not_after"] = entry.not_after;
  j["certificate_sha256"] = entry.certificate_sha256;
  j["spki_sha256"] = entry.spki_sha256;
  j["ca_issuers"] = entry.ca_issuers;
  j["ocsp"] = entry.ocsp;
  j["crl_urls"] = entry.crl_urls;
  std::string line = j.dump() + "\n";
  append_synced(inventory_path(ctx.script, ctx.options), line, "the inventory");
}

}  // namespace kr::ceremony
