// Recording intents and settling them (intent.h).
#include "ceremony/intent.h"

#include "ceremony/context.h"

namespace kr::ceremony {

OpenIntent& record_intent(Context& ctx, const script::Step& step, const std::string& kind,
                          const std::string& target, nlohmann::ordered_json details) {
  auto e = ctx.event(transcript::EventType::artifact_intent, &step);
  e.target = target;
  nlohmann::ordered_json d;
  d["kind"] = kind;
  for (auto it = details.begin(); it != details.end(); ++it) d[it.key()] = it.value();
  e.details = std::move(d);
  OpenIntent intent;
  intent.kind = kind;
  intent.target = target;
  intent.seq = ctx.log->append(e);
  ctx.intents.push_back(std::move(intent));
  return ctx.intents.back();
}

void settle_intents(Context& ctx) {
  ctx.intents.clear();
}

void note_written(Context& ctx, const std::string& relative, const std::string& sha256) {
  for (auto& intent : ctx.intents)
    if (intent.target == "file:" + relative) intent.written_sha256 = sha256;
}

void abandon_intents(Context& ctx, const script::Step& step, const std::string& why) noexcept {
  auto intents = std::move(ctx.intents);
  ctx.intents.clear();
  for (auto& intent : intents) {
    try {
      auto e = ctx.event(transcript::EventType::artifact_abandoned, &step);
      e.outcome = transcript::Outcome::failure;
      e.target = intent.target;
      e.cause = why;
      e.details["intent_seq"] = intent.seq;
      e.details["kind"] = intent.kind;
      std::vector<std::string> notes = intent.left_behind;
      if (intent.target.rfind("file:", 0) == 0) {
        if (intent.written_sha256.empty()) {
          notes.push_back("nothing written: the temporary file was removed");
        } else {
          notes.push_back("the file was written before the step failed");
          e.outputs.push_back({intent.target.substr(5), intent.written_sha256});
        }
      }
      if (intent.on_abandon) {
        try {
          notes.push_back(intent.on_abandon());
        } catch (const std::exception& err) {
          notes.push_back(std::string("could not undo: ") + err.what());
        }
      }
      e.details["left_behind"] = notes;
      ctx.log->append(e);
    } catch (const std::exception& err) {
      ctx.out << "could not record the abandoned " << intent.kind << " " << intent.target << ": "
              << err.what() << "\n";
    }
  }
}

}  // namespace kr::ceremony
