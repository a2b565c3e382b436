// The quorum before a key operation (CPS 5.2.2). Custodians present their share files; the file's
// header says whose it is and is checked against the descriptor before a passphrase is asked (a
// foreign file costs no one a try; only a wrong passphrase counts towards the lockout, an empty
// entry is a cancel). With quorum.unlock "once" each custodian opens their share once per run and
// approves every step by an explicit confirmation; with "every-step" each step needs the
// passphrases again, and opening the share is the approval. Either way each approval is signed
// per step and recorded, and with m of them the share set's secret is rebuilt for the step.
// Every presentation, refusal, absence, lockout and approval is an event; no secret ever is.
#pragma once

#include <deque>
#include <map>
#include <optional>
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
// ceremony run.
constexpr int kMaxPassphraseFailures = 3;

// What m custodians approved for one step: their shares (held by the gate, in locked memory),
// their signed approvals, and the secret rebuilt for this step only.
struct ActiveQuorum {
  std::vector<const quorum::UnlockedShare*> shares;  // the approving custodians, in order
  std::vector<quorum::Approval> approvals;
  Secret secret;
};

// The login that seals a paused ceremony's transcript with a checkpoint the audit key signs: the
// secret from shares opened earlier in the run, and the custodians present now as cosigners.
struct ClosingQuorum {
  Secret secret;
  std::vector<const quorum::UnlockedShare*> cosigners;
};

class QuorumGate {
 public:
  // `name`: which quorum, for messages ("activation", "key-backup"). `other_quorum`: custodians
  // of the ceremony's other quorum who hold no share of this one; when the presenters offer
  // them (a rehearsal lists both quorums' shares) they are passed over, not refused.
  QuorumGate(std::string name, quorum::Descriptor descriptor, Presenters& presenters,
             script::Unlock unlock, std::set<std::string> other_quorum = {});

  const quorum::Descriptor& descriptor() const { return descriptor_; }

  // Asks until m custodians have approved `request`; `word` is what a custodian types to
  // confirm (unlock once). nullopt, after logging why, when those present cannot make m.
  std::optional<ActiveQuorum> approve(Context& ctx, const script::Step& step,
                                      const quorum::ApprovalRequest& request,
                                      const std::string& word);

  // After approve() returned nullopt: a secret from the shares opened earlier in this run, if
  // they make m, and the custodians who were present at the refused step.
  std::optional<ClosingQuorum> closing() const;

  // A resumed ceremony whose steps are all done but whose close was lost (killed after the last
  // step, or a closing checkpoint that could not be signed): m custodians open their shares so
  // the token can be logged in for the closing checkpoint, which they cosign. No step is
  // approved, so no approval is recorded: opening the share is the consent (as with
  // quorum.unlock: every-step) and the cosignature on the checkpoint is its record. Refusals are
  // logged against `last_step`. nullopt, after logging why, when those present cannot make m.
  std::optional<ClosingQuorum> open_for_closing(Context& ctx, const script::Step& last_step);

 private:
  // One presentation: the file checked, then the passphrase with retries. The share is appended
  // to `into`; nullptr when the presentation did not yield one.
  const quorum::UnlockedShare* present(Context& ctx, const script::Step& step,
                                       const Presentation& p,
                                       std::deque<quorum::UnlockedShare>& into);
  bool is_open(const std::string& custodian) const;
  void log_refusal(Context& ctx, const script::Step& step, const std::string& custodian,
                   const std::string& why);
  std::optional<ActiveQuorum> approve_once(Context& ctx, const script::Step& step,
                                           const std::string& word);
  std::optional<ActiveQuorum> approve_every_step(Context& ctx, const script::Step& step);
  // Presentations until m shares are open in pending_ or nobody else is present; each opened
  // share is told to the room as "  NAME <verb> (k of m<after_count>)". true when m are open.
  bool open_pending(Context& ctx, const script::Step& step, const std::string& verb,
                    const std::string& after_count);
  // pending_'s shares become the held ones (and the present ones); pointers to them.
  std::vector<const quorum::UnlockedShare*> hold_pending();
  ActiveQuorum record(Context& ctx, const script::Step& step,
                      const quorum::ApprovalRequest& request,
                      std::vector<const quorum::UnlockedShare*> approving);

  std::string name_;
  quorum::Descriptor descriptor_;
  Presenters& presenters_;
  script::Unlock unlock_;
  std::map<std::string, int> failures_;  // consecutive wrong passphrases
  std::set<std::string> locked_out_;
  std::set<std::string> other_quorum_;
  std::set<std::string> excluded_;  // this step's: refused, absent, already asked
  // unlock once: every share opened this run. every-step: the last approved step's shares.
  std::deque<quorum::UnlockedShare> held_;
  // every-step: the shares opened for the step being approved.
  std::deque<quorum::UnlockedShare> pending_;
  std::vector<const quorum::UnlockedShare*> present_;  // confirmed at the last gate
  std::map<std::string, std::string> presented_as_;    // custodian -> the path presented
};

// The word a custodian types to approve a step: the PGP word of the first byte of the step's
// SHA-256, so it changes from step to step and can only be read off the step's screen.
std::string confirmation_word(const std::string& step_sha256_hex);

}  // namespace kr::ceremony
