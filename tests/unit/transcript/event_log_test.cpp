// The event log's on-disk form: fixed field order, sequence numbers, no overwrite.
#include "transcript/event_log.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "util/atomic_file.h"

using namespace kr;
using namespace kr::transcript;

TEST_SUITE("transcript::EventLog") {
  TEST_CASE("events are written as JSON lines with the CPS 5.4.1 fields in a fixed order") {
    test::TempDir dir;
    {
      EventLog log(dir / "events.jsonl");
      Event e;
      e.type = EventType::key_generated;
      e.operator_name = "Alex";
      e.target = "key:root-ca-1";
      e.cause = "key-1";
      e.step = "key-1";
      e.outputs.push_back({"root-ca-1.pub.pem", std::string(64, 'a')});
      e.details["algorithm"] = "RSA 2048";
      CHECK(log.append(e) == 0);
      e.type = EventType::step_failed;
      e.outcome = Outcome::failure;
      CHECK(log.append(e) == 1);
    }
    std::ifstream in(dir / "events.jsonl");
    std::string first, second, third;
    std::getline(in, first);
    std::getline(in, second);
    CHECK_FALSE(std::getline(in, third));
    CHECK(first.rfind(R"({"seq":0,"type":"key-generated","time":")", 0) == 0);
    auto j = nlohmann::ordered_json::parse(first);
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"seq", "type", "time", "outcome", "operator", "target",
                                           "cause", "step", "inputs", "outputs", "details"});
    CHECK(j["outputs"][0]["name"] == "root-ca-1.pub.pem");
    auto k = nlohmann::json::parse(second);
    CHECK(k["seq"] == 1);
    CHECK(k["outcome"] == "failure");
    CHECK(k["type"] == "step-failed");
  }

  TEST_CASE("an existing log is never reopened or overwritten") {
    test::TempDir dir;
    write_new_file(dir / "events.jsonl", as_bytes("old\n"));
    CHECK_THROWS_WITH(EventLog(dir / "events.jsonl"),
                      ((dir / "events.jsonl").string() +
                       ": already exists; keyrite never overwrites an event log")
                          .c_str());
    CHECK(read_file(dir / "events.jsonl") == Bytes{'o', 'l', 'd', '\n'});
  }
}
