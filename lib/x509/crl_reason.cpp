// The CRLReason table: one row per RFC 5280 5.3.1 value, names as the RFC spells them.
#include "x509/crl_reason.h"

#include <array>

namespace kr::x509 {
namespace {

struct Row {
  CrlReason reason;
  std::string_view name;
};

constexpr std::array<Row, 10> kRows{{
    {CrlReason::unspecified, "unspecified"},
    {CrlReason::key_compromise, "keyCompromise"},
    {CrlReason::ca_compromise, "cACompromise"},
    {CrlReason::affiliation_changed, "affiliationChanged"},
    {CrlReason::superseded, "superseded"},
    {CrlReason::cessation_of_operation, "cessationOfOperation"},
    {CrlReason::certificate_hold, "certificateHold"},
    {CrlReason::remove_from_crl, "removeFromCRL"},
    {CrlReason::privilege_withdrawn, "privilegeWithdrawn"},
    {CrlReason::aa_compromise, "aACompromise"},
}};

constexpr std::array<CrlReason, 10> kReasons = [] {
  std::array<CrlReason, 10> out{};
  for (std::size_t i = 0; i < kRows.size(); ++i) out[i] = kRows[i].reason;
  return out;
}();

}  // namespace

std::span<const CrlReason> crl_reasons() {
  return kReasons;
}

std::string_view crl_reason_name(CrlReason reason) {
  for (const auto& row : kRows)
    if (row.reason == reason) return row.name;
  return "(unknown reason)";
}

std::optional<CrlReason> crl_reason_from_name(std::string_view name) {
  for (const auto& row : kRows)
    if (row.name == name) return row.reason;
  return std::nullopt;
}

std::optional<CrlReason> crl_reason_from_value(long value) {
  for (const auto& row : kRows)
    if (static_cast<long>(row.reason) == value) return row.reason;
  return std::nullopt;
}

}  // namespace kr::x509
