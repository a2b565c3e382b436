#include "ceremony/quorum_gate.h"

#include <algorithm>

#include "ceremony/progress.h"
#include "ceremony/share_lookup.h"
#include "quorum/errors.h"
#include "util/pgp_words.h"
#include "util/time.h"

namespace kr::ceremony {

std::string confirmation_word(const std::string& step_sha256_hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  const std::uint8_t first =
      step_sha256_hex.size() >= 2
          ? static_cast<std::uint8_t>(nibble(step_sha256_hex[0]) * 16 + nibble(step_sha256_hex[1]))
          : 0;
  const Bytes one{first};
  return pgp_words(one).front();
}

QuorumGate::QuorumGate(std::string name, quorum::Descriptor descriptor, Presenters& presenters,
                       script::Unlock unlock, std::set<std::string> other_quorum)
    : name_(std::move(name)),
      descriptor_(std::move(descriptor)),
      presenters_(presenters),
      unlock_(unlock),
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
  ctx.out << "  refused: " << why << "\n" << std::flush;
}

// Open in this presentation (pending_: an every-step approval, or the closing checkpoint of a
// resumed ceremony, in either mode), or earlier in the run and kept open (held_, `once` mode only:
// in every-step mode the last step's shares are held but each step opens them anew).
bool QuorumGate::is_open(const std::string& custodian) const {
  auto same = [&](const quorum::UnlockedShare& s) { return s.header.custodian == custodian; };
  if (std::any_of(pending_.begin(), pending_.end(), same)) return true;
  return unlock_ == script::Unlock::once && std::any_of(held_.begin(), held_.end(), same);
}

const quorum::UnlockedShare* QuorumGate::present(Context& ctx, const script::Step& step,
                                                 const Presentation& p,
                                                 std::deque<quorum::UnlockedShare>& into) {
  // The rehearsal names the other quorum's custodians too; they are passed over quietly.
  if (!p.custodian.empty() && other_quorum_.count(p.custodian)) return nullptr;
  const std::string named = p.custodian.empty() ? p.share_file.string() : p.custodian;
  if (!p.custodian.empty() && !descriptor_.find_custodian(p.custodian)) {
    log_refusal(ctx, step, p.custodian,
                "\"" + p.custodian + "\" is not on the roster of the " + name_ + " share set " +
                    descriptor_.set_id);
    return nullptr;
  }
  std::filesystem::path file;
  quorum::ShareFile parsed;
  try {
    file = locate_share(p.share_file, descriptor_);
    // The header first: whose file this is decides every refusal below, and none costs a try.
    try {
      const auto header = quorum::read_share_file(file).header;
      if (other_quorum_.count(header.custodian) && header.set_id != descriptor_.set_id)
        return nullptr;
    } catch (const Error&) {
    }
    parsed = quorum::check_share_file(file, descriptor_);
  } catch (const Error& e) {
    log_refusal(ctx, step, named, std::string(e.what()) + " (no try counted)");
    return nullptr;
  }
  const std::string who = parsed.header.custodian;
  excluded_.insert(who);
  if (!p.custodian.empty() && p.custodian != who) {
    log_refusal(ctx, step, p.custodian,
                file.string() + " is the share of " + who + ", presented as " + p.custodian +
                    "'s (no try counted)");
    return nullptr;
  }
  if (locked_out_.count(who)) {
    log_refusal(ctx, step, who, who + " is locked out for the rest of this run");
    return nullptr;
  }
  if (is_open(who)) {
    log_refusal(ctx, step, who,
                file.string() + ": the share of " + who + " is open already (no try counted)");
    return nullptr;
  }
  ctx.out << "  " << file.string() << ": the share of " << who << " (share " << parsed.header.index
          << " of " << descriptor_.shares << ", " << name_ << " set " << descriptor_.set_id << ")\n"
          << std::flush;
  for (int attempt = 1;; ++attempt) {
    auto passphrase = presenters_.passphrase(who, attempt);
    if (!passphrase || passphrase->empty()) {
      log_refusal(ctx, step, who, who + " cancelled the passphrase entry (no try counted)");
      return nullptr;
    }
    try {
      auto share = [&] {
        Progress progress(ctx.out, ctx.options.terminal ? Display::ticker : Display::lines,
                          "  opening the share of " + who + " (Argon2id, " +
                              std::to_string(parsed.header.kdf.memory_kib / 1024) + " MiB)");
        return quorum::open_checked_share(file, parsed, descriptor_, *passphrase);
      }();
      failures_[who] = 0;
      presented_as_[who] = p.share_file.string();
      into.push_back(std::move(share));
      return &into.back();
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
        ctx.out << "  " << who << " is locked out for the rest of this run\n";
        return nullptr;
      }
    } catch (const Error& e) {  // ShareRejected after decryption, or an unreadable file
      log_refusal(ctx, step, who, e.what());
      return nullptr;
    }
  }
}

std::optional<ActiveQuorum> QuorumGate::approve_once(Context& ctx, const script::Step& step,
                                                     const std::string& word) {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  std::vector<const quorum::UnlockedShare*> confirmed;
  auto ask = [&](const quorum::UnlockedShare& share) {
    const std::string& who = share.header.custodian;
    if (presenters_.confirm(who, step.id, word)) {
      confirmed.push_back(&share);
      ctx.out << "  " << who << " approves (" << confirmed.size() << " of " << m << " approved)\n"
              << std::flush;
    } else {
      log_refusal(ctx, step, who, who + " did not confirm step " + step.id + ": not present");
    }
  };
  for (const auto& share : held_) {
    excluded_.insert(share.header.custodian);
    excluded_.insert(presented_as_[share.header.custodian]);
  }
  for (const auto& share : held_) {
    if (confirmed.size() == m) break;
    ask(share);
  }
  while (confirmed.size() < m) {
    auto p = presenters_.next(step.id, excluded_);
    if (!p) break;
    if (!p->custodian.empty()) excluded_.insert(p->custodian);
    excluded_.insert(p->share_file.string());
    if (const auto* share = present(ctx, step, *p, held_)) ask(*share);
  }
  present_ = confirmed;
  if (confirmed.size() < m) return std::nullopt;
  ActiveQuorum out;
  out.shares = std::move(confirmed);
  return out;
}

bool QuorumGate::open_pending(Context& ctx, const script::Step& step, const std::string& verb,
                              const std::string& after_count) {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  pending_.clear();
  while (pending_.size() < m) {
    auto p = presenters_.next(step.id, excluded_);
    if (!p) break;
    if (!p->custodian.empty()) excluded_.insert(p->custodian);
    excluded_.insert(p->share_file.string());
    if (const auto* share = present(ctx, step, *p, pending_))
      ctx.out << "  " << share->header.custodian << " " << verb << " (" << pending_.size() << " of "
              << m << after_count << ")\n"
              << std::flush;
  }
  return pending_.size() >= m;
}

std::vector<const quorum::UnlockedShare*> QuorumGate::hold_pending() {
  held_.swap(pending_);  // swap keeps the shares where the pointers below find them
  pending_.clear();
  std::vector<const quorum::UnlockedShare*> shares;
  for (const auto& share : held_) shares.push_back(&share);
  present_ = shares;
  return shares;
}

std::optional<ActiveQuorum> QuorumGate::approve_every_step(Context& ctx, const script::Step& step) {
  const bool enough = open_pending(ctx, step, "approves", " approved");
  present_.clear();
  for (const auto& share : pending_) present_.push_back(&share);
  if (!enough) return std::nullopt;  // the last approved step's shares stay held
  ActiveQuorum out;
  out.shares = hold_pending();
  return out;
}

ActiveQuorum QuorumGate::record(Context& ctx, const script::Step& step,
                                const quorum::ApprovalRequest& request,
                                std::vector<const quorum::UnlockedShare*> approving) {
  const auto m = descriptor_.threshold;
  ActiveQuorum out;
  out.shares = std::move(approving);
  const std::string now = format_utc(utc_now());
  for (const auto* share : out.shares) {
    out.approvals.push_back(quorum::sign_approval(*share, request, now));
    auto e = ctx.event(transcript::EventType::approval_recorded, &step);
    e.target = "custodian:" + share->header.custodian;
    e.cause = "approves step " + step.id;
    e.details["quorum"] = name_;
    e.details["custodian"] = share->header.custodian;
    e.details["approval"] = quorum::to_json(out.approvals.back());
    ctx.log->append(e);
  }
  out.secret = quorum::combine_shares(descriptor_, out.shares);
  auto e = ctx.event(transcript::EventType::quorum_reached, &step);
  e.target = "step:" + step.id;
  e.cause = std::to_string(m) + " of " + std::to_string(descriptor_.shares) + " " + name_ +
            " custodians approved";
  e.details["quorum"] = name_;
  e.details["set_id"] = descriptor_.set_id;
  auto names = nlohmann::ordered_json::array();
  for (const auto* share : out.shares) names.push_back(share->header.custodian);
  e.details["custodians"] = names;
  ctx.log->append(e);
  ctx.out << "  approved by";
  for (const auto* share : out.shares) ctx.out << " " << share->header.custodian << ";";
  ctx.out << "\n" << std::flush;
  return out;
}

std::optional<ActiveQuorum> QuorumGate::approve(Context& ctx, const script::Step& step,
                                                const quorum::ApprovalRequest& request,
                                                const std::string& word) {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  ctx.out << "step " << step.id << " needs " << m << " of " << descriptor_.shares << " " << name_
          << " custodians"
          << (unlock_ == script::Unlock::once
                  ? "; each confirms by typing \"" + word + "\""
                  : "; each opens their share (quorum.unlock: every-step)")
          << "\n"
          << std::flush;
  excluded_ = locked_out_;
  excluded_.insert(other_quorum_.begin(), other_quorum_.end());
  auto approved = unlock_ == script::Unlock::once ? approve_once(ctx, step, word)
                                                  : approve_every_step(ctx, step);
  if (!approved) {
    const std::string why = "only " + std::to_string(present_.size()) + " of the " +
                            std::to_string(m) + " " + name_ + " custodians needed approved step " +
                            step.id + "; nothing was done on the token";
    auto e = ctx.event(transcript::EventType::quorum_failed, &step);
    e.outcome = transcript::Outcome::failure;
    e.target = "step:" + step.id;
    e.cause = why;
    e.details["quorum"] = name_;
    e.details["set_id"] = descriptor_.set_id;
    ctx.log->append(e);
    ctx.out << "  " << why << "\n" << std::flush;
    return std::nullopt;
  }
  return record(ctx, step, request, std::move(approved->shares));
}

std::optional<ClosingQuorum> QuorumGate::closing() const {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  if (held_.size() < m) return std::nullopt;
  std::vector<const quorum::UnlockedShare*> shares;
  for (const auto& share : held_) {
    if (shares.size() == m) break;
    shares.push_back(&share);
  }
  ClosingQuorum out;
  out.secret = quorum::combine_shares(descriptor_, shares);
  out.cosigners = present_;
  return out;
}

std::optional<ClosingQuorum> QuorumGate::open_for_closing(Context& ctx,
                                                          const script::Step& last_step) {
  const auto m = static_cast<std::size_t>(descriptor_.threshold);
  ctx.out << "the closing checkpoint needs " << m << " of " << descriptor_.shares << " " << name_
          << " custodians; each opens their share to log the token in and cosigns the checkpoint\n"
          << std::flush;
  excluded_ = locked_out_;
  excluded_.insert(other_quorum_.begin(), other_quorum_.end());
  if (!open_pending(ctx, last_step, "opened their share", "")) {
    const std::string why = "only " + std::to_string(pending_.size()) + " of the " +
                            std::to_string(m) + " " + name_ +
                            " custodians needed opened their shares: the closing checkpoint "
                            "cannot be signed";
    auto e = ctx.event(transcript::EventType::quorum_failed, &last_step);
    e.outcome = transcript::Outcome::failure;
    e.target = "ceremony:" + ctx.script.ceremony_id;
    e.cause = why;
    e.details["quorum"] = name_;
    e.details["set_id"] = descriptor_.set_id;
    ctx.log->append(e);
    ctx.out << "  " << why << "\n" << std::flush;
    return std::nullopt;
  }
  ClosingQuorum out;
  out.cosigners = hold_pending();
  out.secret = quorum::combine_shares(descriptor_, out.cosigners);
  return out;
}

}  // namespace kr::ceremony
