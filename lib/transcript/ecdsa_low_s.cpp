// Low-S normalisation and the strict-form check of P-256 ECDSA signatures.
#include "transcript/ecdsa_low_s.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <memory>

#include "ossl/der.h"
#include "ossl/error.h"
#include "util/error.h"

namespace kr::transcript {
namespace {

using BnPtr = ossl::BignumPtr;
using SigPtr = ossl::EcdsaSigPtr;

// The group order n of P-256, and n/2 (rounded down).
struct Order {
  BnPtr n, half;
  Order() {
    ossl::EcGroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    if (!group) ossl::throw_error("EC_GROUP_new_by_curve_name(P-256)");
    n.reset(BN_dup(EC_GROUP_get0_order(group.get())));
    half.reset(BN_dup(n.get()));
    if (!n || !half || !BN_rshift1(half.get(), half.get())) ossl::throw_error("BN_rshift1");
  }
};

const Order& order() {
  static const Order o;
  return o;
}

// Parses strict DER: the bytes must be exactly what i2d_ECDSA_SIG writes for the parsed value.
SigPtr parse_strict(ByteView der) {
  const unsigned char* p = der.data();
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  ossl::drain_errors();
  if (!sig || p != der.data() + der.size()) return nullptr;
  Bytes again = ossl::to_der(sig.get(), i2d_ECDSA_SIG, "an ECDSA signature");
  return std::equal(der.begin(), der.end(), again.begin(), again.end()) ? std::move(sig) : nullptr;
}

}  // namespace

Bytes ecdsa_p256_low_s(ByteView der) {
  SigPtr sig = parse_strict(der);
  if (!sig) throw Error("the token returned an ECDSA signature that is not in DER form");
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  if (BN_cmp(s, order().half.get()) <= 0) return Bytes(der.begin(), der.end());
  BnPtr low(BN_new()), r_copy(BN_dup(r));
  if (!low || !r_copy || !BN_sub(low.get(), order().n.get(), s)) ossl::throw_error("BN_sub");
  SigPtr out(ECDSA_SIG_new());
  if (!out || !ECDSA_SIG_set0(out.get(), r_copy.release(), low.release()))
    ossl::throw_error("ECDSA_SIG_set0");
  return ossl::to_der(out.get(), i2d_ECDSA_SIG, "the low-S ECDSA signature");
}

std::optional<std::string> ecdsa_p256_form_problem(ByteView der) {
  SigPtr sig = parse_strict(der);
  if (!sig) return "the ECDSA signature is not in strict DER form";
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  if (BN_is_zero(r) || BN_is_zero(s) || BN_is_negative(r) || BN_is_negative(s) ||
      BN_cmp(r, order().n.get()) >= 0)
    return "the ECDSA signature's r or s is out of range";
  if (BN_cmp(s, order().half.get()) > 0)
    return "the ECDSA signature has a high S (s > n/2); keyrite writes only the low-S form";
  return std::nullopt;
}

}  // namespace kr::transcript
