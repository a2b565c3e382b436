// What the room sees while a long operation runs (key generation, signing on the token, the
// Argon2id of a share's passphrase): what is happening and the elapsed time. On a terminal a
// ticker rewrites one line a few times a second; otherwise (a log, a pipe) one line when it
// starts and one when it ends, so a transcript of the screen stays readable.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace kr::ceremony {

enum class Display { ticker, lines };

class Progress {
 public:
  Progress(std::ostream& out, Display display, std::string what);
  ~Progress();  // "what: done in 8.1 s", or "stopped after" when the operation threw
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  double elapsed() const;

  std::ostream& out_;
  Display display_;
  std::string what_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread ticker_;
};

}  // namespace kr::ceremony
