// Approvals: the exact signed text, verification under the custodian key, tampering, JSON.
#include "quorum/approval.h"

#include <doctest/doctest.h>

#include "fixture.h"

using namespace kr;
using namespace kr::quorum;

namespace {
ApprovalRequest request() {
  return {"roots-2015", "key-1", std::string(64, 'a'), std::string(64, 'b'), 7};
}
}  // namespace

TEST_SUITE("quorum::approval") {
  TEST_CASE("the signed message is the documented canonical text") {
    Approval a;
    a.request = request();
    a.custodian = "Cara";
    a.index = 1;
    a.set_id = "00112233445566778899aabbccddeeff";
    a.time = "2015-05-26T00:00:00Z";
    CHECK(approval_message(a) ==
          "keyrite approval v1\n"
          "ceremony-id: roots-2015\n"
          "step-id: key-1\n"
          "step-sha256: " +
              std::string(64, 'a') +
              "\n"
              "log-root: " +
              std::string(64, 'b') +
              "\n"
              "log-size: 7\n"
              "set-id: 00112233445566778899aabbccddeeff\n"
              "custodian: Cara\n"
              "index: 1\n"
              "time: 2015-05-26T00:00:00Z\n");
    a.request.step_id = "key-1\nstep-id: key-2";
    CHECK_THROWS_WITH(approval_message(a), "approval: step-id contains a control character");
    a.request.step_id = "";
    CHECK_THROWS_WITH(approval_message(a), "approval: step-id is empty");
  }

  TEST_CASE("an approval verifies under its custodian's key and under no other") {
    test::ShareSetFixture set;
    auto cara = set.unlock(0);
    auto dev = set.unlock(1);
    auto a = sign_approval(cara, request(), "2015-05-26T00:00:00Z");
    CHECK(a.custodian == "Cara");
    CHECK(a.index == 1);
    CHECK(a.set_id == set.descriptor.set_id);
    CHECK(verify_approval(a, set.descriptor.custodians[0].custodian_public_key));
    CHECK_FALSE(verify_approval(a, set.descriptor.custodians[1].custodian_public_key));
    CHECK(verify_approval(sign_approval(dev, request(), "t"), dev.key.public_key()));
  }

  TEST_CASE("changing any field of a signed approval breaks it") {
    test::ShareSetFixture set;
    auto cara = set.unlock(0);
    const auto key = cara.key.public_key();
    const auto a = sign_approval(cara, request(), "2015-05-26T00:00:00Z");
    std::vector<std::function<void(Approval&)>> edits = {
        [](Approval& x) { x.request.ceremony_id = "other"; },
        [](Approval& x) { x.request.step_id = "key-2"; },
        [](Approval& x) { x.request.step_sha256[0] = 'c'; },
        [](Approval& x) { x.request.log_root[5] = 'c'; },
        [](Approval& x) { x.request.log_size = 8; },
        // The set id is random: change its first digit to one it is not.
        [](Approval& x) { x.set_id[0] = x.set_id[0] == 'f' ? 'e' : 'f'; },
        [](Approval& x) { x.custodian = "Dev"; },
        [](Approval& x) { x.index = 2; },
        [](Approval& x) { x.time = "2015-05-26T00:00:01Z"; },
        [](Approval& x) { x.signature[10] ^= 0x80; },
        [](Approval& x) { x.signature.pop_back(); },
    };
    for (std::size_t i = 0; i < edits.size(); ++i) {
      CAPTURE(i);
      auto b = a;
      edits[i](b);
      CHECK_FALSE(verify_approval(b, key));
    }
    CHECK(verify_approval(a, key));
  }

  TEST_CASE("JSON round trip in a fixed key order, strict reading") {
    test::ShareSetFixture set;
    auto a = sign_approval(set.unlock(4), request(), "2015-05-26T00:00:00Z");
    auto j = to_json(a);
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"ceremony-id", "step-id", "step-sha256", "log-root",
                                           "log-size", "set-id", "custodian", "index", "time",
                                           "signature"});
    auto back = approval_from_json(nlohmann::json::parse(j.dump()), "log line 3");
    CHECK(back.custodian == "Gus");
    CHECK(back.index == 5);
    CHECK(back.signature == a.signature);
    CHECK(verify_approval(back, set.descriptor.custodians[4].custodian_public_key));

    auto k = nlohmann::json::parse(j.dump());
    k["extra"] = true;
    CHECK_THROWS_WITH(approval_from_json(k, "log line 3"), "log line 3: extra: unknown key");
    k = nlohmann::json::parse(j.dump());
    k.erase("time");
    CHECK_THROWS_WITH(approval_from_json(k, "log line 3"), "log line 3: time: missing");
    k = nlohmann::json::parse(j.dump());
    k["signature"] = "AAAA";
    CHECK_THROWS_WITH(approval_from_json(k, "log line 3"),
                      "log line 3: signature: expected the base64 of a 64-byte Ed25519 signature");
    k = nlohmann::json::parse(j.dump());
    k["log-size"] = -1;
    CHECK_THROWS_WITH(approval_from_json(k, "log line 3"),
                      "log line 3: log-size: expected a non-negative integer");
    k = nlohmann::json::parse(j.dump());
    k["index"] = 0;
    CHECK_THROWS_WITH(approval_from_json(k, "log line 3"),
                      "log line 3: index: 0 is outside 1..255");
  }
}
