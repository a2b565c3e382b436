// One thread that creates and writes every file of a generation run, fed by the workers through a
// bounded queue. Why not the workers themselves: creating a file takes its directory's lock in the
// kernel, so workers creating files in one directory wait on each other there, spinning on the lock
// when they could be signing. Measured on this project's ext4 (20,000 files of 600 bytes, one
// directory): 1.05 s of system time from one thread, 2.31 s (and more wall time) from two. The
// queue's bound in bytes keeps memory flat however many leaves there are: 2 MiB is some 2,000
// P-256 leaves' files, enough to ride out a slow moment of the disk.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "testpki/output_dir.h"
#include "util/bytes.h"

namespace kr::testpki {

class FileWriter {
 public:
  explicit FileWriter(const OutputDir& out, std::size_t bound_bytes = std::size_t{2} << 20);
  ~FileWriter();  // stops the thread; what is still queued is dropped (call finish() to keep it)
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // Queues dir/name (which must not exist); waits while the queue is full. Thread-safe. Throws the
  // first error the writer met, so a full disk stops the workers at their next file.
  void write(std::string name, Bytes bytes, mode_t mode = 0644);
  void write(std::string name, ByteView bytes, mode_t mode = 0644) {
    write(std::move(name), Bytes(bytes.begin(), bytes.end()), mode);
  }
  // Waits until every queued file is on disk (not fsynced: OutputDir says why) and stops the
  // thread; throws the first error.
  void finish();

 private:
  struct File {
    std::string name;
    Bytes bytes;
    mode_t mode;
  };
  void run();
  void throw_if_failed() const;  // with mutex_ held

  const OutputDir& out_;
  const std::size_t bound_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<File> queue_;
  std::size_t queued_bytes_ = 0;
  bool stopping_ = false;
  bool failed_ = false;
  std::string error_, hint_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace kr::testpki
