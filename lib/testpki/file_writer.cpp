#include "testpki/file_writer.h"

#include "util/error.h"

namespace kr::testpki {

FileWriter::FileWriter(const OutputDir& out, std::size_t bound_bytes)
    : out_(out), bound_(bound_bytes), thread_([this] { run(); }) {}

FileWriter::~FileWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FileWriter::throw_if_failed() const {
  if (failed_) throw Error(error_, hint_);
}

void FileWriter::write(std::string name, Bytes bytes, mode_t mode) {
  std::unique_lock lock(mutex_);
  // One file larger than the bound still goes through, alone.
  changed_.wait(lock, [&] {
    return failed_ || stopping_ || queue_.empty() || queued_bytes_ + bytes.size() <= bound_;
  });
  throw_if_failed();
  if (stopping_) throw Error("writing " + name + " after the output was finished");
  queued_bytes_ += bytes.size();
  queue_.push_back({std::move(name), std::move(bytes), mode});
  changed_.notify_all();
}

void FileWriter::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failed_ || queue_.empty(); });
  stopping_ = true;
  changed_.notify_all();
  lock.unlock();
  if (thread_.joinable()) thread_.join();
  lock.lock();
  throw_if_failed();
}

void FileWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    File file = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    std::string error, hint;
    try {
      out_.write(file.name, file.bytes, file.mode);
    } catch (const Error& e) {
      error = e.what(), hint = e.hint();
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    queued_bytes_ -= file.bytes.size();
    if (!error.empty() && !failed_) {
      failed_ = true, error_ = std::move(error), hint_ = std::move(hint);
      queue_.clear(), queued_bytes_ = 0;
    }
    changed_.notify_all();
  }
}

}  // namespace kr::testpki
