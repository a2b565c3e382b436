// Draining the OpenSSL error queue.
#include "ossl/error.h"

#include <openssl/err.h>

#include "util/error.h"

namespace kr::ossl {

std::string drain_errors() {
  std::string out;
  const char *data = nullptr, *func = nullptr;
  int flags = 0;
  while (unsigned long code = ERR_get_error_all(nullptr, nullptr, &func, &data, &flags)) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
    if (data && (flags & ERR_TXT_STRING) && *data) out += std::string(" (") + data + ")";
  }
  return out;
}

void throw_error(const std::string& what) {
  std::string queued = drain_errors();
  throw Error(queued.empty() ? what : what + ": " + queued);
}

}  // namespace kr::ossl
