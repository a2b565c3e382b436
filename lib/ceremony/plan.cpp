// plan_ceremony and load_plan.
#include "ceremony/plan.h"

#include <nlohmann/json.hpp>
#include <set>

#include "ceremony/executor.h"
#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/plural.h"

namespace kr::ceremony {
namespace {

bool signs(const script::Step& step) {
  return !std::holds_alternative<script::GenerateKey>(step.body) &&
         !std::holds_alternative<script::ExportPublicKey>(step.body) &&
         !std::holds_alternative<script::BackupKey>(step.body) &&
         !std::holds_alternative<script::RestoreKey>(step.body) &&
         !std::holds_alternative<script::DestroyKey>(step.body);
}

}  // namespace

namespace {

// Why a step's to-be-signed bytes cannot be known before the ceremony runs: it signs with a key
// an earlier step makes, or reads a file an earlier step writes. Empty when they can.
std::string unknown_until_run(const script::Script& script, const script::Step& step) {
  std::set<std::string> made;  // keys generated or restored by earlier steps
  for (const auto& earlier : script.steps) {
    if (&earlier == &step) break;
    if (auto* g = std::get_if<script::GenerateKey>(&earlier.body)) made.insert(g->label);
    if (auto* r = std::get_if<script::RestoreKey>(&earlier.body)) made.insert(r->label);
  }
  std::string why;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        auto uses = [&](const std::string& label) {
          if (why.empty() && made.count(label))
            why = "key \"" + label + "\" is made by an earlier step of this ceremony";
        };
        auto reads = [&](const script::InputFile& in) {
          if (why.empty() && in.from_earlier_step)
            why = "\"" + in.path + "\" is written by an earlier step of this ceremony";
        };
        if constexpr (std::is_same_v<T, script::SelfSign> || std::is_same_v<T, script::MakeCsr>) {
          uses(b.key);
        } else if constexpr (std::is_same_v<T, script::Issue>) {
          uses(b.issuer.key);
          reads(b.issuer.certificate);
          if (b.csr) reads(*b.csr);
          if (b.public_key) reads(*b.public_key);
        } else if constexpr (std::is_same_v<T, script::CrossSign>) {
          uses(b.issuer.key);
          reads(b.issuer.certificate);
          reads(b.certificate);
        } else if constexpr (std::is_same_v<T, script::SignCrl>) {
          uses(b.issuer.key);
          reads(b.issuer.certificate);
          if (b.previous_crl) reads(*b.previous_crl);
          for (const auto& r : b.revoked)
            if (r.certificate) reads(*r.certificate);
        } else if constexpr (std::is_same_v<T, script::SignOcspResponse>) {
          uses(b.issuer.key);
          reads(b.issuer.certificate);
          if (b.signer) {
            uses(b.signer->key);
            reads(b.signer->certificate);
          }
          reads(b.certificate);
        }
      },
      step.body);
  return why;
}

}  // namespace

int plan_ceremony(const script::Script& script, RunOptions options,
                  const std::filesystem::path& tbs_dir, const Secret* user_pin, std::ostream& out) {
  options = resolve(script, options);
  check_script(script, options);
  std::filesystem::create_directories(tbs_dir);
  if (std::filesystem::exists(tbs_dir / "plan.json"))
    throw Error((tbs_dir / "plan.json").string() +
                ": already exists; keyrite never overwrites a file");
  options.plan = {};
  options.plan.planning = true;
  options.plan.tbs_dir = tbs_dir;

  Context ctx{script, options, out};
  ctx.module = pkcs11::Module::load({script.token.module, script.token.init_params});
  ctx.token = pkcs11::find_token(*ctx.module, script.token.label);
  // Read-only: planning can look keys up but cannot change the token. Under a quorum nobody
  // holds the PIN, and nobody needs it: the public key objects are readable without a login.
  ctx.session.emplace(ctx.module, ctx.token.slot, pkcs11::Access::read_only);
  if (user_pin) {
    ctx.login.emplace(*ctx.session, pkcs11::UserType::user, *user_pin);
    ctx.user_pin = user_pin;
  }

  int planned = 0;
  std::vector<Finding> refused;
  for (const auto& step : script.steps) {
    if (!signs(step)) {
      out << "step " << step.id << ": " << script::step_kind(step.body) << ": nothing to sign\n";
      continue;
    }
    if (auto why = unknown_until_run(script, step); !why.empty()) {
      out << "step " << step.id << ": not known until the ceremony runs (" << why << ")\n";
      continue;
    }
    try {
      handler_for(step).run(ctx, step);
      throw Error("step " + step.id + " ran to the end in plan mode");  // never: the pipeline stops
    } catch (const PlannedStop&) {
      ++planned;
    } catch (const CheckFailed& e) {
      refused.insert(refused.end(), e.findings().begin(), e.findings().end());
    } catch (const std::exception& e) {
      // Everything this step needs is already known, so a refusal now is a refusal in the run.
      refused.push_back({step.position, e.what()});
    }
  }
  if (!refused.empty()) throw CheckFailed(std::move(refused));

  nlohmann::ordered_json plan;
  plan["keyrite_plan"] = 1;
  plan["ceremony"] = script.ceremony_id;
  plan["script_sha256"] = ossl::sha256_file_hex(script.file);
  auto steps = nlohmann::ordered_json::object();
  const auto& recorded = ctx.options.plan;  // the context's copy is the one the steps filled
  for (const auto& [id, digest] : recorded.tbs_sha256) {
    nlohmann::ordered_json entry;
    entry["tbs_sha256"] = digest;
    if (auto it = recorded.serials.find(id); it != recorded.serials.end())
      entry["serial"] = to_hex(it->second);
    steps[id] = entry;
  }
  plan["steps"] = steps;
  write_new_file(tbs_dir / "plan.json", as_bytes(plan.dump(2) + "\n"));
  out << count_of(planned, "step") << " planned; plan: " << (tbs_dir / "plan.json").string()
      << "\n";
  return planned;
}

void load_plan(const std::filesystem::path& plan_file, const script::Script& script,
               RunOptions& options) {
  auto data = read_file(plan_file);
  auto plan = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
  auto bad = [&](const std::string& why) {
    return Error(plan_file.string() + ": " + why, "make the plan again with kr-ceremony plan");
  };
  if (plan.is_discarded() || !plan.is_object() || plan.value("keyrite_plan", 0) != 1 ||
      !plan.contains("steps") || !plan["steps"].is_object())
    throw bad("not a keyrite plan");
  if (plan.value("ceremony", "") != script.ceremony_id)
    throw bad("is the plan of ceremony \"" + plan.value("ceremony", "") + "\", not \"" +
              script.ceremony_id + "\"");
  if (plan.value("script_sha256", "") != ossl::sha256_file_hex(script.file))
    throw bad("was made for another version of " + script.file);
  for (const auto& [id, entry] : plan["steps"].items()) {
    if (!entry.is_object() || !entry.contains("tbs_sha256") || !entry["tbs_sha256"].is_string())
      throw bad("step " + id + " has no tbs_sha256");
    options.plan.tbs_sha256[id] = entry["tbs_sha256"].get<std::string>();
    if (entry.contains("serial")) {
      auto serial =
          entry["serial"].is_string() ? from_hex(entry["serial"].get<std::string>()) : std::nullopt;
      if (!serial || serial->empty()) throw bad("step " + id + " has a serial that is not hex");
      options.plan.serials[id] = *serial;
    }
  }
}

}  // namespace kr::ceremony
