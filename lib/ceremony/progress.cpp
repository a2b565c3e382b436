#include "ceremony/progress.h"

#include <cstdio>
#include <exception>
#include <iomanip>
#include <sstream>

namespace kr::ceremony {
namespace {

std::string seconds(double s) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << s << " s";
  return o.str();
}

}  // namespace

Progress::Progress(std::ostream& out, Display display, std::string what)
    : out_(out),
      display_(display),
      what_(std::move(what)),
      start_(std::chrono::steady_clock::now()) {
  if (display_ == Display::lines) {
    out_ << what_ << " ...\n" << std::flush;
    return;
  }
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      out_ << "\r" << what_ << " ... " << seconds(elapsed()) << std::flush;
      wake_.wait_for(lock, std::chrono::milliseconds(250));
    }
  });
}

Progress::~Progress() {
  if (ticker_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    ticker_.join();
    out_ << "\r\033[K";  // the ticker's line gives way to the final one
  }
  const bool failed = std::uncaught_exceptions() > 0;
  out_ << what_ << (failed ? ": stopped after " : ": done in ") << seconds(elapsed()) << "\n"
       << std::flush;
}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace kr::ceremony
