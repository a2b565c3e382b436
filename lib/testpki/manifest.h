// manifest.json, written as the hierarchy is made: certificates in spec order (a bulk node's
// copies by n), whichever worker finished them, then CRLs and other files. Entries that finish
// early wait in a small reorder buffer; workers never run more than a window ahead of the
// oldest unfinished entry, so memory stays flat however many leaves there are.
#pragma once

#include <openssl/asn1.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "testpki/output_dir.h"

namespace kr::testpki {

// A time as manifest.json writes it (format_utc); "" when absent or unreadable.
std::string manifest_time(const ASN1_TIME* t);

class ManifestWriter {
 public:
  ManifestWriter(const OutputDir& out, const nlohmann::json& header);
  ~ManifestWriter();

  // Certificates: `index` counts from 0 in the order they must appear.
  void wait_for_window(std::size_t index, std::size_t window);
  void add_certificate(std::size_t index, const nlohmann::json& entry);
  // After every certificate: CRLs, then other files, then close.
  void begin_section(const std::string& name);
  void add_plain(const nlohmann::json& entry);
  void finish();
  void abort();  // wake waiting workers when generation fails

 private:
  void append(const std::string& text);
  void flush();

  UniqueFd fd_;
  std::string buffer_;
  std::mutex mutex_;
  std::condition_variable moved_;
  std::map<std::size_t, std::string> pending_;
  std::size_t next_ = 0;
  bool first_in_section_ = true;
  bool aborted_ = false;
};

}  // namespace kr::testpki
