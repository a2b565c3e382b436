// A PKCS#11 module for fault-injection tests: a real shared library exporting C_GetFunctionList
// that forwards every call to another module (SoftHSM by default) and, on request, fails one call
// or corrupts one signature. keyrite and pkcs11-helper load it like any module, so both go through
// it. Configured by environment variables, read once:
//   KR_FAULT_TARGET  the real module (default /usr/lib/softhsm/libsofthsm2.so)
//   KR_FAULT_TRACE   append "N FUNCTION RV CALLER" for every call (N counts from 1,
//                    C_GetFunctionList not counted; CALLER is the file name of the library or
//                    program that made the call, e.g. libpkcs11-helper.so.1 or kr-ceremony): the
//                    list of calls a sweep then fails one by one
//   KR_FAULT_CALL    the call number N to fault
//   KR_FAULT_RV      the CKR_ code it returns: a name from kCodes or a number (default
//                    CKR_DEVICE_ERROR)
//   KR_FAULT_MODE    before: return the code without calling the module (default);
//                    after: call the module, then return the code (the work happened, the caller
//                    hears it failed); corrupt: call the module and flip one byte of the signature
//                    C_Sign returns (call N must be a C_Sign); die: call the module, then
//                    SIGKILL the process (it dies with the work done and unrecorded);
//                    die-half-pair: C_GenerateKeyPair made the pair, the module destroys its
//                    public half, then SIGKILL (a device that died between writing the halves:
//                    a lone private key, invisible without a login)
//   KR_FAULT_LOG     append "fault N FUNCTION CODE MODE CALLER" when the fault fires
#include <dlfcn.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "pkcs11/cryptoki.h"

namespace {

struct Code {
  const char* name;
  CK_RV rv;
};
constexpr Code kCodes[] = {
    {"CKR_OK", CKR_OK},
    {"CKR_HOST_MEMORY", CKR_HOST_MEMORY},
    {"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
    {"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
    {"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
    {"CKR_DEVICE_MEMORY", CKR_DEVICE_MEMORY},
    {"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
    {"CKR_OPERATION_ACTIVE", CKR_OPERATION_ACTIVE},
    {"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
    {"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
    {"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
    {"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
    {"CKR_OBJECT_HANDLE_INVALID", CKR_OBJECT_HANDLE_INVALID},
};

enum class Mode { before, after, corrupt, die, die_half_pair };

struct Config {
  CK_FUNCTION_LIST_PTR real = nullptr;
  std::string trace, log;
  unsigned long call = 0;  // 0: never fault
  CK_RV rv = CKR_DEVICE_ERROR;
  std::string rv_name = "CKR_DEVICE_ERROR";
  Mode mode = Mode::before;
  std::string mode_name = "before";
};

std::atomic<unsigned long> counter{0};
std::mutex file_mutex;

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

Config load() {
  Config c;
  const char* target = env("KR_FAULT_TARGET");
  void* lib = ::dlopen(target ? target : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
  if (lib) {
    auto get = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(lib, "C_GetFunctionList"));
    if (!get || get(&c.real) != CKR_OK) c.real = nullptr;
  }
  if (const char* v = env("KR_FAULT_TRACE")) c.trace = v;
  if (const char* v = env("KR_FAULT_LOG")) c.log = v;
  if (const char* v = env("KR_FAULT_CALL")) c.call = std::strtoul(v, nullptr, 10);
  if (const char* v = env("KR_FAULT_RV")) {
    c.rv_name = v;
    c.rv = std::strtoul(v, nullptr, 0);
    for (const auto& code : kCodes)
      if (c.rv_name == code.name) c.rv = code.rv;
  }
  if (const char* v = env("KR_FAULT_MODE")) {
    c.mode_name = v;
    if (c.mode_name == "after") c.mode = Mode::after;
    if (c.mode_name == "corrupt") c.mode = Mode::corrupt;
    if (c.mode_name == "die") c.mode = Mode::die;
    if (c.mode_name == "die-half-pair") c.mode = Mode::die_half_pair;
  }
  return c;
}

const Config& config() {
  static const Config c = load();
  return c;
}

void append(const std::string& file, const std::string& line) {
  if (file.empty()) return;
  std::lock_guard lock(file_mutex);
  if (FILE* f = std::fopen(file.c_str(), "a")) {
    std::fputs(line.c_str(), f);
    std::fclose(f);
  }
}

// What happens to call number n of `function`: nothing, or the fault.
struct Call {
  unsigned long n;
  const char* function;
  bool fault;
  Mode mode;
  std::string caller;
};

// Which file the call came from: a sweep tells keyrite's own calls from pkcs11-helper's.
std::string caller_of(void* return_address) {
  Dl_info info{};
  if (!::dladdr(return_address, &info) || !info.dli_fname) return "?";
  const char* slash = std::strrchr(info.dli_fname, '/');
  return slash ? slash + 1 : info.dli_fname;
}

Call begin(const char* function, void* return_address) {
  const auto& c = config();
  unsigned long n = ++counter;
  bool fault = c.call != 0 && n == c.call;
  Call call{n, function, fault, c.mode, {}};
  if (fault || !c.trace.empty()) call.caller = caller_of(return_address);
  if (fault)
    append(c.log, "fault " + std::to_string(n) + " " + function + " " + c.rv_name + " " +
                      c.mode_name + " " + call.caller + "\n");
  return call;
}

CK_RV end(const Call& call, CK_RV rv) {
  if (!config().trace.empty())
    append(config().trace, std::to_string(call.n) + " " + call.function + " " + std::to_string(rv) +
                               " " + call.caller + "\n");
  return rv;
}

CK_FUNCTION_LIST table;

// The corrupt mode's one special case: a C_Sign that returned a signature gets one byte flipped.
void corrupt_signature(const Call& call, CK_RV rv, unsigned char* signature,
                       unsigned long* length) {
  if (call.fault && call.mode == Mode::corrupt && rv == CKR_OK && signature && length && *length)
    signature[*length / 2] ^= 0x01;
}
template <class... Args>
void corrupt_if_sign(const Call&, CK_RV, Args...) {}
void corrupt_if_sign(const Call& call, CK_RV rv, CK_SESSION_HANDLE, unsigned char*, unsigned long,
                     unsigned char* signature, unsigned long* length) {
  if (std::strcmp(call.function, "C_Sign") == 0) corrupt_signature(call, rv, signature, length);
}

// The die modes: the call did its work, and the process ends before its caller hears of it.
template <class... Args>
void half_pair_if_generate(const Call&, CK_RV, Args...) {}
void half_pair_if_generate(const Call& call, CK_RV rv, CK_SESSION_HANDLE session, CK_MECHANISM*,
                           CK_ATTRIBUTE*, unsigned long, CK_ATTRIBUTE*, unsigned long,
                           CK_OBJECT_HANDLE* public_key, CK_OBJECT_HANDLE*) {
  if (call.mode == Mode::die_half_pair && rv == CKR_OK && public_key)
    config().real->C_DestroyObject(session, *public_key);
}
template <class... Args>
void die_if_asked(const Call& call, CK_RV rv, Args... args) {
  if (!call.fault || (call.mode != Mode::die && call.mode != Mode::die_half_pair)) return;
  half_pair_if_generate(call, rv, args...);
  end(call, rv);
  ::raise(SIGKILL);
}

#define WRAP(name, params, args)                                                \
  CK_RV wrap_##name params {                                                    \
    Call call = begin(#name, __builtin_return_address(0));                      \
    if (!config().real) return end(call, CKR_GENERAL_ERROR);                    \
    if (call.fault && call.mode == Mode::before) return end(call, config().rv); \
    CK_RV rv = config().real->name args;                                        \
    corrupt_if_sign(call, rv, WRAP_ARGS args);                                  \
    die_if_asked(call, rv, WRAP_ARGS args);                                     \
    if (call.fault && call.mode == Mode::after) rv = config().rv;               \
    return end(call, rv);                                                       \
  }
#define WRAP_ARGS(...) __VA_ARGS__
#include "functions.inc"
#undef WRAP

CK_RV wrap_get_function_list(CK_FUNCTION_LIST_PTR_PTR list) {
  if (!list) return CKR_ARGUMENTS_BAD;
  *list = &table;
  return CKR_OK;
}

bool fill() {
  table.version = {2, 40};
#define WRAP(name, params, args) table.name = wrap_##name;
#include "functions.inc"
#undef WRAP
  table.C_GetFunctionList = wrap_get_function_list;
  return true;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(
    CK_FUNCTION_LIST_PTR_PTR list) {
  static const bool filled = fill();
  (void)filled;
  return wrap_get_function_list(list);
}
