// ECDSA signatures in one form only. (r, s) and (r, n - s) both verify, so a verifier that takes
// either lets anyone change a signed checkpoint's bytes, and with them the transcript's SHA-256,
// without the key. keyrite writes the low-S form (s <= n/2, as Bitcoin's BIP 62 and Ethereum's
// EIP-2 do) in strict DER, and its verifier refuses any other encoding.
#pragma once

#include <optional>
#include <string>

#include "util/bytes.h"

namespace kr::transcript {

// The same P-256 signature (DER ECDSA-Sig-Value) with s replaced by n - s when s > n/2.
// Throws kr::Error when `der` is not a DER ECDSA signature.
Bytes ecdsa_p256_low_s(ByteView der);

// Why a P-256 signature is not in keyrite's one form (not strict DER, r or s out of range, high
// S), or nullopt when it is.
std::optional<std::string> ecdsa_p256_form_problem(ByteView der);

}  // namespace kr::transcript
