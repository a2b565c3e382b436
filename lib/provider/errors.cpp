// keyrite's error library in OpenSSL's error queue: registered once, reasons named.
#include "provider/errors.h"

#include <openssl/err.h>

namespace kr::provider {
namespace {

int library_code() {
  static int lib = [] {
    int code = ERR_get_next_error_library();
    // ERR_load_strings keeps pointers to these tables, so they must outlive the process's use.
    static ERR_STRING_DATA library_name[] = {{ERR_PACK(code, 0, 0), "keyrite provider"},
                                             {0, nullptr}};
    static ERR_STRING_DATA reasons[] = {
        {ERR_PACK(code, 0, static_cast<int>(Reason::internal)), "internal error"},
        {ERR_PACK(code, 0, static_cast<int>(Reason::unsupported)), "not supported"},
        {ERR_PACK(code, 0, static_cast<int>(Reason::token_sign_failed)), "token signing failed"},
        {ERR_PACK(code, 0, static_cast<int>(Reason::signature_mismatch)),
         "token signature does not match the expected public key"},
        {ERR_PACK(code, 0, static_cast<int>(Reason::export_refused)), "private key export refused"},
        {ERR_PACK(code, 0, static_cast<int>(Reason::bad_argument)), "bad argument"},
        {0, nullptr}};
    ERR_load_strings(code, library_name);
    ERR_load_strings(code, reasons);
    return code;
  }();
  return lib;
}

}  // namespace

void raise(Reason reason, const std::string& message) {
  ERR_raise_data(library_code(), static_cast<int>(reason), "%s", message.c_str());
}

}  // namespace kr::provider
