// Key management for HSM keys (OSSL_OP_KEYMGMT, "EC" and "RSA"): import from a keyrite ticket,
// public parameters answered by the expected public key, export of the public half only.
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>

#include <map>
#include <mutex>

#include "ossl/types.h"
#include "provider/errors.h"
#include "provider/key_data.h"
#include "provider/provider.h"

namespace kr::provider {
namespace {

struct Tickets {
  std::mutex mutex;
  std::uint64_t next = 1;
  std::map<std::uint64_t, std::shared_ptr<HsmKeyState>> pending;
};

Tickets& tickets() {
  static Tickets* t = new Tickets();
  return *t;
}

KeyData* data(void* keydata) {
  return static_cast<KeyData*>(keydata);
}
const KeyData* data(const void* keydata) {
  return static_cast<const KeyData*>(keydata);
}

void* new_key(void*) {
  return guard<void*>("keymgmt new", nullptr, [] { return new KeyData(); });
}

void free_key(void* keydata) {
  delete data(keydata);
}

int has(const void* keydata, int) {
  // The private half is on the token; a key object exists only with state.
  const KeyData* k = data(keydata);
  return k && k->state ? 1 : 0;
}

template <KeyType Type>
int import(void* keydata, int, const OSSL_PARAM params[]) {
  return guard("keymgmt import", 0, [&] {
    const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, kTicketParam);
    std::uint64_t ticket = 0;
    std::shared_ptr<HsmKeyState> state;
    if (p && OSSL_PARAM_get_uint64(p, &ticket)) state = redeem_ticket(ticket);
    if (!state)
      throw ProviderError(Reason::unsupported,
                          "keyrite's key management holds only HSM keys from "
                          "kr::provider::load_hsm_key");
    if (state->type() != Type)
      throw ProviderError(Reason::bad_argument, "key type does not match the key management");
    data(keydata)->state = std::move(state);
    return 1;
  });
}

const OSSL_PARAM* import_types(int) {
  static const OSSL_PARAM types[] = {OSSL_PARAM_uint64(kTicketParam, nullptr), OSSL_PARAM_END};
  return types;
}

int export_key(void* keydata, int selection, OSSL_CALLBACK* callback, void* cbarg) {
  return guard("keymgmt export", 0, [&] {
    const KeyData* k = data(keydata);
    if (!k || !k->state) throw ProviderError(Reason::bad_argument, "no key");
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
      throw ProviderError(Reason::export_refused,
                          k->state->name() +
                              " never leaves the token; only its public half can "
                              "be exported");
    OSSL_PARAM* params = nullptr;
    // The expected public key is the public half: the token's signatures are checked against it.
    if (EVP_PKEY_todata(k->state->public_key(), EVP_PKEY_PUBLIC_KEY, &params) != 1)
      throw ProviderError(Reason::internal, "exporting the public key of " + k->state->name());
    ossl::OsslParamPtr owned(params);
    return callback(params, cbarg);
  });
}

const OSSL_PARAM* ec_export_types(int selection) {
  static const OSSL_PARAM types[] = {
      OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_EC_ENCODING, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, nullptr, 0),
      OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0), OSSL_PARAM_END};
  return (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) ? nullptr : types;
}

const OSSL_PARAM* rsa_export_types(int selection) {
  static const OSSL_PARAM types[] = {OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_N, nullptr, 0),
                                     OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, nullptr, 0),
                                     OSSL_PARAM_END};
  return (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY) ? nullptr : types;
}

int get_params(void* keydata, OSSL_PARAM params[]) {
  return guard("keymgmt get_params", 0, [&] {
    const KeyData* k = data(keydata);
    if (!k || !k->state) return 0;
    OSSL_PARAM* p = OSSL_PARAM_locate(params, kDescriptionParam);
    if (p && !OSSL_PARAM_set_utf8_string(p, k->state->name().c_str())) return 0;
    // Everything public (bits, security bits, max size, group, point, modulus, default digest)
    // is the expected public key's answer. It holds no private half, so requests for one stay
    // unanswered and fail in the caller.
    return EVP_PKEY_get_params(const_cast<EVP_PKEY*>(k->state->public_key()), params) == 1 ? 1 : 0;
  });
}

const OSSL_PARAM* gettable_params(void*) {
  static const OSSL_PARAM params[] = {
      OSSL_PARAM_int(OSSL_PKEY_PARAM_BITS, nullptr),
      OSSL_PARAM_int(OSSL_PKEY_PARAM_SECURITY_BITS, nullptr),
      OSSL_PARAM_int(OSSL_PKEY_PARAM_MAX_SIZE, nullptr),
      OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_DEFAULT_DIGEST, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, nullptr, 0),
      OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0),
      OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0),
      OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_N, nullptr, 0),
      OSSL_PARAM_BN(OSSL_PKEY_PARAM_RSA_E, nullptr, 0),
      OSSL_PARAM_utf8_string(kDescriptionParam, nullptr, 0),
      OSSL_PARAM_END};
  return params;
}

int match(const void* a, const void* b, int selection) {
  return guard("keymgmt match", 0, [&] {
    const KeyData* ka = data(a);
    const KeyData* kb = data(b);
    if (!ka || !kb || !ka->state || !kb->state) return 0;
    if (EVP_PKEY_eq(ka->state->public_key(), kb->state->public_key()) != 1) return 0;
    if (selection & OSSL_KEYMGMT_SELECT_PRIVATE_KEY)
      return ka->state->cka_id() == kb->state->cka_id() &&
                     ka->state->token().serial == kb->state->token().serial
                 ? 1
                 : 0;
    return 1;
  });
}

void* dup_key(const void* keydata, int) {
  return guard<void*>("keymgmt dup", nullptr, [&] {
    const KeyData* k = data(keydata);
    return k ? new KeyData{k->state} : nullptr;
  });
}

const char* ec_operation_name(int operation) {
  return operation == OSSL_OP_SIGNATURE ? "ECDSA" : nullptr;
}

const char* rsa_operation_name(int operation) {
  return operation == OSSL_OP_SIGNATURE ? "RSA" : nullptr;
}

#define KR_FN(id, f) \
  { id, reinterpret_cast<void (*)()>(f) }

}  // namespace

std::uint64_t issue_ticket(std::shared_ptr<HsmKeyState> state) {
  Tickets& t = tickets();
  std::lock_guard lock(t.mutex);
  std::uint64_t ticket = t.next++;
  t.pending.emplace(ticket, std::move(state));
  return ticket;
}

std::shared_ptr<HsmKeyState> redeem_ticket(std::uint64_t ticket) {
  Tickets& t = tickets();
  std::lock_guard lock(t.mutex);
  auto it = t.pending.find(ticket);
  if (it == t.pending.end()) return nullptr;
  auto state = std::move(it->second);
  t.pending.erase(it);
  return state;
}

const OSSL_DISPATCH kEcKeymgmt[] = {
    KR_FN(OSSL_FUNC_KEYMGMT_NEW, new_key),
    KR_FN(OSSL_FUNC_KEYMGMT_FREE, free_key),
    KR_FN(OSSL_FUNC_KEYMGMT_HAS, has),
    KR_FN(OSSL_FUNC_KEYMGMT_IMPORT, import <KeyType::ec>),
    KR_FN(OSSL_FUNC_KEYMGMT_IMPORT_TYPES, import_types),
    KR_FN(OSSL_FUNC_KEYMGMT_EXPORT, export_key),
    KR_FN(OSSL_FUNC_KEYMGMT_EXPORT_TYPES, ec_export_types),
    KR_FN(OSSL_FUNC_KEYMGMT_GET_PARAMS, get_params),
    KR_FN(OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, gettable_params),
    KR_FN(OSSL_FUNC_KEYMGMT_MATCH, match),
    KR_FN(OSSL_FUNC_KEYMGMT_DUP, dup_key),
    KR_FN(OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, ec_operation_name),
    {0, nullptr}};

const OSSL_DISPATCH kRsaKeymgmt[] = {
    KR_FN(OSSL_FUNC_KEYMGMT_NEW, new_key),
    KR_FN(OSSL_FUNC_KEYMGMT_FREE, free_key),
    KR_FN(OSSL_FUNC_KEYMGMT_HAS, has),
    KR_FN(OSSL_FUNC_KEYMGMT_IMPORT, import <KeyType::rsa>),
    KR_FN(OSSL_FUNC_KEYMGMT_IMPORT_TYPES, import_types),
    KR_FN(OSSL_FUNC_KEYMGMT_EXPORT, export_key),
    KR_FN(OSSL_FUNC_KEYMGMT_EXPORT_TYPES, rsa_export_types),
    KR_FN(OSSL_FUNC_KEYMGMT_GET_PARAMS, get_params),
    KR_FN(OSSL_FUNC_KEYMGMT_GETTABLE_PARAMS, gettable_params),
    KR_FN(OSSL_FUNC_KEYMGMT_MATCH, match),
    KR_FN(OSSL_FUNC_KEYMGMT_DUP, dup_key),
    KR_FN(OSSL_FUNC_KEYMGMT_QUERY_OPERATION_NAME, rsa_operation_name),
    {0, nullptr}};

}  // namespace kr::provider
