// pkcs11-helper set-up: one initialisation per period in which HSM keys exist, providers that
// share keyrite's already-initialised libraries, and the PIN hook that reads a kr::Secret.
#include "provider/helper_runtime.h"

#include <dlfcn.h>
#include <pkcs11-helper-1.0/pkcs11h-token.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "pkcs11/rv.h"
#include "pkcs11/session.h"
#include "util/error.h"

namespace kr::provider {
namespace {

struct ModuleRecord {
  std::shared_ptr<pkcs11::Module> module;
  std::string reference;
  // pkcs11-helper keeps only the pointer, so the arguments live as long as the record.
  std::unique_ptr<CK_C_INITIALIZE_ARGS> init_args;
};

struct Runtime {
  std::mutex mutex;
  int users = 0;
  int next_reference = 0;
  std::vector<ModuleRecord> modules;
  std::vector<std::unique_ptr<HelperToken>> tokens;
};

Runtime& runtime() {
  static Runtime* r = new Runtime();  // never destroyed: keys may be freed during exit
  return *r;
}

void check(CK_RV rv, const std::string& what) {
  if (rv != CKR_OK) throw pkcs11::Pkcs11Error(what, rv);
}

// Whether this process is logged in to the token, seen through a short-lived session of our own.
// Closing it never logs anyone out: pkcs11-helper's own session is open whenever we ask.
// A probe that fails (either call) reads as "not logged in": pkcs11-helper's login then counts as
// its own and it logs out when done.
bool application_logged_in(const HelperToken& token) {
  try {
    pkcs11::Session probe(token.module, token.info.slot, pkcs11::Access::read_only);
    return probe.logged_in();
  } catch (const pkcs11::Pkcs11Error&) {
    return false;
  }
}

PKCS11H_BOOL pin_prompt(void*, void* user_data, const pkcs11h_token_id_t, const unsigned retry,
                        char* const pin, const size_t pin_max) noexcept {
  try {
    // A PIN the token refused is never offered again: every retry counts towards lock-out.
    auto* source = static_cast<PinSource*>(user_data);
    if (retry > 0 || !source || !source->pin || !source->token) return FALSE;
    const Secret& secret = *source->pin;
    if (secret.size() + 1 > pin_max || std::memchr(secret.data(), 0, secret.size())) return FALSE;
    // pkcs11-helper calls C_Login right after this hook. If the process is already logged in
    // (keyrite's own pkcs11::Login), that login is someone else's to end, not ours.
    source->token->helper_owns_login = !application_logged_in(*source->token);
    std::memcpy(pin, secret.data(), secret.size());
    pin[secret.size()] = '\0';
    return TRUE;
  } catch (...) {
    return FALSE;
  }
}

PKCS11H_BOOL no_token_prompt(void*, void*, const pkcs11h_token_id_t, const unsigned) noexcept {
  return FALSE;  // keyrite never waits for a token to be inserted
}

std::mutex notes_mutex;
std::vector<HelperNote> notes;

// pkcs11-helper's messages that hide a PKCS#11 failure from its caller, and the call each names.
struct Watched {
  const char* prefix;
  const char* function;
  bool retried;
};
constexpr Watched kWatched[] = {
    {"PKCS#11: Private key operation failed", "C_SignInit or C_Sign",
     true},  // one message for both
    {"PKCS#11: Cannot get slot list", "C_GetSlotList", false},
    {"PKCS#11: Cannot get token information", "C_GetTokenInfo", false},
    {"PKCS#11: Cannot get object attribute", "C_GetAttributeValue", false},
    {"PKCS#11: Cannot access existing object", "C_FindObjectsInit or C_FindObjects", false},
    {"PKCS#11: _pkcs11h_session_login_context C_Login rv=", "C_Login", false},
};

void log_hook(void*, unsigned, const char* format, va_list args) noexcept {
  try {
    for (const auto& w : kWatched) {
      if (std::strncmp(format, w.prefix, std::strlen(w.prefix)) != 0) continue;
      char text[512];
      std::vsnprintf(text, sizeof text, format, args);
      HelperNote note{w.function, CKR_OK, w.retried, text};
      if (const char* rv = std::strstr(text, "rv=")) note.rv = std::strtoul(rv + 3, nullptr, 10);
      std::lock_guard lock(notes_mutex);
      if (notes.size() < 64) notes.push_back(std::move(note));
      return;
    }
  } catch (...) {
  }
}

void initialise() {
  check(pkcs11h_initialize(), "pkcs11h_initialize");
  // Debug level 1 is where pkcs11-helper reports the failures it hides (kWatched); the hook keeps
  // only those and prints nothing.
  check(pkcs11h_setLogHook(log_hook, nullptr), "pkcs11h_setLogHook");
  pkcs11h_setLogLevel(PKCS11H_LOG_DEBUG1);
  check(pkcs11h_setPINPromptHook(pin_prompt, nullptr), "pkcs11h_setPINPromptHook");
  check(pkcs11h_setTokenPromptHook(no_token_prompt, nullptr), "pkcs11h_setTokenPromptHook");
  // The PIN always comes from the hook (a kr::Secret), never from a PIN pad or cache expiry.
  check(pkcs11h_setProtectedAuthentication(FALSE), "pkcs11h_setProtectedAuthentication");
  check(pkcs11h_setPINCachePeriod(PKCS11H_PIN_CACHE_INFINITE), "pkcs11h_setPINCachePeriod");
  check(pkcs11h_setMaxLoginRetries(1), "pkcs11h_setMaxLoginRetries");
}

void shut_down(Runtime& r) {
  for (auto& token : r.tokens) {
    // Ends the login only where pkcs11-helper started it; keyrite's own Login ends its own.
    if (token->helper_owns_login) pkcs11h_token_logout(token->id);
    pkcs11h_token_freeTokenId(token->id);
  }
  r.tokens.clear();
  // Removes the providers without C_Finalize: keyrite's Module initialised them and finalises.
  pkcs11h_terminate();
  r.modules.clear();
}

// pkcs11-helper dlopens the library by path; make sure that reaches keyrite's copy, whose
// initialisation and login state it must share.
void require_same_library(const pkcs11::Module& module) {
  void* handle = ::dlopen(module.path().c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (!handle) throw Error("PKCS#11 library " + module.path() + " is not loaded by keyrite");
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST_PTR list = nullptr;
  bool same = get_list && get_list(&list) == CKR_OK && list == module.fn();
  ::dlclose(handle);
  if (!same)
    throw Error("pkcs11-helper would load a different copy of " + module.path() +
                " than keyrite's module");
}

const ModuleRecord& register_module(Runtime& r, const std::shared_ptr<pkcs11::Module>& module) {
  for (const auto& rec : r.modules)
    if (rec.module->fn() == module->fn()) return rec;
  require_same_library(*module);
  ModuleRecord rec;
  rec.module = module;
  rec.reference = "keyrite-" + std::to_string(r.next_reference++);
  rec.init_args = std::make_unique<CK_C_INITIALIZE_ARGS>();
  rec.init_args->flags = CKF_OS_LOCKING_OK;
  // NSS softokn reads its configuration from pReserved. keyrite's Module has already initialised
  // the library, so pkcs11-helper gets CKR_CRYPTOKI_ALREADY_INITIALIZED (which it accepts, and
  // then never finalises); the same arguments are passed so either order would work.
  rec.init_args->pReserved =
      module->init_params().empty() ? nullptr : const_cast<char*>(module->init_params().c_str());
  const char* ref = rec.reference.c_str();
  check(pkcs11h_registerProvider(ref), "pkcs11h_registerProvider");
  CK_C_INITIALIZE_ARGS_PTR args = rec.init_args.get();
  PKCS11H_BOOL no = FALSE;
  try {
    check(pkcs11h_setProviderProperty(ref, PKCS11H_PROVIDER_PROPERTY_LOCATION,
                                      module->path().c_str(), module->path().size() + 1),
          "pkcs11h_setProviderProperty(location)");
    check(pkcs11h_setProviderProperty(ref, PKCS11H_PROVIDER_PROPERTY_INIT_ARGS, &args, sizeof args),
          "pkcs11h_setProviderProperty(init args)");
    check(pkcs11h_setProviderProperty(ref, PKCS11H_PROVIDER_PROPERTY_ALLOW_PROTECTED_AUTH, &no,
                                      sizeof no),
          "pkcs11h_setProviderProperty(protected auth)");
    check(pkcs11h_initializeProvider(ref),
          "C_Initialize or C_GetInfo (through pkcs11-helper's pkcs11h_initializeProvider(" +
              module->path() + "))");
  } catch (...) {
    pkcs11h_removeProvider(ref);
    throw;
  }
  r.modules.push_back(std::move(rec));
  return r.modules.back();
}

pkcs11h_token_id_t find_token_id(const pkcs11::TokenInfo& info) {
  pkcs11h_token_id_list_t list = nullptr;
  check(pkcs11h_token_enumTokenIds(PKCS11H_ENUM_METHOD_RELOAD, &list),
        "pkcs11h_token_enumTokenIds");
  pkcs11h_token_id_t found = nullptr;
  CK_RV rv = CKR_OK;
  for (auto* e = list; e && !found; e = e->next) {
    const auto* t = e->token_id;
    if (info.label == t->label && info.serial == t->serialNumber &&
        info.manufacturer == t->manufacturerID && info.model == t->model)
      rv = pkcs11h_token_duplicateTokenId(&found, e->token_id);
  }
  pkcs11h_token_freeTokenIdList(list);
  check(rv, "pkcs11h_token_duplicateTokenId");
  if (!found) {
    // A token pkcs11-helper cannot read looks to it like no token at all: name the call that
    // failed.
    for (const auto& note : take_helper_notes())
      if (note.rv != CKR_OK)
        throw pkcs11::Pkcs11Error(note.function + " (through pkcs11-helper)", note.rv);
    throw Error("pkcs11-helper does not see token \"" + info.label + "\" (serial " + info.serial +
                ")");
  }
  return found;
}

std::string serialized(pkcs11h_token_id_t id) {
  std::size_t size = 0;
  check(pkcs11h_token_serializeTokenId(nullptr, &size, id), "pkcs11h_token_serializeTokenId");
  std::string out(size, '\0');
  check(pkcs11h_token_serializeTokenId(out.data(), &size, id), "pkcs11h_token_serializeTokenId");
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace

std::vector<HelperNote> take_helper_notes();

namespace {

// A pkcs11-helper call failed: the PKCS#11 call its debug log named, else the candidates.
// A note with the code pkcs11-helper returned names the call. Otherwise the first failure is the
// cause, unless it is a stale session: pkcs11-helper logs no failed C_OpenSession or C_Login, and
// the call after one fails with CKR_SESSION_HANDLE_INVALID, which would name the wrong call.
[[noreturn]] void throw_hidden(CK_RV rv, const std::string& candidates, const std::string& where) {
  const auto notes = take_helper_notes();
  for (const auto& note : notes)
    if (note.rv == rv)
      throw pkcs11::Pkcs11Error(note.function + " (through pkcs11-helper's " + where + ")", rv);
  for (const auto& note : notes)
    if (note.rv != CKR_OK && note.rv != CKR_SESSION_HANDLE_INVALID && note.rv != CKR_SESSION_CLOSED)
      throw pkcs11::Pkcs11Error(note.function + " (through pkcs11-helper's " + where +
                                    ", which reported " + pkcs11::rv_name(rv) + ")",
                                note.rv);
  throw pkcs11::Pkcs11Error(candidates + " (through pkcs11-helper's " + where + ")", rv);
}

}  // namespace

std::vector<HelperNote> take_helper_notes() {
  std::lock_guard lock(notes_mutex);
  return std::exchange(notes, {});
}

HelperLease HelperLease::acquire() {
  Runtime& r = runtime();
  std::lock_guard lock(r.mutex);
  if (r.users == 0) initialise();
  ++r.users;
  HelperLease lease;
  lease.held_ = true;
  return lease;
}

HelperLease::~HelperLease() {
  if (!held_) return;
  Runtime& r = runtime();
  std::lock_guard lock(r.mutex);
  if (--r.users == 0) shut_down(r);
}

HelperToken& HelperLease::token(const std::shared_ptr<pkcs11::Module>& module,
                                const pkcs11::TokenInfo& info) {
  Runtime& r = runtime();
  std::lock_guard lock(r.mutex);
  register_module(r, module);
  for (auto& t : r.tokens)
    if (t->module->fn() == module->fn() && t->info.slot == info.slot &&
        t->info.serial == info.serial && t->info.label == info.label)
      return *t;
  auto token = std::make_unique<HelperToken>();
  token->module = module;
  token->info = info;
  token->id = find_token_id(info);
  r.tokens.push_back(std::move(token));
  return *r.tokens.back();
}

HelperCertificate open_key(HelperToken& token, ByteView cka_id, PinSource* pin) {
  if (cka_id.empty()) throw Error("an HSM key needs a CKA_ID");
  // pkcs11-helper has no constructor for a certificate id, only its serialised form:
  // "<token id>/<CKA_ID in hex>".
  std::string text = serialized(token.id) + "/" + to_hex(cka_id);
  take_helper_notes();  // notes from earlier calls are not this lookup's cause
  pkcs11h_certificate_id_t id = nullptr;
  check(pkcs11h_certificate_deserializeCertificateId(&id, text.c_str()),
        "pkcs11h_certificate_deserializeCertificateId");
  pkcs11h_certificate_t raw = nullptr;
  CK_RV rv = pkcs11h_certificate_create(id, pin, PKCS11H_PROMPT_MASK_ALLOW_PIN_PROMPT,
                                        PKCS11H_PIN_CACHE_INFINITE, &raw);
  pkcs11h_certificate_freeCertificateId(id);
  if (rv != CKR_OK)
    throw_hidden(rv, "C_OpenSession or C_GetTokenInfo", "pkcs11h_certificate_create");
  HelperCertificate cert(raw);
  rv = pkcs11h_certificate_ensureKeyAccess(cert.get());
  const std::string where = "on token \"" + token.info.label + "\"";
  if (rv == CKR_PIN_INCORRECT)
    throw pkcs11::Pkcs11Error("login " + where, rv, "check the user PIN; it was tried once only");
  if (rv == CKR_FUNCTION_REJECTED) {
    for (const auto& note : take_helper_notes())
      // A stale session is not a cause: pkcs11-helper opens a new one and searches again, and the
      // search it then reports (CKR_FUNCTION_REJECTED) is the answer.
      if (note.rv != CKR_OK && note.rv != CKR_SESSION_HANDLE_INVALID &&
          note.rv != CKR_SESSION_CLOSED)
        throw pkcs11::Pkcs11Error(note.function +
                                      " (through pkcs11-helper, looking for the key with CKA_ID " +
                                      to_hex(cka_id) + " " + where + ")",
                                  note.rv);
    throw Error("no private key with CKA_ID " + to_hex(cka_id) + " " + where,
                "list the token's keys with kr-token list");
  }
  if (rv == CKR_CANCEL)
    throw Error("login " + where + " was cancelled: the PIN is empty, too long or contains NUL");
  if (rv != CKR_OK)
    throw_hidden(rv, "C_OpenSession, C_Login, C_FindObjectsInit or C_FindObjects",
                 "pkcs11h_certificate_ensureKeyAccess " + where);
  return cert;
}

}  // namespace kr::provider
