#include "ceremony/half_made_keys.h"

#include <set>

#include "pkcs11/attributes.h"
#include "pkcs11/keys.h"
#include "pkcs11/wrap.h"
#include "util/bytes.h"
#include "util/plural.h"

namespace kr::ceremony {
namespace {

bool absent_or_empty(const std::optional<Bytes>& value) {
  return !value || value->empty();
}

// Key objects that carry no CKA_ID, no label and no key material (CKA_EC_PARAMS or CKA_MODULUS,
// which every EC or RSA key object has and which are never sensitive): SoftHSM creates each object
// of a pair with CKA_CLASS and CKA_KEY_TYPE and writes the rest after, so a process killed in
// between leaves such an object (kill_sweep_test: 56 bytes, those two attributes), which the
// CKA_ID search cannot find. Nobody can identify or use it: destroying it loses nothing. Only the
// kinds keyrite makes (EC and RSA keys) are looked at.
std::vector<CK_OBJECT_HANDLE> nameless_empty_keys(pkcs11::Session& session) {
  std::vector<CK_OBJECT_HANDLE> out;
  for (const CK_OBJECT_CLASS c : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY})
    for (const CK_KEY_TYPE t : {CKK_EC, CKK_RSA})
      for (CK_OBJECT_HANDLE h : pkcs11::find_objects(
               session,
               {pkcs11::attr(CKA_CLASS, &c, sizeof c), pkcs11::attr(CKA_KEY_TYPE, &t, sizeof t)}))
        if (absent_or_empty(pkcs11::get_attribute(session, h, CKA_ID)) &&
            absent_or_empty(pkcs11::get_attribute(session, h, CKA_LABEL)) &&
            absent_or_empty(pkcs11::get_attribute(session, h, CKA_EC_PARAMS)) &&
            absent_or_empty(pkcs11::get_attribute(session, h, CKA_MODULUS)))
          out.push_back(h);
  return out;
}

// The key-destroyed event of objects an interrupted generation of `step` left half made (intent
// at line `seq`), told to the room too. `cka_id` is null for objects that have none.
void record_half_made(Context& ctx, const script::Step& step, const std::string& cause,
                      std::size_t objects, const nlohmann::json& cka_id, std::uint64_t seq,
                      bool empty) {
  const auto& label = std::get<script::GenerateKey>(step.body).label;
  auto e = ctx.event(transcript::EventType::key_destroyed, &step);
  e.target = "key:" + label;
  e.cause = cause;
  e.details["cka_id"] = cka_id;
  e.details["objects"] = objects;
  e.details["intent_seq"] = seq;
  e.details["half_made"] = true;
  if (empty) e.details["empty"] = true;
  ctx.log->append(e);
  ctx.out << "key " << label << ": " << e.cause << "\n";
}

}  // namespace

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
    record_half_made(ctx, step,
                     "destroyed " + count_of(n, "object") + " with CKA_ID " + id_hex +
                         " that an interrupted run of step " + step.id +
                         " left half made (transcript line " + std::to_string(seq) +
                         " announced it); never recorded as a key, never used",
                     n, id_hex, seq, false);
  }
  if (intents.empty()) return;
  const auto empty = nameless_empty_keys(*ctx.session);
  if (empty.empty()) return;
  for (CK_OBJECT_HANDLE h : empty) pkcs11::destroy_object(*ctx.session, h);
  const auto seq = intents.back().seq;
  record_half_made(ctx, step,
                   "destroyed " + count_of(empty.size(), "key object") +
                       " with no CKA_ID, no label and no key material, which an interrupted run "
                       "of step " +
                       step.id + " left when it died inside C_GenerateKeyPair (transcript line " +
                       std::to_string(seq) + " announced it); never recorded, never usable",
                   empty.size(), nullptr, seq, true);
}

}  // namespace kr::ceremony
