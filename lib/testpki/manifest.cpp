#include "testpki/manifest.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"
#include "util/time.h"
#include "x509/asn1_time.h"

namespace kr::testpki {

ManifestWriter::ManifestWriter(const OutputDir& out, const nlohmann::json& header)
    : fd_(out.create("manifest.json")) {
  std::string head = header.dump(2);
  head.pop_back();  // the closing brace: sections follow
  while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
  append(head + ",\n  \"certificates\": [");
}

ManifestWriter::~ManifestWriter() = default;

void ManifestWriter::append(const std::string& text) {
  buffer_ += text;
  if (buffer_.size() > (1 << 16)) flush();
}

void ManifestWriter::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_.get(), buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(std::string("cannot write manifest.json: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void ManifestWriter::wait_for_window(std::size_t index, std::size_t window) {
  std::unique_lock lock(mutex_);
  moved_.wait(lock, [&] { return aborted_ || index < next_ + window; });
}

void ManifestWriter::add_certificate(std::size_t index, const nlohmann::json& entry) {
  std::string text = entry.dump();
  std::lock_guard lock(mutex_);
  pending_.emplace(index, std::move(text));
  bool moved = false;
  for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
    append(std::string(first_in_section_ ? "\n    " : ",\n    ") + it->second);
    first_in_section_ = false;
    pending_.erase(it);
    ++next_;
    moved = true;
  }
  if (moved) moved_.notify_all();
}

void ManifestWriter::begin_section(const std::string& name) {
  append("\n  ],\n  \"" + name + "\": [");
  first_in_section_ = true;
}

void ManifestWriter::add_plain(const nlohmann::json& entry) {
  append(std::string(first_in_section_ ? "\n    " : ",\n    ") + entry.dump());
  first_in_section_ = false;
}

void ManifestWriter::finish() {
  append("\n  ]\n}\n");
  flush();
  if (!fd_.close()) throw Error(std::string("cannot write manifest.json: ") + std::strerror(errno));
}

void ManifestWriter::abort() {
  std::lock_guard lock(mutex_);
  aborted_ = true;
  moved_.notify_all();
}

std::string manifest_time(const ASN1_TIME* t) {
  auto parsed = t ? x509::from_asn1_time(t) : std::nullopt;
  return parsed ? format_utc(*parsed) : "";
}

}  // namespace kr::testpki
