// Custodians' display names in the roster, and the signed-note key names derived from them.
#include <doctest/doctest.h>
#include <openssl/evp.h>

#include "ossl/types.h"
#include "transcript/note.h"
#include "transcript/roster.h"
#include "transcript/trust.h"
#include "util/base64.h"

using namespace kr;
using namespace kr::transcript;

namespace {

ossl::EvpPkeyPtr key_of(const char* type) {
  return ossl::EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, type, "P-256"));
}

Bytes raw_public(EVP_PKEY* key) {
  Bytes raw(32);
  std::size_t length = raw.size();
  EVP_PKEY_get_raw_public_key(key, raw.data(), &length);
  return raw;
}

}  // namespace

TEST_SUITE("transcript::roster names") {
  TEST_CASE("a custodian's key name carries the token of the display name") {
    CHECK(custodian_key_name("Cara") == "custodian/Cara");
    CHECK(custodian_key_name("Ana Ortiz") == "custodian/Ana%20Ortiz");
    CHECK(custodian_key_name("Zo\xC3\xAB O'Brien") == "custodian/Zo\xC3\xAB%20O'Brien");
  }

  TEST_CASE("the roster keeps display names, and a cosignature under the derived name verifies") {
    auto ana = ossl::EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    nlohmann::json line0 = {
        {"details",
         {{"roster",
           {{"set-id", "s"},
            {"m", 1u},
            {"n", 1u},
            {"custodians", {{"Ana Ortiz", base64_encode(raw_public(ana.get()))}}}}}}}};
    auto roster = read_roster(line0);
    REQUIRE(roster);
    CHECK(roster->custodians.count("Ana Ortiz") == 1);

    auto audit = key_of("EC");
    TrustedKeys keys(audit.get());
    keys.add_roster(*roster);
    REQUIRE(keys.find("custodian/Ana%20Ortiz"));
    CHECK_FALSE(keys.find("custodian/Ana Ortiz"));
    auto note = sign_note("text\n", {make_note_signer(custodian_key_name("Ana Ortiz"), ana.get())});
    auto check = check_note(parse_note(note, "note"), keys.all());
    CHECK(check.verified == std::vector<std::string>{"custodian/Ana%20Ortiz"});
  }

  TEST_CASE("a roster name with a control character is refused, naming it") {
    nlohmann::json line0 = {{"details",
                             {{"roster",
                               {{"set-id", "s"},
                                {"m", 1u},
                                {"n", 1u},
                                {"custodians", {{"Ana\tOrtiz", base64_encode(Bytes(32, 1))}}}}}}}};
    CHECK_THROWS_WITH(read_roster(line0),
                      "line 0: details.roster.custodians.Ana\tOrtiz: a custodian name may not "
                      "contain control characters");
  }
}
