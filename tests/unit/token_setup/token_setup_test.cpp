// init_token_under_quorum on a real SoftHSM: the PINs derived from the combined shares open the
// token, the audit key is in it, and refusals leave neither token nor file.
#include "token_setup/token_setup.h"

#include <doctest/doctest.h>

#include "ossl/der.h"
#include "pkcs11/keys.h"
#include "pkcs11/session.h"
#include "support/temp_softhsm.h"
#include "unit/quorum/fixture.h"

using namespace kr;
using namespace kr::quorum;
using namespace kr::token_setup;

TEST_SUITE("token_setup") {
  TEST_CASE("a 2-of-3 token: combined shares give the PINs that log in; the audit key is there") {
    test::TempDir dir("quorum-token");
    test::use_private_softhsm(dir / "hsm");
    QuorumTokenPlan plan;
    plan.module = {"softhsm2", ""};
    plan.label = "quorum-unit";
    plan.threshold = 2;
    plan.descriptor = dir / "set.json";
    plan.kdf = test::fast_kdf();
    for (const char* name : {"Ann", "Bob", "Cy"})
      plan.custodians.push_back({name, dir / (std::string(name) + ".share"),
                                 Secret(std::string("passphrase for ") + name)});
    auto result = init_token_under_quorum(plan);
    CHECK(result.token.label == "quorum-unit");
    CHECK(result.descriptor.token_serial == result.token.serial);
    CHECK(std::filesystem::exists(dir / "set.json.audit-key.pem"));

    auto d = read_descriptor(plan.descriptor);
    auto ann = unlock_share(dir / "Ann.share", d, Secret("passphrase for Ann"));
    auto cy = unlock_share(dir / "Cy.share", d, Secret("passphrase for Cy"));
    auto secret = combine_shares(d, {&ann, &cy});
    auto module = pkcs11::Module::load({"softhsm2", ""});
    auto token = pkcs11::find_token(*module, "quorum-unit");
    {
      pkcs11::Session session(module, token.slot, pkcs11::Access::read_only);
      pkcs11::Login login(session, pkcs11::UserType::user, derive_user_pin(secret));
      auto audit = pkcs11::find_key_pair(session, "keyrite-audit");
      REQUIRE(audit);
      CHECK(ossl::spki_sha256_hex(audit->public_key.get()) == result.audit_key_spki_sha256);
    }
    {
      pkcs11::Session session(module, token.slot, pkcs11::Access::read_write);
      pkcs11::Login so(session, pkcs11::UserType::security_officer, derive_so_pin(secret));
    }

    // The same label again is refused before anything is written.
    plan.descriptor = dir / "again.json";
    for (auto& c : plan.custodians) c.share_file += ".2";
    CHECK_THROWS_WITH(
        init_token_under_quorum(plan),
        ("a token labelled \"quorum-unit\" already exists on " + module->path()).c_str());
    CHECK_FALSE(std::filesystem::exists(dir / "again.json"));
    CHECK_FALSE(std::filesystem::exists(dir / "Ann.share.2"));
  }
}
