// A share file checked before any passphrase is asked (kr-ceremony's presentation): every
// header refusal needs no passphrase and names whose file it is; only opening the checked file
// can fail on the passphrase.
#include <doctest/doctest.h>

#include "fixture.h"
#include "quorum/errors.h"

using namespace kr;
using namespace kr::quorum;

TEST_SUITE("quorum::check_share_file") {
  TEST_CASE("another set's file is refused from its header alone, naming its custodian") {
    test::ShareSetFixture set;
    test::ShareSetFixture other;
    std::string message;
    try {
      check_share_file(other.files[1], set.descriptor);
    } catch (const ShareRejected& e) {
      message = e.what();
    }
    CHECK(message == other.files[1].string() + " (custodian Dev): belongs to share set " +
                         other.descriptor.set_id + ", not to set " + set.descriptor.set_id +
                         " of the descriptor");
  }

  TEST_CASE("a checked file opens with its passphrase, and only a wrong one is WrongPassphrase") {
    test::ShareSetFixture set;
    const auto parsed = check_share_file(set.files[2], set.descriptor);
    CHECK(parsed.header.custodian == "Eli");
    CHECK_THROWS_AS(open_checked_share(set.files[2], parsed, set.descriptor, Secret("not it")),
                    WrongPassphrase);
    auto share = open_checked_share(set.files[2], parsed, set.descriptor, set.passphrase(2));
    CHECK(share.header.custodian == "Eli");
    CHECK(share.share.index == set.unlock(2).share.index);
  }
}
