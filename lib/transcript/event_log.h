// The append-only JSON Lines event log: created new (never reopened or overwritten), one line per
// event, fsynced before append() returns so a crash loses at most the event being written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "transcript/event.h"

namespace kr::transcript {

class EventLog {
 public:
  explicit EventLog(std::filesystem::path path);
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  ~EventLog();

  // Stamps seq and time, writes the line and fsyncs. Returns the sequence number.
  std::uint64_t append(const Event& event);
  const std::filesystem::path& path() const { return path_; }
  std::uint64_t size() const { return next_seq_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t next_seq_ = 0;
};

}  // namespace kr::transcript
