// Noting SIGINT and SIGTERM (interrupt.h).
#include "ceremony/interrupt.h"

#include <csignal>

namespace kr::ceremony {
namespace {

volatile std::sig_atomic_t noted = 0;
struct sigaction previous_int {
}, previous_term{};

void note(int signal) {
  if (noted == signal) {  // asked twice: the operator means it
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
  noted = signal;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  noted = 0;
  struct sigaction action {};
  action.sa_handler = note;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // a prompt or a write in progress finishes; the check comes after
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

void stop_if_interrupted() {
  if (noted == 0) return;
  const char* name = noted == SIGINT ? "SIGINT" : "SIGTERM";
  throw Error(std::string("interrupted by ") + name + " at a safe point; the ceremony stops here",
              "continue it with kr-ceremony resume");
}

}  // namespace kr::ceremony
