#include "ceremony/half_made_keys.h"

#include <set>

#include "pkcs11/attributes.h"
#include "pkcs11/keys.h"
#include "util/bytes.h"
#include "util/plural.h"

namespace kr::ceremony {

std::vector<UnsettledKeyIntent> unsettled_key_intents(const std::vector<nlohmann::json>& lines,
                                                      const script::Step& step) {
  std::set<std::uint64_t> settled;
  for (const auto& line : lines)
    if (line.value("type", "") == "artifact-abandoned")
      settled.insert(line.value("details", nlohmann::json::object()).value("intent_seq", 0ULL));
  std::vector<UnsettledKeyIntent> out;
  for (const auto& line : lines) {
    if (line.value("type", "") != "artifact-intent" || line.value("step", "") != step.id) continue;
    const auto details = line.value("details", nlohmann::json::object());
    const auto seq = line.value("seq", 0ULL);
    if (details.value("kind", "") == "key" && !settled.count(seq))
      out.push_back({seq, details.value("cka_id", "")});
  }
  return out;
}

void remove_half_made_keys(Context& ctx, const script::Step& step,
                           const std::vector<UnsettledKeyIntent>& intents) {
  const auto& label = std::get<script::GenerateKey>(step.body).label;
  const CK_OBJECT_CLASS public_class = CKO_PUBLIC_KEY, private_class = CKO_PRIVATE_KEY;
  for (const auto& [seq, id_hex] : intents) {
    const Bytes id = from_hex(id_hex).value_or(Bytes());
    if (id.empty()) continue;
    auto with = [&](const CK_OBJECT_CLASS& c) {
      return pkcs11::find_objects(*ctx.session,
                                  {pkcs11::attr(CKA_ID, id), pkcs11::attr(CKA_CLASS, &c, sizeof c)})
          .size();
    };
    if (with(public_class) > 0 && with(private_class) > 0) continue;  // whole: the room decides
    const auto n = pkcs11::destroy_objects_with_id(*ctx.session, id);
    if (n == 0) continue;
    auto e = ctx.event(transcript::EventType::key_destroyed, &step);
    e.target = "key:" + label;
    e.cause = "destroyed " + count_of(n, "object") + " with CKA_ID " + id_hex +
              " that an interrupted run of step " + step.id + " left half made (transcript line " +
              std::to_string(seq) + " announced it); never recorded as a key, never used";
    e.details["cka_id"] = id_hex;
    e.details["objects"] = n;
    e.details["intent_seq"] = seq;
    e.details["half_made"] = true;
    ctx.log->append(e);
    ctx.out << "key " << label << ": " << e.cause << "\n";
  }
}

}  // namespace kr::ceremony
