// The quorum before a key operation (CPS 5.2.2): custodians come forward one at a time, each
// opens their share with their passphrase and signs an approval of exactly this step; with m of
// them the share set's secret is rebuilt. Every presentation, refusal, lockout and approval is an
// event, and no secret ever is.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ceremony/context.h"
#include "ceremony/presenters.h"
#include "quorum/approval.h"
#include "quorum/descriptor.h"
#include "quorum/unlock.h"

namespace kr::ceremony {

// A custodian who gives this many wrong passphrases in a row is locked out for the rest of the
// ceremony.
constexpr int kMaxPassphraseFailures = 3;

// What m custodians unlocked for one step. The secret and the custodians' keys live in locked,
// zeroed memory and go when this does.
struct ActiveQuorum {
  std::vector<quorum::UnlockedShare> shares;  // the approving custodians, in order
  std::vector<quorum::Approval> approvals;
  Secret secret;
};

class QuorumGate {
 public:
  // `name`: which quorum, for messages ("activation", "key-backup"). `other_quorum`: custodians
  // of the ceremony's other quorum who hold no share of this one; when the presenters offer
  // them (a rehearsal lists both quorums' shares) they are passed over, not refused.
  QuorumGate(std::string name, quorum::Descriptor descriptor, Presenters& presenters,
             std::set<std::string> other_quorum = {});

  const quorum::Descriptor& descriptor() const { return descriptor_; }

  // Asks for custodians until m have approved `request`. Throws quorum::QuorumNotMet (after
  // logging why) when the custodians present cannot make m.
  ActiveQuorum approve(Context& ctx, const script::Step& step,
                       const quorum::ApprovalRequest& request);

 private:
  // One custodian's presentation with their retries; nullopt when it did not yield a share.
  std::optional<quorum::UnlockedShare> present(Context& ctx, const script::Step& step,
                                               const Presentation& p,
                                               const ActiveQuorum& so_far);
  void log_refusal(Context& ctx, const script::Step& step, const std::string& custodian,
                   const std::string& why);

  std::string name_;
  quorum::Descriptor descriptor_;
  Presenters& presenters_;
  std::map<std::string, int> failures_;  // consecutive wrong passphrases
  std::set<std::string> locked_out_;
  std::set<std::string> other_quorum_;
};

}  // namespace kr::ceremony
