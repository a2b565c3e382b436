#include "ceremony/quorum_gate.h"

#include <algorithm>

#include "quorum/errors.h"
#include "util/time.h"

namespace kr::ceremony {

QuorumGate::QuorumGate(std::string name, quorum::Descriptor descriptor, Presenters& presenters,
                       std::set<std::string> other_quorum)
    : name_(std::move(name)),
      descriptor_(std::move(descriptor)),
      presenters_(presenters),
      other_quorum_(std::move(other_quorum)) {}

void QuorumGate::log_refusal(Context& ctx, const script::Step& step, const std::string& custodian,
                             const std::string& why) {
  auto e = ctx.event(transcript::EventType::quorum_failed, &step);
  e.outcome = transcript::Outcome::failure;
  e.target = "custodian:" + custodian;
  e.cause = why;
  e.details["quorum"] = name_;
  e.details["set_id"] = descriptor_.set_id;
  ctx.log->append(e);
  ctx.out << "  refused: " << why << "\n";
}

std::optional<quorum::UnlockedShare> QuorumGate::present(Context& ctx, const script::Step& step,
                                                         const Presentation& p,
                                                         const ActiveQuorum& so_far) {
  const std::string& who = p.custodian;
  if (!descriptor_.find_custodian(who)) {
    log_refusal(ctx, step, who,
                "\"" + who + "\" is not on the roster of the " + name_ + " share set " +
                    descriptor_.set_id);
    return std::nullopt;
  }
  for (int attempt = 1;; ++attempt) {
    auto passphrase = presenters_.passphrase(who, attempt);
    if (!passphrase) {
      if (attempt == 1) log_refusal(ctx, step, who, who + " gave no passphrase");
      return std::nullopt;
    }
    try {
      auto share = quorum::unlock_share(p.share_file, descriptor_, *passphrase);
      if (share.header.custodian != who)
        throw quorum::ShareRejected(p.share_file.string() + ": the share of " +
                                    share.header.custodian + ", presented by " + who);
      const bool twice = std::any_of(so_far.shares.begin(), so_far.shares.end(), [&](auto& s) {
        return s.share.index == share.share.index;
      });
      if (twice)
        throw quorum::ShareRejected(p.share_file.string() + ": share " +
                                    std::to_string(share.share.index) +
                                    " was already presented for this step");
      failures_[who] = 0;
      return share;
    } catch (const quorum::WrongPassphrase& e) {
      const int failures = ++failures_[who];
      log_refusal(ctx, step, who,
                  std::string(e.what()) + " (" + std::to_string(failures) + " of " +
                      std::to_string(kMaxPassphraseFailures) + " allowed)");
      if (failures >= kMaxPassphraseFailures) {
        locked_out_.insert(who);
        auto locked = ctx.event(transcript::EventType::custodian_locked_out, &step);
        locked.outcome = transcript::Outcome::failure;
        locked.target = "custodian:" + who;
        locked.cause = std::to_string(failures) + " wrong passphrases in a row";
        locked.details["quorum"] = name_;
        ctx.log->append(locked);
        ctx.out << "  " << who << " is locked out for the rest of this ceremony\n";
        return std::nullopt;
      }
    } catch (const Error& e) {  // ShareRejected, or a file that cannot be read
      log_refusal(ctx, step, who, e.what());
      return std::nullopt;
    }
  }
}

ActiveQuorum QuorumGate::approve(Context& ctx, const script::Step& step,
                                 const quorum::ApprovalRequest& request) {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  ctx.out << "step " << step.id << " needs " << m << " of " << descriptor_.shares << " "
          << name_ << " custodians; step SHA-256 " << request.step_sha256 << "\n";
  ActiveQuorum out;
  std::set<std::string> excluded = locked_out_;
  excluded.insert(other_quorum_.begin(), other_quorum_.end());
  while (out.shares.size() < m) {
    auto p = presenters_.next(step.id, excluded);
    if (!p) break;
    excluded.insert(p->custodian);
    if (auto share = present(ctx, step, *p, out)) out.shares.push_back(std::move(*share));
  }
  if (out.shares.size() < m) {
    const std::string why = "only " + std::to_string(out.shares.size()) + " of the " +
                            std::to_string(m) + " " + name_ +
                            " custodians needed approved step " + step.id +
                            "; nothing was done on the token";
    auto e = ctx.event(transcript::EventType::quorum_failed, &step);
    e.outcome = transcript::Outcome::failure;
    e.target = "step:" + step.id;
    e.cause = why;
    e.details["quorum"] = name_;
    e.details["set_id"] = descriptor_.set_id;
    ctx.log->append(e);
    throw quorum::QuorumNotMet(why);
  }
  const std::string now = format_utc(utc_now());
  std::vector<const quorum::UnlockedShare*> presented;
  for (const auto& share : out.shares) {
    presented.push_back(&share);
    out.approvals.push_back(quorum::sign_approval(share, request, now));
    auto e = ctx.event(transcript::EventType::approval_recorded, &step);
    e.target = "custodian:" + share.header.custodian;
    e.cause = "approves step " + step.id;
    e.details["quorum"] = name_;
    e.details["custodian"] = share.header.custodian;
    e.details["approval"] = quorum::to_json(out.approvals.back());
    ctx.log->append(e);
  }
  out.secret = quorum::combine_shares(descriptor_, presented);
  auto e = ctx.event(transcript::EventType::quorum_reached, &step);
  e.target = "step:" + step.id;
  e.cause = std::to_string(m) + " of " + std::to_string(descriptor_.shares) + " " + name_ +
            " custodians approved";
  e.details["quorum"] = name_;
  e.details["set_id"] = descriptor_.set_id;
  auto names = nlohmann::ordered_json::array();
  for (const auto& share : out.shares) names.push_back(share.header.custodian);
  e.details["custodians"] = names;
  ctx.log->append(e);
  ctx.out << "  approved by";
  for (const auto& share : out.shares) ctx.out << " " << share.header.custodian;
  ctx.out << "\n";
  return out;
}

}  // namespace kr::ceremony
