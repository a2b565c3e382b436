// kr-ceremony: check or run a ceremony script.
#include "ceremony/executor.h"
#include "script/parser.h"
#include "tool_main.h"

namespace {

struct Args {
  std::string script;
  std::string output_dir = ".";
  std::string log;
  std::string profiles;
  int pin_fd = -1;
};

kr::ceremony::RunOptions options(const Args& a) {
  kr::ceremony::RunOptions o;
  o.output_dir = a.output_dir;
  o.log_path = a.log;
  o.profiles_dir = a.profiles;
  return o;
}

kr::script::Script load(const Args& a) {
  kr::script::ParseOptions parse;
  parse.output_dir = a.output_dir;
  return kr::script::parse_script_file(a.script, parse);
}

int check(const Args& a) {
  auto script = load(a);
  kr::ceremony::check_offline(script, options(a));
  std::cout << a.script << ": OK: ceremony " << script.ceremony_id << ", " << script.steps.size()
            << " step(s), token \"" << script.token.label << "\"\n";
  return 0;
}

int run(const Args& a) {
  auto script = load(a);
  kr::ceremony::check_offline(script, options(a));
  auto pin = kr::tools::read_pin(a.pin_fd, "user PIN for token \"" + script.token.label + "\"");
  kr::ceremony::run_ceremony(script, options(a), pin, std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kr-ceremony: check and run keyrite ceremony scripts"};
  app.require_subcommand(1);
  Args args;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("SCRIPT", args.script, "ceremony script (YAML)")->required();
    cmd->add_option("--output-dir", args.output_dir, "where outputs are written")
        ->capture_default_str();
    cmd->add_option("--profiles", args.profiles, "profiles directory (default: templates/profiles)");
  };
  auto* check_cmd = app.add_subcommand("check", "validate a script without touching the token");
  add_common(check_cmd);
  auto* run_cmd = app.add_subcommand("run", "run a script against its token");
  add_common(run_cmd);
  run_cmd->add_option("--log", args.log, "event log (default: OUTPUT_DIR/CEREMONY.events.jsonl)");
  run_cmd->add_option("--pin-fd", args.pin_fd, "read the user PIN from this file descriptor");
  return kr::tools::parse_and_run(app, argc, argv, "kr-ceremony", [&] {
    return check_cmd->parsed() ? check(args) : run(args);
  });
}
